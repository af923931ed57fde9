-- When a node last asked a provider about a send whose answer was lost and got no verdict (the provider's list was
-- unavailable, or its match belonged to another send): the send is asked again after a pause rather than at every
-- recovery run, and becomes an incident once its outcome stayed unknown for touchpoint.pipeline.unknown-outcome-timeout.
alter table tp_delivery add column if not exists asked_at timestamp with time zone;
