package jp.tsunagu.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jp.tsunagu.access.AccessRules;
import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Tokens;

/**
 * Races that real staff run into, with real threads against the real MariaDB: exactly one coherent
 * outcome each time, no 5xx, and every 412/409 tells the current state and ETag.
 */
@QuarkusTest
class ReferralConcurrencyTest {

    static final int ROUNDS = 5;

    record Answer(int status, String state, String etag, String body) {
        static Answer of(Response r) {
            String state = r.statusCode() == 200 ? r.path("state") : r.path("currentState");
            String etag = r.statusCode() == 200 ? r.header("ETag") : r.path("currentETag");
            return new Answer(r.statusCode(), state, etag, r.asString());
        }
    }

    /** Runs the calls at once (released together by a latch) and returns their answers in order. */
    static List<Answer> atOnce(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        for (Callable<Response> call : calls) {
            futures.add(pool.submit(() -> {
                start.await();
                return Answer.of(call.call());
            }));
        }
        start.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> f : futures) {
            answers.add(f.get());
        }
        pool.shutdown();
        for (Answer a : answers) {
            assertTrue(a.status() < 500, "no server fault: " + a);
        }
        return answers;
    }

    static Callable<Response> move(String user, String id, String etag, String body) {
        String token = Tokens.of(user);
        return () -> RestAssured.given().auth().oauth2(token).contentType("application/json").header("If-Match", etag).body(body)
                .when().post("/api/v1/referrals/" + id + "/transitions");
    }

    static Response current(String user, String id) {
        return Api.as(user).when().get("/api/v1/referrals/" + id);
    }

    @Test
    void acceptDeclineAndCancelOnOneReferralHaveOneWinnerAndTheLosersSeeIt() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String consultation = ReferralFlowTest.consultation("coord.hiratsuka", "142034", null);
            String id = ReferralFlowTest.refer("coord.hiratsuka", consultation, "ESCALATION", "14-shonan-west").then().statusCode(201)
                    .extract().path("id");
            List<Answer> answers = atOnce(List.of(
                    move("branch.shonan-west", id, "\"0\"", "{\"action\":\"ACCEPT\"}"),
                    move("branch.shonan-west", id, "\"0\"", "{\"action\":\"DECLINE\",\"reasonCode\":\"OUT_OF_AREA\",\"reasonText\":\"圏域外\"}"),
                    move("coord.hiratsuka", id, "\"0\"", "{\"action\":\"CANCEL\",\"reasonCode\":\"RESOLVED_ELSEWHERE\",\"reasonText\":\"自己解決\"}")));
            Response now = current("coord.hiratsuka", id);
            String state = now.path("state");
            String etag = now.header("ETag");
            assertEquals(1, answers.stream().filter(a -> a.status() == 200).count(), answers.toString());
            for (Answer a : answers) {
                if (a.status() == 200) {
                    assertEquals(state, a.state());
                } else {
                    assertEquals(412, a.status(), a.toString());
                    assertEquals(state, a.state(), "the loser is told the current state: " + a);
                    assertEquals(etag, a.etag(), "and the current ETag: " + a);
                }
            }
            assertEquals(2, AdminDb.count("select count(*) from referral_transition where referral_id = ?", id), "REQUEST and one move");
        }
    }

    @Test
    void twoTransfersOfOneCaseAcceptedAtOnceMoveItOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String consultation = ReferralFlowTest.consultation("staff.kanagawa", "142123", null);
            String toKenou = ReferralFlowTest.refer("staff.kanagawa", consultation, "TRANSFER", "14-kenou").then().statusCode(201)
                    .extract().path("id");
            String toShonan = ReferralFlowTest.refer("staff.kanagawa", consultation, "TRANSFER", "14-shonan-west").then().statusCode(201)
                    .extract().path("id");
            List<Answer> answers = atOnce(List.of(move("branch.kenou", toKenou, "\"0\"", "{\"action\":\"ACCEPT\"}"),
                    move("branch.shonan-west", toShonan, "\"0\"", "{\"action\":\"ACCEPT\"}")));
            assertEquals(1, answers.stream().filter(a -> a.status() == 200).count(), answers.toString());
            Answer loser = answers.stream().filter(a -> a.status() != 200).findFirst().orElseThrow();
            assertEquals(409, loser.status(), loser.toString());
            assertEquals("REQUESTED", loser.state(), loser.toString());
            String winner = answers.get(0).status() == 200 ? "14-kenou" : "14-shonan-west";
            String owner = Api.as("staff.kanagawa").when().get("/api/v1/consultations/" + consultation).then().statusCode(200)
                    .extract().path("ownerUnit.code");
            assertEquals(winner, owner);
            String loserId = winner.equals("14-kenou") ? toShonan : toKenou;
            Response lost = current("staff.kanagawa", loserId);
            assertEquals("REQUESTED", lost.path("state"));
            assertEquals(loser.etag(), lost.header("ETag"));
        }
    }

    @Test
    void aReportNeverLandsOnAReferralCompletedMeanwhile() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String consultation = ReferralFlowTest.consultation("coord.hiratsuka", "142034", null);
            String id = ReferralFlowTest.refer("coord.hiratsuka", consultation, "ESCALATION", "14-shonan-west").then().statusCode(201)
                    .extract().path("id");
            ReferralFlowTest.move("branch.shonan-west", id, "\"0\"", "{\"action\":\"ACCEPT\"}").statusCode(200);
            ReferralFlowTest.move("branch.shonan-west", id, "\"1\"", "{\"action\":\"START\"}").statusCode(200);
            String token = Tokens.of("branch.shonan-west");
            List<Answer> answers = atOnce(List.of(
                    move("branch.shonan-west", id, "\"2\"", "{\"action\":\"COMPLETE\",\"outcomeCode\":\"SERVICE_ARRANGED\",\"outcomeText\":\"調整済み\"}"),
                    () -> RestAssured.given().auth().oauth2(token).contentType("application/json")
                            .body("{\"status\":\"CONTACTED_FAMILY\",\"body\":\"家族に連絡\"}").when().post("/api/v1/referrals/" + id + "/reports")));
            assertEquals(200, answers.get(0).status(), answers.toString());
            int report = answers.get(1).status();
            assertTrue(report == 201 || report == 409, answers.toString());
            long afterEnd = AdminDb.count("select count(*) from referral_report p join referral r on r.id = p.referral_id"
                    + " where r.id = ? and p.created_at > r.ended_at", id);
            assertEquals(0, afterEnd, "no report dated after the completion");
            assertEquals(report == 201 ? 1 : 0, AdminDb.count("select count(*) from referral_report where referral_id = ?", id));
        }
    }

    @Test
    void aStatusChangeRacingATransfersAcceptanceIsOneOrTheOtherNeverAFault() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String consultation = ReferralFlowTest.consultation("staff.kanagawa", "142123", null);
            String id = ReferralFlowTest.refer("staff.kanagawa", consultation, "TRANSFER", "14-kenou").then().statusCode(201).extract().path("id");
            String etag = Api.as("staff.kanagawa").when().get("/api/v1/consultations/" + consultation).then().statusCode(200)
                    .extract().header("ETag");
            String staff = Tokens.of("staff.kanagawa");
            List<Answer> answers = atOnce(List.of(move("branch.kenou", id, "\"0\"", "{\"action\":\"ACCEPT\"}"),
                    () -> RestAssured.given().auth().oauth2(staff).contentType("application/json").header("If-Match", etag)
                            .body("{\"status\":\"IN_PROGRESS\"}").when().post("/api/v1/consultations/" + consultation + "/status")));
            assertEquals(200, answers.get(0).status(), "the acceptance does not depend on the status: " + answers);
            Answer status = answers.get(1);
            assertTrue(status.status() == 200 || status.status() == 412, answers.toString());
            Response now = Api.as("staff.kanagawa").when().get("/api/v1/consultations/" + consultation);
            assertEquals("14-kenou", now.path("ownerUnit.code"));
            if (status.status() == 412) {
                assertEquals(now.header("ETag"), status.etag(), status.toString());
                assertEquals("OPEN", now.path("status"));
            } else {
                assertEquals("IN_PROGRESS", now.path("status"));
            }
        }
    }

    @Test
    void oneActiveReferralPerReceiverEvenWhenTenArriveAtOnce() throws Exception {
        String consultation = ReferralFlowTest.consultation("coord.hiratsuka", "142034", null);
        String token = Tokens.of("coord.hiratsuka");
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> RestAssured.given().auth().oauth2(token).contentType("application/json")
                    .body("{\"consultationId\":\"" + consultation + "\",\"kind\":\"ESCALATION\",\"receiverUnitCode\":\"14-shonan-west\","
                            + "\"requestText\":\"同時依頼\"}").when().post("/api/v1/referrals"));
        }
        List<Answer> answers = atOnce(calls);
        assertEquals(1, answers.stream().filter(a -> a.status() == 201).count(), answers.toString());
        assertTrue(answers.stream().allMatch(a -> a.status() == 201 || a.status() == 409), answers.toString());
        assertEquals(1, AdminDb.count("select count(*) from referral where consultation_id = ?", consultation));
    }

    @Test
    void ifMatchFollowsRfc9110() {
        String consultation = ReferralFlowTest.consultation("coord.hiratsuka", "142034", null);
        String id = ReferralFlowTest.refer("coord.hiratsuka", consultation, "ESCALATION", "14-shonan-west").then().statusCode(201)
                .extract().path("id");
        ReferralFlowTest.move("branch.shonan-west", id, "W/\"0\"", "{\"action\":\"ACCEPT\"}").statusCode(412);
        String etag = ReferralFlowTest.move("branch.shonan-west", id, "\"7\", \"0\"", "{\"action\":\"ACCEPT\"}").statusCode(200)
                .extract().header("ETag");
        assertEquals("\"1\"", etag);
        ReferralFlowTest.move("branch.shonan-west", id, "*", "{\"action\":\"START\"}").statusCode(200);
    }

    /** The generated column of V9 and the Java list of active states are one definition: they must agree. */
    @Test
    void theDatabasesActiveStatesAreTheScopeRulesActiveStates() throws Exception {
        String expression = AdminDb.string("select generation_expression from information_schema.columns where table_schema = database()"
                + " and table_name = 'referral' and column_name = 'active_receiver_unit_id'");
        assertNotNull(expression);
        for (ReferralState state : ReferralState.values()) {
            assertEquals(AccessRules.ACTIVE_REFERRAL_STATES.contains(state.name()), expression.contains("'" + state.name() + "'"),
                    state + " in " + expression);
        }
    }
}
