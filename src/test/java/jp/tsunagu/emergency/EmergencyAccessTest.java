package jp.tsunagu.emergency;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Consents;
import jp.tsunagu.support.Intake;
import jp.tsunagu.support.SettableClock;
import jp.tsunagu.support.Tokens;

/**
 * Break-the-glass with real tokens: a Hiratsuka child whose consent covers only the center, read in an emergency by
 * the 湘南西 branch (in scope, not covered). The test run's duration is the default, 4 hours; expiry is reached by
 * stopping the service's clock.
 */
@QuarkusTest
class EmergencyAccessTest {

    private static final String BRANCH = "branch.shonan-west";

    @AfterEach
    void releaseClock() {
        SettableClock.release();
    }

    /** A Hiratsuka child with a confirmed center-only consent: the branch of the region sees it pseudonymously. */
    static String centerOnlyChild() {
        String id = Api.asJson("coord.hiratsuka").body(Intake.child(Intake.randomKana(5), "たろう", "142034", "\"CENTER_ONLY\"", null))
                .when().post("/api/v1/children").then().statusCode(201).extract().path("id");
        Consents.confirmAll(id);
        return id;
    }

    static String request(String childId, String reason) {
        return "{\"childId\":\"" + childId + "\",\"reasonCode\":\"" + reason + "\",\"reasonText\":\"停電で人工呼吸器のバッテリー残量が少ないと通報。保護者と連絡がつかない。\"}";
    }

    static int grant(String user, String childId) {
        return Api.asJson(user).body(request(childId, "DISASTER")).when().post("/api/v1/emergency-accesses").then().statusCode(201)
                .header("Location", containsString("/api/v1/emergency-accesses/")).body("state", equalTo("ACTIVE"))
                .extract().path("id");
    }

    @Test
    void aGrantLetsThatPersonReadTheChildForFourHoursEachReadAudited() throws Exception {
        String child = centerOnlyChild();
        Api.as(BRANCH).when().get("/api/v1/children/" + child).then().statusCode(200).body("view", equalTo("PSEUDONYMOUS"));

        var granted = Api.asJson(BRANCH).body(request(child, "DISASTER")).when().post("/api/v1/emergency-accesses").then()
                .statusCode(201).body("grantee", equalTo(BRANCH)).body("granteeUnitCode", equalTo("14-shonan-west"))
                .body("reasonCode", equalTo("DISASTER")).body("reasonLabelJa", equalTo("災害・停電時の安否確認と支援"))
                .body("reviewState", equalTo("UNREVIEWED")).body("reads.size()", equalTo(0)).extract().jsonPath();
        int id = granted.getInt("id");
        assertEquals(Duration.ofHours(4), Duration.between(Instant.parse(granted.getString("grantedAt")),
                Instant.parse(granted.getString("expiresAt"))));

        // The ordinary read stays what consent gives; the emergency read is identifying.
        Api.as(BRANCH).when().get("/api/v1/children/" + child).then().statusCode(200).body("view", equalTo("PSEUDONYMOUS"));
        Api.as(BRANCH).when().get("/api/v1/emergency-accesses/" + id + "/child").then().statusCode(200)
                .body("view", equalTo("IDENTIFYING")).body("familyName", equalTo("試験")).body("guardian.phone", equalTo("090-0000-0000"));
        Api.as(BRANCH).when().get("/api/v1/emergency-accesses/" + id + "/child").then().statusCode(200);
        assertEquals(2, AdminDb.count("select count(*) from audit_event where action = 'CHILD_READ_EMERGENCY' and outcome = 'SUCCESS'"
                + " and object_id = ? and subject = ?", child, BRANCH));
        assertEquals(1, AdminDb.count("select count(*) from audit_event where action = 'EMERGENCY_ACCESS_GRANT' and object_id = ?", child));
        Api.as(BRANCH).when().get("/api/v1/emergency-accesses/" + id).then().statusCode(200)
                .body("reads.size()", equalTo(2)).body("reads[0].what", equalTo("child record"));

        // Only for that person: the residence's coordinator does not see the grant, the center sees it but cannot read under it.
        Api.as("coord.hiratsuka").when().get("/api/v1/emergency-accesses/" + id + "/child").then().statusCode(404);
        Api.as("staff.kanagawa").when().get("/api/v1/emergency-accesses/" + id).then().statusCode(200);
        Api.as("staff.kanagawa").when().get("/api/v1/emergency-accesses/" + id + "/child").then().statusCode(403);
        Api.as("staff.tokyo").when().get("/api/v1/emergency-accesses/" + id).then().statusCode(404);
        // One active grant per person and child.
        Api.asJson(BRANCH).body(request(child, "LIFE_OR_HEALTH")).when().post("/api/v1/emergency-accesses").then().statusCode(409)
                .body("activeEmergencyAccessId", equalTo(id));
    }

