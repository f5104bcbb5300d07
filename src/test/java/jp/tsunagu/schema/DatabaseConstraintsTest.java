package jp.tsunagu.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.AdminDb;

/**
 * State and code columns refuse values the service does not know, whoever writes them: here the service's own
 * database user over plain JDBC, past every check of the service. Each case first writes a valid value to the
 * same column (so a refusal is the constraint's, not a missing right or row), then the bad one.
 */
@QuarkusTest
class DatabaseConstraintsTest {

    private String consultationId;
    private String referralId;
    private String childId;
    private long coordinatorId;

    @BeforeEach
    void validRowsOfTheServiceUser() throws SQLException {
        long center = AdminDb.count("SELECT id FROM org_unit WHERE code = '14-center'");
        long branch = AdminDb.count("SELECT id FROM org_unit WHERE code = '14-shonan-west'");
        consultationId = UUID.randomUUID().toString();
        referralId = UUID.randomUUID().toString();
        childId = UUID.randomUUID().toString();
        try (Connection c = AdminDb.asServiceUser()) {
            exec(c, "INSERT INTO consultation (id, pref_code, received_at, received_on, receiving_unit_id, owner_unit_id, channel,"
                    + " requester_type, kind, chief_complaint, urgency, status, created_by) VALUES (?, '14', '2025-06-02 01:00:00', '2025-06-02',"
                    + " ?, ?, 'PHONE', 'FAMILY', 'INDIVIDUAL', '制約の試験', 'NORMAL', 'OPEN', 'constraint-test')", consultationId, center, center);
            exec(c, "INSERT INTO referral (id, consultation_id, pref_code, kind, direction, state, sender_unit_id, sender_unit_code,"
                    + " sender_unit_kind, sender_tier, receiver_unit_id, receiver_unit_code, receiver_unit_kind, receiver_tier, request_text,"
                    + " requested_by, requested_at) VALUES (?, ?, '14', 'TRANSFER', 'DOWN', 'REQUESTED', ?, '14-center', 'CENTER', 1, ?,"
                    + " '14-shonan-west', 'BRANCH', 2, '制約の試験', 'constraint-test', '2025-06-02 01:00:00')",
                    referralId, consultationId, center, branch);
            exec(c, "INSERT INTO child (id, pref_code, family_name, given_name, family_name_kana, given_name_kana, name_kana_key, birth_date,"
                    + " sex, residence_lgcode, registration_source, registered_by_unit_id, created_by) VALUES (?, '14', '試験', '制約',"
                    + " 'しけん', 'せいやく', ?, '2021-05-10', 'FEMALE', '142034', 'STAFF', ?, 'constraint-test')", childId,
                    "しけんせいやく" + childId, center);
            exec(c, "INSERT INTO coordinator (unit_id, name, name_kana, profession, role) VALUES (?, '制約 試験', 'せいやく しけん', 'NURSE', 'MUNICIPAL')", branch);
        }
        coordinatorId = AdminDb.count("SELECT MAX(id) FROM coordinator WHERE name = '制約 試験'");
    }

    @ParameterizedTest(name = "{0}.{1} = {3}")
    @CsvSource({
            "referral, state, ACCEPTED, LOST, ck_referral_state",
            "referral, reason_code, DUPLICATE, BECAUSE, ck_referral_reason",
            "referral, outcome_code, INFORMATION_PROVIDED, DONE, ck_referral_outcome",
            "referral, kind, ESCALATION, FAVOUR, ck_referral_kind",
            "consultation, status, IN_PROGRESS, LOST, ck_consultation_status",
            "consultation, urgency, URGENT, PANIC, ck_consultation_urgency",
            "consultation, closure_reason, RESOLVED, FORGOT, ck_consultation_closure_reason",
            "consultation, kind, COMMUNITY, PERSONAL, ck_consultation_kind",
            "child, sex, UNKNOWN, X, ck_child_sex",
            "child, registration_source, HOSPITAL, RUMOUR, ck_child_registration_source",
            "coordinator, profession, OTHER, WIZARD, ck_coordinator_profession",
            "coordinator, role, LEAD, BOSS, ck_coordinator_role",
    })
    void anUnknownValueIsRefused(String table, String column, String valid, String bad, String constraint) throws SQLException {
        Object id = switch (table) {
            case "referral" -> referralId;
            case "consultation" -> consultationId;
            case "child" -> childId;
            default -> coordinatorId;
        };
        String update = "UPDATE " + table + " SET " + column + " = ? WHERE id = ?";
        try (Connection c = AdminDb.asServiceUser()) {
            assertEquals(1, exec(c, update, valid, id));
            SQLException refused = assertThrows(SQLException.class, () -> exec(c, update, bad, id));
            assertTrue(refused.getMessage().contains(constraint), refused.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "INSERT INTO referral_report (referral_id, status, body, author, created_at) VALUES (?, '%s', '経過', 'constraint-test', '2025-06-03 01:00:00'); CONTACTED_FAMILY; GOSSIP; ck_referral_report_status",
            "INSERT INTO referral_transition (referral_id, action, from_state, to_state, actor, occurred_at) VALUES (?, 'ACCEPT', 'REQUESTED', '%s', 'constraint-test', '2025-06-03 01:00:00'); ACCEPTED; LOST; ck_referral_transition_to",
            "INSERT INTO referral_transition (referral_id, action, from_state, to_state, actor, occurred_at) VALUES (?, '%s', 'IN_PROGRESS', 'COMPLETED', 'constraint-test', '2025-06-03 01:00:00'); COMPLETE; SHRUG; ck_referral_transition_action",
            "INSERT INTO referral_transition (referral_id, action, from_state, to_state, reason_code, actor, occurred_at) VALUES (?, 'COMPLETE', 'IN_PROGRESS', 'COMPLETED', '%s', 'constraint-test', '2025-06-03 01:00:00'); SERVICE_ARRANGED; BECAUSE; ck_referral_transition_code",
            "INSERT INTO referral_transition (referral_id, action, from_state, to_state, reason_code, actor, occurred_at) VALUES (?, 'DECLINE', 'REQUESTED', 'DECLINED', '%s', 'constraint-test', '2025-06-03 01:00:00'); OUT_OF_AREA; TOO_FAR; ck_referral_transition_code",
            "INSERT INTO consultation_status_change (consultation_id, from_status, to_status, changed_by, changed_at) VALUES (?, 'OPEN', '%s', 'constraint-test', '2025-06-03 01:00:00'); IN_PROGRESS; LOST; ck_status_change_to",
            "INSERT INTO timeline_entry (consultation_id, entry_type, body, author, created_at) VALUES (?, '%s', '記録', 'constraint-test', '2025-06-03 01:00:00'); MEMO; RUMOUR; ck_timeline_entry_type",
    })
    void anAppendOnlyRowWithAnUnknownValueIsRefused(String insert, String valid, String bad, String constraint) throws SQLException {
        Object parent = insert.contains("referral_") ? referralId : consultationId;
        try (Connection c = AdminDb.asServiceUser()) {
            assertEquals(1, exec(c, insert.formatted(valid), parent));
            SQLException refused = assertThrows(SQLException.class, () -> exec(c, insert.formatted(bad), parent));
            assertTrue(refused.getMessage().contains(constraint), refused.getMessage());
        }
    }

    private static int exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }
}
