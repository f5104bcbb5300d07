package jp.tsunagu.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import jp.tsunagu.common.time.JapanClock;
import jp.tsunagu.consultation.ConsultationViews.ConsultationRequest;

/**
 * What the benchmark compares the service with: the rows of one intake written with plain JDBC, no ORM, no
 * validation beyond what the database checks, in one transaction on a connection of the same pool. The audit row
 * goes to {@code bench_audit_event}, a copy of {@code audit_event} the benchmark run creates, so the real trail
 * stays verifiable; with {@code globalLock} it first locks the one row of {@code bench_audit_head}
 * ({@code SELECT … FOR UPDATE}, held until commit), as the trail's single chain head did.
 */
@ApplicationScoped
class Baselines {

    private final DataSource ds;

    Baselines(DataSource ds) {
        this.ds = ds;
    }

    String intake(String subject, String unitCode, String role, ConsultationRequest r, String idempotencyKey, boolean globalLock)
            throws SQLException {
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.valueOf(Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC).toLocalDateTime());
        String client = "user:" + subject;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("insert into idempotency_record (client_id, idem_key, request_hash, state,"
                        + " created_at, expires_at) values (?, ?, ?, 'IN_FLIGHT', ?, ?)")) {
                    ps.setString(1, client);
                    ps.setString(2, idempotencyKey);
                    ps.setString(3, sha256(String.valueOf(r)));
                    ps.setTimestamp(4, now);
                    ps.setTimestamp(5, Timestamp.from(now.toInstant().plus(1, ChronoUnit.DAYS)));
                    ps.executeUpdate();
                }
                long unitId;
                String prefCode;
                try (PreparedStatement ps = c.prepareStatement("select id, pref_code from org_unit where code = ?")) {
                    ps.setString(1, unitCode);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        unitId = rs.getLong(1);
                        prefCode = rs.getString(2);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("insert into consultation (id, anonymous, channel, chief_complaint, created_by, kind,"
                        + " owner_unit_id, pref_code, received_at, received_on, receiving_unit_id, requester_type, residence_lgcode, status,"
                        + " urgency, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, 0)")) {
                    ps.setString(1, id);
                    ps.setBoolean(2, r.anonymous());
                    ps.setString(3, r.channel());
                    ps.setString(4, r.chiefComplaint());
                    ps.setString(5, subject);
                    ps.setString(6, r.kind().name());
                    ps.setLong(7, unitId);
                    ps.setString(8, prefCode);
                    ps.setTimestamp(9, Timestamp.valueOf(r.receivedAt().atZoneSameInstant(ZoneOffset.UTC).toLocalDateTime()));
                    ps.setObject(10, r.receivedAt().atZoneSameInstant(JapanClock.JAPAN).toLocalDate());
                    ps.setLong(11, unitId);
                    ps.setString(12, r.requesterType());
                    ps.setString(13, r.residenceLgcode());
                    ps.setString(14, r.urgency() == null ? "NORMAL" : r.urgency().name());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("insert into timeline_entry (author, author_unit_id, body, consultation_id,"
                        + " created_at, entry_type) values (?, ?, ?, ?, ?, 'CHIEF_COMPLAINT')")) {
                    ps.setString(1, subject);
                    ps.setLong(2, unitId);
                    ps.setString(3, r.chiefComplaint());
                    ps.setString(4, id);
                    ps.setTimestamp(5, now);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("insert into consultation_status_change (changed_at, changed_by, consultation_id,"
                        + " to_status, unit_id) values (?, ?, ?, 'OPEN', ?)")) {
                    ps.setTimestamp(1, now);
                    ps.setString(2, subject);
                    ps.setString(3, id);
                    ps.setLong(4, unitId);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("insert into consultation_topic (consultation_id, topic) values (?, ?)")) {
                    for (String topic : r.topics()) {
                        ps.setString(1, id);
                        ps.setString(2, topic);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                String prev = "0".repeat(64);
                if (globalLock) {
                    try (PreparedStatement ps = c.prepareStatement("select last_hash from bench_audit_head where id = 1 for update");
                            ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        prev = rs.getString(1);
                    }
                }
                String rowHash = sha256(prev + "|" + now + "|" + subject + "|CONSULTATION_CREATE|consultation|" + id);
                try (PreparedStatement ps = c.prepareStatement("insert into bench_audit_event (action, object_id, object_type, occurred_at,"
                        + " outcome, prev_hash, role, row_hash, subject, unit_code) values ('CONSULTATION_CREATE', ?, 'consultation', ?,"
                        + " 'SUCCESS', ?, ?, ?, ?, ?)")) {
                    ps.setString(1, id);
                    ps.setTimestamp(2, now);
                    ps.setString(3, prev);
                    ps.setString(4, role);
                    ps.setString(5, rowHash);
                    ps.setString(6, subject);
                    ps.setString(7, unitCode);
                    ps.executeUpdate();
                }
                if (globalLock) {
                    try (PreparedStatement ps = c.prepareStatement("update bench_audit_head set last_hash = ? where id = 1")) {
                        ps.setString(1, rowHash);
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("insert into event_stream (subject_type, subject_id, version) values"
                        + " ('consultation', ?, 1) on duplicate key update version = version + 1")) {
                    ps.setString(1, id);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("insert into event (id, type, occurred_at, subject_type, subject_id,"
                        + " subject_version, pref_code, units, data) values (?, 'consultation.created', ?, 'consultation', ?, 1, ?, ?, ?)")) {
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.setTimestamp(2, now);
                    ps.setString(3, id);
                    ps.setString(4, prefCode);
                    ps.setString(5, "[\"" + unitCode + "\"]");
                    ps.setString(6, "{\"consultationId\":\"" + id + "\",\"status\":\"OPEN\"}");
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("update idempotency_record set state = 'DONE', response_status = 201,"
                        + " location = ? where client_id = ? and idem_key = ?")) {
                    ps.setString(1, "/api/v1/consultations/" + id);
                    ps.setString(2, client);
                    ps.setString(3, idempotencyKey);
                    ps.executeUpdate();
                }
                c.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