    @Test
    void endedEarlyItReadsNoMore() {
        String child = centerOnlyChild();
        int id = grant(BRANCH, child);
        Api.as("coord.hiratsuka").when().post("/api/v1/emergency-accesses/" + id + "/end").then().statusCode(404);
        Api.as(BRANCH).when().post("/api/v1/emergency-accesses/" + id + "/end").then().statusCode(200)
                .body("state", equalTo("ENDED")).body("endedAt", notNullValue());
        Api.as(BRANCH).when().get("/api/v1/emergency-accesses/" + id + "/child").then().statusCode(403)
                .body("detail", containsString("ENDED"));
        Api.as(BRANCH).when().post("/api/v1/emergency-accesses/" + id + "/end").then().statusCode(409)
                .body("currentState", equalTo("ENDED"));
        // A new emergency: a new grant.
        int again = grant(BRANCH, child);
        Api.as(BRANCH).when().get("/api/v1/emergency-accesses/" + again + "/child").then().statusCode(200);
    }

    @Test
    void itExpiresOnItsOwnAndANewOneCanBeAskedFor() {
        String child = centerOnlyChild();
        int id = grant(BRANCH, child);
        SettableClock.stopAt(Instant.now().plus(Duration.ofHours(4)).minusSeconds(60));
        Api.as(BRANCH).when().get("/api/v1/emergency-accesses/" + id + "/child").then().statusCode(200);
        SettableClock.stopAt(Instant.now().plus(Duration.ofHours(4)).plusSeconds(60));
        Api.as(BRANCH).when().get("/api/v1/emergency-accesses/" + id + "/child").then().statusCode(403)
                .body("detail", containsString("EXPIRED"));
        Api.as(BRANCH).when().get("/api/v1/emergency-accesses/" + id).then().statusCode(200).body("state", equalTo("EXPIRED"))
                .body("endedAt", nullValue());
        Api.as(BRANCH).when().post("/api/v1/emergency-accesses/" + id + "/end").then().statusCode(409)
                .body("currentState", equalTo("EXPIRED"));
        int next = grant(BRANCH, child);
        Api.as(BRANCH).when().get("/api/v1/emergency-accesses/" + id).then().statusCode(200).body("state", equalTo("EXPIRED"))
                .body("endedAt", notNullValue());
        Api.as(BRANCH).when().get("/api/v1/emergency-accesses/" + next + "/child").then().statusCode(200);
    }

