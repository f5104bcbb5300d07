package jp.tsunagu.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * V25 on a trail written before it (Flyway target 24, one chain): the old rows become chain 1 with their hashes and
 * links unchanged, head 1 still names the last of them, and the 15 new heads start empty. Rows are hashed here with
 * {@link AuditEvent#canonical()}, the rule the service verifies with. Runs Flyway itself on a scratch database of the
 * test server, as root; no Quarkus.
 */
class AuditChainsMigrationTest {

    private static final String GENESIS = "0".repeat(64);

    private String database;

    @BeforeEach
    void createScratchDatabase() throws SQLException {
        database = "tsunagu_chains_" + Long.toString(System.nanoTime(), 36);
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
    void theSingleChainBecomesChainOneAndStillVerifies() throws SQLException {
        flyway("24").migrate();
        List<AuditEvent> written = new ArrayList<>();
        try (Connection c = root(database)) {
            String previous = GENESIS;
            long last = 0;
            for (int i = 0; i < 3; i++) {
                AuditEvent e = new AuditEvent();
                e.occurredAt = Instant.parse("2026-11-30T01:02:03.000004Z").plusSeconds(i);
                e.subject = "coord.hiratsuka";
                e.role = i == 1 ? null : "municipal-coordinator";
                e.unitCode = "m-142034";
                e.action = "CHILD_READ";
                e.objectType = "child";
                e.objectId = "7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c5" + i;
                e.outcome = "SUCCESS";
                e.detail = "IDENTIFYING";
                e.prevHash = previous;
                e.rowHash = AuditLog.sha256(e.canonical());
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (occurred_at, subject, role, unit_code, action, object_type,"
                        + " object_id, outcome, request_id, detail, prev_hash, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, e.occurredAt.toString().replace("T", " ").replace("Z", ""));
                    ps.setString(2, e.subject);
                    ps.setString(3, e.role);
                    ps.setString(4, e.unitCode);
                    ps.setString(5, e.action);
                    ps.setString(6, e.objectType);
                    ps.setString(7, e.objectId);
                    ps.setString(8, e.outcome);
                    ps.setString(9, null);
                    ps.setString(10, e.detail);
                    ps.setString(11, e.prevHash);
                    ps.setString(12, e.rowHash);
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        last = keys.getLong(1);
                    }
                }
                written.add(e);
                previous = e.rowHash;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1")) {
                ps.setLong(1, last);
                ps.setString(2, previous);
                ps.executeUpdate();
            }
        }

        flyway(null).migrate();

        try (Connection c = root(database); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            String previous = GENESIS;
            long last = 0;
            int n = 0;
            try (ResultSet rs = s.executeQuery("SELECT id, chain, occurred_at, subject, role, unit_code, action, object_type, object_id, outcome,"
                    + " request_id, detail, prev_hash, row_hash FROM audit_event ORDER BY id")) {
                while (rs.next()) {
                    assertEquals(1, rs.getInt("chain"));
                    AuditEvent e = new AuditEvent();
                    e.occurredAt = rs.getTimestamp("occurred_at").toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
                    e.subject = rs.getString("subject");
                    e.role = rs.getString("role");
                    e.unitCode = rs.getString("unit_code");
                    e.action = rs.getString("action");
                    e.objectType = rs.getString("object_type");
                    e.objectId = rs.getString("object_id");
                    e.outcome = rs.getString("outcome");
                    e.requestId = rs.getString("request_id");
                    e.detail = rs.getString("detail");
                    e.prevHash = rs.getString("prev_hash");
                    e.rowHash = rs.getString("row_hash");
                    assertEquals(previous, e.prevHash, "link of row " + rs.getLong("id"));
                    assertEquals(AuditLog.sha256(e.canonical()), e.rowHash, "hash of row " + rs.getLong("id"));
                    assertEquals(written.get(n).rowHash, e.rowHash);
                    previous = e.rowHash;
                    last = rs.getLong("id");
                    n++;
                }
            }
            assertEquals(3, n);
            List<String> heads = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id, last_id, last_hash FROM audit_chain_head ORDER BY id")) {
                while (rs.next()) {
                    heads.add(rs.getInt(1) + ":" + rs.getLong(2) + ":" + rs.getString(3));
                }
            }
            List<String> expected = new ArrayList<>(List.of("1:" + last + ":" + previous));
            for (int chain = 2; chain <= 16; chain++) {
                expected.add(chain + ":0:" + GENESIS);
            }
            assertEquals(expected, heads);
            // a new row names its chain, and only a chain that has a head
            SQLException noChain = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO audit_event (occurred_at, subject,"
                    + " action, outcome, prev_hash, row_hash) VALUES (UTC_TIMESTAMP(6), 'x', 'TEST', 'SUCCESS', REPEAT('0', 64), REPEAT('1', 64))"));
            assertTrue(noChain.getMessage().contains("chain"), noChain.getMessage());
            SQLException noHead = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO audit_event (chain, occurred_at, subject,"
                    + " action, outcome, prev_hash, row_hash) VALUES (17, UTC_TIMESTAMP(6), 'x', 'TEST', 'SUCCESS', REPEAT('0', 64), REPEAT('1', 64))"));
            assertTrue(noHead.getMessage().contains("fk_audit_event_chain"), noHead.getMessage());
        }
    }

    private Flyway flyway(String target) {
        var config = Flyway.configure()
                .dataSource(url(database), System.getProperty("tsunagu.test.admin-user"), System.getProperty("tsunagu.test.admin-password"))
                .locations("classpath:db/migration");
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    private static Connection root(String db) throws SQLException {
        return DriverManager.getConnection(url(db), System.getProperty("tsunagu.test.admin-user"), System.getProperty("tsunagu.test.admin-password"));
    }

    private static String url(String db) {
        String admin = System.getProperty("tsunagu.test.admin-jdbc-url");
        return admin.substring(0, admin.lastIndexOf('/') + 1) + (db == null ? "" : db);
    }
}
