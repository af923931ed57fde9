-- Provider rate limits and 429 pauses, shared by every node. One row per provider: locked while a node takes a
-- lease of tokens (so grants are decided one at a time), and carrying the pause a provider's 429 started.
create table if not exists tp_provider_throttle (
  provider       varchar(30) not null primary key,
  paused_until   timestamp with time zone,
  backoff_millis bigint      not null
);

-- Each lease of tokens a node took, with when: the rate limit counts these, not single sends. A node lowers its
-- lease's tokens to those it used once it is done with it.
create table if not exists tp_provider_grant (
  id         varchar(36) not null primary key,
  provider   varchar(30) not null,
  node_id    varchar(300) not null,
  granted_at timestamp with time zone not null,
  tokens     integer     not null
);
create index if not exists tp_provider_grant_time on tp_provider_grant (provider, granted_at);
