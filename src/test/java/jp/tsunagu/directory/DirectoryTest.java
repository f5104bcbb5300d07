package jp.tsunagu.directory;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Api;

@QuarkusTest
class DirectoryTest {

    static String organization(String user) {
        return Api.asJson(user).body("{\"name\":\"試験法人 " + UUID.randomUUID().toString().substring(0, 6) + "\",\"phone\":\"0463-00-0000\"}")
                .when().post("/api/v1/directory/organizations").then().statusCode(201).extract().path("id");
    }

    static String serviceBody(String organizationId, String type, String careTypes, String areas, String extra) {
        return "{\"organizationId\":\"" + organizationId + "\",\"serviceType\":\"" + type + "\",\"name\":\"試験サービス " + UUID.randomUUID()
                + "\",\"careTypes\":[" + careTypes + "],\"minAge\":0,\"maxAge\":18,\"mobileAccepted\":true,\"capacity\":4,\"vacancy\":1,"
                + "\"serviceAreas\":[" + areas + "],\"schedules\":[{\"weekday\":1,\"opensAt\":\"09:00\",\"closesAt\":\"17:00\"}],"
                + "\"contacts\":[{\"name\":\"相談員 平塚 花子\",\"phone\":\"0463-00-0001\"}]" + extra + "}";
    }

    static String service(String user, String organizationId, String type, String careTypes, String areas) {
        return Api.asJson(user).body(serviceBody(organizationId, type, careTypes, areas, "")).when().post("/api/v1/directory/services")
                .then().statusCode(201).extract().path("id");
    }

    /** Ids of every service a search finds, across pages. */
    static List<String> search(String user, Map<String, Object> params) {
        List<String> ids = new ArrayList<>();
        for (int page = 0;; page++) {
            JsonPath json = Api.as(user).queryParams(params).queryParam("page", page).queryParam("size", 100)
                    .when().get("/api/v1/directory/services").then().statusCode(200).extract().jsonPath();
            ids.addAll(json.getList("items.id"));
            if (page + 1 >= json.getInt("totalPages")) {
                return ids;
            }
        }
    }

    @Test
    void aSearchFindsServicesAcceptingEveryCareTypeOfTheChildWhereTheyServe() {
        String org = organization("branch.shonan-west");
        String ventilated = service("branch.shonan-west", org, "SHORT_STAY_MEDICAL", "\"VENTILATOR\",\"TRACHEOSTOMY\",\"SUCTION\"", "\"142034\",\"142115\"");
        String suctionOnly = service("branch.shonan-west", org, "SHORT_STAY_MEDICAL", "\"SUCTION\"", "\"142034\"");
        String dayService = service("coord.hiratsuka", org, "AFTER_SCHOOL_DAY_SERVICE", "\"VENTILATOR\",\"SUCTION\"", "\"142034\"");

        List<String> both = search("coord.hiratsuka", Map.of("municipality", "142034", "careTypes", "VENTILATOR,SUCTION"));
        assertTrue(both.contains(ventilated) && both.contains(dayService), "both accept ventilator and suction");
        assertFalse(both.contains(suctionOnly), "a service must accept every care type of the child");

        List<String> shortStay = search("staff.kanagawa", Map.of("municipality", "142034", "careTypes", "VENTILATOR", "serviceType", "SHORT_STAY_MEDICAL"));
        assertTrue(shortStay.contains(ventilated));
        assertFalse(shortStay.contains(dayService) || shortStay.contains(suctionOnly));

        // 秦野 is served by the first only; a region search finds what serves any of its municipalities
        assertEquals(List.of(ventilated), search("staff.kanagawa", Map.of("municipality", "142115", "careTypes", "VENTILATOR,TRACHEOSTOMY"))
                .stream().filter(id -> id.equals(ventilated) || id.equals(suctionOnly) || id.equals(dayService)).toList());
        assertTrue(search("staff.kanagawa", Map.of("region", "14-shonan-west")).containsAll(List.of(ventilated, suctionOnly, dayService)));
        assertFalse(search("staff.kanagawa", Map.of("region", "14-kenou")).contains(ventilated));
        // age and vacancy
        assertFalse(search("staff.kanagawa", Map.of("municipality", "142034", "age", 20)).contains(ventilated));
        assertTrue(search("staff.kanagawa", Map.of("municipality", "142034", "age", 4, "vacancy", true, "mobile", true)).contains(ventilated));
        // the directory is per prefecture: Tokyo does not see Kanagawa's services
        Api.as("staff.tokyo").when().get("/api/v1/directory/services/" + ventilated).then().statusCode(404);
        assertFalse(search("staff.tokyo", Map.of()).contains(ventilated));
        // analysts read it too
        Api.as("analyst.kanagawa").when().get("/api/v1/directory/services/" + ventilated).then().statusCode(200)
                .body("careTypes.code", contains("SUCTION", "TRACHEOSTOMY", "VENTILATOR")).body("maintainerUnitCode", equalTo("14-shonan-west"))
                .body("stale", equalTo(false)).body("schedules[0].opensAt", equalTo("09:00"));
    }

