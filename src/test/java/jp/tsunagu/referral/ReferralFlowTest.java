package jp.tsunagu.referral;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Intake;

@QuarkusTest
class ReferralFlowTest {

    static String consultation(String user, String residence, String extra) {
        String body = Intake.consultation(residence, "短期入所先の調整 " + System.nanoTime());
        if (extra != null) {
            body = body.replace("\"urgency\":\"NORMAL\"", "\"urgency\":\"NORMAL\"," + extra);
        }
        return Api.asJson(user).body(body).when().post("/api/v1/consultations").then().statusCode(201).extract().path("id");
    }

    static Response refer(String user, String consultationId, String kind, String receiver) {
        return Api.asJson(user).body("{\"consultationId\":\"" + consultationId + "\",\"kind\":\"" + kind + "\",\"receiverUnitCode\":\""
                + receiver + "\",\"requestText\":\"後方支援をお願いします\"}")
                .when().post("/api/v1/referrals");
    }

    static ValidatableResponse move(String user, String id, String etag, String body) {
        var request = Api.asJson(user).body(body);
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.when().post("/api/v1/referrals/" + id + "/transitions").then();
    }

    @Test
    void aCoordinatorEscalatesTheBranchCompletesAndTheCoordinatorConfirms() {
        String consultation = consultation("coord.hiratsuka", "142034", null);
        Response created = refer("coord.hiratsuka", consultation, "ESCALATION", "14-shonan-west");
        created.then().statusCode(201).header("ETag", "\"0\"")
                .body("direction", equalTo("UP")).body("state", equalTo("REQUESTED"))
                .body("sender.unitCode", equalTo("m-142034")).body("sender.tier", equalTo(3))
                .body("sender.regionCode", equalTo("14-shonan-west"))
                .body("receiver.unitKind", equalTo("BRANCH")).body("allowedActions", contains("CANCEL"));
        String id = created.path("id");

        Api.as("branch.shonan-west").when().get("/api/v1/referrals/inbox").then().statusCode(200).body("items.id", hasItem(id));
        Api.as("coord.hiratsuka").when().get("/api/v1/referrals/outbox").then().statusCode(200).body("items.id", hasItem(id));
        Api.as("branch.shonan-west").when().get("/api/v1/referrals/" + id).then().statusCode(200)
                .body("allowedActions", contains("ACCEPT", "DECLINE"));
        // The receiver sees the escalated consultation while the referral is active.
        Api.as("branch.shonan-west").when().get("/api/v1/consultations/" + consultation).then().statusCode(200);

        String etag = move("branch.shonan-west", id, "\"0\"", "{\"action\":\"ACCEPT\"}").statusCode(200)
                .header("ETag", "\"1\"").body("state", equalTo("ACCEPTED")).extract().header("ETag");
        Api.as("coord.hiratsuka").when().get("/api/v1/consultations/" + consultation).then()
                .body("ownerUnit.code", equalTo("m-142034"));
        etag = move("branch.shonan-west", id, etag, "{\"action\":\"START\"}").statusCode(200).extract().header("ETag");
        Api.asJson("branch.shonan-west").body("{\"status\":\"CONTACTED_FAMILY\",\"body\":\"家族に連絡し、見学日程を調整中\"}")
                .when().post("/api/v1/referrals/" + id + "/reports").then().statusCode(201);
        Api.asJson("coord.hiratsuka").body("{\"status\":\"OTHER\",\"body\":\"送り手は報告しない\"}")
                .when().post("/api/v1/referrals/" + id + "/reports").then().statusCode(403);
        Api.as("coord.hiratsuka").when().get("/api/v1/referrals/" + id + "/reports").then().statusCode(200)
                .body("status", contains("CONTACTED_FAMILY")).body("[0].unitCode", equalTo("14-shonan-west"));
        // Reports leave the ETag alone.
        etag = move("branch.shonan-west", id, etag, "{\"action\":\"COMPLETE\",\"outcomeCode\":\"SERVICE_ARRANGED\",\"outcomeText\":\"短期入所の利用開始\"}")
                .statusCode(200).body("state", equalTo("COMPLETED")).extract().header("ETag");
        Api.as("coord.hiratsuka").when().get("/api/v1/referrals/" + id).then()
                .body("allowedActions", contains("CONFIRM_CLOSURE", "REOPEN")).body("outcomeCode", equalTo("SERVICE_ARRANGED"));
        move("coord.hiratsuka", id, etag, "{\"action\":\"CONFIRM_CLOSURE\"}").statusCode(200).body("state", equalTo("CLOSED"));

        Api.as("coord.hiratsuka").when().get("/api/v1/referrals/" + id + "/history").then().statusCode(200)
                .body("action", contains("REQUEST", "ACCEPT", "START", "COMPLETE", "CONFIRM_CLOSURE"))
                .body("[1].unitCode", equalTo("14-shonan-west"))
                .body("[3].reasonCode", equalTo("SERVICE_ARRANGED"));
        // After the referral ended, the receiver of an escalation no longer sees the consultation; the sender does.
        Api.as("branch.shonan-west").when().get("/api/v1/referrals/" + id).then().statusCode(200);
        Api.as("coord.hiratsuka").when().get("/api/v1/referrals/" + id + "/reports").then().statusCode(200);
    }

