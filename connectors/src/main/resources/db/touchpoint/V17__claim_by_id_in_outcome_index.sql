-- The pipeline moves a send on by id, owner and state (QUEUED → SENDING → answered). When PostgreSQL's statistics were
-- taken between campaigns, every send was answered, so a state such as SENDING looks as if no row had it, and the
-- outcome index looks cheaper than the primary key. During the next campaign thousands of sends are QUEUED or
-- SENDING, and each move read all of them to find one row (≈ 725 pages to record one answer, measured on a node at
-- 150 sends/s: a third of PostgreSQL's time). With the id second in the outcome index, any of the indexes PostgreSQL
-- may pick finds the row at once (V15 did the same for the owner index); analytics' look for skipped sends by outcome
-- code still reads the index alone.
drop index if exists tp_delivery_outcome;
create index if not exists tp_delivery_outcome on tp_delivery (outcome, id, outcome_code, process_instance_id);
