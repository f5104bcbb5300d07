-- Discharge plans (issue 21) are subjects of the change feed too: submitted, completed, handed off.
ALTER TABLE event DROP CONSTRAINT ck_event_subject_type;
ALTER TABLE event ADD CONSTRAINT ck_event_subject_type CHECK (subject_type IN ('consultation', 'referral', 'child', 'discharge_plan'));
