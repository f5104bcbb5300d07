-- Every table and text column in utf8mb4 with collation utf8mb4_bin, chosen on purpose, and the database default
-- the same so tables of later migrations follow (quarkus.flyway.init-sql sets it before V1 on a new database, too:
-- on a latin1 server V1 could not store its Japanese labels otherwise).
--
-- utf8mb4: Japanese text, including characters outside the BMP (𠮷野, 𩸽) and emoji in a 主訴 pasted from a phone.
-- utf8mb4_bin compares code points: ハ/バ/パ, は/ハ, ｱ/ア, ＡＢＣ/ABC, a/A and きょう/きよう are all different.
-- Matching of readings is the application's job, on a column made for it: name_kana_key holds the reading
-- normalised by jp.tsunagu.common.text.Kana (NFKC, katakana folded to hiragana, no spaces or middle dots), and the
-- duplicate check and searches compare that column. A folding collation on top of it would fold what must stay
-- apart: utf8mb4_uca1400_ai_ci (MariaDB 11.6's default) treats dakuten and handakuten as accents (はせがわ =
-- ばせがわ) and small kana as large (きょう = きよう), general_ci folds case and width, so two different children
-- or codes would meet in one unique key or one duplicate match. utf8mb4_uca1400_as_cs would keep those apart too,
-- but sorts by a collation table whose ignorables and contractions make equality harder to predict than code
-- points, for no gain: kana in code-point order is 五十音 order with each voiced kana right after its plain one,
-- which is how the lists here sort. Taxonomy and unit codes, hash-chain content and idempotency keys are compared
-- exactly, as they must be. Case-insensitive matching (an e-mail address) has to be explicit (normalise on write).
-- Like every MariaDB *_bin collation it is PAD SPACE: trailing spaces do not count; the service strips input.
--
-- Generic over information_schema, so tables of migrations this file does not know (added concurrently) are
-- converted as well. flyway_schema_history is Flyway's and is left as it is.

ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

DELIMITER $$
BEGIN NOT ATOMIC
    DECLARE done INT DEFAULT FALSE;
    DECLARE tbl VARCHAR(64);
    DECLARE tables CURSOR FOR
        SELECT t.table_name FROM information_schema.tables t
        WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'
          AND t.table_name <> 'flyway_schema_history'
          AND (t.table_collation <> 'utf8mb4_bin' OR EXISTS (
                SELECT 1 FROM information_schema.columns c
                WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name
                  AND c.collation_name IS NOT NULL AND c.collation_name <> 'utf8mb4_bin'))
        ORDER BY t.table_name;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = TRUE;
    OPEN tables;
    convert_tables: LOOP
        FETCH tables INTO tbl;
        IF done THEN
            LEAVE convert_tables;
        END IF;
        SET @ddl = CONCAT('ALTER TABLE `', tbl, '` CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin');
        PREPARE stmt FROM @ddl;
        EXECUTE stmt;
        DEALLOCATE PREPARE stmt;
    END LOOP;
    CLOSE tables;
END$$
DELIMITER ;
