-- Campaign launches: a batch of events (or an NDJSON stream) stored at once, then applied in the background by
-- every node, chunk by chunk. A chunk is claimed by one node; a dead node's chunk is claimed again (its events
-- are applied once each: their ids make a repeat answer what the first application did).
create table if not exists tp_launch (
  id         varchar(36) not null primary key,
  created_at timestamp with time zone not null,
  received   integer     not null,
  accepted   integer     not null,
  rejected   integer     not null,
  complete   boolean     not null
);

create table if not exists tp_launch_chunk (
  launch_id   varchar(36)  not null,
  chunk       integer      not null,
  events      integer      not null,
  state       varchar(20)  not null,
  owner_node  varchar(100),
  created_at  timestamp with time zone not null,
  claimed_at  timestamp with time zone,
  started     integer,
  resumed     integer,
  skipped     integer,
  failed      integer,
  skip_reasons varchar(4000),
  primary key (launch_id, chunk)
);
create index if not exists tp_launch_chunk_state on tp_launch_chunk (state, created_at);

-- The events of chunks not yet applied; a chunk's events are deleted once it is done.
create table if not exists tp_launch_event (
  launch_id varchar(36)     not null,
  chunk     integer         not null,
  seq       integer         not null,
  event     varchar(1000000) not null,
  primary key (launch_id, chunk, seq)
);

-- Which launch accepted an event id first, so a resubmitted batch reports its events as duplicates.
alter table tp_event add column if not exists launch_id varchar(36);
