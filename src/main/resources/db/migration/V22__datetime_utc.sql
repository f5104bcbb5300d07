-- Instants as DATETIME(6) in UTC instead of TIMESTAMP, whose range ends on 2038-01-19 03:14:07 UTC (and starts on
-- 1970-01-01): due, review and retention dates will pass 2038 within the life of the records. Hibernate writes
-- and reads them in UTC (quarkus.hibernate-orm.jdbc.timezone=UTC).
--
-- MariaDB converts TIMESTAMP to DATETIME in the session's time zone, so the session is UTC here: every existing
-- value keeps its instant. Defaults of CURRENT_TIMESTAMP (the created_at/updated_at the database sets) become
-- UTC_TIMESTAMP(6): CURRENT_TIMESTAMP of a DATETIME is the session's local time, which on a server in Japan would
-- store created_at nine hours ahead. Precision goes to 6 digits for all (the Java clock has microseconds).
--
-- Generic over information_schema, so TIMESTAMP columns of migrations this file does not know (added concurrently)
-- are converted as well, keeping NULL/NOT NULL and defaults. flyway_schema_history is Flyway's and is left as it is. An ON UPDATE CURRENT_TIMESTAMP column (none today)
-- stops the migration: it has no UTC form in MariaDB and needs a decision, not a silent local-time clock.

SET @tsunagu_saved_time_zone = @@session.time_zone;
SET time_zone = '+00:00';

DELIMITER $$
BEGIN NOT ATOMIC
    DECLARE done INT DEFAULT FALSE;
    DECLARE tbl VARCHAR(64);
    DECLARE modifications TEXT;
    DECLARE tables CURSOR FOR
        SELECT c.table_name,
               GROUP_CONCAT(CONCAT('MODIFY `', c.column_name, '` DATETIME(6) ',
                                   IF(c.is_nullable = 'YES', 'NULL', 'NOT NULL'),
                                   CASE
                                       WHEN c.column_default LIKE 'current_timestamp%' THEN ' DEFAULT (UTC_TIMESTAMP(6))'
                                       WHEN c.column_default IS NULL OR c.column_default = 'NULL' THEN ''
                                       ELSE CONCAT(' DEFAULT ', c.column_default)
                                   END)
                            ORDER BY c.ordinal_position SEPARATOR ', ')
        FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = DATABASE() AND c.data_type = 'timestamp' AND t.table_type = 'BASE TABLE'
          AND c.table_name <> 'flyway_schema_history'
        GROUP BY c.table_name
        ORDER BY c.table_name;
    DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = TRUE;

    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = DATABASE() AND data_type = 'timestamp' AND extra LIKE '%on update%'
                 AND table_name <> 'flyway_schema_history') THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'V22: a TIMESTAMP column has ON UPDATE CURRENT_TIMESTAMP; convert it by hand';
    END IF;

    SET SESSION group_concat_max_len = 1048576;
    OPEN tables;
    convert_tables: LOOP
        FETCH tables INTO tbl, modifications;
        IF done THEN
            LEAVE convert_tables;
        END IF;
        SET @ddl = CONCAT('ALTER TABLE `', tbl, '` ', modifications);
        PREPARE stmt FROM @ddl;
        EXECUTE stmt;
        DEALLOCATE PREPARE stmt;
    END LOOP;
    CLOSE tables;
END$$
DELIMITER ;

SET time_zone = @tsunagu_saved_time_zone;