    @Test
    void unitsMaintainEntriesForTheirRegionAndTheCenterForThePrefecture() throws Exception {
        String org = organization("branch.shonan-west");
        // 厚木 (142123) lies outside 湘南西部: refused, audited, nothing saved
        long before = AdminDb.count("select count(*) from directory_service");
        Api.asJson("branch.shonan-west").body(serviceBody(org, "RESPITE", "\"SUCTION\"", "\"142034\",\"142123\"", "")).when()
                .post("/api/v1/directory/services").then().statusCode(403).contentType(startsWith("application/problem+json"));
        assertEquals(before, AdminDb.count("select count(*) from directory_service"));
        assertTrue(AdminDb.count("select count(*) from audit_event where action = 'DIRECTORY_SERVICE_WRITE' and outcome = 'DENIED'"
                + " and subject = 'branch.shonan-west'") > 0);

        String id = service("coord.hiratsuka", org, "RESPITE", "\"SUCTION\"", "\"142034\"");
        // the 厚木 coordinator may not change 平塚's entry; the branch above and the center may
        String update = serviceBody(org, "RESPITE", "\"SUCTION\",\"TUBE_FEEDING\"", "\"142034\"", ",\"version\":0");
        Api.asJson("coord.atsugi").body(update).when().put("/api/v1/directory/services/" + id).then().statusCode(403);
        Api.asJson("branch.kenou").body(update).when().put("/api/v1/directory/services/" + id).then().statusCode(403);
        Api.asJson("branch.shonan-west").body(update).when().put("/api/v1/directory/services/" + id).then().statusCode(200)
                .body("version", equalTo(1)).body("careTypes.code", contains("SUCTION", "TUBE_FEEDING"));
        // a stale version loses
        Api.asJson("staff.kanagawa").body(update).when().put("/api/v1/directory/services/" + id).then().statusCode(409)
                .body("type", equalTo("urn:tsunagu:problem:concurrent-change"));
        Api.asJson("staff.kanagawa").body(update.replace("\"version\":0", "\"version\":1")).when().put("/api/v1/directory/services/" + id)
                .then().statusCode(200).body("version", equalTo(2));
        // analysts read but do not write
        Api.asJson("analyst.kanagawa").body(update).when().put("/api/v1/directory/services/" + id).then().statusCode(403);

        // every change is in the history, newest first
        Api.as("coord.hiratsuka").when().get("/api/v1/directory/services/" + id + "/history").then().statusCode(200)
                .body("items.action", contains("SERVICE_UPDATE", "SERVICE_UPDATE", "SERVICE_CREATE"))
                .body("items.changedBy", contains("staff.kanagawa", "branch.shonan-west", "coord.hiratsuka"))
                .body("items[0].snapshot", containsString("TUBE_FEEDING"));
    }

