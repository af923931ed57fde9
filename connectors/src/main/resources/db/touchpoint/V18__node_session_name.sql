-- The name a node's database sessions carry (PostgreSQL's application_name), when they carry the one the node gave
-- them: a node that takes over a silent node's work ends that node's sessions by it, so that what the silent node
-- left open rolls back and frees its locks.
alter table tp_node add column if not exists session_name varchar(63);
