-- A send's outcome as a code: for a skipped send its reason (OPTED_OUT, INVALID_INPUT), for a refused one the
-- provider's error code (21211, smtp-550...). outcome_reason keeps the sentence for people; analytics groups by code.
alter table tp_delivery add column if not exists outcome_code varchar(50);
update tp_delivery set outcome_code = case when outcome_reason like 'recipient opted out of %' then 'OPTED_OUT'
    else 'INVALID_INPUT' end
  where outcome = 'SKIPPED' and outcome_code is null;
update tp_delivery set outcome_code = substring(outcome_reason from 1 for position(' ' in outcome_reason) - 1),
    outcome_reason = substring(outcome_reason from position(' ' in outcome_reason) + 1)
  where outcome = 'REJECTED' and outcome_code is null and position(' ' in outcome_reason) between 2 and 51;
drop index if exists tp_delivery_outcome;
create index if not exists tp_delivery_outcome on tp_delivery (outcome, outcome_code, process_instance_id);
