package jp.tsunagu.training;

import static jp.tsunagu.support.Fixtures.CSV_HEADER;
import static jp.tsunagu.support.Fixtures.MIE_CENTER;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.restassured.response.Response;
import jp.tsunagu.support.Api;

/** Courses, sessions, attendees and coordinators the training tests create for themselves, with fresh codes. */
final class TrainingFixtures {

    private TrainingFixtures() {
    }

    static String freshCode(String stem) {
        return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Makes sure the Mie center exists (importing it again changes nothing). */
    static void mieCenter() {
        importMie("");
    }

    static void importMie(String lines) {
        Api.as("admin.mie").contentType("text/csv; charset=UTF-8").body(CSV_HEADER + MIE_CENTER + lines)
                .when().post("/api/v1/structure-imports").then().statusCode(200);
    }

    /** Creates a course as {@code user}; returns {id, code}. */
    static Object[] course(String user, String kind) {
        String code = freshCode(kind.toLowerCase().replace('_', '-'));
        int id = Api.asJson(user).body("{\"code\":\"" + code + "\",\"kind\":\"" + kind + "\",\"titleJa\":\"テスト研修 " + code + "\"}")
                .when().post("/api/v1/training/courses").then().statusCode(201).extract().path("id");
        return new Object[] { id, code };
    }

    static int session(String user, int courseId, String startsOn, String endsOn) {
        return Api.asJson(user).body("{\"label\":\"第1期\",\"startsOn\":\"" + startsOn + "\",\"endsOn\":\"" + endsOn + "\"}")
                .when().post("/api/v1/training/courses/" + courseId + "/sessions").then().statusCode(201).extract().path("id");
    }

    static int external(String user, int sessionId, String profession) {
        return Api.asJson(user).body("{\"external\":{\"name\":\"受講 者\",\"profession\":\"" + profession
                + "\",\"organisation\":\"テスト訪問看護ステーション\"}}").when().post("/api/v1/training/sessions/" + sessionId + "/attendees")
                .then().statusCode(201).extract().path("id");
    }

    static int coordinatorAttendee(String user, int sessionId, long coordinatorId) {
        return Api.asJson(user).body("{\"coordinatorId\":" + coordinatorId + "}").when().post("/api/v1/training/sessions/" + sessionId + "/attendees")
                .then().statusCode(201).extract().path("id");
    }

    static Response record(String user, int sessionId, int attendeeId, String status, String completedOn) {
        return Api.asJson(user).body("{\"status\":\"" + status + "\"" + (completedOn == null ? "" : ",\"completedOn\":\"" + completedOn + "\"") + "}")
                .when().post("/api/v1/training/sessions/" + sessionId + "/attendees/" + attendeeId + "/attendance");
    }

    /** A coordinator registered by the prefecture's admin; returns the id. */
    static long coordinator(String admin, String unitCode, String profession, List<String> municipalities) {
        String lgcodes = municipalities.stream().map(m -> "\"" + m + "\"").collect(Collectors.joining(","));
        int id = Api.asJson(admin).body("{\"unitCode\":\"" + unitCode + "\",\"name\":\"研修 太郎 " + UUID.randomUUID().toString().substring(0, 4)
                + "\",\"nameKana\":\"けんしゅう たろう\",\"profession\":\"" + profession + "\",\"role\":\"MUNICIPAL\",\"municipalities\":[" + lgcodes + "]}")
                .when().post("/api/v1/coordinators").then().statusCode(201).extract().path("id");
        return id;
    }
}
