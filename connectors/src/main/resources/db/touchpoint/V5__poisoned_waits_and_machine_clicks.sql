-- Status waits that cannot be correlated (a poisoned wait) are retried with a growing delay and then
-- given up on; email clicks by link scanners are kept apart from the CLICKED status.

-- attempts: failed correlations so far; next_attempt_at: when the sweeper may try again;
-- last_error: the engine's answer to the last attempt.
alter table tp_status_wait add column if not exists attempts integer default 0 not null;
alter table tp_status_wait add column if not exists next_attempt_at timestamp with time zone;
alter table tp_status_wait add column if not exists last_error varchar(1000);
update tp_status_wait set next_attempt_at = created_at where next_attempt_at is null;
create index if not exists tp_status_wait_due on tp_status_wait (next_attempt_at);

-- Waits given up on after the last attempt, until an operator retries or discards them
-- (/api/dead-letters) or their journey ends.
create table if not exists tp_status_dead_letter (
  id                  varchar(36)  not null primary key,
  delivery_id         varchar(36)  not null,
  status              varchar(20)  not null,
  process_instance_id varchar(64)  not null,
  attempts            integer      not null,
  last_error          varchar(1000),
  waiting_since       timestamp with time zone not null,
  dead_at             timestamp with time zone not null,
  constraint tp_status_dead_letter_wait unique (delivery_id, status)
);
create index if not exists tp_status_dead_letter_instance on tp_status_dead_letter (process_instance_id);

-- Clicks on an email's links by link scanners: a known scanner's user agent (reason AGENT), or
-- several links of one email hit within seconds of its send (reason PREFETCH). link: a hash of the
-- target, so distinct links can be told apart without keeping the URLs.
create table if not exists tp_machine_click (
  delivery_id varchar(36) not null,
  link        varchar(64) not null,
  user_agent  varchar(300),
  reason      varchar(20) not null,
  clicked_at  timestamp with time zone not null
);
create index if not exists tp_machine_click_delivery on tp_machine_click (delivery_id);

-- Clicks within seconds of an email's send, held until that window closes: human clicks then
-- (CLICKED), or the scanner's if another link of the email was hit within the window.
create table if not exists tp_early_click (
  id          varchar(36) not null primary key,
  delivery_id varchar(36) not null,
  link        varchar(64) not null,
  user_agent  varchar(300),
  clicked_at  timestamp with time zone not null
);
create index if not exists tp_early_click_delivery on tp_early_click (delivery_id);
create index if not exists tp_early_click_due on tp_early_click (clicked_at);
