-- One active referral per receiver for a consultation, held by the database rather than by a
-- read-then-insert: a generated column carries the receiver only while the referral is active
-- (AccessRules.ACTIVE_REFERRAL_STATES; ReferralInvariantsTest checks the two lists agree) and a unique
-- key over it refuses a second one, whichever request comes second.
ALTER TABLE referral
    ADD COLUMN active_receiver_unit_id BIGINT AS (CASE WHEN state IN ('REQUESTED', 'ACCEPTED', 'IN_PROGRESS', 'COMPLETED')
        THEN receiver_unit_id ELSE NULL END) PERSISTENT,
    ADD UNIQUE INDEX ux_referral_one_active_per_receiver (consultation_id, active_receiver_unit_id);
