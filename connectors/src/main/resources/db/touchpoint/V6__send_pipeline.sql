-- The send pipeline (io.touchpoint.pipeline): a send is recorded as QUEUED in the journey's transaction and
-- handed to a provider after commit by the node that owns it; SENDING marks a call whose answer is not yet
-- recorded. A node that stops beating its heartbeat loses its sends to a live node, which reconciles the
-- SENDING ones with the provider before sending again.
alter table tp_delivery add column if not exists execution_id varchar(64);
alter table tp_delivery add column if not exists owner_node varchar(100);
alter table tp_delivery add column if not exists attempts integer default 0 not null;
alter table tp_delivery add column if not exists attempt_started_at timestamp with time zone;
create index if not exists tp_delivery_owner on tp_delivery (owner_node, outcome);

-- The nodes of the cluster and when each was last seen alive.
create table if not exists tp_node (
  id           varchar(100) not null primary key,
  started_at   timestamp with time zone not null,
  heartbeat_at timestamp with time zone not null
);
