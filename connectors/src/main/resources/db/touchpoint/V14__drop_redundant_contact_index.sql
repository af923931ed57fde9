-- tp_delivery_released (contact_id, released_at) serves every look-up by contact that tp_delivery_contact served;
-- each send writes the ledger row three times, and each write that changes its outcome updates every index.
drop index if exists tp_delivery_contact;
