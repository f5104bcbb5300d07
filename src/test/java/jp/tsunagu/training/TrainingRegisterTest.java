package jp.tsunagu.training;

import static jp.tsunagu.training.TrainingFixtures.coordinator;
import static jp.tsunagu.training.TrainingFixtures.coordinatorAttendee;
import static jp.tsunagu.training.TrainingFixtures.course;
import static jp.tsunagu.training.TrainingFixtures.external;
import static jp.tsunagu.training.TrainingFixtures.record;
import static jp.tsunagu.training.TrainingFixtures.session;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Tokens;

/** Courses, sessions, attendees and completion, as Mie's center keeps them (admin.mie, staff.mie). */
@QuarkusTest
class TrainingRegisterTest {

    /** Before each test, not in a @BeforeAll: the application and RestAssured's port are set up per test by Quarkus. */
    @BeforeEach
    void mie() {
        TrainingFixtures.mieCenter();
    }

    @Test
    void aSessionsFiscalYearIsThatOfItsFirstDayInJapan() {
        int courseId = (int) course("admin.mie", "BASIC")[0];
        Api.asJson("admin.mie").body("{\"label\":\"年度末\",\"startsOn\":\"2023-03-31\",\"endsOn\":\"2023-04-02\"}")
                .when().post("/api/v1/training/courses/" + courseId + "/sessions").then().statusCode(201)
                .body("fiscalYear", equalTo(2022)).body("fiscalYearLabelJa", equalTo("令和4年度"));
        Api.asJson("admin.mie").body("{\"label\":\"年度初め\",\"startsOn\":\"2023-04-01\",\"endsOn\":\"2023-04-01\"}")
                .when().post("/api/v1/training/courses/" + courseId + "/sessions").then().statusCode(201)
                .body("fiscalYear", equalTo(2023)).body("fiscalYearLabelJa", equalTo("令和5年度"));
        Api.asJson("admin.mie").body("{\"label\":\"平成\",\"startsOn\":\"2019-03-01\",\"endsOn\":\"2019-03-02\"}")
                .when().post("/api/v1/training/courses/" + courseId + "/sessions").then().statusCode(201)
                .body("fiscalYear", equalTo(2018)).body("fiscalYearLabelJa", equalTo("平成30年度"));
        Api.as("staff.mie").queryParam("fiscalYear", 2022).queryParam("size", 100).when().get("/api/v1/training/sessions").then()
                .statusCode(200).body("items.label", hasItem("年度末")).body("items.label", not(hasItem("年度初め")));
    }

    @Test
    void aCoordinatorsCompletionGoesIntoTheirTrainingRecord() throws Exception {
        Object[] course = course("admin.mie", "BASIC");
        int courseId = (int) course[0];
        int sessionId = session("admin.mie", courseId, "2022-07-05", "2022-09-30");
        long coordinatorId = coordinator("admin.mie", "24-center", "PUBLIC_HEALTH_NURSE", List.of("242012"));
        int attendee = coordinatorAttendee("staff.mie", sessionId, coordinatorId);
        Api.as("staff.mie").when().get("/api/v1/training/sessions/" + sessionId).then().statusCode(200)
                .body("attendees", hasSize(1)).body("attendees[0].coordinatorId", equalTo((int) coordinatorId))
                .body("attendees[0].profession", equalTo("PUBLIC_HEALTH_NURSE")).body("attendees[0].professionLabelJa", equalTo("保健師"))
                .body("attendees[0].unit.code", equalTo("24-center")).body("attendees[0].status", equalTo("REGISTERED"));
        record("staff.mie", sessionId, attendee, "ATTENDED", null).then().statusCode(200).body("status", equalTo("ATTENDED"));
        record("staff.mie", sessionId, attendee, "COMPLETED", null).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("statusLabelJa", equalTo("修了"))
                // a past session completes on its last day unless told otherwise
                .body("completedOn", equalTo("2022-09-30"));
        Api.as("admin.mie").when().get("/api/v1/coordinators/" + coordinatorId).then().statusCode(200)
                .body("trainings.course", hasItem("テスト研修 " + course[1])).body("trainings.fiscalYear", hasItem(2022))
                // the record changed: an update from the read before the completion is stale
                .body("version", equalTo(1));
        assertEquals(1, AdminDb.count("select count(*) from audit_event where action = 'TRAINING_ATTENDANCE' and object_id = ?"
                + " and detail = 'COMPLETED'", Integer.toString(attendee)));
        // enrolled once per session
        Api.asJson("staff.mie").body("{\"coordinatorId\":" + coordinatorId + "}").when()
                .post("/api/v1/training/sessions/" + sessionId + "/attendees").then().statusCode(400)
                .body("errors[0].code", equalTo("already-enrolled"));
    }

