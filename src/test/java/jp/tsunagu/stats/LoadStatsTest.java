package jp.tsunagu.stats;

import static jp.tsunagu.support.Fixtures.CSV_HEADER;
import static jp.tsunagu.support.Fixtures.MIE_CENTER;
import static jp.tsunagu.support.Fixtures.mieBranchLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jp.tsunagu.support.Api;

/**
 * Load over two fresh branches p and q: coordinators k1, k2, k4 (idle) at p and k3 at q.
 * <pre>
 * p: k1 OPEN ×2 + IN_PROGRESS ×1, k2 OPEN ×1 (+1 CLOSED, not counted), unassigned OPEN ×1
 * q: k3 OPEN ×1
 * </pre>
 */
@QuarkusTest
class LoadStatsTest {

    static final String PATH = "/api/v1/stats/load";

    private static String[] fixture;

    static synchronized String[] fixture() {
        if (fixture != null) {
            return fixture;
        }
        String stem = "24-t-" + UUID.randomUUID().toString().substring(0, 6);
        String p = stem + "p";
        String q = stem + "q";
        StatsFixture.importStructure(CSV_HEADER + MIE_CENTER + mieBranchLine(p, "負荷テストP", "2021-10-01")
                + mieBranchLine(q, "負荷テストQ", "2021-10-01"));
        long k1 = coordinator(p, "負荷 一郎", "ふか いちろう");
        long k2 = coordinator(p, "負荷 二郎", "ふか じろう");
        long k3 = coordinator(q, "負荷 三郎", "ふか さぶろう");
        long k4 = coordinator(p, "負荷 四郎", "ふか しろう");
        open(p, k1);
        open(p, k1);
        status(open(p, k1), "{\"status\":\"IN_PROGRESS\"}");
        open(p, k2);
        status(open(p, k2), "{\"status\":\"CLOSED\",\"closureReason\":\"RESOLVED\"}");
        open(p, null);
        open(q, k3);
        fixture = new String[] { p, q, Long.toString(k1), Long.toString(k2), Long.toString(k3), Long.toString(k4) };
        return fixture;
    }

    private static long coordinator(String unit, String name, String kana) {
        return Api.asJson("admin.mie").body("{\"unitCode\":\"" + unit + "\",\"name\":\"" + name + "\",\"nameKana\":\"" + kana
                + "\",\"profession\":\"NURSE\",\"role\":\"REGIONAL\"}").when().post("/api/v1/coordinators").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static String open(String unit, Long coordinator) {
        return StatsFixture.recordAs("admin.mie", "2024-06-03T10:00:00+09:00", unit, null, "FAMILY", "INDIVIDUAL", "PHONE", coordinator,
                "RESPITE_RESIDENTIAL");
    }

    private static void status(String id, String body) {
        Api.asJson("admin.mie").header("If-Match", "*").body(body).when().post("/api/v1/consultations/" + id + "/status").then().statusCode(200);
    }

    @Test
    void openWorkPerCoordinatorAndUnitAndItsConcentration() {
        String[] f = fixture();
        JsonPath j = Api.as("staff.mie").queryParam("units", f[0] + "," + f[1]).when().get(PATH).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(f[0], f[1]), j.getList("units"));
        JsonPath c = j.setRootPath("openConsultationsByCoordinator");
        assertEquals(List.of("OPEN", "IN_PROGRESS"), c.getList("columns.code"));
        // By name reading: いちろう, さぶろう, じろう; then the unassigned row.
        assertEquals(List.of(f[2], f[4], f[3], "UNASSIGNED"), c.getList("rows.code"));
        assertEquals("負荷 一郎（" + f[0] + "）", c.getString("rows[0].labelJa"));
        assertEquals(List.of(2, 1), c.getList("rows[0].cells.count"));
        assertEquals(List.of(1, 0), c.getList("rows[1].cells.count"));
        assertEquals(List.of(1, 0), c.getList("rows[2].cells.count"));
        assertEquals(List.of(1, 0), c.getList("rows[3].cells.count"));
        assertEquals(6, c.getInt("grandTotal.count"));
        JsonPath u = j.setRootPath("openConsultationsByOwnerUnit");
        assertEquals(List.of(f[0], f[1]), u.getList("rows.code"));
        assertEquals(List.of(4, 1), u.getList("rows[0].cells.count"));
        assertEquals(List.of(1, 0), u.getList("rows[1].cells.count"));
        JsonPath plain = Api.as("staff.mie").queryParam("units", f[0] + "," + f[1]).when().get(PATH).then().extract().jsonPath();
        // Four coordinators (k4 idle): the busiest one carries 3 of the 5 assigned open consultations.
        assertEquals(4, plain.getInt("coordinatorConcentration.population"));
        assertEquals(1, plain.getInt("coordinatorConcentration.busiest"));
        assertEquals(3, plain.getInt("coordinatorConcentration.openOfBusiest.count"));
        assertEquals(5, plain.getInt("coordinatorConcentration.openTotal.count"));
        assertEquals(0.6f, plain.getFloat("coordinatorConcentration.share"));
        assertEquals(2, plain.getInt("unitConcentration.population"));
        assertEquals(0.8333f, plain.getFloat("unitConcentration.share"));
        assertEquals(0, plain.getInt("activeReferralsByReceivingUnit.grandTotal.count"));
    }