    @Test
    void notWhereAConsentCoversTheCallerNorOutsideTheirScope() throws Exception {
        String child = centerOnlyChild();
        Api.asJson("staff.kanagawa").body(request(child, "LIFE_OR_HEALTH")).when().post("/api/v1/emergency-accesses").then()
                .statusCode(409).body("detail", containsString("consent in force covers your unit"));
        long before = AdminDb.count("select count(*) from emergency_access where child_id = ?", child);
        for (String outside : List.of("branch.kenou", "coord.atsugi", "staff.tokyo")) {
            Api.asJson(outside).body(request(child, "LIFE_OR_HEALTH")).when().post("/api/v1/emergency-accesses").then()
                    .statusCode(400).body("errors[0].field", equalTo("childId")).body(not(containsString("試験")));
        }
        assertEquals(before, AdminDb.count("select count(*) from emergency_access where child_id = ?", child));
        assertEquals(3, AdminDb.count("select count(*) from audit_event where action = 'CHILD_READ' and outcome = 'DENIED'"
                + " and object_id = ? and subject in ('branch.kenou', 'coord.atsugi', 'staff.tokyo')", child));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "analyst.kanagawa", "auditor.kanagawa", "partner" })
    void neverForAnalystsAuditorsOrPartnerSystems(String who) throws Exception {
        String child = centerOnlyChild();
        int id = grant(BRANCH, child);
        var as = "partner".equals(who) ? Api.asPartner() : Api.as(who);
        as.contentType("application/json").body(request(child, "LIFE_OR_HEALTH")).when().post("/api/v1/emergency-accesses").then()
                .statusCode(403);
        ("partner".equals(who) ? Api.asPartner() : Api.as(who)).when().get("/api/v1/emergency-accesses/" + id + "/child").then()
                .statusCode(403);
        ("partner".equals(who) ? Api.asPartner() : Api.as(who)).when().get("/api/v1/emergency-accesses").then().statusCode(403);
        assertEquals(1, AdminDb.count("select count(*) from emergency_access where child_id = ?", child));
    }

    @Test
    void stepUpAppliesToTheRequestAndToEveryRead() {
        String child = centerOnlyChild();
        String passwordOnly = Tokens.passwordOnly(BRANCH);
        RestAssured.given().auth().oauth2(passwordOnly).contentType("application/json").body(request(child, "DISASTER"))
                .when().post("/api/v1/emergency-accesses").then().statusCode(401)
                .header("WWW-Authenticate", containsString("insufficient_user_authentication"));
        int id = grant(BRANCH, child);
        RestAssured.given().auth().oauth2(passwordOnly).when().get("/api/v1/emergency-accesses/" + id + "/child").then().statusCode(401)
                .body("type", equalTo("urn:tsunagu:problem:insufficient-user-authentication"));
        Api.as(BRANCH).when().get("/api/v1/emergency-accesses/" + id).then().body("reads.size()", equalTo(0));
    }

    @Test
    void theCenterReviewsEachGrantOnceItIsOverAndTheDashboardCountsTheOverdue() throws Exception {
        String child = centerOnlyChild();
        int id = grant(BRANCH, child);
        Api.as(BRANCH).when().get("/api/v1/emergency-accesses/" + id + "/child").then().statusCode(200);
        String verdict = "{\"outcome\":\"JUSTIFIED\",\"note\":\"停電時の安否確認として妥当\"}";
        Api.asJson("staff.kanagawa").body(verdict).when().post("/api/v1/emergency-accesses/" + id + "/review").then().statusCode(409)
                .body("currentState", equalTo("ACTIVE"));
        Api.as(BRANCH).when().get("/api/v1/emergency-accesses").then().statusCode(403);
        Api.asJson(BRANCH).body(verdict).when().post("/api/v1/emergency-accesses/" + id + "/review").then().statusCode(403);

        Map<String, Object> item = onReviewList("staff.kanagawa", id);
        assertEquals(child, item.get("childId"));
        assertEquals(BRANCH, item.get("grantee"));
        assertEquals("DISASTER", item.get("reasonCode"));
        assertEquals(1, ((List<?>) item.get("reads")).size());
        assertEquals(null, onReviewList("staff.tokyo", id), "Tokyo's center does not see Kanagawa's grants");

        // Eight days on, the grant is long over and unreviewed: counted on the center's load statistics.
        SettableClock.stopAt(Instant.now().plus(Duration.ofDays(8)));
        long overdue = Api.as("staff.kanagawa").when().get("/api/v1/stats/load").then().statusCode(200)
                .body("emergencyReviewsDue.olderThanDays", equalTo(7)).extract().jsonPath().getLong("emergencyReviewsDue.count");
        Api.as(BRANCH).when().get("/api/v1/stats/load").then().statusCode(200).body("emergencyReviewsDue", nullValue());
        Api.as("analyst.kanagawa").when().get("/api/v1/stats/load").then().statusCode(200).body("emergencyReviewsDue", nullValue());

        Api.asJson("admin.kanagawa").body(verdict).when().post("/api/v1/emergency-accesses/" + id + "/review").then().statusCode(200)
                .body("reviewState", equalTo("JUSTIFIED")).body("reviewedBy", equalTo("admin.kanagawa")).body("state", equalTo("EXPIRED"));
        Api.asJson("staff.kanagawa").body("{\"outcome\":\"NOT_JUSTIFIED\",\"note\":\"再確認\"}").when()
                .post("/api/v1/emergency-accesses/" + id + "/review").then().statusCode(409).body("currentReviewState", equalTo("JUSTIFIED"));
        Api.as("staff.kanagawa").when().get("/api/v1/stats/load").then().statusCode(200)
                .body("emergencyReviewsDue.count", equalTo((int) overdue - 1));
        Api.as("staff.kanagawa").queryParam("reviewState", "UNREVIEWED").queryParam("size", 100).when().get("/api/v1/emergency-accesses")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
    }

    /** The item of the center's review list with this id, across pages, or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> onReviewList(String user, int id) {
        for (int page = 0;; page++) {
            var json = Api.as(user).queryParam("page", page).queryParam("size", 100).when().get("/api/v1/emergency-accesses")
                    .then().statusCode(200).extract().jsonPath();
            for (Map<String, Object> item : json.<Map<String, Object>>getList("items")) {
                if (((Number) item.get("id")).intValue() == id) {
                    return item;
                }
            }
            if (page + 1 >= json.getInt("totalPages")) {
                return null;
            }
        }
    }

    @Test
    void ofConcurrentRequestsForTheSameChildOneIsGranted() throws Exception {
        String child = centerOnlyChild();
        String token = Tokens.of(BRANCH);
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Callable<Integer> call = () -> {
                    start.await();
                    return RestAssured.given().auth().oauth2(token).contentType("application/json").body(request(child, "DISASTER"))
                            .when().post("/api/v1/emergency-accesses").then().extract().statusCode();
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : results) {
                codes.add(f.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 201).count(), codes.toString());
            assertEquals(n - 1, codes.stream().filter(c -> c == 409).count(), codes.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, AdminDb.count("select count(*) from emergency_access where child_id = ? and ended_at is null", child));
    }

    @Test
    void theDatabaseKeepsOneOpenGrantAndFourEyesOnTheReview() throws Exception {
        String child = centerOnlyChild();
        int id = grant(BRANCH, child);
        assertThrows(java.sql.SQLException.class, () -> AdminDb.update("insert into emergency_access (child_id, pref_code, grantee,"
                + " grantee_unit_id, reason_code, reason_text, granted_at, expires_at) select child_id, pref_code, grantee, grantee_unit_id,"
                + " reason_code, reason_text, granted_at, expires_at from emergency_access where id = ?", id), "a second open grant");
        assertThrows(java.sql.SQLException.class, () -> AdminDb.update("update emergency_access set ended_at = ended_at,"
                + " review_state = 'JUSTIFIED', reviewed_by = grantee, reviewed_by_unit_id = grantee_unit_id, reviewed_at = granted_at"
                + " where id = ?", id), "a review by the grantee");
        assertThrows(java.sql.SQLException.class, () -> AdminDb.update("update emergency_access set reason_code = 'CURIOSITY' where id = ?", id));
        assertThrows(java.sql.SQLException.class, () -> {
            try (var c = AdminDb.asServiceUser(); var st = c.prepareStatement("delete from emergency_access_read")) {
                st.executeUpdate();
            }
        }, "reads under a grant are append-only for the service");
    }
}
