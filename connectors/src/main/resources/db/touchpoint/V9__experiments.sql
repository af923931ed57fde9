-- Experiments: each contact's group in each experiment (a variant of a split, or the journey's holdout), first
-- assignment only, and when the journey's goal event converted them within the split's window.
create table if not exists tp_experiment_assignment (
  experiment_key      varchar(100) not null,
  contact_id          varchar(255) not null,
  group_name          varchar(50)  not null,
  journey_key         varchar(255) not null,
  process_instance_id varchar(64)  not null,
  assigned_at         timestamp with time zone not null,
  conversion_event    varchar(100) not null,
  window_ends_at      timestamp with time zone not null,
  converted_at        timestamp with time zone,
  primary key (experiment_key, contact_id)
);
create index if not exists tp_experiment_assignment_contact on tp_experiment_assignment (contact_id, conversion_event);
create index if not exists tp_experiment_assignment_journey on tp_experiment_assignment (journey_key, experiment_key);
