package jp.tsunagu.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V22 (TIMESTAMP to DATETIME(6) in UTC) on a database populated at the schema before it (Flyway target 21): every
 * row of every table with an instant is still there with the same instants, sub-second parts and the edges of
 * TIMESTAMP's range (1970, 2038) included, whatever the time zone of the session that wrote them. Runs Flyway
 * itself on a scratch database of the test server, as root; no Quarkus.
 */
class DatetimeMigrationTest {

    private static final String BEFORE_DATETIME = "21";

    private String database;

    @BeforeEach
    void createScratchDatabase() throws SQLException {
        database = "tsunagu_migration_" + Long.toString(System.nanoTime(), 36);
        try (Connection c = root(null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + database + "`");
        }
    }

    @AfterEach
    void dropScratchDatabase() throws SQLException {
        try (Connection c = root(null); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    @Test
    void everyRowKeepsItsInstants() throws SQLException {
        int datetimeBefore;
        java.util.Set<String> tablesBefore = new java.util.HashSet<>();
        flyway(BEFORE_DATETIME).migrate();
        try (Connection c = root(database); Statement s = c.createStatement()) {
            assertEquals(List.of("audit_event.occurred_at", "child.created_at", "child.updated_at", "consent.created_at",
                    "consultation.created_at", "consultation.received_at", "consultation.updated_at",
                    "consultation_status_change.changed_at", "coordinator.created_at", "coordinator.updated_at",
                    "idempotency_record.created_at", "idempotency_record.expires_at", "org_unit.created_at",
                    "org_unit.updated_at", "referral.accepted_at", "referral.answered_at", "referral.ended_at",
                    "referral.last_report_at", "referral.requested_at", "referral_report.created_at",
                    "referral_transition.occurred_at", "timeline_entry.created_at"), columnsOfType(s, "timestamp"));
            datetimeBefore = columnsOfType(s, "datetime").size();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")) {
                while (rs.next()) {
                    tablesBefore.add(rs.getString(1));
                }
            }
            s.execute("SET time_zone = '+00:00'");
            populate(s);
            // A writer in Japan's time zone: TIMESTAMP stores the instant, so 09:00:00.25 JST is 00:00:00.25 UTC.
            s.execute("SET time_zone = '+09:00'");
            s.execute("INSERT INTO timeline_entry (consultation_id, entry_type, body, author, created_at)"
                    + " VALUES ('c0000000-0000-0000-0000-000000000002', 'MEMO', '日本時間で書いた行', 'tester', '2025-04-01 09:00:00.250')");
        }
        Map<String, List<String>> before = snapshot();

        flyway(null).migrate();

        Map<String, List<String>> after = snapshot();
        assertEquals(before.keySet(), after.keySet());
        before.forEach((table, rows) -> assertEquals(rows, after.get(table), table));
        try (Connection c = root(database); Statement s = c.createStatement()) {
            assertEquals(List.of(), columnsOfType(s, "timestamp"));
            // the 22 converted columns, beside those created as DATETIME(6) from the start (consent reviews, held registrations)
            // (tables of later migrations have DATETIME(6) columns of their own and do not count here)
            assertEquals(22 + datetimeBefore, columnsOfType(s, "datetime").stream()
                    .filter(column -> tablesBefore.contains(column.substring(0, column.indexOf('.')))).count());
            s.execute("SET time_zone = '+00:00'");
            assertEquals("1970-01-01 00:00:01.500000", one(s, "SELECT received_at FROM consultation WHERE id = 'c0000000-0000-0000-0000-000000000001'"));
            assertEquals("2038-01-19 03:14:07.999000", one(s, "SELECT received_at FROM consultation WHERE id = 'c0000000-0000-0000-0000-000000000002'"));
            assertEquals("2038-01-19 03:14:07.999999", one(s, "SELECT occurred_at FROM audit_event WHERE subject = 'edge'"));
            assertEquals("2025-04-01 00:00:00.250000", one(s, "SELECT created_at FROM timeline_entry WHERE body = '日本時間で書いた行'"));
            // Now outside TIMESTAMP's range, as due and retention dates will be.
            s.execute("UPDATE referral SET ended_at = '2100-03-31 15:00:00.123456', answered_at = '1969-12-31 23:59:59'");
            assertEquals("2100-03-31 15:00:00.123456", one(s, "SELECT ended_at FROM referral"));
            // The default the database sets is UTC whatever the session's zone (CURRENT_TIMESTAMP would be local).
            s.execute("SET time_zone = '+09:00'");
            s.execute("INSERT INTO org_unit (code, kind, pref_code, name_ja, active_from) VALUES ('after', 'CENTER', '14', '後', '2025-04-01')");
            s.execute("SET time_zone = '+00:00'");
            String drift = one(s, "SELECT ABS(TIMESTAMPDIFF(SECOND, created_at, UTC_TIMESTAMP(6))) FROM org_unit WHERE code = 'after'");
            assertTrue(Long.parseLong(drift) < 60, "created_at is " + drift + " s away from UTC now");
        }
    }

    private static void populate(Statement s) throws SQLException {
        s.execute("INSERT INTO org_unit (id, code, kind, pref_code, name_ja, active_from, created_at, updated_at) VALUES"
                + " (901, 'mig-center', 'CENTER', '14', '神奈川県医療的ケア児支援センター', '2021-09-01', '1970-01-01 00:00:01.001', '2038-01-19 03:14:07.999'),"
                + " (902, 'mig-branch', 'BRANCH', '14', '湘南西部ブランチ', '2023-04-01', '2024-02-29 23:59:59.999', '2024-03-01 00:00:00.000')");
        s.execute("INSERT INTO coordinator (id, unit_id, name, name_kana, profession, role, created_at, updated_at) VALUES"
                + " (901, 902, '湘南 花子', 'しょうなん はなこ', 'PUBLIC_HEALTH_NURSE', 'REGIONAL', '2023-04-01 00:00:00.123', '2037-12-31 14:59:59.876')");
        s.execute("INSERT INTO child (id, pref_code, family_name, given_name, family_name_kana, given_name_kana, name_kana_key, birth_date,"
                + " sex, residence_lgcode, registration_source, registered_by_unit_id, created_by, created_at, updated_at) VALUES"
                + " ('d0000000-0000-0000-0000-000000000001', '14', '試験', '𠮷子', 'しけん', 'よしこ', 'しけんよしこ', '2021-05-10', 'FEMALE', '142034',"
                + " 'STAFF', 901, 'tester', '1970-01-02 03:04:05.678', '2037-06-30 23:59:59.999')");
        s.execute("INSERT INTO consent (child_id, share_center, share_residence, share_referrals, obtained_on, obtained_by_unit_id, recorded_by,"
                + " recorded_by_unit_id, created_at)"
                + " VALUES ('d0000000-0000-0000-0000-000000000001', TRUE, TRUE, FALSE, '2021-06-01', 901, 'tester', 901, '2021-06-01 01:02:03.004')");
        s.execute("INSERT INTO consultation (id, pref_code, received_at, received_on, receiving_unit_id, owner_unit_id, channel, requester_type, kind,"
                + " residence_lgcode, child_id, chief_complaint, urgency, status, created_by, created_at, updated_at) VALUES"
                + " ('c0000000-0000-0000-0000-000000000001', '14', '1970-01-01 00:00:01.500', '1970-01-01', 901, 902, 'PHONE', 'FAMILY', 'INDIVIDUAL',"
                + " '142034', 'd0000000-0000-0000-0000-000000000001', 'レスパイト先を探しています', 'NORMAL', 'OPEN', 'tester', '1970-01-01 00:00:02.000', '1970-01-01 00:00:02.001'),"
                + " ('c0000000-0000-0000-0000-000000000002', '14', '2038-01-19 03:14:07.999', '2038-01-19', 902, 902, 'EMAIL', 'MUNICIPALITY', 'COMMUNITY',"
                + " NULL, NULL, '研修の相談', 'LOW', 'CLOSED', 'tester', '2025-12-31 15:00:00.000', '2026-01-01 00:00:00.001')");
        s.execute("INSERT INTO consultation_status_change (consultation_id, from_status, to_status, closure_reason, changed_by, changed_at) VALUES"
                + " ('c0000000-0000-0000-0000-000000000002', 'OPEN', 'CLOSED', 'RESOLVED', 'tester', '2037-01-01 00:00:00.999')");
        s.execute("INSERT INTO timeline_entry (consultation_id, entry_type, body, author, created_at) VALUES"
                + " ('c0000000-0000-0000-0000-000000000001', 'CHIEF_COMPLAINT', 'レスパイト先を探しています', 'tester', '1970-01-01 00:00:01.500')");
        s.execute("INSERT INTO idempotency_record (client_id, idem_key, request_hash, state, created_at, expires_at) VALUES"
                + " ('tsunagu-partner-nicu', 'k-1', REPEAT('a', 64), 'COMPLETED', '2037-12-31 00:00:00.001', '2038-01-19 03:14:07.000')");
        s.execute("INSERT INTO audit_event (occurred_at, subject, action, outcome, prev_hash, row_hash) VALUES"
                + " ('1970-01-01 00:00:01.000001', 'first', 'TEST', 'ALLOWED', REPEAT('0', 64), REPEAT('1', 64)),"
                + " ('2038-01-19 03:14:07.999999', 'edge', 'TEST', 'ALLOWED', REPEAT('1', 64), REPEAT('2', 64))");
        s.execute("INSERT INTO referral (id, consultation_id, pref_code, kind, direction, state, sender_unit_id, sender_unit_code, sender_unit_kind,"
                + " sender_tier, receiver_unit_id, receiver_unit_code, receiver_unit_kind, receiver_tier, request_text, requested_by, requested_at,"
                + " answered_at, accepted_at, ended_at, last_report_at) VALUES"
                + " ('e0000000-0000-0000-0000-000000000001', 'c0000000-0000-0000-0000-000000000001', '14', 'TRANSFER', 'DOWN', 'IN_PROGRESS',"
                + " 901, 'mig-center', 'CENTER', 1, 902, 'mig-branch', 'BRANCH', 2, '地域へ移管します', 'tester', '2026-03-31 14:59:59.999',"
                + " '2026-03-31 15:00:00.000', '2026-03-31 15:00:00.001', NULL, '2038-01-19 03:14:07.500')");
        s.execute("INSERT INTO referral_transition (referral_id, action, from_state, to_state, actor, occurred_at) VALUES"
                + " ('e0000000-0000-0000-0000-000000000001', 'ACCEPT', 'REQUESTED', 'ACCEPTED', 'tester', '2026-03-31 15:00:00.001')");
        s.execute("INSERT INTO referral_report (referral_id, status, body, author, created_at) VALUES"
                + " ('e0000000-0000-0000-0000-000000000001', 'CONTACTED_FAMILY', '家族と連絡済み', 'tester', '2038-01-19 03:14:07.500')");
    }

    /** The columns of each compared table as the first snapshot found them (columns later migrations add are not compared). */
    private final Map<String, List<String>> snapshotColumns = new LinkedHashMap<>();

    /** Every row of every table that had a TIMESTAMP, instants printed in UTC with 6 digits, in primary key order. */
    private Map<String, List<String>> snapshot() throws SQLException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (Connection c = root(database); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            for (String table : List.of("org_unit", "coordinator", "child", "consent", "consultation", "consultation_status_change",
                    "timeline_entry", "idempotency_record", "audit_event", "referral", "referral_transition", "referral_report")) {
                List<String> columns = new ArrayList<>();
                List<String> known = snapshotColumns.computeIfAbsent(table, t -> new ArrayList<>());
                boolean first = known.isEmpty();
                try (ResultSet rs = s.executeQuery("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = DATABASE()"
                        + " AND table_name = '" + table + "' ORDER BY ordinal_position")) {
                    while (rs.next()) {
                        if (first) {
                            known.add(rs.getString(1));
                        } else if (!known.contains(rs.getString(1))) {
                            continue;
                        }
                        String type = rs.getString(2);
                        columns.add(type.equals("timestamp") || type.equals("datetime")
                                ? "DATE_FORMAT(`" + rs.getString(1) + "`, '%Y-%m-%d %H:%i:%s.%f')"
                                : "`" + rs.getString(1) + "`");
                    }
                }
                List<String> values = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT CONCAT_WS('|', " + String.join(", ", columns.stream()
                        .map(col -> "IFNULL(" + col + ", 'NULL')").toList()) + ") FROM `" + table + "` ORDER BY 1")) {
                    while (rs.next()) {
                        values.add(rs.getString(1));
                    }
                }
                assertTrue(!values.isEmpty(), table + " has rows to compare");
                rows.put(table, values);
            }
        }
        return rows;
    }

    private static List<String> columnsOfType(Statement s, String type) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT CONCAT(table_name, '.', column_name) FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND data_type = '" + type + "' AND table_name <> 'flyway_schema_history' ORDER BY 1")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        return columns;
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private Flyway flyway(String target) {
        var config = Flyway.configure()
                .dataSource(url(database), System.getProperty("tsunagu.test.admin-user"), System.getProperty("tsunagu.test.admin-password"))
                .locations("classpath:db/migration")
                // A server in Japan: the session zone Flyway migrates in is not UTC, which V22 must not depend on.
                .initSql("SET time_zone = '+09:00'");
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    private static Connection root(String db) throws SQLException {
        return DriverManager.getConnection(url(db), System.getProperty("tsunagu.test.admin-user"), System.getProperty("tsunagu.test.admin-password"));
    }

    /** The test server's admin URL with another database (or none). */
    private static String url(String db) {
        String admin = System.getProperty("tsunagu.test.admin-jdbc-url");
        return admin.substring(0, admin.lastIndexOf('/') + 1) + (db == null ? "" : db);
    }
}