    @ParameterizedTest(name = "{0} then {1}: 409, still {0}")
    @CsvSource({ "REGISTERED, INCOMPLETE", "REGISTERED, REGISTERED", "ATTENDED, ABSENT", "ABSENT, COMPLETED", "COMPLETED, ATTENDED",
            "COMPLETED, COMPLETED", "INCOMPLETE, COMPLETED" })
    void aMoveTheTableDoesNotHaveChangesNothing(String reached, String then) throws Exception {
        int sessionId = session("admin.mie", (int) course("admin.mie", "FOLLOW_UP")[0], "2024-05-01", "2024-05-02");
        int attendee = external("admin.mie", sessionId, "NURSE");
        for (String step : switch (reached) {
            case "REGISTERED" -> List.<String>of();
            case "INCOMPLETE" -> List.of("ATTENDED", "INCOMPLETE");
            default -> List.of(reached);
        }) {
            record("admin.mie", sessionId, attendee, step, null).then().statusCode(200);
        }
        long versionBefore = AdminDb.count("select version from training_attendee where id = ?", attendee);
        record("admin.mie", sessionId, attendee, then, null).then().statusCode(409)
                .body("type", equalTo("urn:tsunagu:problem:conflict")).body("currentStatus", equalTo(reached));
        assertEquals(reached, AdminDb.string("select status from training_attendee where id = ?", attendee));
        assertEquals(versionBefore, AdminDb.count("select version from training_attendee where id = ?", attendee));
    }

    @Test
    void invalidRequestsNameTheFieldAndSaveNothing() throws Exception {
        String code = TrainingFixtures.freshCode("bad");
        Api.asJson("admin.mie").body("{\"code\":\"" + code.toUpperCase() + "\",\"titleJa\":\"\"}").when().post("/api/v1/training/courses")
                .then().statusCode(400).body("type", equalTo("urn:tsunagu:problem:validation-failed"))
                .body("errors.field", containsInAnyOrder("code", "kind", "titleJa"));
        Api.asJson("admin.mie").body("{\"code\":\"" + code + "\",\"kind\":\"SEMINAR\",\"titleJa\":\"x\"}").when().post("/api/v1/training/courses")
                .then().statusCode(400).body("errors[0].field", equalTo("kind"));
        assertEquals(0, AdminDb.count("select count(*) from training_course where code in (?, ?)", code, code.toUpperCase()));

        Object[] course = course("admin.mie", "BASIC");
        Api.asJson("admin.mie").body("{\"code\":\"" + course[1] + "\",\"kind\":\"BASIC\",\"titleJa\":\"二つ目\"}").when()
                .post("/api/v1/training/courses").then().statusCode(400).body("errors[0].code", equalTo("duplicate-code"));
        int courseId = (int) course[0];
        Api.asJson("admin.mie").body("{\"label\":\"逆\",\"startsOn\":\"2024-05-02\",\"endsOn\":\"2024-05-01\"}")
                .when().post("/api/v1/training/courses/" + courseId + "/sessions").then().statusCode(400)
                .body("errors[0].field", equalTo("endsOn"));
        Api.asJson("admin.mie").body("{\"label\":\"古い\",\"startsOn\":\"1999-05-01\",\"endsOn\":\"1999-05-01\"}")
                .when().post("/api/v1/training/courses/" + courseId + "/sessions").then().statusCode(400)
                .body("errors[0].field", equalTo("startsOn"));
        assertEquals(0, AdminDb.count("select count(*) from training_session where course_id = ?", courseId));

        int sessionId = session("admin.mie", courseId, "2024-05-01", "2024-05-02");
        for (String body : List.of("{}", "{\"coordinatorId\":1,\"external\":{\"name\":\"a\",\"profession\":\"NURSE\",\"organisation\":\"b\"}}")) {
            Api.asJson("admin.mie").body(body).when().post("/api/v1/training/sessions/" + sessionId + "/attendees").then().statusCode(400)
                    .body("errors[0].code", equalTo("one-of"));
        }
        Api.asJson("admin.mie").body("{\"external\":{\"name\":\"\",\"profession\":\"SURGEON\"}}").when()
                .post("/api/v1/training/sessions/" + sessionId + "/attendees").then().statusCode(400);
        Api.asJson("admin.mie").body("{\"external\":{\"name\":\"\",\"profession\":\"NURSE\"}}").when()
                .post("/api/v1/training/sessions/" + sessionId + "/attendees").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("external.name", "external.organisation"));
        // a Kanagawa coordinator, an inactive one and an unknown id get the same answer
        long kanagawa = coordinator("admin.kanagawa", "14-kenou", "NURSE", List.of("142123"));
        long inactive = coordinator("admin.mie", "24-center", "NURSE", List.of());
        Api.as("admin.mie").when().delete("/api/v1/coordinators/" + inactive).then().statusCode(204);
        for (long id : new long[] { kanagawa, inactive, 99_999_999L }) {
            Api.asJson("admin.mie").body("{\"coordinatorId\":" + id + "}").when().post("/api/v1/training/sessions/" + sessionId + "/attendees")
                    .then().statusCode(400).body("errors[0].code", equalTo("unknown-coordinator"));
        }
        assertEquals(0, AdminDb.count("select count(*) from training_attendee where session_id = ?", sessionId));