    @Test
    void analystsGetLoadWithSmallCountsWithheld() {
        String[] f = fixture();
        // Analysts get the whole prefecture (no unit filter); the fixture's coordinators are rows of their own.
        JsonPath analyst = Api.as("analyst.mie").when().get(PATH).then().statusCode(200).extract().jsonPath();
        JsonPath staff = Api.as("staff.mie").when().get(PATH).then().statusCode(200).extract().jsonPath();
        for (String table : List.of("openConsultationsByCoordinator", "openConsultationsByOwnerUnit")) {
            StatsAssertions.perturbedWithinBounds(analyst, staff, table);
        }
        // Referrals open now: no record keys there, one table on its own, suppressed with the exact check.
        StatsAssertions.shownCountsAreExact(analyst, staff, "activeReferralsByReceivingUnit");
        assertEquals("SMALL_CELL_SUPPRESSION", analyst.getString("activeReferralsByReceivingUnit.suppression.method"));
        // k2 carries one open consultation: published as 0 or 3, never 1.
        int k2 = analyst.getInt("openConsultationsByCoordinator.rows.find { it.code == '" + f[3] + "' }.total.count");
        org.junit.jupiter.api.Assertions.assertTrue(k2 == 0 || k2 == 3, "published " + k2);
        // The concentration is computed from what the table publishes.
        assertEquals(false, analyst.getBoolean("unitConcentration.suppressed"));
        assertEquals(Boolean.TRUE, analyst.get("unitConcentration.openTotal.perturbed"));
        Api.as("analyst.mie").queryParam("units", f[0]).when().get(PATH).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("units"));
    }

    @Test
    void theCsvCarriesTheTableAskedFor() {
        String[] f = fixture();
        byte[] bytes = Api.as("staff.mie").queryParam("units", f[0] + "," + f[1]).queryParam("table", "openConsultationsByOwnerUnit")
                .accept("text/csv").when().get(PATH).then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment; filename=\"load-24-openConsultationsByOwnerUnit-"))
                .extract().asByteArray();
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertEquals(List.of("担当機関 / 状態,受付,対応中,合計", "負荷テストP,4,1,5", "負荷テストQ,1,0,1", "合計,5,1,6"), List.of(text.split("\r\n")));
        String coordinators = new String(Api.as("staff.mie").queryParam("units", f[0] + "," + f[1]).queryParam("format", "csv")
                .when().get(PATH).then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
        assertTrue(coordinators.contains("\r\n負荷 一郎（" + f[0] + "）,2,1,3\r\n"), coordinators);
        assertTrue(coordinators.contains("\r\n担当者未定,1,0,1\r\n"), coordinators);
    }
}
