-- The pipeline moves a send on by id, owner and state (QUEUED → SENDING → answered). PostgreSQL may serve that from
-- the owner index rather than the primary key when its statistics were taken while no queue existed, and then reads
-- every entry of the node's queue to find one row (≈ 190 pages per claim in a 20 000-contact launch). With the id
-- in the owner index, either index finds the row at once; the owner's reclaim looks use its first two columns.
drop index if exists tp_delivery_owner;
create index if not exists tp_delivery_owner on tp_delivery (owner_node, outcome, id);
