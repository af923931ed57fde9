-- What operators did to running journeys (migrations, retries, skips, moves, cancellations): who, when, why, and
-- which contacts. batch_ids: the Camunda batches that carry the action out (one per journey version touched).
create table if not exists tp_operator_action (
  id           varchar(64)  not null primary key,
  journey_key  varchar(255) not null,
  action       varchar(20)  not null,
  step         varchar(255),
  target       varchar(255),
  from_version integer,
  to_version   integer,
  contacts     integer      not null,
  batch_ids    varchar(1000),
  requested_by varchar(255) not null,
  reason       varchar(1000),
  requested_at timestamp with time zone not null
);
create index if not exists tp_operator_action_journey on tp_operator_action (journey_key, requested_at);

-- The journey instances an action was applied to, with their contact.
create table if not exists tp_operator_action_instance (
  action_id           varchar(64)  not null,
  process_instance_id varchar(64)  not null,
  contact_id          varchar(255),
  primary key (action_id, process_instance_id)
);
