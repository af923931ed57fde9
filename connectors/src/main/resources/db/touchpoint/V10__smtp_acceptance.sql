-- What the SMTP relay accepted, written the moment it answered 250 (outside any transaction): a send whose node
-- died before the answer reached the delivery ledger is recorded from here instead of being mailed again.
create table if not exists tp_smtp_acceptance (
  delivery_id varchar(36)  not null primary key,
  message_id  varchar(100) not null,
  accepted_at timestamp with time zone not null
);
