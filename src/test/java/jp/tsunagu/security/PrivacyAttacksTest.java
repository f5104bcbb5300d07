package jp.tsunagu.security;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Consents;
import jp.tsunagu.support.Intake;

/**
 * The six attacks of issue 10, each sent exactly as an ordinary demo user would send it, with the
 * documented calls only. Each failed on the code before the change (status codes in the comments).
 */
@QuarkusTest
class PrivacyAttacksTest {

    static final String TODAY = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();

    static String registerAs(String user, String kana, String residence, String scopes) {
        return Api.asJson(user).body(Intake.child(kana, "たろう", residence, scopes, null)).when().post("/api/v1/children")
                .then().statusCode(201).extract().path("id");
    }

    static int firstConsent(String user, String child) {
        return Api.as(user).when().get("/api/v1/children/" + child + "/consents").then().statusCode(200).extract().path("[0].id");
    }

    /** Attack 1: before, 201 and the next read was IDENTIFYING; a foreign unit's withdrawal answered 200. */
    @Test
    void aUnitCannotTurnIdentifyingDataOnForItself() {
        String child = registerAs("coord.hiratsuka", Intake.randomKana(5), "142034", null);
        Api.as("coord.hiratsuka").when().get("/api/v1/children/" + child).then().body("viewReason", equalTo("no consent in force"));
        // The self-grant of the issue, with the fields a form record now needs: recorded, but it changes nothing yet.
        Api.asJson("coord.hiratsuka").body(Intake.consent("\"SHARE_WITH_RESIDENCE_MUNICIPALITY\"", "同意書 A-1"))
                .when().post("/api/v1/children/" + child + "/consents").then().statusCode(201)
                .body("state", equalTo("PENDING")).body("active", equalTo(false));
        Api.as("coord.hiratsuka").when().get("/api/v1/children/" + child).then().statusCode(200)
                .body("view", equalTo("PSEUDONYMOUS")).body("familyName", nullValue()).body("birthDate", nullValue())
                .body("guardian", nullValue()).body("viewReason", containsString("awaits the center"));
        // The bare call of the issue (no form, no reference, no signer) is a 400 naming the fields.
        Api.asJson("coord.hiratsuka").body("{\"scopes\":[\"SHARE_WITH_RESIDENCE_MUNICIPALITY\"],\"obtainedOn\":\"2026-11-30\"}")
                .when().post("/api/v1/children/" + child + "/consents").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("formName", "documentRef", "obtainedBy", "obtainedFrom"));
        int consent = firstConsent("coord.hiratsuka", child);
        // Nobody outside the center confirms; the center does not confirm what the same person recorded.
        Api.asJson("coord.hiratsuka").body("{\"documentRef\":\"同意書 A-1\"}")
                .when().post("/api/v1/children/" + child + "/consents/" + consent + "/confirmation").then().statusCode(403);
        Api.asJson("branch.shonan-west").body("{\"documentRef\":\"同意書 A-1\"}")
                .when().post("/api/v1/children/" + child + "/consents/" + consent + "/confirmation").then().statusCode(403);
        // The center checks it against the form: a wrong reference is refused, the right one puts it in force.
        Api.asJson("staff.kanagawa").body("{\"documentRef\":\"同意書 A-2\"}")
                .when().post("/api/v1/children/" + child + "/consents/" + consent + "/confirmation").then().statusCode(400)
                .body("errors[0].field", equalTo("documentRef"));
        org.junit.jupiter.api.Assertions.assertTrue(Consents.onReviewList("staff.kanagawa").contains(consent));
        Consents.confirmAll(child);
        Api.as("coord.hiratsuka").when().get("/api/v1/children/" + child).then().body("view", equalTo("IDENTIFYING"));
        assertFalse(Consents.onReviewList("staff.kanagawa").contains(consent));
        // A unit that can see the child but neither obtained the consent nor sits under the unit that did: 403.
        Api.asJson("branch.shonan-west").body("{\"withdrawnOn\":\"" + TODAY + "\",\"receivedBy\":\"湘南 花子\"}")
                .when().post("/api/v1/children/" + child + "/consents/" + consent + "/withdrawal").then().statusCode(403)
                .contentType("application/problem+json");
        Api.as("coord.hiratsuka").when().get("/api/v1/children/" + child).then().body("view", equalTo("IDENTIFYING"));
    }

    @Test
    void theCenterNeverConfirmsWhatTheSamePersonRecorded() {
        String child = registerAs("staff.kanagawa", Intake.randomKana(5), "142034", "\"CENTER_ONLY\"");
        int consent = firstConsent("staff.kanagawa", child);
        Api.asJson("staff.kanagawa").body("{\"documentRef\":\"同意書 T-1\"}")
                .when().post("/api/v1/children/" + child + "/consents/" + consent + "/confirmation").then().statusCode(403)
                .body("detail", containsString("another person"));
        Api.as("staff.kanagawa").when().get("/api/v1/children/" + child).then().body("view", equalTo("PSEUDONYMOUS"));
        Api.asJson("admin.kanagawa").body("{\"reason\":\"原本に保護者の署名がない\"}")
                .when().post("/api/v1/children/" + child + "/consents/" + consent + "/rejection").then().statusCode(200)
                .body("state", equalTo("REJECTED")).body("active", equalTo(false));
        Api.asJson("admin.kanagawa").body("{\"documentRef\":\"同意書 T-1\"}")
                .when().post("/api/v1/children/" + child + "/consents/" + consent + "/confirmation").then().statusCode(409)
                .body("currentState", equalTo("REJECTED"));
        Api.as("staff.kanagawa").when().get("/api/v1/children/" + child).then().body("view", equalTo("PSEUDONYMOUS"));
    }

    /** The database refuses a confirmation by the recorder, whatever path writes it. */
    @Test
    void fourEyesHoldInTheDatabase() throws Exception {
        String child = registerAs("staff.kanagawa", Intake.randomKana(5), "142034", "\"CENTER_ONLY\"");
        int consent = firstConsent("staff.kanagawa", child);
        org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> {
            try (var c = AdminDb.asServiceUser(); var st = c.prepareStatement(
                    "update consent set state = 'CONFIRMED', reviewed_by = recorded_by, reviewed_at = now() where id = ?")) {
                st.setInt(1, consent);
                st.executeUpdate();
            }
        });
        org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> AdminDb.update(
                "update consent set state = 'CONFIRMED' where id = ?", consent));
    }

    /** Attack 2: before, 409 with existingChildIds for staff.tokyo, coord.atsugi, branch.yokosuka and the partner; unaudited. */
    @Test
    void theDuplicateCheckNamesNoChildTheCallerCannotRead() {
        String kana = Intake.randomKana(5);
        String existing = registerAs("coord.hiratsuka", kana, "142034", null);
        String probe = Intake.child(kana, "たろう", "142034", null, null);
        // Another prefecture: the residence is not theirs to register.
        Api.asJson("staff.tokyo").body(probe).when().post("/api/v1/children").then().statusCode(400)
                .body("errors[0].field", equalTo("residenceLgcode")).body(not(containsString(existing)));
        // Same prefecture, outside the caller's view: held for the center, no id, no name.
        for (String user : List.of("coord.atsugi", "branch.yokosuka")) {
            Response r = Api.asJson(user).body(probe).when().post("/api/v1/children");
            r.then().statusCode(202).header("Location", containsString("/api/v1/registration-reviews/"))
                    .body("state", equalTo("PENDING")).body("existingChildIds", nullValue()).body("candidateChildIds", nullValue())
                    .body("registration", nullValue()).body("childId", nullValue());
            assertFalse(r.asString().contains(existing), r.asString());
        }
        Response partner = Api.asPartner().contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(probe.replace("\"STAFF\"", "\"HOSPITAL\"")).when().post("/api/v1/children");
        partner.then().statusCode(202).body("state", equalTo("PENDING"));
        assertFalse(partner.asString().contains(existing), partner.asString());
        String review = partner.path("id");
        // Every check is audited, with who asked.
        Api.as("auditor.kanagawa").queryParam("action", "CHILD_DUPLICATE_CHECK").queryParam("subject", "coord.atsugi").queryParam("size", 100)
                .when().get("/api/v1/audit").then().statusCode(200).body("items.objectType", hasItem("registration-review"));
        // The center sees the candidates and decides; the requester only the outcome.
        Api.as("staff.kanagawa").when().get("/api/v1/registration-reviews/" + review).then().statusCode(200)
                .body("candidateChildIds", hasItem(existing)).body("registration.familyNameKana", equalTo(kana));
        Api.asJson("staff.kanagawa").body("{\"outcome\":\"SAME_AS_EXISTING\",\"existingChildId\":\"" + existing + "\"}")
                .when().post("/api/v1/registration-reviews/" + review + "/resolution").then().statusCode(200)
                .body("state", equalTo("MATCHED_EXISTING"));
        Api.asPartner().when().get("/api/v1/registration-reviews/" + review).then().statusCode(200)
                .body("state", equalTo("MATCHED_EXISTING")).body("childId", nullValue());
        Api.asJson("staff.kanagawa").body("{\"outcome\":\"REGISTER_AS_NEW\"}")
                .when().post("/api/v1/registration-reviews/" + review + "/resolution").then().statusCode(409);
        Api.as("coord.hiratsuka").when().get("/api/v1/registration-reviews/" + review).then().statusCode(404);
    }

    @Test
    void aHeldRegistrationRegisteredByTheCenterIsTheRequestersToRead() {
        String kana = Intake.randomKana(5);
        registerAs("coord.hiratsuka", kana, "142034", null);
        String review = Api.asJson("coord.atsugi").body(Intake.child(kana, "たろう", "142034", "\"CENTER_ONLY\"", null))
                .when().post("/api/v1/children").then().statusCode(202).extract().path("id");
        Api.as("coord.atsugi").queryParam("state", "PENDING").queryParam("size", 100).when().get("/api/v1/registration-reviews")
                .then().statusCode(200).body("items.id", hasItem(review));
        String child = Api.asJson("admin.kanagawa").body("{\"outcome\":\"REGISTER_AS_NEW\",\"note\":\"別の児\"}")
                .when().post("/api/v1/registration-reviews/" + review + "/resolution").then().statusCode(200)
                .body("state", equalTo("REGISTERED")).body("childId", notNullValue()).extract().path("childId");
        Api.as("coord.atsugi").when().get("/api/v1/registration-reviews/" + review).then().body("childId", equalTo(child));
        Api.as("coord.atsugi").when().get("/api/v1/children/" + child).then().statusCode(200).body("view", equalTo("PSEUDONYMOUS"));
        Api.as("coord.atsugi").when().get("/api/v1/children/" + child + "/consents").then().statusCode(200)
                .body("[0].state", equalTo("PENDING")).body("[0].obtainedByUnitCode", equalTo("m-142123"));
    }

    /** Attack 3: before, admin.mie and any auditor read every prefecture's trail. */
    @Test
    void theAuditTrailIsReadWithinTheReadersPrefectureOnly() {
        String child = registerAs("coord.hiratsuka", Intake.randomKana(5), "142034", null);
        Api.as("coord.hiratsuka").when().get("/api/v1/children/" + child).then().statusCode(200);
        Api.as("staff.tokyo").queryParam("size", 1).when().get("/api/v1/consultations").then().statusCode(200);
        Api.as("admin.mie").queryParam("subject", "coord.hiratsuka").when().get("/api/v1/audit").then().statusCode(200)
                .body("totalItems", equalTo(0));
        Api.as("admin.mie").queryParam("objectId", child).when().get("/api/v1/audit").then().statusCode(200).body("totalItems", equalTo(0));
        Api.as("auditor.kanagawa").queryParam("objectId", child).when().get("/api/v1/audit").then().statusCode(200)
                .body("items.action", hasItem("CHILD_READ"));
        Api.as("auditor.kanagawa").queryParam("subject", "staff.tokyo").when().get("/api/v1/audit").then().statusCode(200)
                .body("totalItems", equalTo(0));
        Api.as("auditor.kanagawa").queryParam("size", 100).when().get("/api/v1/audit").then().statusCode(200)
                .body("items.unitCode", everyItem(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.startsWith("14-"),
                        org.hamcrest.Matchers.startsWith("m-14"))));
        // Reading it stays audited, in the reader's own prefecture.
        Api.as("auditor.kanagawa").queryParam("action", "AUDIT_READ").queryParam("subject", "admin.mie").when().get("/api/v1/audit")
                .then().statusCode(200).body("totalItems", equalTo(0));
    }

    /** Attack 4: before, the replay answered the stored identifying body after withdrawal, unaudited. */
    @Test
    void anIdempotentReplayRendersForTheCurrentConsent() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = Intake.child(Intake.randomKana(5), "いちろう", "142034", "\"CENTER_ONLY\"", null);
        String child = Api.asJson("staff.kanagawa").header("Idempotency-Key", key).body(body).when().post("/api/v1/children")
                .then().statusCode(201).extract().path("id");
        Consents.confirmAll(child);
        Api.asJson("staff.kanagawa").header("Idempotency-Key", key).body(body).when().post("/api/v1/children").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("view", equalTo("IDENTIFYING"));
        int consent = firstConsent("staff.kanagawa", child);
        Api.asJson("staff.kanagawa").body("{\"withdrawnOn\":\"" + TODAY + "\",\"receivedBy\":\"試験 担当\"}")
                .when().post("/api/v1/children/" + child + "/consents/" + consent + "/withdrawal").then().statusCode(200)
                .body("state", equalTo("WITHDRAWN"));
        String requestId = "replay-" + key.substring(0, 8);
        Api.asJson("staff.kanagawa").header("Idempotency-Key", key).header("X-Request-Id", requestId).body(body)
                .when().post("/api/v1/children").then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo(child)).body("view", equalTo("PSEUDONYMOUS")).body("familyName", nullValue())
                .body("guardian", nullValue());
        Api.as("auditor.kanagawa").queryParam("objectId", child).queryParam("action", "CHILD_READ").queryParam("size", 100)
                .when().get("/api/v1/audit").then().statusCode(200).body("items.requestId", hasItem(requestId));
        assertEquals(0, AdminDb.count("select count(*) from idempotency_record where response_body is not null"));
    }

    /** Attack 5: before, 201 for a Kanagawa resident registered by Tokyo, and for Tokyo's or inactive coordinators. */
    @Test
    void writesAreScopedLikeReads() throws Exception {
        Api.asJson("staff.tokyo").body(Intake.child(Intake.randomKana(5), "たろう", "142034", null, null))
                .when().post("/api/v1/children").then().statusCode(400).body("errors[0].field", equalTo("residenceLgcode"))
                .body("errors[0].code", equalTo("out-of-scope"));
        Api.asJson("staff.tokyo").body(Intake.consultation("142034", "越境")).when().post("/api/v1/consultations").then()
                .statusCode(400).body("errors[0].field", equalTo("residenceLgcode"));
        long tokyo = AdminDb.count("select min(c.id) from coordinator c join org_unit u on u.id = c.unit_id where u.pref_code = '13'");
        long inactive = ((Number) Api.asJson("admin.kanagawa").body("""
                {"unitCode":"14-shonan-west","name":"退任 試験","nameKana":"たいにん しけん","profession":"OTHER","role":"REGIONAL","active":false}""")
                .when().post("/api/v1/coordinators").then().statusCode(201).extract().path("id")).longValue();
        String detailTokyo = null;
        for (long coordinator : new long[] { tokyo, inactive, 99_999_999L }) {
            String body = Intake.consultation("142034", "担当者").replace("\"anonymous\"", "\"coordinatorId\":" + coordinator + ",\"anonymous\"");
            String detail = Api.asJson("branch.shonan-west").body(body).when().post("/api/v1/consultations").then().statusCode(400)
                    .body("errors[0].field", equalTo("coordinatorId")).body("errors[0].code", equalTo("unknown-coordinator"))
                    .extract().path("errors[0].message");
            // One answer whether the coordinator is another prefecture's, inactive or unknown.
            String shape = detail.replace("coordinator " + coordinator + " ", "coordinator N ");
            detailTokyo = detailTokyo == null ? shape : detailTokyo;
            assertEquals(detailTokyo, shape);
        }
    }

    /** Attack 6: before, staff.tokyo read phone and e-mail of Kanagawa's coordinators. */
    @Test
    void coordinatorContactsStayWithinThePrefecture() {
        Api.as("staff.tokyo").queryParam("municipality", "142034").when().get("/api/v1/coordinators").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.greaterThan(0))
                .body("items.phone", everyItem(nullValue())).body("items.email", everyItem(nullValue()));
        Api.as("staff.tokyo").when().get("/api/v1/municipalities/142034/coverage").then().statusCode(200)
                .body(not(containsString("@example.jp")));
        Api.as("staff.kanagawa").queryParam("municipality", "142034").when().get("/api/v1/coordinators").then().statusCode(200)
                .body("items.phone", hasItem(notNullValue()));
    }
}
