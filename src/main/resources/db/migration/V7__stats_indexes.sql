-- Indexes for the statistics API (jp.tsunagu.stats). Only what V4/V6 do not already serve, measured with
-- StatsBenchmark (100,000 consultations, 20,000 referrals): see the comments for what each one saves.

-- Consultation tables: every statistic reads one prefecture and a range of receiving days, then groups by columns
-- of the row itself (requester type, channel, kind, residence, receiving and owner unit; the branch scope tests the
-- same three). ix_consultation_pref_received (pref_code, received_on) finds the rows but then reads each of them
-- from the clustered index, whose rows are wide (the 主訴 alone is up to 2,000 characters), so the optimiser scans the
-- whole table instead. With every column the statistics read in the index, MariaDB answers from the index alone
-- (EXPLAIN: "Using index"), reading a fraction of the pages, and uses the received_on range for periods.
-- The topic join reads consultation_topic by its primary key; the unit dimension reads coverage by
-- uq_coverage_start (lgcode, valid_from): both already indexed.
CREATE INDEX ix_consultation_stats ON consultation
    (pref_code, received_on, receiving_unit_id, owner_unit_id, residence_lgcode, requester_type, channel, kind);

-- Load: open consultations (status OPEN, IN_PROGRESS) of one prefecture by coordinator and owner unit. The existing
-- ix_consultation_status (status, received_on) and ix_consultation_coordinator (coordinator_id, status) either miss
-- the prefecture or the owner unit, so each row would be read from the table; this one covers the whole statement
-- and reads only the open rows.
CREATE INDEX ix_consultation_load ON consultation (pref_code, status, coordinator_id, owner_unit_id, receiving_unit_id, residence_lgcode);

-- Referrals open now per receiving unit (statistics and load): ix_referral_receiver starts with the unit and
-- ix_referral_pref (pref_code, requested_at) with the time, so "this prefecture, these states" scanned every referral
-- ever made. Open referrals are few; with this index only they are read.
CREATE INDEX ix_referral_open ON referral (pref_code, state, receiver_unit_id);