        int attendee = external("admin.mie", sessionId, "NURSE");
        record("admin.mie", sessionId, attendee, "ATTENDED", "2024-05-02").then().statusCode(400).body("errors[0].code", equalTo("not-completed"));
        record("admin.mie", sessionId, attendee, "COMPLETED", "2024-04-30").then().statusCode(400).body("errors[0].code", equalTo("before-session"));
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(1).toString();
        record("admin.mie", sessionId, attendee, "COMPLETED", tomorrow).then().statusCode(400).body("errors[0].field", equalTo("completedOn"));
        record("admin.mie", sessionId, attendee, "FINISHED", null).then().statusCode(400).body("errors[0].field", equalTo("status"));
        assertEquals("REGISTERED", AdminDb.string("select status from training_attendee where id = ?", attendee));
    }

    @Test
    void trainingDataStaysInItsPrefecture() {
        Object[] course = course("admin.mie", "BASIC");
        int courseId = (int) course[0];
        int sessionId = session("admin.mie", courseId, "2024-05-01", "2024-05-02");
        int attendee = external("admin.mie", sessionId, "NURSE");
        // another prefecture's center: not found, and absent from its lists
        Api.as("staff.tokyo").when().get("/api/v1/training/courses/" + courseId).then().statusCode(404);
        Api.as("staff.tokyo").when().get("/api/v1/training/sessions/" + sessionId).then().statusCode(404);
        Api.asJson("staff.tokyo").body("{\"label\":\"x\",\"startsOn\":\"2024-05-01\",\"endsOn\":\"2024-05-01\"}")
                .when().post("/api/v1/training/courses/" + courseId + "/sessions").then().statusCode(404);
        record("staff.tokyo", sessionId, attendee, "COMPLETED", null).then().statusCode(404);
        Api.as("staff.tokyo").when().get("/api/v1/training/courses").then().statusCode(200).body("items.code", not(hasItem(course[1])));
        Api.as("staff.tokyo").queryParam("course", course[1]).when().get("/api/v1/training/sessions").then().statusCode(200)
                .body("totalItems", equalTo(0));
        // roles without training records
        for (String user : List.of("branch.kenou", "coord.atsugi", "analyst.mie", "auditor.kanagawa")) {
            Api.as(user).when().get("/api/v1/training/courses").then().statusCode(403);
        }
        Api.asPartner().when().get("/api/v1/training/sessions/" + sessionId).then().statusCode(403);
        assertEquals("REGISTERED", string("select status from training_attendee where id = ?", attendee));
    }

    @Test
    void twoCompletionsOfOneAttendeeAtOnceRecordOne() throws Exception {
        int sessionId = session("admin.mie", (int) course("admin.mie", "BASIC")[0], "2024-05-01", "2024-05-02");
        long coordinatorId = coordinator("admin.mie", "24-center", "NURSE", List.of("242012"));
        int attendee = coordinatorAttendee("admin.mie", sessionId, coordinatorId);
        List<Integer> statuses = atOnce(List.of(complete("admin.mie", sessionId, attendee), complete("staff.mie", sessionId, attendee),
                complete("admin.mie", sessionId, attendee)));
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "one completion: " + statuses);
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), "the others conflict: " + statuses);
        assertEquals(1, AdminDb.count("select count(*) from coordinator_training where coordinator_id = ?", coordinatorId));
        assertEquals(1, AdminDb.count("select count(*) from audit_event where action = 'TRAINING_ATTENDANCE' and object_id = ?",
                Integer.toString(attendee)));
    }

    @Test
    void oneCoordinatorEnrolledTwiceAtOnceIsEnrolledOnce() throws Exception {
        int sessionId = session("admin.mie", (int) course("admin.mie", "BASIC")[0], "2024-05-01", "2024-05-02");
        long coordinatorId = coordinator("admin.mie", "24-center", "NURSE", List.of());
        String token = Tokens.of("admin.mie");
        Callable<Response> enrol = () -> RestAssured.given().auth().oauth2(token).contentType("application/json")
                .body("{\"coordinatorId\":" + coordinatorId + "}").when().post("/api/v1/training/sessions/" + sessionId + "/attendees");
        List<Integer> statuses = atOnce(List.of(enrol, enrol, enrol));
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "one enrolment: " + statuses);
        assertEquals(1, AdminDb.count("select count(*) from training_attendee where session_id = ? and coordinator_id = ?", sessionId, coordinatorId));
    }

    private static String string(String sql, Object... params) {
        try {
            return AdminDb.string(sql, params);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Callable<Response> complete(String user, int sessionId, int attendeeId) {
        String token = Tokens.of(user);
        return () -> RestAssured.given().auth().oauth2(token).contentType("application/json").body(Map.of("status", "COMPLETED"))
                .when().post("/api/v1/training/sessions/" + sessionId + "/attendees/" + attendeeId + "/attendance");
    }

    /** Released together by a latch; the answers' statuses in order, none a server fault. */
    static List<Integer> atOnce(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        for (Callable<Response> call : calls) {
            futures.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Response> f : futures) {
            Response r = f.get();
            assertTrue(r.statusCode() < 500, "no server fault: " + r.asString());
            statuses.add(r.statusCode());
        }
        pool.shutdown();
        return statuses;
    }
}
