-- Touchpoint's own tables, beside the engine's. Portable between H2 and PostgreSQL, and
-- idempotent, so nodes of a cluster starting at once can all run it.

-- One row per send of a channel task; the idempotency key makes a retried job find its row.
-- delivered_via: the channel the provider fell back to (an RCS message delivered as SMS).
-- parent_id: set on the parts of a send to several addresses (a contact's devices).
create table if not exists tp_delivery (
  id                  varchar(36)  not null primary key,
  idempotency_key     varchar(200) not null,
  journey_key         varchar(255) not null,
  process_instance_id varchar(64)  not null,
  activity_id         varchar(255) not null,
  contact_id          varchar(255),
  channel             varchar(20)  not null,
  recipient           varchar(320),
  provider            varchar(30)  not null,
  provider_message_id varchar(100),
  outcome             varchar(20)  not null,
  outcome_reason      varchar(500),
  delivered_via       varchar(20),
  parent_id           varchar(36),
  created_at          timestamp with time zone not null,
  updated_at          timestamp with time zone not null,
  constraint tp_delivery_idempotency unique (idempotency_key)
);
create unique index if not exists tp_delivery_provider_message on tp_delivery (provider, provider_message_id);
create index if not exists tp_delivery_recipient on tp_delivery (channel, recipient, created_at);
create index if not exists tp_delivery_journey on tp_delivery (journey_key, activity_id);
create index if not exists tp_delivery_instance on tp_delivery (process_instance_id);
create index if not exists tp_delivery_parent on tp_delivery (parent_id);

-- Every status a delivery has reached, once each; implied = learned from a later status.
create table if not exists tp_delivery_status (
  delivery_id     varchar(36) not null,
  status          varchar(20) not null,
  provider_status varchar(50),
  error_code      varchar(50),
  implied         boolean     not null,
  occurred_at     timestamp with time zone not null,
  recorded_at     timestamp with time zone not null,
  primary key (delivery_id, status)
);

-- Provider reports stored before they are acted on, matched or not (a status can arrive
-- before the send recorded the provider's message id).
create table if not exists tp_status_report (
  id                  varchar(36)  not null primary key,
  provider            varchar(30)  not null,
  provider_message_id varchar(100) not null,
  status              varchar(20)  not null,
  provider_status     varchar(50),
  error_code          varchar(50),
  channel_used        varchar(20),
  occurred_at         timestamp with time zone not null,
  received_at         timestamp with time zone not null,
  delivery_id         varchar(36)
);
create index if not exists tp_status_report_unmatched on tp_status_report (provider, provider_message_id);

-- A status catch event that is waiting, written in the same transaction as its subscription,
-- so a status that arrived before (or while a node crashed) is still correlated.
create table if not exists tp_status_wait (
  delivery_id         varchar(36)  not null,
  status              varchar(20)  not null,
  process_instance_id varchar(64)  not null,
  created_at          timestamp with time zone not null
);
create index if not exists tp_status_wait_delivery on tp_status_wait (delivery_id, status);
create index if not exists tp_status_wait_instance on tp_status_wait (process_instance_id);

-- Inbound messages (replies, keywords), kept for attribution and audit. payload: the quick-reply
-- button's payload; replied_to: the provider id of the message the contact replied to, if known.
create table if not exists tp_inbound_message (
  id                  varchar(36)  not null primary key,
  provider            varchar(30)  not null,
  provider_message_id varchar(100) not null,
  channel             varchar(20)  not null,
  sender              varchar(320) not null,
  body                varchar(4000),
  payload             varchar(1000),
  replied_to          varchar(100),
  delivery_id         varchar(36),
  received_at         timestamp with time zone not null,
  constraint tp_inbound_provider_message unique (provider, provider_message_id)
);
create index if not exists tp_inbound_delivery on tp_inbound_message (delivery_id, received_at);

-- Addresses that asked not to be contacted on a channel (STOP); a later START removes the row.
create table if not exists tp_opt_out (
  channel    varchar(20)  not null,
  address    varchar(320) not null,
  keyword    varchar(50),
  created_at timestamp with time zone not null,
  primary key (channel, address)
);

-- Business events already accepted, so the same event id twice starts nothing new.
create table if not exists tp_event (
  id          varchar(200) not null primary key,
  name        varchar(200) not null,
  contact_id  varchar(255) not null,
  received_at timestamp with time zone not null,
  result      varchar(8000) not null
);

-- Who is in which journey, to apply the journey's re-entry rule on every node alike.
create table if not exists tp_journey_entry (
  journey_key         varchar(255) not null,
  contact_id          varchar(255) not null,
  process_instance_id varchar(64)  not null,
  entered_at          timestamp with time zone not null,
  primary key (journey_key, contact_id)
);

-- Rich content created at a provider (Twilio Content API), by a hash of its structure, so each
-- distinct card or carousel is created once for all journeys and nodes.
create table if not exists tp_provider_content (
  provider    varchar(30)  not null,
  content_key varchar(64)  not null,
  content_sid varchar(100) not null,
  created_at  timestamp with time zone not null,
  primary key (provider, content_key)
);

-- Email opens by image proxies (recognised by user agent): kept apart from the OPENED status.
create table if not exists tp_machine_open (
  delivery_id varchar(36)  not null,
  user_agent  varchar(300),
  opened_at   timestamp with time zone not null
);
create index if not exists tp_machine_open_delivery on tp_machine_open (delivery_id);
