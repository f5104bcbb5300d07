package jp.tsunagu.disaster;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Consents;
import jp.tsunagu.support.Intake;

@QuarkusTest
class DisasterPlanTest {

    static final String CENTER_AND_RESIDENCE = "\"CENTER_ONLY\",\"SHARE_WITH_RESIDENCE_MUNICIPALITY\"";

    static String ventilatedChild(String user, String residence, String scopes) {
        String body = Intake.child(Intake.randomKana(5), "たろう", residence, scopes, null)
                .replace("\"careTypes\":[\"SUCTION\",\"TUBE_FEEDING\"]", "\"careTypes\":[\"VENTILATOR\",\"SUCTION\"]");
        String id = Api.asJson(user).body(body).when().post("/api/v1/children").then().statusCode(201).extract().path("id");
        if (scopes != null) {
            Consents.confirmAll(id);
        }
        return id;
    }

    static final String PLAN = """
            {"devices":[{"careCode":"VENTILATOR","device":"在宅用人工呼吸器","batteryHours":8,"backupPower":"外部バッテリー2個"},
             {"careCode":"SUCTION","device":"吸引器（充電式）","batteryHours":2}],"powerFailureActions":"外部バッテリーに切替",
             "powerCompany":"東京電力パワーグリッド","powerCompanyRegistered":true,"evacuationSite":"試験小学校 福祉避難室","transport":"自家用車",
             "helpers":"民生委員 試験 一郎","supportRegisterListed":true,"hospitalContact":"こども医療センター","homeNursingContact":"試験訪問看護",
             "medications":"抗てんかん薬","supplyDays":7%s}""";

    static String plan(Long version) {
        return PLAN.formatted(version == null ? "" : ",\"version\":" + version);
    }

