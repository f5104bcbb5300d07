-- Issue 19: the audit trail as several independent hash chains instead of one. One chain head locked FOR UPDATE
-- by every audited transaction until its commit serialised all audited writes (commit and fsync included). Now a
-- transaction takes a free head (SELECT ... FOR UPDATE SKIP LOCKED), writes all its audit rows on that chain and
-- releases the head at commit; other transactions take other heads meanwhile.
--
-- The number of chains is the number of rows in audit_chain_head: 16 here, changed only by a later migration that
-- adds heads (genesis hash, last_id 0). Never remove a head that has rows: verification walks every head's chain.
--
-- Rows written before this migration belong to chain 1 (the old single head is head 1), so their links and
-- hashes verify unchanged. A row's prev_hash is the row_hash of the previous row of the same chain; the first
-- row of every chain links to 64 zeros. The row hash is computed over the same fields as before (the chain
-- number is not part of it; moving a row to another chain breaks the links of both chains).

INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES
    (2, 0, REPEAT('0', 64)), (3, 0, REPEAT('0', 64)), (4, 0, REPEAT('0', 64)), (5, 0, REPEAT('0', 64)),
    (6, 0, REPEAT('0', 64)), (7, 0, REPEAT('0', 64)), (8, 0, REPEAT('0', 64)), (9, 0, REPEAT('0', 64)),
    (10, 0, REPEAT('0', 64)), (11, 0, REPEAT('0', 64)), (12, 0, REPEAT('0', 64)), (13, 0, REPEAT('0', 64)),
    (14, 0, REPEAT('0', 64)), (15, 0, REPEAT('0', 64)), (16, 0, REPEAT('0', 64));

-- A row names a chain that has a head (the foreign key), and a chain's rows are read in id order by the index.
ALTER TABLE audit_event
    ADD COLUMN chain TINYINT NOT NULL DEFAULT 1 AFTER id,
    ADD INDEX ix_audit_chain (chain, id),
    ADD CONSTRAINT fk_audit_event_chain FOREIGN KEY (chain) REFERENCES audit_chain_head (id);

-- New rows must name their chain; the default only placed the existing rows on chain 1.
ALTER TABLE audit_event ALTER COLUMN chain DROP DEFAULT;
