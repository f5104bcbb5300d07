-- Record keys for the analysts' statistics (jp.tsunagu.stats.CellKeyPerturbation). Every consultation, referral and
-- child gets a permanent random key 0..255 when it is written; an analyst's published count is the true count plus a
-- small perturbation looked up from the sum of the keys of the records it counts (modulo 256), so the same set of
-- records always shows the same value, however the table is asked for. The keys are never shown by the API and
-- never change: re-keying would let an analyst average two different perturbations of the same count.
-- The DEFAULT expression fills new rows without any change to the entities that insert them (Hibernate validates the
-- mapped columns only); existing rows get their keys here.
ALTER TABLE consultation ADD COLUMN cell_key SMALLINT UNSIGNED NOT NULL DEFAULT (FLOOR(RAND() * 256));
UPDATE consultation SET cell_key = FLOOR(RAND() * 256);

ALTER TABLE referral ADD COLUMN cell_key SMALLINT UNSIGNED NOT NULL DEFAULT (FLOOR(RAND() * 256));
UPDATE referral SET cell_key = FLOOR(RAND() * 256);

ALTER TABLE child ADD COLUMN cell_key SMALLINT UNSIGNED NOT NULL DEFAULT (FLOOR(RAND() * 256));
UPDATE child SET cell_key = FLOOR(RAND() * 256);

-- The statistics read the key beside the columns they group by: keep the covering indexes of V7 covering
-- (EXPLAIN "Using index"), otherwise every counted row would be read from the wide clustered index.
DROP INDEX ix_consultation_stats ON consultation;
CREATE INDEX ix_consultation_stats ON consultation
    (pref_code, received_on, receiving_unit_id, owner_unit_id, residence_lgcode, requester_type, channel, kind, cell_key);
DROP INDEX ix_consultation_load ON consultation;
CREATE INDEX ix_consultation_load ON consultation
    (pref_code, status, coordinator_id, owner_unit_id, receiving_unit_id, residence_lgcode, cell_key);
