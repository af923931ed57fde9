-- One row per provider message id, locked by whoever records something about that message: the
-- send recording the id the provider gave it, or a status report for it. Serialises the two, so a
-- report that arrives while the send is recording its id is never missed by both.
create table if not exists tp_provider_message (
  provider            varchar(30)  not null,
  provider_message_id varchar(100) not null,
  primary key (provider, provider_message_id)
);
