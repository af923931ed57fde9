-- Retention (touchpoint.retention.*) deletes by age, erasure (DELETE /api/contacts/{id}) finds rows by contact
-- and address: these indexes keep both cheap.
create index if not exists tp_delivery_created on tp_delivery (created_at);
create index if not exists tp_delivery_contact on tp_delivery (contact_id);
create index if not exists tp_status_report_delivery on tp_status_report (delivery_id);
create index if not exists tp_status_report_received on tp_status_report (received_at);
create index if not exists tp_inbound_received on tp_inbound_message (received_at);
create index if not exists tp_inbound_sender on tp_inbound_message (sender);
create index if not exists tp_opt_out_address on tp_opt_out (address);
create index if not exists tp_event_received on tp_event (received_at);
create index if not exists tp_event_contact on tp_event (contact_id);
create index if not exists tp_journey_entry_contact on tp_journey_entry (contact_id);
create index if not exists tp_journey_entry_instance on tp_journey_entry (process_instance_id);
create index if not exists tp_webhook_call_called on tp_webhook_call (called_at);

-- Erasures honoured: when, and how much was found; never whom they were about. pseudonym: what the contact id
-- was replaced with in the anonymised rows.
create table if not exists tp_erasure (
  id               varchar(36) not null primary key,
  pseudonym        varchar(50) not null,
  erased_at        timestamp with time zone not null,
  journeys         integer not null,
  cancelled        integer not null,
  deliveries       integer not null,
  inbound_messages integer not null,
  opt_outs         integer not null,
  events           integer not null
);
