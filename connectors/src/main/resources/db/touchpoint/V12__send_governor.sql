-- The send governor. A held send is a ledger row HELD (outcome_code: why) whose job waits at its channel task
-- until the hold ends; first_due_at is when it was first due (hold limits count from it), released_at when the
-- governor let it go (frequency caps count by it), both on the engine's clock.
alter table tp_delivery add column if not exists message_type varchar(20);
alter table tp_delivery add column if not exists released_at timestamp with time zone;
alter table tp_delivery add column if not exists first_due_at timestamp with time zone;
create index if not exists tp_delivery_released on tp_delivery (contact_id, released_at);

-- One row per contact that has had a capped send: locked while a send is decided, so two nodes deciding for the
-- same contact at once count each other's sends.
create table if not exists tp_contact_lock (
  contact_id varchar(255) not null primary key
);

-- Emergency stops: while one is active (not lifted), sends in its scope are held.
create table if not exists tp_governor_pause (
  id         varchar(36)  not null primary key,
  scope      varchar(300) not null,
  reason     varchar(500),
  created_at timestamp with time zone not null,
  lifted_at  timestamp with time zone
);
create index if not exists tp_governor_pause_active on tp_governor_pause (lifted_at);
