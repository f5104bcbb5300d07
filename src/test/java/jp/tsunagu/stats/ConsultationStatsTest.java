package jp.tsunagu.stats;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jp.tsunagu.support.Api;

/**
 * Consultation statistics against the hand-computed tables of {@link StatsFixture}: exact counts per unit ×
 * requester type and per topic, the unit a consultation counts under, periods in Japan time, CSV bytes, and
 * small-cell protection for analysts.
 */
@QuarkusTest
class ConsultationStatsTest {

    static final List<String> REQUESTER_TYPES = List.of("FAMILY", "SUPPORT_SPECIALIST", "WELFARE_PROVIDER", "MUNICIPALITY",
            "SCHOOL_NURSERY", "MEDICAL_INSTITUTION", "OTHER");
    static final String PATH = "/api/v1/stats/consultations";

    static Response get(String user, Map<String, ?> params) {
        return Api.as(user).queryParams(params).when().get(PATH);
    }

    static JsonPath json(String user, Map<String, ?> params) {
        return get(user, params).then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    /** The counts of a row (null for withheld), in column order. */
    static List<Integer> cells(JsonPath j, String rowCode) {
        return j.getList("table.rows.find { it.code == '" + rowCode + "' }.cells.count");
    }

    static Integer total(JsonPath j, String rowCode) {
        return j.get("table.rows.find { it.code == '" + rowCode + "' }.total.count");
    }

    static Integer column(JsonPath j, String rowCode, String columnCode) {
        int c = j.getList("table.columns.code").indexOf(columnCode);
        return cells(j, rowCode).get(c);
    }

    static Integer columnTotal(JsonPath j, String columnCode) {
        int c = j.getList("table.columns.code").indexOf(columnCode);
        return j.getInt("table.columnTotals[" + c + "].count");
    }

    @Test
    void unitsByRequesterTypeInOneFiscalYearAreCountedExactly() {
        StatsFixture f = StatsFixture.get();
        JsonPath j = json("staff.mie", Map.of("rows", "unit", "columns", "requesterType", "fiscalYear", "2022",
                "municipalities", StatsFixture.MUNICIPALITIES));
        assertEquals("24", j.getString("prefecture"));
        assertEquals("PREFECTURE", j.getString("scope"));
        assertEquals("2022-04-01", j.getString("period.from"));
        assertEquals("2023-03-31", j.getString("period.to"));
        assertEquals(2022, j.getInt("period.fiscalYear"));
        assertTrue(j.getBoolean("totalsCountConsultationsOnce"));
        assertEquals(List.of("242071", "242080", "242098", "242110"), j.getList("municipalities"));
        assertEquals("相談者種別", j.getString("table.columnDimension.labelJa"));
        assertEquals(REQUESTER_TYPES, j.getList("table.columns.code"));
        assertEquals("家族", j.getString("table.columns[0].labelJa"));
        // c4 was received by b but its residence 242098 was covered by a on that day.
        assertEquals(List.of(f.a, f.b), j.getList("table.rows.code"));
        assertEquals("北勢テスト支部", j.getString("table.rows[0].labelJa"));
        assertEquals(List.of(4, 0, 0, 1, 0, 0, 0), cells(j, f.a));
        assertEquals(5, total(j, f.a));
        assertEquals(List.of(2, 1, 0, 0, 0, 0, 0), cells(j, f.b));
        assertEquals(3, total(j, f.b));
        assertEquals(List.of(6, 1, 0, 1, 0, 0, 0), j.getList("table.columnTotals.count"));
        assertEquals(8, j.getInt("table.grandTotal.count"));
        assertEquals(List.of(), j.getList("table.rows.cells.flatten().findAll { it.suppressed }"));
        assertFalse(j.getBoolean("table.suppression.applied"));
    }

    @Test
    void aConsultationWithTwoTopicsCountsUnderEachTopicAndOnceInTheTotals() {
        StatsFixture.get();
        JsonPath j = json("staff.mie", Map.of("rows", "fiscalYear", "columns", "topic", "from", "2022-04-01", "to", "2024-03-31",
                "municipalities", StatsFixture.MUNICIPALITIES));
        assertEquals(List.of("2022", "2023"), j.getList("table.rows.code"));
        assertEquals(List.of("令和4年度", "令和5年度"), j.getList("table.rows.labelJa"));
        assertEquals(List.of("FY2022", "FY2023"), j.getList("table.rows.labelEn"));
        assertEquals(18, j.getList("table.columns").size());
        assertEquals(3, column(j, "2022", "RESPITE_RESIDENTIAL"));
        assertEquals(4, column(j, "2022", "MEDICAL_CARE"));
        assertEquals(1, column(j, "2022", "SYSTEMS_SERVICES_INFO"));
        assertEquals(1, column(j, "2022", "SCHOOLING_EDUCATION"));
        assertEquals(1, column(j, "2022", "OTHER"));
        assertEquals(10, cells(j, "2022").stream().mapToInt(Integer::intValue).sum());
        assertEquals(8, total(j, "2022"));        // eight consultations, ten topic mentions
        assertEquals(2, column(j, "2023", "MEDICAL_CARE"));
        assertEquals(2, column(j, "2023", "RESPITE_RESIDENTIAL"));
        assertEquals(1, column(j, "2023", "HOME_NURSING"));
        assertEquals(6, total(j, "2023"));
        assertEquals(5, columnTotal(j, "RESPITE_RESIDENTIAL"));
        assertEquals(6, columnTotal(j, "MEDICAL_CARE"));
        assertEquals(0, columnTotal(j, "ABUSE_DV"));
        assertEquals(14, j.getInt("table.grandTotal.count"));
        assertTrue(j.getBoolean("totalsCountConsultationsOnce"));

        // Transposed: topics as rows, the column totals count consultations once.
        JsonPath t = json("staff.mie", Map.of("rows", "topic", "columns", "fiscalYear", "from", "2022-04-01", "to", "2024-03-31",
                "municipalities", StatsFixture.MUNICIPALITIES));
        assertEquals(List.of(8, 6), t.getList("table.columnTotals.count"));
        assertEquals(14, t.getInt("table.grandTotal.count"));
        assertEquals(6, total(t, "MEDICAL_CARE"));
    }

    @Test
    void aConsultationCountsUnderTheUnitCoveringItsResidenceThatDay() {
        StatsFixture f = StatsFixture.get();
        // 尾鷲市 moved from a to b on 2023-04-01.
        JsonPath fy2022 = json("staff.mie", Map.of("rows", "unit", "columns", "kind", "fiscalYear", "2022", "municipalities", "242098"));
        assertEquals(List.of(f.a), fy2022.getList("table.rows.code"));
        JsonPath fy2023 = json("staff.mie", Map.of("rows", "unit", "columns", "kind", "fiscalYear", "2023", "municipalities", "242098"));
        assertEquals(List.of(f.b), fy2023.getList("table.rows.code"));

        JsonPath units = json("staff.mie", Map.of("rows", "unit", "columns", "kind", "fiscalYear", "2023",
                "municipalities", StatsFixture.MUNICIPALITIES));
        assertEquals(List.of("INDIVIDUAL", "COMMUNITY"), units.getList("table.columns.code"));
        assertEquals(List.of("個別支援", "地域支援"), units.getList("table.columns.labelJa"));
        assertEquals(List.of(f.a, f.b, f.m), units.getList("table.rows.code"));
        assertEquals(List.of(2, 0), cells(units, f.a));
        assertEquals(List.of(1, 0), cells(units, f.m));
        assertEquals(List.of(3, 0), cells(units, f.b));

        // site: the municipal office counts under its branch.
        JsonPath sites = json("staff.mie", Map.of("rows", "site", "columns", "kind", "fiscalYear", "2023",
                "municipalities", StatsFixture.MUNICIPALITIES));
        assertEquals(List.of(f.a, f.b), sites.getList("table.rows.code"));
        assertEquals(List.of(3, 0), cells(sites, f.a));
        assertEquals(List.of(3, 0), cells(sites, f.b));
    }

    @Test
    void aConsultationWithoutResidenceCountsUnderTheUnitThatReceivedIt() {
        StatsFixture f = StatsFixture.get();
        // No municipality filter (it would drop c9): b's row holds only this fixture's data, b being new.
        JsonPath j = json("staff.mie", Map.of("rows", "unit", "columns", "requesterType", "fiscalYear", "2022"));
        assertEquals(List.of(3, 1, 0, 0, 0, 0, 0), cells(j, f.b));
        assertEquals(4, total(j, f.b));
        assertEquals(5, total(j, f.a));
        JsonPath byMunicipality = json("staff.mie", Map.of("rows", "municipality", "columns", "kind", "fiscalYear", "2022"));
        assertTrue(byMunicipality.getList("table.rows.code").contains("UNKNOWN"));
        assertEquals("住所地不明", byMunicipality.getString("table.rows.find { it.code == 'UNKNOWN' }.labelJa"));
    }

    @Test
    void monthsAndQuartersFollowTheJapaneseDay() {
        StatsFixture.get();
        JsonPath months = json("staff.mie", Map.of("rows", "month", "columns", "kind", "fiscalYear", "2023",
                "municipalities", StatsFixture.MUNICIPALITIES));
        assertEquals(12, months.getList("table.rows").size());
        assertEquals("2023-04", months.getString("table.rows[0].code"));
        assertEquals("2024-03", months.getString("table.rows[11].code"));
        // d1 was received at 2023-04-01 00:10 in Japan, which is still March 31 in UTC.
        assertEquals(List.of(1, 0), cells(months, "2023-04"));
        assertEquals(List.of(0, 0), cells(months, "2023-05"));
        assertEquals(List.of(3, 0), cells(months, "2023-06"));

        JsonPath quarters = json("staff.mie", Map.of("rows", "quarter", "columns", "kind", "from", "2022-04-01", "to", "2024-03-31",
                "municipalities", StatsFixture.MUNICIPALITIES));
        assertEquals(List.of("2022Q1", "2022Q2", "2022Q3", "2022Q4", "2023Q1", "2023Q2", "2023Q3", "2023Q4"),
                quarters.getList("table.rows.code"));
        assertEquals("令和4年度第1四半期", quarters.getString("table.rows[0].labelJa"));
        assertEquals(List.of(4, 0), cells(quarters, "2022Q1"));
        assertEquals(List.of(2, 1), cells(quarters, "2022Q2"));
        assertEquals(List.of(0, 0), cells(quarters, "2022Q3"));
        // c8, received 2023-03-31 23:30 in Japan, is the last quarter of FY2022.
        assertEquals(List.of(1, 0), cells(quarters, "2022Q4"));
        assertEquals(List.of(4, 0), cells(quarters, "2023Q1"));
        assertEquals(List.of(1, 0), cells(quarters, "2023Q2"));
        assertEquals(List.of(1, 0), cells(quarters, "2023Q3"));
        assertEquals(14, quarters.getInt("table.grandTotal.count"));
    }

    @Test
    void theCsvIsOneExcelReadyTableInUtf8WithBomAndCrlf() {
        StatsFixture f = StatsFixture.get();
        Map<String, String> params = Map.of("rows", "unit", "columns", "requesterType", "fiscalYear", "2022",
                "municipalities", StatsFixture.MUNICIPALITIES);
        Response r = Api.as("staff.mie").accept("text/csv").queryParams(params).when().get(PATH);
        r.then().statusCode(200).header("Content-Type", "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"consultations-24-unit-requesterType-FY2022.csv\"");
        byte[] bytes = r.asByteArray();
        assertArrayEquals(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, Arrays.copyOf(bytes, 3));
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"));
        assertFalse(text.replace("\r\n", "").contains("\n"), "every line ends with CRLF");
        assertEquals(List.of(
                "担当機関 / 相談者種別,家族,相談支援専門員（相談支援事業所）,障害福祉事業所等,自治体,学校・保育所等,医療機関等,その他,合計",
                "北勢テスト支部,4,0,0,1,0,0,0,5",
                "南勢テスト支部,2,1,0,0,0,0,0,3",
                "合計,6,1,0,1,0,0,0,8"), List.of(text.split("\r\n")));
        // format=csv gives the same bytes as Accept: text/csv.
        byte[] again = Api.as("staff.mie").queryParams(params).queryParam("format", "csv").when().get(PATH).then().statusCode(200)
                .extract().asByteArray();
        assertArrayEquals(bytes, again);
        // The export is audited with what was asked.
        Api.as("admin.mie").queryParam("action", "STATS_EXPORT").queryParam("subject", "staff.mie").when().get("/api/v1/audit")
                .then().statusCode(200)
                .body("items.objectId", hasItem("consultations"))
                .body("items.detail", hasItem(containsString("rows=unit columns=requesterType period=FY2022 municipalities=242071,242080,242098,242110")));
        // JSON reads are not exports.
        Api.as("staff.mie").queryParams(params).when().get(PATH).then().statusCode(200).contentType("application/json");
        assertTrue(f.a.compareTo(f.b) < 0);
    }

    @Test
    void windows31JAndOtherLabelsWhenAsked() throws Exception {
        StatsFixture.get();
        Map<String, String> params = Map.of("rows", "fiscalYear", "columns", "topic", "from", "2022-04-01", "to", "2024-03-31",
                "municipalities", StatsFixture.MUNICIPALITIES);
        Response r = Api.as("staff.mie").queryParams(params).queryParam("format", "csv").queryParam("charset", "Windows-31J").when().get(PATH);
        r.then().statusCode(200).header("Content-Type", "text/csv; charset=Windows-31J");
        byte[] bytes = r.asByteArray();
        assertFalse(bytes[0] == (byte) 0xEF, "no BOM in Windows-31J");
        String text = new String(bytes, "windows-31j");
        String[] lines = text.split("\r\n");
        assertTrue(lines[0].startsWith("年度 / 相談内容,保育園、幼稚園,レスパイト（入所・入院）,"), lines[0]);
        assertTrue(lines[0].endsWith(",その他,合計"), lines[0]);
        assertTrue(lines[1].startsWith("令和4年度,0,3,1,1,"), lines[1]);
        assertTrue(lines[1].endsWith(",8"), lines[1]);
        assertTrue(lines[2].startsWith("令和5年度,"), lines[2]);
        assertTrue(lines[3].startsWith("合計,0,5,"), lines[3]);
        assertTrue(lines[3].endsWith(",14"), lines[3]);
        assertEquals(4, lines.length);
        // The charset parameter of Accept does the same.
        byte[] viaAccept = Api.as("staff.mie").accept("text/csv; charset=Windows-31J").queryParams(params).when().get(PATH).then()
                .statusCode(200).header("Content-Type", "text/csv; charset=Windows-31J").extract().asByteArray();
        assertArrayEquals(bytes, viaAccept);
        assertTrue(Charset.forName("windows-31j").newEncoder().canEncode(text));

        String codes = new String(Api.as("staff.mie").queryParams(params).queryParam("format", "csv").queryParam("labels", "code")
                .when().get(PATH).then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8).substring(1);
        assertTrue(codes.startsWith("fiscalYear / topic,NURSERY_KINDERGARTEN,RESPITE_RESIDENTIAL,"), codes);
        assertTrue(codes.contains("\r\n2022,0,3,1,1,"), codes);
        assertTrue(codes.contains("\r\nTOTAL,0,5,"), codes);
        String english = new String(Api.as("staff.mie").queryParams(params).queryParam("format", "csv").queryParam("labels", "en")
                .when().get(PATH).then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8).substring(1);
        assertTrue(english.startsWith("Fiscal year / Topic,Nursery or kindergarten,"), english);
        assertTrue(english.contains("\r\nFY2023,"), english);
    }

    @Test
    void analystsSeePerturbedCountsAndStaffSeeThemExactly() {
        StatsFixture f = StatsFixture.get();
        // Whole prefecture (analysts cannot filter); the fixture's fresh sites are rows of their own.
        Map<String, String> params = Map.of("rows", "site", "columns", "kind", "fiscalYear", "2022");
        JsonPath staff = json("staff.mie", params);
        // FY2022: a has c1..c5 (c4 counts for a, which covered 尾鷲市 then), one of them COMMUNITY; b has c6..c9.
        assertEquals(List.of(4, 1), cells(staff, f.a));
        assertEquals(List.of(4, 0), cells(staff, f.b));
        assertFalse(staff.getBoolean("table.suppression.applied"));
        assertEquals("NONE", staff.getString("table.suppression.method"));

        JsonPath analyst = json("analyst.mie", params);
        assertEquals(true, analyst.getBoolean("table.suppression.applied"));
        assertEquals(3, analyst.getInt("table.suppression.threshold"));
        assertEquals(2, analyst.getInt("table.suppression.maxDeviation"));
        StatsAssertions.perturbedWithinBounds(analyst, staff, "table");
        // a's one COMMUNITY consultation is published as 0 or as 3 or more, never as 1.
        int community = analyst.getInt("table.rows.find { it.code == '" + f.a + "' }.cells[1].count");
        assertTrue(community == 0 || community == 3, "published " + community);
        // The same query again: the same values (the keys of the records decide, not a fresh draw).
        assertEquals(analyst.getList("table.rows"), json("analyst.mie", params).getList("table.rows"));
        // The same as CSV: the perturbed values, then a note record that says so.
        String csv = new String(Api.as("analyst.mie").queryParams(params).queryParam("format", "csv").when().get(PATH).then()
                .statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8).substring(1);
        List<String> lines = List.of(csv.split("\r\n"));
        assertEquals("拠点・圏域 / 相談の種類,個別支援,地域支援,合計", lines.get(0));
        Map<String, Object> aRow = analyst.getMap("table.rows.find { it.code == '" + f.a + "' }");
        assertTrue(lines.contains("北勢テスト支部," + analyst.getInt("table.rows.find { it.code == '" + f.a + "' }.cells[0].count") + ","
                + community + "," + analyst.getInt("table.rows.find { it.code == '" + f.a + "' }.total.count")), csv + aRow);
        assertTrue(lines.get(lines.size() - 1).startsWith("注記,分析者向けの件数は攪乱値です"), csv);
        String english = new String(Api.as("analyst.mie").queryParams(params).queryParam("format", "csv").queryParam("labels", "en")
                .when().get(PATH).then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
        assertTrue(english.contains("\r\nNote,\"Counts for analysts are perturbed"), english);
        // Staff CSV has no note.
        String staffCsv = new String(Api.as("staff.mie").queryParams(params).queryParam("format", "csv").when().get(PATH).then()
                .statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8);
        assertFalse(staffCsv.contains("注記"), staffCsv);
    }

    @Test
    void analystsAskForFixedPeriodsOfTheWholePrefectureOnly() {
        // One fiscal year or one fiscal quarter; no free ranges, no months, no filters.
        get("analyst.mie", Map.of("rows", "site", "columns", "kind", "from", "2022-10-01", "to", "2022-12-31")).then().statusCode(200)
                .body("period.from", equalTo("2022-10-01"));
        get("analyst.mie", Map.of("rows", "site", "columns", "kind", "from", "2022-04-01", "to", "2024-03-31")).then().statusCode(400)
                .body("errors[0].field", equalTo("to")).body("errors[0].code", equalTo("fixed-periods"));
        get("analyst.mie", Map.of("rows", "site", "columns", "kind", "from", "2022-05-01", "to", "2022-05-31")).then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        get("analyst.mie", Map.of("rows", "site", "columns", "kind", "from", "2022-04-02", "to", "2022-06-30")).then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        get("analyst.mie", Map.of("rows", "site", "columns", "kind", "from", "2022-04-01")).then().statusCode(400)
                .body("errors[0].field", equalTo("to"));
        get("analyst.mie", Map.of("fiscalYear", "2022", "municipalities", "242071")).then().statusCode(400)
                .body("errors[0].field", equalTo("municipalities")).body("errors[0].code", equalTo("analyst-no-filter"));
        // No period: the current fiscal year.
        get("analyst.mie", Map.of("rows", "site", "columns", "kind")).then().statusCode(200).body("period.fiscalYear", org.hamcrest.Matchers.notNullValue());
        // Staff keep every period and filter.
        get("staff.mie", Map.of("from", "2022-05-01", "to", "2022-05-20", "municipalities", "242071")).then().statusCode(200);
    }

    @Test
    void badParametersAnswer400WithTheField() {
        StatsFixture.get();   // staff.mie's unit, the Mie center, comes with the fixture's structure import
        get("staff.mie", Map.of("rows", "ward")).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("rows")).body("allowedValues", hasItem("municipality"));
        get("staff.mie", Map.of("rows", "unit", "columns", "unit")).then().statusCode(400).body("errors[0].field", equalTo("columns"));
        get("staff.mie", Map.of("fiscalYear", "2022", "from", "2022-04-01")).then().statusCode(400).body("errors[0].field", equalTo("fiscalYear"));
        get("staff.mie", Map.of("from", "2022-13-01")).then().statusCode(400).body("errors[0].field", equalTo("from"));
        get("staff.mie", Map.of("from", "2023-04-01", "to", "2022-04-01")).then().statusCode(400).body("errors[0].field", equalTo("from"));
        get("staff.mie", Map.of("municipalities", "242072")).then().statusCode(400).body("errors[0].field", equalTo("municipalities"));
        get("staff.mie", Map.of("format", "xlsx")).then().statusCode(400).body("errors[0].field", equalTo("format"));
        get("staff.mie", Map.of("format", "csv", "charset", "EUC-JP")).then().statusCode(400).body("errors[0].field", equalTo("charset"));
        get("staff.mie", Map.of("format", "csv", "labels", "fr")).then().statusCode(400).body("errors[0].field", equalTo("labels"));
        get("staff.mie", Map.of("prefecture", "mie")).then().statusCode(400).body("errors[0].field", equalTo("prefecture"));
        get("staff.mie", Map.of("prefecture", "24")).then().statusCode(200).body("table.rows.code", not(hasItem("OUTSIDE_REGION")));
        // A client asking for CSV still gets its errors as problem+json.
        Api.as("staff.mie").accept("text/csv").queryParam("rows", "ward").when().get(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("rows"));
    }
}
