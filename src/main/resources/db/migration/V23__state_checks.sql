-- The closed vocabularies of state and code columns as CHECK constraints, so no path (a native query, a script, a
-- console) can write a value the service does not know: it would surface later as a 500 when Hibernate maps the
-- row back to its enum, or be counted nowhere in statistics. The lists are the Java enums' names (referral:
-- ReferralState, ReferralAction plus REQUEST, ReasonCode, OutcomeCode, ReportStatus; consultation: ConsultationEnums; registry: Child.Sex,
-- Child.Source; org: Profession, CoordinatorRole); a new enum value needs a migration that widens its list.
-- Existing CHECKs (kinds, direction, consultation status, org unit kind) stay as they are.
--
-- Channel, requester type and topics are taxonomy codes, checked by the service against taxonomy_term (kind,
-- code); a foreign key would need a constant kind column beside each, which MariaDB does not allow in a foreign
-- key (generated columns cannot be referenced that way), so they are left to the service.

ALTER TABLE referral
    ADD CONSTRAINT ck_referral_state CHECK (state IN
        ('REQUESTED', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'CLOSED')),
    ADD CONSTRAINT ck_referral_reason CHECK (reason_code IN
        ('OUT_OF_AREA', 'NO_CAPACITY', 'NOT_APPLICABLE', 'DUPLICATE', 'FAMILY_WITHDREW', 'RESOLVED_ELSEWHERE', 'SENT_IN_ERROR', 'OTHER')),
    ADD CONSTRAINT ck_referral_outcome CHECK (outcome_code IN
        ('SERVICE_ARRANGED', 'INFORMATION_PROVIDED', 'CONNECTED_TO_LOCAL_TEAM', 'REFERRED_ONWARD', 'FAMILY_DECLINED',
         'UNREACHABLE', 'NOT_RESOLVED', 'OTHER'));

ALTER TABLE referral_transition
    ADD CONSTRAINT ck_referral_transition_from CHECK (from_state IN
        ('REQUESTED', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'CLOSED')),
    ADD CONSTRAINT ck_referral_transition_to CHECK (to_state IN
        ('REQUESTED', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'CLOSED')),
    ADD CONSTRAINT ck_referral_transition_action CHECK (action IN
        ('REQUEST', 'ACCEPT', 'DECLINE', 'CANCEL', 'START', 'COMPLETE', 'FAIL', 'CONFIRM_CLOSURE', 'REOPEN')),
    -- the move's reason (DECLINE, CANCEL) or outcome (COMPLETE, FAIL) code
    ADD CONSTRAINT ck_referral_transition_code CHECK (reason_code IN
        ('OUT_OF_AREA', 'NO_CAPACITY', 'NOT_APPLICABLE', 'DUPLICATE', 'FAMILY_WITHDREW', 'RESOLVED_ELSEWHERE', 'SENT_IN_ERROR', 'OTHER',
         'SERVICE_ARRANGED', 'INFORMATION_PROVIDED', 'CONNECTED_TO_LOCAL_TEAM', 'REFERRED_ONWARD', 'FAMILY_DECLINED',
         'UNREACHABLE', 'NOT_RESOLVED'));

ALTER TABLE referral_report
    ADD CONSTRAINT ck_referral_report_status CHECK (status IN
        ('CONTACTED_FAMILY', 'MEETING_HELD', 'SERVICE_ARRANGED', 'WAITING_FOR_FAMILY', 'WAITING_FOR_PROVIDER', 'OTHER'));

ALTER TABLE consultation
    ADD CONSTRAINT ck_consultation_urgency CHECK (urgency IN ('LOW', 'NORMAL', 'HIGH', 'URGENT')),
    ADD CONSTRAINT ck_consultation_closure_reason CHECK (closure_reason IN
        ('RESOLVED', 'INFORMATION_PROVIDED', 'REFERRED', 'NO_RESPONSE', 'DUPLICATE', 'WITHDRAWN', 'OTHER'));

ALTER TABLE consultation_status_change
    ADD CONSTRAINT ck_status_change_from CHECK (from_status IN ('OPEN', 'IN_PROGRESS', 'CLOSED')),
    ADD CONSTRAINT ck_status_change_to CHECK (to_status IN ('OPEN', 'IN_PROGRESS', 'CLOSED')),
    ADD CONSTRAINT ck_status_change_closure_reason CHECK (closure_reason IN
        ('RESOLVED', 'INFORMATION_PROVIDED', 'REFERRED', 'NO_RESPONSE', 'DUPLICATE', 'WITHDRAWN', 'OTHER'));

ALTER TABLE timeline_entry
    ADD CONSTRAINT ck_timeline_entry_type CHECK (entry_type IN ('CHIEF_COMPLAINT', 'SITUATION', 'RESPONSE', 'MEMO'));

ALTER TABLE child
    ADD CONSTRAINT ck_child_sex CHECK (sex IN ('FEMALE', 'MALE', 'OTHER', 'UNKNOWN')),
    ADD CONSTRAINT ck_child_registration_source CHECK (registration_source IN ('STAFF', 'FAMILY_FORM', 'HOSPITAL'));

ALTER TABLE coordinator
    ADD CONSTRAINT ck_coordinator_profession CHECK (profession IN
        ('SUPPORT_SPECIALIST', 'PUBLIC_HEALTH_NURSE', 'NURSE', 'SOCIAL_WORKER', 'PSYCHIATRIC_SOCIAL_WORKER',
         'CHILDCARE_WORKER', 'MEDICAL_SOCIAL_WORKER', 'ADMINISTRATIVE', 'OTHER')),
    ADD CONSTRAINT ck_coordinator_role CHECK (role IN ('LEAD', 'REGIONAL', 'MUNICIPAL'));
