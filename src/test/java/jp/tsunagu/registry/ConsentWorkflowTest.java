package jp.tsunagu.registry;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Consents;
import jp.tsunagu.support.Intake;

/** A consent from the form to its withdrawal, seen through every read path that depends on it. */
@QuarkusTest
class ConsentWorkflowTest {

    @Test
    void recordConfirmTakeEffectWithdrawAndEffectGoneEverywhere() {
        String child = Api.asJson("coord.hiratsuka").body(Intake.child(Intake.randomKana(5), "はなこ", "142034", null, null))
                .when().post("/api/v1/children").then().statusCode(201).extract().path("id");
        String consultation = Api.asJson("coord.hiratsuka").body(Intake.consultation("142034", "同意の流れ")
                .replace("\"anonymous\"", "\"childId\":\"" + child + "\",\"anonymous\"")).when().post("/api/v1/consultations")
                .then().statusCode(201).extract().path("id");
        String referral = Api.asJson("coord.hiratsuka").body("{\"consultationId\":\"" + consultation
                + "\",\"kind\":\"ESCALATION\",\"receiverUnitCode\":\"14-shonan-west\",\"requestText\":\"後方支援の依頼\"}")
                .when().post("/api/v1/referrals").then().statusCode(201).body("childIdentifyingShared", equalTo(false)).extract().path("id");

        // Recorded: evidence kept, nothing changes yet.
        int consent = Api.asJson("coord.hiratsuka").body(Intake.consent("\"SHARE_WITH_RESIDENCE_MUNICIPALITY\",\"SHARE_WITH_REFERRAL_RECIPIENTS\"",
                "同意書 W-1")).when().post("/api/v1/children/" + child + "/consents").then().statusCode(201)
                .body("state", equalTo("PENDING")).body("formName", equalTo("個人情報使用同意書")).body("obtainedBy", equalTo("試験 担当"))
                .body("obtainedFrom.relationship", equalTo("MOTHER")).body("obtainedFrom.name", nullValue())
                .body("recordedBy", equalTo("coord.hiratsuka")).extract().path("id");
        Api.as("branch.shonan-west").when().get("/api/v1/children/" + child).then().body("view", equalTo("PSEUDONYMOUS"));
        Api.as("branch.shonan-west").when().get("/api/v1/referrals/" + referral).then().body("childIdentifyingShared", equalTo(false));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> signer = (java.util.Map<String, Object>) ((java.util.Map<String, Object>) Consents
                .reviewList("staff.kanagawa").get(consent).get("consent")).get("obtainedFrom");
        org.junit.jupiter.api.Assertions.assertEquals("試験 花子", signer.get("name"));

        // Confirmed by the center against the form: in force for the residence and the referral's receiver.
        Consents.confirmAll(child);
        Api.as("coord.hiratsuka").when().get("/api/v1/children/" + child).then().body("view", equalTo("IDENTIFYING"));
        Api.as("branch.shonan-west").when().get("/api/v1/children/" + child).then().body("view", equalTo("IDENTIFYING"));
        Api.as("branch.shonan-west").when().get("/api/v1/referrals/" + referral).then().body("childIdentifyingShared", equalTo(true));
        Api.as("branch.shonan-west").queryParam("size", 100).when().get("/api/v1/referrals/inbox").then()
                .body("items.find { it.id == '" + referral + "' }.childIdentifyingShared", equalTo(true));
        Api.as("coord.hiratsuka").when().get("/api/v1/children/" + child + "/consents").then()
                .body("[0].state", equalTo("CONFIRMED")).body("[0].reviewedBy", equalTo("staff.kanagawa"))
                .body("[0].obtainedFrom.name", equalTo("試験 花子"));

        // Withdrawn (the family asked the coordinator): gone on the next request of every path.
        Api.asJson("coord.hiratsuka").body("{\"withdrawnOn\":\"" + LocalDate.now(ZoneId.of("Asia/Tokyo")) + "\",\"receivedBy\":\"大磯 さくら\"}")
                .when().post("/api/v1/children/" + child + "/consents/" + consent + "/withdrawal").then().statusCode(200)
                .body("state", equalTo("WITHDRAWN")).body("withdrawalReceivedBy", equalTo("大磯 さくら")).body("active", equalTo(false));
        Api.as("coord.hiratsuka").when().get("/api/v1/children/" + child).then().body("view", equalTo("PSEUDONYMOUS"));
        Api.as("branch.shonan-west").when().get("/api/v1/children/" + child).then().body("view", equalTo("PSEUDONYMOUS"));
        Api.as("staff.kanagawa").when().get("/api/v1/children/" + child).then().body("view", equalTo("PSEUDONYMOUS"));
        Api.as("branch.shonan-west").when().get("/api/v1/referrals/" + referral).then().body("childIdentifyingShared", equalTo(false));
        Api.as("branch.shonan-west").queryParam("size", 100).when().get("/api/v1/referrals/inbox").then()
                .body("items.find { it.id == '" + referral + "' }.childIdentifyingShared", equalTo(false));
        Api.as("coord.hiratsuka").when().get("/api/v1/children/" + child + "/consents").then()
                .body("[0].obtainedFrom.name", nullValue());
        Api.asJson("coord.hiratsuka").body("{\"withdrawnOn\":\"" + LocalDate.now(ZoneId.of("Asia/Tokyo")) + "\",\"receivedBy\":\"大磯 さくら\"}")
                .when().post("/api/v1/children/" + child + "/consents/" + consent + "/withdrawal").then().statusCode(409)
                .body("currentState", equalTo("WITHDRAWN"));
        Api.as("auditor.kanagawa").queryParam("objectId", child).queryParam("size", 100).when().get("/api/v1/audit").then()
                .body("items.action", hasItem("CONSENT_RECORD")).body("items.action", hasItem("CONSENT_CONFIRM"))
                .body("items.action", hasItem("CONSENT_WITHDRAW"));
    }
}
