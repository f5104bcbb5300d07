package jp.tsunagu.stats;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jp.tsunagu.support.Api;

/** Who gets which numbers: roles, prefectures, and a branch's region through every parameter. */
@QuarkusTest
class StatsScopeTest {

    static final List<String> ENDPOINTS = List.of("consultations", "referrals", "load", "children");
    /** 県央ブランチ and the municipal offices below it (demo structure). */
    static final Set<String> KENOU_UNITS = Set.of("14-kenou", "m-142123", "m-142131", "m-142158", "m-142166", "m-142182",
            "m-144011", "m-144029", "OUTSIDE_REGION");
    static final Set<String> KENOU_MUNICIPALITIES = Set.of("142123", "142131", "142158", "142166", "142182", "144011", "144029",
            "OUTSIDE_REGION", "UNKNOWN");

    @Test
    void coordinatorsPartnersAndAuditorsGetNoStatistics() {
        for (String endpoint : ENDPOINTS) {
            String path = "/api/v1/stats/" + endpoint;
            Api.as("coord.hiratsuka").when().get(path).then().statusCode(403).contentType("application/problem+json");
            Api.as("auditor.kanagawa").when().get(path).then().statusCode(403);
            Api.asPartner().when().get(path).then().statusCode(403);
            io.restassured.RestAssured.given().when().get(path).then().statusCode(401);
            Api.as("staff.mie").when().get(path).then().statusCode(200);
            Api.as("analyst.mie").when().get(path).then().statusCode(200);
            Api.as("branch.kenou").when().get(path).then().statusCode(200);
        }
    }

    @Test
    void nobodyGetsAnotherPrefecture() {
        for (String endpoint : ENDPOINTS) {
            String path = "/api/v1/stats/" + endpoint;
            Api.as("branch.kenou").queryParam("prefecture", "24").when().get(path).then().statusCode(403)
                    .body("detail", equalTo("You may only get statistics of your own prefecture (14)."));
            Api.as("analyst.kanagawa").queryParam("prefecture", "24").when().get(path).then().statusCode(403);
            Api.as("admin.mie").queryParam("prefecture", "14").when().get(path).then().statusCode(403);
            Api.as("analyst.mie").queryParam("prefecture", "24").when().get(path).then().statusCode(200).body("prefecture", equalTo("24"));
        }
    }

