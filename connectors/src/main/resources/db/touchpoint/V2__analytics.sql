-- What journey analytics needs beyond the delivery ledger (V1) and the engine's history.

-- Sends skipped on purpose (opted out, no usable recipient) are few: analytics finds them by outcome.
create index if not exists tp_delivery_outcome on tp_delivery (outcome, process_instance_id);

-- Email unsubscribe links followed, per delivery (tp_opt_out keeps only the address, and loses it on re-opt-in).
create table if not exists tp_unsubscribe (
  delivery_id     varchar(36) not null primary key,
  unsubscribed_at timestamp with time zone not null
);

-- Every webhook call a journey made, each attempt of a retried one too. http_status 0: no answer;
-- error_code: WebhookTask's code (WEBHOOK_5XX...), null for a success.
create table if not exists tp_webhook_call (
  id                  varchar(36)  not null primary key,
  journey_key         varchar(255) not null,
  process_instance_id varchar(64)  not null,
  activity_id         varchar(255) not null,
  http_status         integer      not null,
  error_code          varchar(50),
  called_at           timestamp with time zone not null
);
create index if not exists tp_webhook_call_journey on tp_webhook_call (journey_key, activity_id);
create index if not exists tp_webhook_call_instance on tp_webhook_call (process_instance_id);