    @Test
    void theCenterTransfersACaseAndOwnershipMovesOnlyOnAcceptance() {
        String consultation = consultation("staff.kanagawa", "142123", null);
        String id = refer("staff.kanagawa", consultation, "TRANSFER", "14-kenou").then().statusCode(201)
                .body("direction", equalTo("DOWN")).extract().path("id");
        Api.as("branch.kenou").when().get("/api/v1/consultations/" + consultation).then().statusCode(200)
                .body("ownerUnit.code", equalTo("14-center"));
        move("branch.kenou", id, "\"0\"", "{\"action\":\"ACCEPT\"}").statusCode(200);
        Api.as("branch.kenou").when().get("/api/v1/consultations/" + consultation).then().statusCode(200)
                .body("ownerUnit.code", equalTo("14-kenou"));
        Api.as("staff.kanagawa").when().get("/api/v1/referrals/" + id).then().statusCode(200).body("state", equalTo("ACCEPTED"));
        // The new owner may refer it on; the former owner may not.
        refer("branch.kenou", consultation, "CONSULT", "14-center").then().statusCode(201);
        refer("staff.kanagawa", consultation, "TRANSFER", "14-shonan-west").then().statusCode(403);
    }

    @Test
    void fiftyConcurrentAcceptsWithTheSameETagHaveOneWinner() throws Exception {
        String consultation = consultation("coord.hiratsuka", "142034", null);
        String id = refer("coord.hiratsuka", consultation, "ESCALATION", "14-shonan-west").then().statusCode(201).extract().path("id");
        String token = jp.tsunagu.support.Tokens.of("branch.shonan-west");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(pool.submit(() -> {
                start.await();
                return io.restassured.RestAssured.given().auth().oauth2(token).contentType("application/json")
                        .header("If-Match", "\"0\"").body("{\"action\":\"ACCEPT\"}")
                        .when().post("/api/v1/referrals/" + id + "/transitions").statusCode();
            }));
        }
        start.countDown();
        int ok = 0;
        int stale = 0;
        for (Future<Integer> call : calls) {
            int status = call.get();
            if (status == 200) {
                ok++;
            } else if (status == 412) {
                stale++;
            }
        }
        pool.shutdown();
        assertEquals(1, ok);
        assertEquals(49, stale);
        assertEquals(1, AdminDb.count("select count(*) from referral_transition where referral_id = ? and action = 'ACCEPT'", id));
    }

    @Test
    void preconditionsAndIllegalMovesAreExplained() {
        String consultation = consultation("coord.hiratsuka", "142034", null);
        String id = refer("coord.hiratsuka", consultation, "ESCALATION", "14-shonan-west").then().statusCode(201).extract().path("id");
        move("branch.shonan-west", id, null, "{\"action\":\"ACCEPT\"}").statusCode(428).contentType("application/problem+json")
                .body("currentETag", equalTo("\"0\""));
        move("branch.shonan-west", id, "\"7\"", "{\"action\":\"ACCEPT\"}").statusCode(412).body("currentState", equalTo("REQUESTED"));
        move("branch.shonan-west", id, "\"0\"", "{\"action\":\"COMPLETE\",\"outcomeCode\":\"SERVICE_ARRANGED\"}").statusCode(409)
                .body("currentState", equalTo("REQUESTED")).body("allowedActions", contains("ACCEPT", "DECLINE", "CANCEL"));
        move("coord.hiratsuka", id, "\"0\"", "{\"action\":\"ACCEPT\"}").statusCode(403).body("allowedActions", contains("CANCEL"));
        move("branch.shonan-west", id, "\"0\"", "{\"action\":\"DECLINE\",\"reasonText\":\"x\"}").statusCode(400)
                .body("errors.field", contains("reasonCode", "reasonText"));
        move("branch.kenou", id, "\"0\"", "{\"action\":\"ACCEPT\"}").statusCode(404);
        move("branch.shonan-west", id, "\"0\"", "{\"action\":\"DECLINE\",\"reasonCode\":\"OUT_OF_AREA\",\"reasonText\":\"管轄外のため\"}")
                .statusCode(200).body("state", equalTo("DECLINED")).body("reasonCode", equalTo("OUT_OF_AREA"));
        refer("coord.hiratsuka", consultation, "TRANSFER", "14-shonan-west").then().statusCode(400).body("errors[0].field", equalTo("kind"));
        refer("coord.hiratsuka", consultation, "ESCALATION", "m-142034").then().statusCode(400);
        Api.asJson("analyst.kanagawa").body("{\"consultationId\":\"" + consultation + "\",\"kind\":\"CONSULT\",\"receiverUnitCode\":\"14-center\",\"requestText\":\"x\"}")
                .when().post("/api/v1/referrals").then().statusCode(403);
    }

    @Test
    void theConsentGateDecidesWhatTheReceiverSeesOfTheChild() {
        String sharing = Api.asJson("coord.hiratsuka").body(Intake.child(Intake.randomKana(4), "たろう", "142034",
                "\"CENTER_ONLY\",\"SHARE_WITH_REFERRAL_RECIPIENTS\"", null)).when().post("/api/v1/children").then().statusCode(201).extract().path("id");
        String notSharing = Api.asJson("coord.hiratsuka").body(Intake.child(Intake.randomKana(4), "じろう", "142034",
                "\"CENTER_ONLY\",\"SHARE_WITH_RESIDENCE_MUNICIPALITY\"", null)).when().post("/api/v1/children").then().statusCode(201).extract().path("id");
        jp.tsunagu.support.Consents.confirmAll(sharing);
        jp.tsunagu.support.Consents.confirmAll(notSharing);

        String c1 = consultation("coord.hiratsuka", "142034", "\"childId\":\"" + sharing + "\"");
        refer("coord.hiratsuka", c1, "ESCALATION", "14-shonan-west").then().statusCode(201)
                .body("childIdentifyingShared", equalTo(true)).body("childNotice", nullValue());
        Api.as("branch.shonan-west").when().get("/api/v1/children/" + sharing).then().statusCode(200).body("view", equalTo("IDENTIFYING"));

        String c2 = consultation("coord.hiratsuka", "142034", "\"childId\":\"" + notSharing + "\"");
        refer("coord.hiratsuka", c2, "ESCALATION", "14-shonan-west").then().statusCode(201)
                .body("childIdentifyingShared", equalTo(false)).body("childNotice", containsString("pseudonymously"));
        Api.as("branch.shonan-west").when().get("/api/v1/children/" + notSharing).then().statusCode(200).body("view", equalTo("PSEUDONYMOUS"));
    }

    @Test
    void anUnansweredReferralShowsAsOverdueInTheInbox() throws Exception {
        String consultation = consultation("coord.atsugi", "142123", null);
        String id = refer("coord.atsugi", consultation, "ESCALATION", "14-kenou").then().statusCode(201).extract().path("id");
        Api.as("branch.kenou").queryParam("overdue", true).queryParam("size", 100).when().get("/api/v1/referrals/inbox")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
        // Age the request by 30 days, as if nobody had answered it for a month.
        AdminDb.update("update referral set requested_at = requested_at - interval 30 day where id = ?", id);
        Api.as("branch.kenou").queryParam("overdue", true).queryParam("size", 100).when().get("/api/v1/referrals/inbox")
                .then().statusCode(200).body("items.id", hasItem(id));
        Api.as("branch.kenou").when().get("/api/v1/referrals/" + id).then().body("overdue", equalTo("NO_ANSWER"));
    }
}
