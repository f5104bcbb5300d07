package jp.tsunagu.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Intake;

/**
 * Registered children in the municipalities of {@link StatsFixture} (and 熊野市 242128, which no unit covers):
 * <pre>
 * 242071 VENTILATOR, TRACHEOSTOMY, SUCTION  |  242071 SUCTION, TUBE_FEEDING  |  242080 TUBE_FEEDING
 * 242098 (no care type)                      |  242110 OXYGEN                 |  242128 SUCTION
 * </pre>
 */
@QuarkusTest
class ChildStatsTest {

    static final String PATH = "/api/v1/stats/children";
    static final String MUNICIPALITIES = StatsFixture.MUNICIPALITIES + ",242128";

    private static boolean registered;

    static synchronized StatsFixture fixture() {
        StatsFixture f = StatsFixture.get();
        if (!registered) {
            child("242071", "\"VENTILATOR\",\"TRACHEOSTOMY\",\"SUCTION\"");
            child("242071", "\"SUCTION\",\"TUBE_FEEDING\"");
            child("242080", "\"TUBE_FEEDING\"");
            child("242098", "");
            child("242110", "\"OXYGEN\"");
            child("242128", "\"SUCTION\"");
            registered = true;
        }
        return f;
    }

    private static void child(String residence, String careTypes) {
        String body = Intake.child(Intake.randomKana(4), Intake.randomKana(3), residence, null, null)
                .replace("\"careTypes\":[\"SUCTION\",\"TUBE_FEEDING\"]", "\"careTypes\":[" + careTypes + "]");
        Api.asJson("admin.mie").body(body).when().post("/api/v1/children").then().statusCode(201);
    }

    static Integer cell(JsonPath j, String row, String column) {
        int c = j.getList("table.columns.code").indexOf(column);
        return j.getInt("table.rows.find { it.code == '" + row + "' }.cells[" + c + "].count");
    }

    @Test
    void childrenByMunicipalityAndCareTypeCountOncePerTypeAndOnceInTheTotals() {
        fixture();
        JsonPath j = Api.as("staff.mie").queryParam("municipalities", MUNICIPALITIES).when().get(PATH).then().statusCode(200)
                .extract().jsonPath();
        assertTrue(j.getBoolean("totalsCountChildrenOnce"));
        assertEquals(List.of("242071", "242080", "242098", "242110", "242128"), j.getList("table.rows.code"));
        assertEquals(List.of("鈴鹿市", "名張市", "尾鷲市", "鳥羽市", "熊野市"), j.getList("table.rows.labelJa"));
        assertEquals("医療的ケアの種類", j.getString("table.columnDimension.labelJa"));
        assertEquals("NOT_RECORDED", j.getString("table.columns[-1].code"));
        assertEquals(1, cell(j, "242071", "VENTILATOR"));
        assertEquals(2, cell(j, "242071", "SUCTION"));
        assertEquals(1, cell(j, "242071", "TUBE_FEEDING"));
        assertEquals(2, j.getInt("table.rows[0].total.count"));   // two children, five care types
        assertEquals(1, cell(j, "242098", "NOT_RECORDED"));
        assertEquals(3, j.getInt("table.columnTotals[" + j.getList("table.columns.code").indexOf("SUCTION") + "].count"));
        assertEquals(6, j.getInt("table.grandTotal.count"));
    }

    @Test
    void regionsAreTheUnitsCoveringTheResidenceToday() {
        StatsFixture f = fixture();
        JsonPath j = Api.as("staff.mie").queryParam("rows", "region").queryParam("municipalities", MUNICIPALITIES).when().get(PATH)
                .then().statusCode(200).extract().jsonPath();
        // 鳥羽市 is covered by office m, which belongs to a; 尾鷲市 is b's since 2023; nobody covers 熊野市.
        assertEquals(List.of(f.a, f.b, "NONE"), j.getList("table.rows.code"));
        assertEquals(3, j.getInt("table.rows[0].total.count"));
        assertEquals(1, cell(j, f.a, "OXYGEN"));
        assertEquals(2, j.getInt("table.rows[1].total.count"));
        assertEquals(1, j.getInt("table.rows[2].total.count"));
        assertEquals("担当機関なし", j.getString("table.rows[2].labelJa"));
    }

    @Test
    void analystsGetPerturbedCountsInJsonAndCsv() {
        fixture();
        // Analysts get the whole prefecture (no municipality filter).
        JsonPath analyst = Api.as("analyst.mie").when().get(PATH).then().statusCode(200).extract().jsonPath();
        JsonPath staff = Api.as("staff.mie").when().get(PATH).then().statusCode(200).extract().jsonPath();
        StatsAssertions.perturbedWithinBounds(analyst, staff, "table");
        // One child on a ventilator in 鈴鹿市: published as 0 or as 3 or more, never as 1.
        int ventilator = analyst.getInt("table.rows.find { it.code == '242071' }.cells[" + analyst.getList("table.columns.code")
                .indexOf("VENTILATOR") + "].count");
        assertTrue(ventilator == 0 || ventilator == 3, "published " + ventilator);
        String csv = new String(Api.as("analyst.mie").queryParam("format", "csv").when().get(PATH).then()
                .statusCode(200).header("Content-Type", "text/csv; charset=UTF-8").extract().asByteArray(), StandardCharsets.UTF_8);
        assertTrue(csv.contains("\r\n鈴鹿市,"), csv);
        assertTrue(csv.startsWith("\uFEFF市区町村（住所地） / 医療的ケアの種類,人工呼吸器,気管切開,"), csv);
        String[] lines = csv.split("\r\n");
        assertTrue(lines[lines.length - 1].startsWith("注記,"), csv);
        Api.as("analyst.mie").queryParam("municipalities", MUNICIPALITIES).when().get(PATH).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("municipalities"));
    }
}
