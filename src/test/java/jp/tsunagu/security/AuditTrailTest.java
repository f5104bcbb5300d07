package jp.tsunagu.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Intake;

@QuarkusTest
class AuditTrailTest {

    @Test
    void writesAndDenialsLeaveRows() {
        String id = Api.asJson("branch.kenou").body(Intake.consultation("142123", "監査テスト")).when().post("/api/v1/consultations")
                .then().statusCode(201).extract().path("id");
        Api.as("analyst.kanagawa").header("X-Request-Id", "denied-" + id.substring(0, 8)).when().get("/api/v1/consultations")
                .then().statusCode(403);
        Api.as("auditor.kanagawa").queryParam("objectId", id).when().get("/api/v1/audit").then().statusCode(200)
                .body("items.action", hasItem("CONSULTATION_CREATE"))
                .body("items[0].subject", equalTo("branch.kenou"))
                .body("items[0].unitCode", equalTo("14-kenou"))
                .body("items[0].role", equalTo("branch-staff"));
        Api.as("admin.kanagawa").queryParam("outcome", "DENIED").queryParam("subject", "analyst.kanagawa").queryParam("size", 100)
                .when().get("/api/v1/audit").then().statusCode(200)
                .body("items.requestId", hasItem("denied-" + id.substring(0, 8)))
                .body("items.action", hasItem("ROLE_DENIED"));
    }

    @Test
    void theServicesDatabaseUserCannotAlterTheTrail() throws Exception {
        Api.as("auditor.kanagawa").when().get("/api/v1/audit").then().statusCode(200);
        long newest = AdminDb.count("select max(id) from audit_event");
        try (Connection c = AdminDb.asServiceUser(); Statement s = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> s.executeUpdate("update audit_event set detail = 'rewritten' where id = " + newest));
            assertTrue(update.getMessage().contains("UPDATE command denied"), update.getMessage());
            SQLException delete = assertThrows(SQLException.class, () -> s.executeUpdate("delete from audit_event where id = " + newest));
            assertTrue(delete.getMessage().contains("DELETE command denied"), delete.getMessage());
            assertThrows(SQLException.class, () -> s.executeUpdate("truncate table audit_event"));
            assertThrows(SQLException.class, () -> s.executeUpdate("drop table audit_event"));
        }
        assertEquals(1, AdminDb.count("select count(*) from audit_event where id = ? and not (detail <=> 'rewritten')", newest));
    }

    @Test
    void verificationFindsARowChangedByRootBehindTheServicesBack() throws Exception {
        Api.as("auditor.kanagawa").when().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
        long victim = AdminDb.count("select max(id) from audit_event where action = 'AUDIT_VERIFY'");
        String original = original(victim);
        AdminDb.update("update audit_event set subject = 'someone.else' where id = ?", victim);
        try {
            Api.as("auditor.kanagawa").when().get("/api/v1/audit/verify").then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBrokenId", equalTo((int) victim))
                    .body("problem", equalTo("row " + victim + " was changed after it was written"));
        } finally {
            AdminDb.update("update audit_event set subject = ? where id = ?", original, victim);
        }
        Api.as("auditor.kanagawa").when().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void onlyAuditorsAndCenterAdminsReadTheTrail() {
        Api.as("staff.kanagawa").when().get("/api/v1/audit").then().statusCode(403);
        Api.as("analyst.kanagawa").when().get("/api/v1/audit/verify").then().statusCode(403);
        Api.as("admin.kanagawa").when().get("/api/v1/audit").then().statusCode(200);
    }

    private static String original(long id) throws SQLException {
        try (Connection c = AdminDb.asRoot(); var ps = c.prepareStatement("select subject from audit_event where id = ?")) {
            ps.setLong(1, id);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