    @Test
    void twoMaintainersWritingTheSameVersionAtOnceCannotBothWin() throws Exception {
        String org = organization("branch.shonan-west");
        String id = service("branch.shonan-west", org, "RESPITE", "\"SUCTION\"", "\"142034\"");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
        for (String[] writer : new String[][] { { "branch.shonan-west", "\"OXYGEN\"" }, { "staff.kanagawa", "\"NEBULIZER\"" } }) {
            var request = Api.asJson(writer[0]).body(serviceBody(org, "RESPITE", writer[1], "\"142034\"", ",\"version\":0"));
            answers.add(pool.submit(() -> {
                start.await();
                return request.when().put("/api/v1/directory/services/" + id).then().extract().statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (var f : answers) {
            statuses.add(f.get());
        }
        pool.shutdown();
        statuses.sort(null);
        assertEquals(List.of(200, 409), statuses);
        assertEquals(1, AdminDb.count("select version from directory_service where id = ?", id));
        assertEquals(1, AdminDb.count("select count(*) from directory_service_care_type where service_id = ?", id), "one writer's care types, not both");
        assertEquals(2, AdminDb.count("select count(*) from directory_change where service_id = ?", id), "the loser left no history");
    }

    @Test
    void invalidEntriesAreRejectedWithEveryFieldAndNothingIsSaved() throws Exception {
        String org = organization("staff.kanagawa");
        long before = AdminDb.count("select count(*) from directory_service");
        String bad = "{\"organizationId\":\"" + org + "\",\"serviceType\":\"RESPITE\",\"name\":\"x\",\"careTypes\":[\"WINGS\"],\"minAge\":10,"
                + "\"maxAge\":5,\"mobileAccepted\":false,\"capacity\":2,\"vacancy\":3,\"serviceAreas\":[\"131016\"],"
                + "\"schedules\":[{\"weekday\":2,\"opensAt\":\"18:00\",\"closesAt\":\"09:00\"}]}";
        Api.asJson("staff.kanagawa").body(bad).when().post("/api/v1/directory/services").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", contains("careTypes[0]", "maxAge", "vacancy", "serviceAreas[0]", "schedules[0].closesAt"));
        Api.asJson("staff.kanagawa").body(bad.replace("\"serviceAreas\":[\"131016\"]", "\"serviceAreas\":[]")).when()
                .post("/api/v1/directory/services").then().statusCode(400).body("errors.field", hasItem("serviceAreas"));
        assertEquals(before, AdminDb.count("select count(*) from directory_service"));
    }

    @Test
    void entriesNotConfirmedForTwelveMonthsAreListedForTheirMaintainer() throws Exception {
        String org = organization("coord.hiratsuka");
        String id = service("coord.hiratsuka", org, "HOME_NURSING", "\"TUBE_FEEDING\"", "\"142034\"");
        AdminDb.update("update directory_service set confirmed_on = date_sub(utc_date(), interval 13 month) where id = ?", id);
        assertTrue(staleIds("coord.hiratsuka").contains(id));
        assertTrue(staleIds("branch.shonan-west").contains(id), "the branch above keeps its municipalities' entries too");
        assertTrue(staleIds("staff.kanagawa").contains(id));
        assertFalse(staleIds("coord.atsugi").contains(id));
        Api.as("coord.hiratsuka").when().get("/api/v1/directory/services/" + id).then().body("stale", equalTo(true));
        assertTrue(search("staff.kanagawa", Map.of("stale", true)).contains(id));

        Api.asJson("coord.hiratsuka").body("{\"vacancy\":2,\"version\":0}").when().post("/api/v1/directory/services/" + id + "/confirmation")
                .then().statusCode(200).body("stale", equalTo(false)).body("vacancy", equalTo(2)).body("version", equalTo(1));
        assertFalse(staleIds("coord.hiratsuka").contains(id));
        Api.as("analyst.kanagawa").when().get("/api/v1/directory/stale-services").then().statusCode(403);
    }

    static List<String> staleIds(String user) {
        return Api.as(user).queryParam("size", 100).when().get("/api/v1/directory/stale-services").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
    }

    @Test
    void theCsvIsForExcel() {
        String org = organization("staff.kanagawa");
        String id = service("staff.kanagawa", org, "NURSERY", "\"BLOOD_GLUCOSE\"", "\"143618\"");
        byte[] body = Api.as("staff.kanagawa").queryParam("municipality", "143618").queryParam("format", "csv")
                .when().get("/api/v1/directory/services").then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("directory.csv")).extract().asByteArray();
        assertEquals((byte) 0xEF, body[0]);
        assertEquals((byte) 0xBB, body[1]);
        assertEquals((byte) 0xBF, body[2]);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("ID,法人・団体,種別,サービス名,受入れ可能な医療的ケア,"), text);
        assertTrue(text.contains(id + ",試験法人"), text);
        assertTrue(text.contains(",保育所,") && text.contains(",血糖測定,"), text);
        assertTrue(text.endsWith("\r\n"));
    }

    @Test
    void statisticsCountServicesPerRegionAndCareTypeAndListTheVentilatorShortStayGaps() {
        JsonPath before = Api.as("staff.kanagawa").when().get("/api/v1/directory/statistics").then().statusCode(200).extract().jsonPath();
        // 清川村 (144029): no medical short stay for a ventilated child until this test adds one
        assertTrue(before.getList("ventilatorShortStayGaps.lgcode").contains("144029"));
        assertFalse(before.getList("ventilatorShortStayGaps.lgcode").contains("141003"), "横浜市 is listed by its wards");
        int ventilator = before.getList("careTypes.code").indexOf("VENTILATOR");
        String org = organization("staff.kanagawa");
        service("staff.kanagawa", org, "RESPITE", "\"VENTILATOR\"", "\"144029\"");
        assertTrue(Api.as("staff.kanagawa").when().get("/api/v1/directory/statistics").then().extract().jsonPath()
                .getList("ventilatorShortStayGaps.lgcode").contains("144029"), "a day respite is no short stay");
        service("staff.kanagawa", org, "SHORT_STAY_MEDICAL", "\"VENTILATOR\",\"SUCTION\"", "\"144029\",\"142034\"");
        JsonPath after = Api.as("analyst.kanagawa").when().get("/api/v1/directory/statistics").then().statusCode(200).extract().jsonPath();
        assertFalse(after.getList("ventilatorShortStayGaps.lgcode").contains("144029"));
        assertEquals(count(before, "14-shonan-west", ventilator) + 1, count(after, "14-shonan-west", ventilator));
        assertEquals(total(before, "14-shonan-west") + 1, total(after, "14-shonan-west"));

        String csv = Api.as("staff.kanagawa").queryParam("format", "csv").when().get("/api/v1/directory/statistics").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertTrue(csv.contains("圏域 / 医療的ケアの種類,人工呼吸器,"), csv);
        assertTrue(csv.contains("湘南西部ブランチ,"), csv);
        Api.as("coord.hiratsuka").when().get("/api/v1/directory/statistics").then().statusCode(403);
    }

    static long count(JsonPath stats, String unit, int column) {
        List<Map<String, Object>> rows = stats.getList("regions");
        return rows.stream().filter(r -> unit.equals(r.get("unitCode"))).findFirst()
                .map(r -> ((Number) ((List<?>) r.get("counts")).get(column)).longValue()).orElse(0L);
    }

    static long total(JsonPath stats, String unit) {
        List<Map<String, Object>> rows = stats.getList("regions");
        return rows.stream().filter(r -> unit.equals(r.get("unitCode"))).findFirst().map(r -> ((Number) r.get("total")).longValue()).orElse(0L);
    }

    @Test
    void theHsdsExportImportsIntoAnotherDirectoryUnchanged() throws Exception {
        String org = organization("staff.kanagawa");
        String id = service("staff.kanagawa", org, "SHORT_STAY_MEDICAL", "\"VENTILATOR\",\"OXYGEN\"", "\"142034\"");
        String document = Api.as("staff.kanagawa").when().get("/api/v1/directory/hsds").then().statusCode(200)
                .body("version", equalTo("3.0")).extract().asString();
        JsonPath hsds = JsonPath.from(document);
        Map<String, Object> exported = hsds.getMap("organizations.find { it.id == '" + org + "' }.services[0]");
        assertEquals(id, exported.get("id"));
        assertTrue(document.contains("\"extent\":\"142034\"") && document.contains("\"taxonomy\":\"tsunagu:medical_care\""));

        // Importing it back changes no content (an update of each entry, recorded in the history).
        String orgJson = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(hsds.getMap("organizations.find { it.id == '" + org + "' }"));
        Api.asJson("staff.kanagawa").body("{\"version\":\"3.0\",\"organizations\":[" + orgJson + "]}").when().post("/api/v1/directory/hsds")
                .then().statusCode(200).body("organizationsUpdated", equalTo(1)).body("servicesUpdated", equalTo(1)).body("servicesCreated", equalTo(0));
        Api.as("staff.kanagawa").when().get("/api/v1/directory/services/" + id).then().statusCode(200)
                .body("careTypes.code", contains("OXYGEN", "VENTILATOR")).body("serviceAreas.lgcode", contains("142034"))
                .body("schedules[0].weekday", equalTo(1)).body("contacts[0].name", equalTo("相談員 平塚 花子")).body("capacity", equalTo(4));
        Api.as("staff.kanagawa").when().get("/api/v1/directory/services/" + id + "/history").then().body("items[0].action", equalTo("IMPORT_UPDATE"));

        // Into another directory: new ids of another organization are created; Tokyo may not overwrite Kanagawa's ids.
        String newOrg = UUID.randomUUID().toString();
        String newService = UUID.randomUUID().toString();
        String copy = orgJson.replace(org, newOrg).replace(id, newService).replace("\"142034\"", "\"131016\"");
        Api.asJson("staff.tokyo").body("{\"version\":\"3.0\",\"organizations\":[" + copy + "]}").when().post("/api/v1/directory/hsds")
                .then().statusCode(200).body("organizationsCreated", equalTo(1)).body("servicesCreated", equalTo(1));
        Api.as("staff.tokyo").when().get("/api/v1/directory/services/" + newService).then().statusCode(200)
                .body("careTypes.code", contains("OXYGEN", "VENTILATOR")).body("serviceAreas.lgcode", contains("131016"));
        Api.asJson("staff.tokyo").body("{\"version\":\"3.0\",\"organizations\":[" + orgJson.replace("\"142034\"", "\"131016\"") + "]}")
                .when().post("/api/v1/directory/hsds").then().statusCode(409);

        // All or nothing: a bad second service leaves the first unsaved.
        long before = AdminDb.count("select count(*) from directory_service");
        String good = copy.replace(newOrg, UUID.randomUUID().toString()).replace(newService, UUID.randomUUID().toString());
        String badService = "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"x\",\"service_areas\":[{\"extent\":\"131016\",\"extent_type\":\"text\"}],"
                + "\"attributes\":[{\"taxonomy_term\":{\"code\":\"WINGS\",\"taxonomy\":\"tsunagu:service_type\"}}]}";
        String withBad = good.replaceFirst("\"services\":\\[", "\"services\":[" + badService + ",");
        Api.asJson("staff.tokyo").body("{\"version\":\"3.0\",\"organizations\":[" + withBad + "]}").when().post("/api/v1/directory/hsds")
                .then().statusCode(400).body("errors[0].field", equalTo("organizations[0].services[0].attributes[0].taxonomy_term.code"));
        assertEquals(before, AdminDb.count("select count(*) from directory_service"));
    }
}
