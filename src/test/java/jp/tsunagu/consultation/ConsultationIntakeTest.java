package jp.tsunagu.consultation;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Intake;

@QuarkusTest
class ConsultationIntakeTest {

    static String create(String user, String residence, String complaint) {
        return Api.asJson(user).body(Intake.consultation(residence, complaint)).when().post("/api/v1/consultations")
                .then().statusCode(201).header("Location", notNullValue()).extract().path("id");
    }

    private static int visibleCount(String user) {
        return Api.as(user).queryParam("size", 1).when().get("/api/v1/consultations").then().statusCode(200).extract().path("totalItems");
    }

    @Test
    void staffRecordAConsultationForTheirUnit() {
        String id = create("branch.shonan-west", "142034", "重症心身障害児のレスパイト先を知りたい");
        Api.as("branch.shonan-west").when().get("/api/v1/consultations/" + id).then().statusCode(200)
                .body("receivingUnit.code", equalTo("14-shonan-west"))
                .body("ownerUnit.code", equalTo("14-shonan-west"))
                .body("receivedOn", equalTo("2024-06-03"))
                .body("receivedAt", equalTo("2024-06-03T01:15:00Z"))
                .body("topics", contains("MEDICAL_CARE", "RESPITE_RESIDENTIAL"))
                .body("residence.name", equalTo("平塚市"))
                .body("status", equalTo("OPEN"));
        Api.as("branch.shonan-west").when().get("/api/v1/consultations/" + id + "/timeline").then().statusCode(200)
                .body("type", contains("CHIEF_COMPLAINT"))
                .body("[0].body", equalTo("重症心身障害児のレスパイト先を知りたい"))
                .body("[0].unitCode", equalTo("14-shonan-west"));
    }

    @Test
    void anAnonymousCommunityConsultationNeedsNoChildAndNoResidence() {
        Api.asJson("staff.kanagawa").body("""
                {"receivedAt":"2024-05-20T14:00:00+09:00","channel":"EMAIL","requesterType":"MUNICIPALITY","kind":"COMMUNITY",
                 "topics":["NURSERY_KINDERGARTEN","MEDICAL_CARE"],"anonymous":true,
                 "chiefComplaint":"保育所と地域の医療機関との連携、園医の指導について助言がほしい"}""")
                .when().post("/api/v1/consultations").then().statusCode(201)
                .body("kind", equalTo("COMMUNITY")).body("anonymous", equalTo(true))
                .body("residence", nullValue()).body("childId", nullValue()).body("urgency", equalTo("NORMAL"));
    }