    @Test
    void aBranchGetsOnlyItsRegionThroughEveryParameter() {
        // A Hiratsuka (湘南西部) family that called 県央, and an Atsugi (県央) family.
        StatsFixture.recordAs("branch.kenou", "2024-06-03T10:15:00+09:00", null, "142034", "FAMILY", "INDIVIDUAL", "PHONE", null,
                "RESPITE_RESIDENTIAL");
        StatsFixture.recordAs("branch.kenou", "2024-06-04T10:15:00+09:00", null, "142123", "FAMILY", "INDIVIDUAL", "PHONE", null,
                "MEDICAL_CARE");
        Map<String, String> period = Map.of("from", "2024-04-01", "to", "2025-03-31");

        JsonPath units = Api.as("branch.kenou").queryParams(period).queryParam("prefecture", "14").queryParam("rows", "unit")
                .queryParam("columns", "kind").when().get("/api/v1/stats/consultations").then().statusCode(200).extract().jsonPath();
        assertEquals("REGION", units.getString("scope"));
        List<String> rows = units.getList("table.rows.code");
        assertTrue(rows.contains("14-kenou"), rows.toString());
        // The Hiratsuka family counts (it is 県央's case) but under one row that names no other unit.
        assertTrue(rows.contains("OUTSIDE_REGION"), rows.toString());
        assertTrue(KENOU_UNITS.containsAll(rows), rows.toString());
        assertEquals("担当圏域外", units.getString("table.rows.find { it.code == 'OUTSIDE_REGION' }.labelJa"));
        // Center staff see the unit by name.
        List<String> center = Api.as("staff.kanagawa").queryParams(period).queryParam("rows", "unit").queryParam("columns", "kind")
                .when().get("/api/v1/stats/consultations").then().statusCode(200).extract().jsonPath().getList("table.rows.code");
        assertTrue(center.contains("14-shonan-west"), center.toString());

        for (String dimension : List.of("site", "unit")) {
            List<String> r = Api.as("branch.kenou").queryParams(period).queryParam("rows", dimension).when()
                    .get("/api/v1/stats/consultations").then().statusCode(200).extract().jsonPath().getList("table.rows.code");
            assertTrue(KENOU_UNITS.containsAll(r), dimension + ": " + r);
        }
        JsonPath byMunicipality = Api.as("branch.kenou").queryParams(period).queryParam("rows", "municipality").when()
                .get("/api/v1/stats/consultations").then().statusCode(200).extract().jsonPath();
        List<String> municipalities = byMunicipality.getList("table.rows.code");
        assertFalse(municipalities.contains("142034"), municipalities.toString());
        assertTrue(KENOU_MUNICIPALITIES.containsAll(municipalities), municipalities.toString());
        // Columns too.
        List<String> columns = Api.as("branch.kenou").queryParams(period).queryParam("rows", "kind").queryParam("columns", "municipality")
                .when().get("/api/v1/stats/consultations").then().statusCode(200).extract().jsonPath().getList("table.columns.code");
        assertTrue(KENOU_MUNICIPALITIES.containsAll(columns), columns.toString());

        // Asking for Hiratsuka by filter gets nothing, not even 県央's own Hiratsuka case.
        Api.as("branch.kenou").queryParams(period).queryParam("municipalities", "142034").queryParam("rows", "municipality")
                .when().get("/api/v1/stats/consultations").then().statusCode(200)
                .body("municipalities", equalTo(List.of()))
                .body("table.rows", equalTo(List.of()))
                .body("table.grandTotal.count", equalTo(0));
        Api.as("staff.kanagawa").queryParams(period).queryParam("municipalities", "142034").when().get("/api/v1/stats/consultations")
                .then().statusCode(200).body("municipalities", equalTo(List.of("142034")));

        // Other endpoints: units of other regions are dropped from filters, and rows never name them.
        Api.as("branch.kenou").queryParam("units", "14-shonan-west").when().get("/api/v1/stats/referrals").then().statusCode(200)
                .body("units", equalTo(List.of())).body("byKindAndDirection.grandTotal.count", equalTo(0))
                .body("openByReceivingUnit.grandTotal.count", equalTo(0));
        Api.as("branch.kenou").queryParam("units", "14-shonan-west").when().get("/api/v1/stats/load").then().statusCode(200)
                .body("units", equalTo(List.of())).body("openConsultationsByOwnerUnit.grandTotal.count", equalTo(0));
        JsonPath load = Api.as("branch.kenou").when().get("/api/v1/stats/load").then().statusCode(200).extract().jsonPath();
        assertTrue(KENOU_UNITS.containsAll(load.getList("openConsultationsByOwnerUnit.rows.code")), load.prettify());
        assertTrue(KENOU_UNITS.containsAll(load.getList("activeReferralsByReceivingUnit.rows.code")), load.prettify());
        JsonPath children = Api.as("branch.kenou").when().get("/api/v1/stats/children").then().statusCode(200).extract().jsonPath();
        assertTrue(KENOU_MUNICIPALITIES.containsAll(children.getList("table.rows.code")), children.prettify());
        Api.as("branch.kenou").queryParam("municipalities", "142034").when().get("/api/v1/stats/children").then().statusCode(200)
                .body("table.grandTotal.count", equalTo(0));
        List<String> regions = Api.as("branch.kenou").queryParam("rows", "region").when().get("/api/v1/stats/children").then()
                .statusCode(200).extract().jsonPath().getList("table.rows.code");
        assertTrue(Set.of("14-kenou", "OUTSIDE_REGION", "NONE").containsAll(regions), regions.toString());
    }

    @Test
    void anUnknownUnitInAFilterIsA400() {
        Api.as("staff.mie").queryParam("units", "14-kenou").when().get("/api/v1/stats/referrals").then().statusCode(400)
                .body("errors[0].field", equalTo("units"));
        Api.as("staff.mie").queryParam("table", "everything").queryParam("format", "csv").when().get("/api/v1/stats/load").then()
                .statusCode(400).body("errors[0].field", equalTo("table"));
    }
}