    static List<Map<String, Object>> all(String user, String path, Map<String, Object> params) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int page = 0;; page++) {
            JsonPath json = Api.as(user).queryParams(params).queryParam("page", page).queryParam("size", 100).when().get(path)
                    .then().statusCode(200).extract().jsonPath();
            items.addAll(json.getList("items"));
            if (page + 1 >= json.getInt("totalPages")) {
                return items;
            }
        }
    }

    static Map<String, Object> item(String user, String path, String childId) {
        return all(user, path, Map.of()).stream().filter(i -> childId.equals(i.get("childId"))).findFirst().orElse(null);
    }

    @Test
    void theCoordinatorWritesAndReadsThePlanOfItsMunicipalitysChildUnderTheChildsConsent() throws Exception {
        String child = ventilatedChild("coord.hiratsuka", "142034", CENTER_AND_RESIDENCE);
        Map<String, Object> missing = item("coord.hiratsuka", "/api/v1/disaster-plans/missing", child);
        assertEquals("NONE", missing.get("planStatus"));
        assertEquals(List.of("SUCTION", "VENTILATOR"), missing.get("powerDependentCareTypes"));
        assertEquals(null, item("coord.atsugi", "/api/v1/disaster-plans/missing", child), "厚木 does not see 平塚's child");
        Api.as("coord.hiratsuka").when().get("/api/v1/disaster-plans/" + child).then().statusCode(404);

        Api.asJson("coord.hiratsuka").body(plan(null)).when().put("/api/v1/disaster-plans/" + child).then().statusCode(200)
                .body("view", equalTo("IDENTIFYING")).body("status", equalTo("CURRENT")).body("version", equalTo(0))
                .body("reviewDueOn", equalTo(LocalDate.now(ZoneId.of("Asia/Tokyo")).plusMonths(12).toString()))
                .body("careTypesReviewed", contains("SUCTION", "VENTILATOR")).body("devices.careCode", contains("SUCTION", "VENTILATOR"));
        Api.as("coord.hiratsuka").when().get("/api/v1/disaster-plans/" + child).then().statusCode(200)
                .body("view", equalTo("IDENTIFYING")).body("evacuationSite", equalTo("試験小学校 福祉避難室"))
                .body("helpers", equalTo("民生委員 試験 一郎")).body("devices[1].backupPower", equalTo("外部バッテリー2個"));
        assertEquals(1, AdminDb.count("select count(*) from audit_event where action = 'DISASTER_PLAN_READ' and object_id = ?"
                + " and subject = 'coord.hiratsuka' and detail = 'IDENTIFYING'", child), "the identifying read is audited");

        // The branch sees the child but no consent covers it: dates and devices only, and it may not write.
        Api.as("branch.shonan-west").when().get("/api/v1/disaster-plans/" + child).then().statusCode(200)
                .body("view", equalTo("PSEUDONYMOUS")).body("viewReason", equalTo("no consent in force covers your unit"))
                .body("evacuationSite", nullValue()).body("helpers", nullValue()).body("hospitalContact", nullValue())
                .body("devices[1].device", nullValue()).body("devices[1].batteryHours", equalTo(8.0f));
        Api.asJson("branch.shonan-west").body(plan(0L)).when().put("/api/v1/disaster-plans/" + child).then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        assertTrue(AdminDb.count("select count(*) from audit_event where action = 'DISASTER_PLAN_WRITE' and outcome = 'DENIED' and object_id = ?",
                child) > 0);
        Api.as("coord.atsugi").when().get("/api/v1/disaster-plans/" + child).then().statusCode(404);
        Api.as("staff.tokyo").when().get("/api/v1/disaster-plans/" + child).then().statusCode(404);
        assertTrue(AdminDb.count("select count(*) from audit_event where action = 'CHILD_READ' and outcome = 'DENIED' and object_id = ?"
                + " and subject = 'coord.atsugi'", child) > 0, "a read outside the scope is audited as a denial");
        Api.as("analyst.kanagawa").when().get("/api/v1/disaster-plans/" + child).then().statusCode(403);

        // With the plan current the child leaves the missing list and is not due.
        assertEquals(null, item("coord.hiratsuka", "/api/v1/disaster-plans/missing", child));
        assertEquals(null, item("coord.hiratsuka", "/api/v1/disaster-plans/due", child));

        // A withdrawn consent turns the coordinator's view pseudonymous at once.
        int consentId = Api.as("coord.hiratsuka").when().get("/api/v1/children/" + child + "/consents").then().extract().path("[0].id");
        Api.asJson("coord.hiratsuka").body("{\"withdrawnOn\":\"" + LocalDate.now(ZoneId.of("Asia/Tokyo")) + "\",\"receivedBy\":\"平塚 一郎\"}")
                .when().post("/api/v1/children/" + child + "/consents/" + consentId + "/withdrawal").then().statusCode(200);
        Api.as("coord.hiratsuka").when().get("/api/v1/disaster-plans/" + child).then().statusCode(200)
                .body("view", equalTo("PSEUDONYMOUS")).body("evacuationSite", nullValue());
    }

    @Test
    void aChangeOfTheChildsCareTypesFlagsThePlanForReview() throws Exception {
        String child = ventilatedChild("coord.hiratsuka", "142034", CENTER_AND_RESIDENCE);
        Api.asJson("coord.hiratsuka").body(plan(null)).when().put("/api/v1/disaster-plans/" + child).then().statusCode(200);
        // No endpoint changes a child's care types yet; the rule reads the child's care types as they are, by whatever path.
        AdminDb.update("insert into child_care_type (child_id, care_code) values (?, 'OXYGEN')", child);
        Api.as("coord.hiratsuka").when().get("/api/v1/disaster-plans/" + child).then().body("status", equalTo("CARE_TYPES_CHANGED"));
        assertEquals("CARE_TYPES_CHANGED", item("coord.hiratsuka", "/api/v1/disaster-plans/due", child).get("status"));
        assertEquals("CARE_TYPES_CHANGED", item("coord.hiratsuka", "/api/v1/disaster-plans/missing", child).get("planStatus"));
        assertEquals("CARE_TYPES_CHANGED", item("branch.shonan-west", "/api/v1/disaster-plans/due", child).get("status"));

        Api.asJson("coord.hiratsuka").body(plan(0L)).when().put("/api/v1/disaster-plans/" + child).then().statusCode(200)
                .body("status", equalTo("CURRENT")).body("careTypesReviewed", contains("OXYGEN", "SUCTION", "VENTILATOR")).body("version", equalTo(1));
        assertEquals(null, item("coord.hiratsuka", "/api/v1/disaster-plans/due", child));
    }

    @Test
    void plansDueAndOverdueAreListedForTheUnit() throws Exception {
        String soon = ventilatedChild("coord.hiratsuka", "142034", CENTER_AND_RESIDENCE);
        String late = ventilatedChild("coord.hiratsuka", "142034", CENTER_AND_RESIDENCE);
        for (String child : List.of(soon, late)) {
            Api.asJson("coord.hiratsuka").body(plan(null)).when().put("/api/v1/disaster-plans/" + child).then().statusCode(200);
        }
        AdminDb.update("update disaster_plan set reviewed_on = date_sub(utc_date(), interval 350 day), review_due_on = date_add(utc_date(),"
                + " interval 10 day) where child_id = ?", soon);
        AdminDb.update("update disaster_plan set reviewed_on = date_sub(utc_date(), interval 400 day), review_due_on = date_sub(utc_date(),"
                + " interval 5 day) where child_id = ?", late);
        assertEquals("DUE", item("coord.hiratsuka", "/api/v1/disaster-plans/due", soon).get("status"));
        assertEquals("OVERDUE", item("coord.hiratsuka", "/api/v1/disaster-plans/due", late).get("status"));
        List<Map<String, Object>> within5 = all("coord.hiratsuka", "/api/v1/disaster-plans/due", Map.of("withinDays", 5));
        assertFalse(within5.stream().anyMatch(i -> soon.equals(i.get("childId"))));
        assertTrue(within5.stream().anyMatch(i -> late.equals(i.get("childId"))));
        // overdue is not current: the child is back on the missing list; a due one is still current
        assertEquals("OVERDUE", item("coord.hiratsuka", "/api/v1/disaster-plans/missing", late).get("planStatus"));
        assertEquals(null, item("coord.hiratsuka", "/api/v1/disaster-plans/missing", soon));
        assertEquals(null, item("coord.atsugi", "/api/v1/disaster-plans/due", late));
        Api.as("coord.hiratsuka").queryParam("withinDays", 400).when().get("/api/v1/disaster-plans/due").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        Api.as("analyst.kanagawa").when().get("/api/v1/disaster-plans/due").then().statusCode(403);
    }

    @Test
    void anInvalidPlanIsRejectedWholeAndStaleWritesLose() throws Exception {
        String child = ventilatedChild("staff.kanagawa", "142034", "\"CENTER_ONLY\"");
        String wrongDevice = plan(null).replace("\"careCode\":\"SUCTION\"", "\"careCode\":\"TUBE_FEEDING\"");
        Api.asJson("staff.kanagawa").body(wrongDevice).when().put("/api/v1/disaster-plans/" + child).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", contains("devices[1].careCode"));
        Api.asJson("staff.kanagawa").body(plan(null).replace("\"careCode\":\"SUCTION\"", "\"careCode\":\"VENTILATOR\"")).when()
                .put("/api/v1/disaster-plans/" + child).then().statusCode(400).body("errors[0].code", equalTo("duplicate"));
        Api.asJson("staff.kanagawa").body(plan(null).replace("\"supplyDays\":7", "\"supplyDays\":90")).when()
                .put("/api/v1/disaster-plans/" + child).then().statusCode(400).body("errors.field", hasItem("supplyDays"));
        Api.asJson("staff.kanagawa").body(plan(3L)).when().put("/api/v1/disaster-plans/" + child).then().statusCode(400);
        assertEquals(0, AdminDb.count("select count(*) from disaster_plan where child_id = ?", child));

        Api.asJson("staff.kanagawa").body(plan(null)).when().put("/api/v1/disaster-plans/" + child).then().statusCode(200);
        Api.asJson("admin.kanagawa").body(plan(0L)).when().put("/api/v1/disaster-plans/" + child).then().statusCode(200).body("version", equalTo(1));
        Api.asJson("staff.kanagawa").body(plan(0L)).when().put("/api/v1/disaster-plans/" + child).then().statusCode(409)
                .body("type", equalTo("urn:tsunagu:problem:concurrent-change"));
        Api.asJson("staff.kanagawa").body(plan(null)).when().put("/api/v1/disaster-plans/" + child).then().statusCode(409);
        assertEquals(2, AdminDb.count("select count(*) from disaster_plan_device d join disaster_plan p on p.id = d.plan_id where p.child_id = ?", child));
    }

    @Test
    void twoFirstPlansAtOnceMakeOnePlan() throws Exception {
        String child = ventilatedChild("staff.kanagawa", "142034", "\"CENTER_ONLY\"");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (String user : List.of("staff.kanagawa", "admin.kanagawa")) {
            var request = Api.asJson(user).body(plan(null));
            answers.add(pool.submit(() -> {
                start.await();
                return request.when().put("/api/v1/disaster-plans/" + child).then().extract().statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : answers) {
            statuses.add(f.get());
        }
        pool.shutdown();
        statuses.sort(null);
        assertEquals(List.of(200, 409), statuses);
        assertEquals(1, AdminDb.count("select count(*) from disaster_plan where child_id = ?", child));
    }

    @Test
    void statisticsCountPowerDependentChildrenWithAndWithoutAPlanExactlyForStaffAndPerturbedForAnalysts() {
        String yugawara = "143847";
        JsonPath before = stats("staff.kanagawa");
        String child = ventilatedChild("staff.kanagawa", yugawara, "\"CENTER_ONLY\"");
        JsonPath registered = stats("staff.kanagawa");
        assertEquals(cell(before, yugawara, 1) + 1, cell(registered, yugawara, 1), "ventilator, no plan");
        Api.asJson("staff.kanagawa").body(plan(null)).when().put("/api/v1/disaster-plans/" + child).then().statusCode(200);
        JsonPath planned = stats("staff.kanagawa");
        assertEquals(cell(before, yugawara, 0) + 1, cell(planned, yugawara, 0), "ventilator, current plan");
        assertEquals(cell(before, yugawara, 1), cell(planned, yugawara, 1));
        assertEquals(false, planned.getBoolean("perturbed"));

        JsonPath analyst = stats("analyst.kanagawa");
        assertTrue(analyst.getBoolean("perturbed"));
        assertEquals(2, analyst.getInt("maxDeviation"));
        List<Map<String, Object>> rows = analyst.getList("rows");
        for (Map<String, Object> row : rows) {
            for (Object c : (List<?>) row.get("counts")) {
                long v = ((Number) c).longValue();
                assertTrue(v == 0 || v >= 3, "an analyst never sees a 1 or a 2: " + row);
            }
        }
        JsonPath again = stats("analyst.kanagawa");
        assertEquals(analyst.getList("rows"), again.getList("rows"), "asking again gives the same numbers");
        assertEquals(analyst.getList("columnTotals"), again.getList("columnTotals"));
        String csv = Api.as("analyst.kanagawa").queryParam("format", "csv").when().get("/api/v1/disaster-plans/statistics").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertTrue(csv.contains("人工呼吸器・計画あり") && csv.contains("\r\n合計,") && csv.contains("注記,分析者向けの件数は攪乱値です"), csv);
        String staffCsv = Api.as("staff.kanagawa").queryParam("format", "csv").when().get("/api/v1/disaster-plans/statistics").then().statusCode(200)
                .extract().asString();
        assertFalse(staffCsv.contains("注記"));
        Api.as("coord.hiratsuka").when().get("/api/v1/disaster-plans/statistics").then().statusCode(403);
        Api.as("branch.shonan-west").when().get("/api/v1/disaster-plans/statistics").then().statusCode(200)
                .body("rows.municipality.lgcode", not(hasItem(yugawara)));
    }

    static JsonPath stats(String user) {
        return Api.as(user).when().get("/api/v1/disaster-plans/statistics").then().statusCode(200).extract().jsonPath();
    }

    static long cell(JsonPath stats, String lgcode, int column) {
        List<Map<String, Object>> rows = stats.getList("rows");
        return rows.stream().filter(r -> lgcode.equals(((Map<?, ?>) r.get("municipality")).get("lgcode"))).findFirst()
                .map(r -> ((Number) ((List<?>) r.get("counts")).get(column)).longValue()).orElse(0L);
    }
}