    @Test
    void everyInvalidFieldIsAnsweredPreciselyAndNothingIsSaved() {
        int before = visibleCount("branch.kenou");
        Api.asJson("branch.kenou").body("""
                {"receivedAt":"2999-01-01T09:00:00+09:00","channel":"PHONE","requesterType":"FAMILY",
                 "topics":[],"residenceLgcode":"14212","chiefComplaint":""}""")
                .when().post("/api/v1/consultations").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("receivedAt", "kind", "topics", "residenceLgcode", "chiefComplaint"));
        Api.asJson("branch.kenou").body(Intake.consultation("142123", "x").replace("\"PHONE\"", "\"FAX\""))
                .when().post("/api/v1/consultations").then().statusCode(400)
                .body("errors[0].field", equalTo("channel"))
                .body("errors[0].code", equalTo("unknown-code"))
                .body("allowedValues", hasItem("PHONE"));
        Api.asJson("branch.kenou").body(Intake.consultation("142123", "x").replace("\"MEDICAL_CARE\"", "\"PARKING\""))
                .when().post("/api/v1/consultations").then().statusCode(400)
                .body("errors[0].field", equalTo("topics[1]"));
        Api.asJson("branch.kenou").body(Intake.consultation("142124", "x"))
                .when().post("/api/v1/consultations").then().statusCode(400)
                .body("errors[0].field", equalTo("residenceLgcode")).body("expectedCheckDigit", equalTo(3));
        Api.asJson("branch.kenou").body(Intake.consultation("142123", "あ".repeat(2001)))
                .when().post("/api/v1/consultations").then().statusCode(400)
                .body("errors[0].field", equalTo("chiefComplaint"));
        Api.asJson("branch.kenou").body(Intake.consultation("142123", "x").replace("\"urgency\":\"NORMAL\"", "\"urgency\":\"SOON\""))
                .when().post("/api/v1/consultations").then().statusCode(400)
                .body("errors[0].field", equalTo("urgency"));
        assertEquals(before, visibleCount("branch.kenou"));
    }

    @Test
    void theTimelineIsAppendOnlyAndCorrectionsPointAtWhatTheyCorrect() {
        String id = create("branch.kenou", "142123", "訪問看護事業所の情報を提供してほしい");
        int first = Api.asJson("branch.kenou").body("{\"type\":\"RESPONSE\",\"body\":\"訪問看護3事業所を案内\"}")
                .when().post("/api/v1/consultations/" + id + "/timeline").then().statusCode(201)
                .body("typeLabelJa", equalTo("対応")).extract().path("id");
        Api.asJson("coord.atsugi").body("{\"type\":\"RESPONSE\",\"body\":\"訪問看護2事業所を案内（訂正）\",\"correctsEntryId\":" + first + "}")
                .when().post("/api/v1/consultations/" + id + "/timeline").then().statusCode(201)
                .body("correctsEntryId", equalTo(first)).body("unitCode", equalTo("m-142123"));
        Api.asJson("branch.kenou").body("{\"type\":\"MEMO\",\"body\":\"x\"}")
                .when().put("/api/v1/consultations/" + id + "/timeline").then().statusCode(405)
                .contentType("application/problem+json");
        Api.as("branch.kenou").when().delete("/api/v1/consultations/" + id + "/timeline/" + first).then().statusCode(404);
        Api.asJson("branch.kenou").body("{\"type\":\"MEMO\",\"body\":\"x\",\"correctsEntryId\":999999}")
                .when().post("/api/v1/consultations/" + id + "/timeline").then().statusCode(400)
                .body("errors[0].field", equalTo("correctsEntryId"));
        Api.as("branch.kenou").when().get("/api/v1/consultations/" + id + "/timeline").then().statusCode(200)
                .body("type", contains("CHIEF_COMPLAINT", "RESPONSE", "RESPONSE"))
                .body("[1].body", equalTo("訪問看護3事業所を案内"));
    }

    @Test
    void closingNeedsAReasonAndReopeningIsRecorded() {
        String id = create("branch.kenou", "142123", "長期利用可能なレスパイト先の情報を知りたい");
        Api.asJson("branch.kenou").header("If-Match", "*").body("{\"status\":\"CLOSED\"}").when().post("/api/v1/consultations/" + id + "/status")
                .then().statusCode(400).body("errors[0].field", equalTo("closureReason"));
        Api.asJson("branch.kenou").header("If-Match", "*").body("{\"status\":\"CLOSED\",\"closureReason\":\"INFORMATION_PROVIDED\"}")
                .when().post("/api/v1/consultations/" + id + "/status").then().statusCode(200).body("status", equalTo("CLOSED"));
        Api.asJson("branch.kenou").header("If-Match", "*").body("{\"status\":\"IN_PROGRESS\"}").when().post("/api/v1/consultations/" + id + "/status")
                .then().statusCode(409).body("currentStatus", equalTo("CLOSED"));
        Api.asJson("branch.kenou").header("If-Match", "*").body("{\"status\":\"OPEN\"}").when().post("/api/v1/consultations/" + id + "/status")
                .then().statusCode(400).body("errors[0].field", equalTo("note"));
        Api.asJson("branch.kenou").header("If-Match", "*").body("{\"status\":\"OPEN\",\"note\":\"家族から再度連絡あり\"}")
                .when().post("/api/v1/consultations/" + id + "/status").then().statusCode(200)
                .body("status", equalTo("OPEN")).body("closureReason", nullValue());
        Api.as("branch.kenou").when().get("/api/v1/consultations/" + id + "/status-history").then().statusCode(200)
                .body("to", contains("OPEN", "CLOSED", "OPEN"))
                .body("[2].note", equalTo("家族から再度連絡あり"));
    }

    @Test
    void listsFilterSortAndPaginateWithinTheCallersScope() {
        String marker = UUID.randomUUID().toString();
        String a = create("coord.hiratsuka", "142034", "平塚 " + marker);
        Api.as("coord.hiratsuka").queryParam("municipality", "142034").queryParam("topic", "RESPITE_RESIDENTIAL")
                .queryParam("from", "2024-06-03").queryParam("to", "2024-06-03").queryParam("size", 100)
                .when().get("/api/v1/consultations").then().statusCode(200)
                .body("items.id", hasItem(a)).body("items.residence.lgcode", org.hamcrest.Matchers.everyItem(equalTo("142034")));
        // Other tests may refer 平塚 cases to 県央 (then it sees them); this one it must not see.
        Api.as("branch.kenou").queryParam("size", 100).queryParam("municipality", "142034").queryParam("from", "2024-06-03")
                .queryParam("to", "2024-06-03").when().get("/api/v1/consultations").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(hasItem(a)));
        Api.as("branch.kenou").when().get("/api/v1/consultations/" + a).then().statusCode(404)
                .contentType("application/problem+json");
        Api.as("coord.atsugi").when().get("/api/v1/consultations/" + a).then().statusCode(404);
        Api.as("staff.tokyo").when().get("/api/v1/consultations/" + a).then().statusCode(404);
        Api.as("staff.kanagawa").when().get("/api/v1/consultations/" + a).then().statusCode(200);
        Api.as("branch.shonan-west").when().get("/api/v1/consultations/" + a).then().statusCode(200);
        Api.as("analyst.kanagawa").when().get("/api/v1/consultations").then().statusCode(403);
        Api.as("staff.kanagawa").queryParam("size", 101).when().get("/api/v1/consultations").then().statusCode(400);
        Api.as("staff.kanagawa").queryParam("sort", "chiefComplaint").when().get("/api/v1/consultations").then().statusCode(400)
                .body("errors[0].field", equalTo("sort"));
        Api.as("staff.kanagawa").queryParam("sort", "receivedAt").queryParam("size", 2).when().get("/api/v1/consultations")
                .then().statusCode(200).body("items.size()", equalTo(2)).body("items.id", not(hasItem(nullValue())));
    }
}
