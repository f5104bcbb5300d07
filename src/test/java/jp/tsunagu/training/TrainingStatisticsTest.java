package jp.tsunagu.training;

import static jp.tsunagu.training.TrainingFixtures.coordinator;
import static jp.tsunagu.training.TrainingFixtures.coordinatorAttendee;
import static jp.tsunagu.training.TrainingFixtures.course;
import static jp.tsunagu.training.TrainingFixtures.external;
import static jp.tsunagu.training.TrainingFixtures.record;
import static jp.tsunagu.training.TrainingFixtures.session;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Api;
import jp.tsunagu.support.Fixtures;

/**
 * The council's slide (東京都 医療的ケア児等コーディネーター養成研修, 平成30年度–令和4年度): 428 completions, 74% 相談支援専門員,
 * 11% 保健師, 8% 看護師, then the others. Loaded once through the API as Tokyo's center (staff.tokyo) into a course of its
 * own, with attendees who did not complete and a follow-up course beside it that must not count.
 */
@QuarkusTest
class TrainingStatisticsTest {

    static final int FIRST = 2018;
    /** Completions per profession, FY2018..FY2022, in the order of org.Profession. */
    static final Map<String, int[]> COUNCIL = new LinkedHashMap<>();

    static {
        COUNCIL.put("SUPPORT_SPECIALIST", new int[] { 50, 60, 55, 72, 80 });
        COUNCIL.put("PUBLIC_HEALTH_NURSE", new int[] { 8, 9, 8, 10, 12 });
        COUNCIL.put("NURSE", new int[] { 6, 7, 5, 8, 8 });
        COUNCIL.put("SOCIAL_WORKER", new int[] { 1, 2, 1, 2, 1 });
        COUNCIL.put("PSYCHIATRIC_SOCIAL_WORKER", new int[] { 1, 1, 1, 1, 1 });
        COUNCIL.put("CHILDCARE_WORKER", new int[] { 1, 1, 0, 2, 1 });
        COUNCIL.put("MEDICAL_SOCIAL_WORKER", new int[] { 2, 1, 2, 1, 2 });
        COUNCIL.put("ADMINISTRATIVE", new int[] { 0, 0, 0, 0, 0 });
        COUNCIL.put("OTHER", new int[] { 1, 1, 1, 1, 1 });
    }

    private static final String PROPERTY = "tsunagu.test.training-council-course";
    static String councilCourse;

    /**
     * Once per JVM (the code survives Quarkus' class loaders in a system property); before each test rather than in a
     * @BeforeAll, because Quarkus sets the application and RestAssured's port up per test.
     */
    @BeforeEach
    void council() {
        load();
    }

    static synchronized void load() {
        councilCourse = System.getProperty(PROPERTY);
        if (councilCourse != null) {
            return;
        }
        Object[] basic = course("staff.tokyo", "BASIC");
        int followUpSession = session("staff.tokyo", (int) course("staff.tokyo", "FOLLOW_UP")[0], "2020-10-01", "2020-10-01");
        for (int i = 0; i < 5; i++) {
            record("staff.tokyo", followUpSession, external("staff.tokyo", followUpSession, "NURSE"), "COMPLETED", null).then().statusCode(200);
        }
        for (int y = 0; y < 5; y++) {
            int fy = FIRST + y;
            int sessionId = session("staff.tokyo", (int) basic[0], fy + "-07-01", (fy + 1) + "-01-31");
            for (Map.Entry<String, int[]> e : COUNCIL.entrySet()) {
                for (int n = 0; n < e.getValue()[y]; n++) {
                    record("staff.tokyo", sessionId, external("staff.tokyo", sessionId, e.getKey()), "COMPLETED", null).then().statusCode(200);
                }
            }
            // did not complete: counted nowhere
            record("staff.tokyo", sessionId, external("staff.tokyo", sessionId, "SUPPORT_SPECIALIST"), "ABSENT", null).then().statusCode(200);
            int incomplete = external("staff.tokyo", sessionId, "NURSE");
            record("staff.tokyo", sessionId, incomplete, "ATTENDED", null).then().statusCode(200);
            record("staff.tokyo", sessionId, incomplete, "INCOMPLETE", null).then().statusCode(200);
            external("staff.tokyo", sessionId, "PUBLIC_HEALTH_NURSE");
        }
        // a completion of FY2023, outside the slide's years
        int later = session("staff.tokyo", (int) basic[0], "2023-07-01", "2023-07-31");
        record("staff.tokyo", later, external("staff.tokyo", later, "SUPPORT_SPECIALIST"), "COMPLETED", null).then().statusCode(200);
        councilCourse = (String) basic[1];
        System.setProperty(PROPERTY, councilCourse);
    }

    private static Response stats(String user, String... params) {
        var request = Api.as(user).queryParam("course", councilCourse).queryParam("from", 2018).queryParam("to", 2022);
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.when().get("/api/v1/training/statistics");
    }

    @Test
    void theStatisticsReproduceTheCouncilSlide() {
        JsonPath json = stats("staff.tokyo").then().statusCode(200).extract().jsonPath();
        assertEquals(428, json.getInt("grandTotal"));
        assertEquals(List.of("平成30年度", "令和元年度", "令和2年度", "令和3年度", "令和4年度"), json.getList("fiscalYears.labelJa"));
        assertEquals(new ArrayList<>(COUNCIL.keySet()), json.getList("rows.profession"), "every profession, in the council's order");
        int[] yearTotals = new int[5];
        for (int r = 0; r < COUNCIL.size(); r++) {
            int[] expected = COUNCIL.get(json.getString("rows[" + r + "].profession"));
            assertEquals(Arrays.stream(expected).boxed().toList(), json.getList("rows[" + r + "].byYear", Integer.class));
            int[] running = expected.clone();
            Arrays.parallelPrefix(running, Integer::sum);
            assertEquals(Arrays.stream(running).boxed().toList(), json.getList("rows[" + r + "].cumulative", Integer.class));
            assertEquals(Arrays.stream(expected).sum(), json.getInt("rows[" + r + "].total"));
            for (int y = 0; y < 5; y++) {
                yearTotals[y] += expected[y];
            }
        }
        assertEquals(Arrays.stream(yearTotals).boxed().toList(), json.getList("yearTotals", Integer.class));
        assertEquals(List.of(70, 152, 225, 322, 428), json.getList("cumulativeTotals", Integer.class));
        // the slide's shares, as the council rounds them
        assertEquals(74, Math.round(100 * json.getDouble("rows.find { it.profession == 'SUPPORT_SPECIALIST' }.share")));
        assertEquals(11, Math.round(100 * json.getDouble("rows.find { it.profession == 'PUBLIC_HEALTH_NURSE' }.share")));
        assertEquals(8, Math.round(100 * json.getDouble("rows.find { it.profession == 'NURSE' }.share")));
        assertEquals(317, json.getInt("rows.find { it.profession == 'SUPPORT_SPECIALIST' }.total"));
        // a site of the same prefecture reads the same table; by kind the course counts among all BASIC courses
        stats("staff.tokyo-tama").then().statusCode(200).body("grandTotal", equalTo(428));
        Api.as("staff.tokyo").queryParam("from", 2018).queryParam("to", 2022).when().get("/api/v1/training/statistics").then()
                .statusCode(200).body("kind", equalTo("BASIC")).body("grandTotal", greaterThanOrEqualTo(428));
        Api.as("staff.tokyo").queryParam("kind", "FOLLOW_UP").queryParam("from", 2020).queryParam("to", 2020).when()
                .get("/api/v1/training/statistics").then().statusCode(200).body("grandTotal", greaterThanOrEqualTo(5));
    }

    @Test
    void theCsvIsTheSlidesTableForExcel() throws Exception {
        long exportsBefore = AdminDb.count("select count(*) from audit_event where action = 'STATS_EXPORT' and object_id = 'training.byYear'");
        Response r = stats("staff.tokyo", "format", "csv");
        r.then().statusCode(200).header("Content-Type", "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"training-13-" + councilCourse + "-byYear-FY2018-FY2022.csv\"");
        byte[] bytes = r.asByteArray();
        assertArrayEquals(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, Arrays.copyOf(bytes, 3), "UTF-8 BOM for Excel");
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"));
        List<String> lines = List.of(text.split("\r\n"));
        assertEquals("職種 / 年度,平成30年度,令和元年度,令和2年度,令和3年度,令和4年度,合計,構成比（%）", lines.get(0));
        assertEquals("相談支援専門員,50,60,55,72,80,317,74.1", lines.get(1));
        assertEquals("保健師,8,9,8,10,12,47,11.0", lines.get(2));
        assertEquals("看護師,6,7,5,8,8,34,7.9", lines.get(3));
        assertEquals("行政職,0,0,0,0,0,0,0.0", lines.get(8));
        assertEquals("合計,70,82,73,97,106,428,100.0", lines.get(10));
        assertEquals(11, lines.size(), "header, nine professions, totals");
        assertEquals(exportsBefore + 1,
                AdminDb.count("select count(*) from audit_event where action = 'STATS_EXPORT' and object_id = 'training.byYear'"));

        // Accept: text/csv gives the same bytes; running totals, English labels and Windows-31J on request
        assertArrayEquals(bytes, Api.as("staff.tokyo").accept("text/csv").queryParam("course", councilCourse).queryParam("from", 2018)
                .queryParam("to", 2022).when().get("/api/v1/training/statistics").then().statusCode(200).extract().asByteArray());
        String cumulative = new String(stats("staff.tokyo", "format", "csv", "table", "cumulative", "labels", "en").asByteArray(),
                StandardCharsets.UTF_8).substring(1);
        List<String> cum = List.of(cumulative.split("\r\n"));
        assertEquals("Profession / Fiscal year (cumulative),FY2018,FY2019,FY2020,FY2021,FY2022", cum.get(0));
        assertEquals("Consultation support specialist,50,110,165,237,317", cum.get(1));
        assertEquals("Total,70,152,225,322,428", cum.get(10));
        Response sjis = stats("staff.tokyo", "format", "csv", "charset", "Windows-31J");
        sjis.then().statusCode(200).header("Content-Type", "text/csv; charset=Windows-31J");
        assertTrue(new String(sjis.asByteArray(), Charset.forName("windows-31j")).startsWith("職種 / 年度,平成30年度"));
    }

    @Test
    void whoReadsTheStatisticsAndWhatTheyMayAsk() {
        stats("analyst.kanagawa").then().statusCode(400).body("errors[0].field", equalTo("course"));
        stats("staff.kanagawa").then().statusCode(400).body("errors[0].code", equalTo("unknown-course"));
        Api.as("analyst.kanagawa").when().get("/api/v1/training/statistics").then().statusCode(200).body("prefecture", equalTo("14"))
                .body("fiscalYears", org.hamcrest.Matchers.hasSize(5));
        for (String user : List.of("coord.atsugi", "auditor.kanagawa")) {
            Api.as(user).when().get("/api/v1/training/statistics").then().statusCode(403);
        }
        Api.asPartner().when().get("/api/v1/training/statistics").then().statusCode(403);
        stats("staff.tokyo", "kind", "FOLLOW_UP").then().statusCode(400).body("errors[0].code", equalTo("kind-mismatch"));
        Api.as("staff.tokyo").queryParam("from", 2022).queryParam("to", 2018).when().get("/api/v1/training/statistics").then()
                .statusCode(400).body("errors[0].field", equalTo("from"));
        Api.as("staff.tokyo").queryParam("kind", "SEMINAR").when().get("/api/v1/training/statistics").then().statusCode(400)
                .body("errors[0].field", equalTo("kind"));
        Api.as("staff.tokyo").queryParam("table", "pivot").when().get("/api/v1/training/statistics").then().statusCode(400);
        Api.as("staff.tokyo").queryParam("from", "2018.5").when().get("/api/v1/training/statistics").then().statusCode(400);
    }

    /**
     * A Mie branch covering 多気町 and 明和町, and an office under it covering 大台町 (counted under the branch):
     * 多気町's coordinator completed the 養成研修 and a follow-up a year ago; 明和町's the 養成研修 and a follow-up five
     * years ago; 大台町's trained coordinator is inactive and its active one did not complete.
     */
    @Test
    void coverageListsTheMunicipalitiesWithoutATrainedActiveCoordinatorPerBranch() {
        String branch = Fixtures.mieUnitCode();
        String office = Fixtures.mieUnitCode();
        TrainingFixtures.importMie(Fixtures.mieBranchLine(branch, "研修テスト支部", "2021-10-01")
                + "unit," + office + ",MUNICIPAL_OFFICE,24," + branch + ",大台町テスト窓口,てすとまどぐち,244431,2021-10-01,,,,平日 9:00-17:00\n"
                + Fixtures.coverageLine(branch, "244414", "2021-10-01", null)
                + Fixtures.coverageLine(branch, "244422", "2021-10-01", null)
                + Fixtures.coverageLine(office, "244431", "2021-10-01", null));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
        int basic = session("admin.mie", (int) course("admin.mie", "BASIC")[0], "2022-07-05", "2022-09-30");
        int followUpCourse = (int) course("admin.mie", "FOLLOW_UP")[0];
        int recent = session("admin.mie", followUpCourse, today.minusYears(1).minusDays(10).toString(), today.minusYears(1).minusDays(5).toString());
        int old = session("admin.mie", followUpCourse, today.minusYears(5).minusDays(10).toString(), today.minusYears(5).minusDays(5).toString());
        long taki = coordinator("admin.mie", branch, "SUPPORT_SPECIALIST", List.of("244414"));
        long meiwa = coordinator("admin.mie", branch, "PUBLIC_HEALTH_NURSE", List.of("244422"));
        long gone = coordinator("admin.mie", office, "NURSE", List.of("244431"));
        long fresh = coordinator("admin.mie", office, "NURSE", List.of("244431"));
        for (long c : new long[] { taki, meiwa, gone }) {
            record("admin.mie", basic, coordinatorAttendee("admin.mie", basic, c), "COMPLETED", null).then().statusCode(200);
        }
        int notDone = coordinatorAttendee("admin.mie", basic, fresh);
        record("admin.mie", basic, notDone, "ATTENDED", null).then().statusCode(200);
        record("admin.mie", basic, notDone, "INCOMPLETE", null).then().statusCode(200);
        record("admin.mie", recent, coordinatorAttendee("admin.mie", recent, taki), "COMPLETED", null).then().statusCode(200);
        record("admin.mie", old, coordinatorAttendee("admin.mie", old, meiwa), "COMPLETED", null).then().statusCode(200);
        Api.as("admin.mie").when().delete("/api/v1/coordinators/" + gone).then().statusCode(204);

        String mine = "branches.find { it.unit.code == '" + branch + "' }";
        JsonPath three = Api.as("staff.mie").when().get("/api/v1/training/coverage").then().statusCode(200)
                .body("prefecture", equalTo("24")).body("followUpYears", equalTo(3)).body("asOf", equalTo(today.toString()))
                .body("branches.unit.code", not(hasItem(office))).extract().jsonPath();
        assertEquals(3, three.getInt(mine + ".municipalities"));
        assertEquals(List.of("244431"), three.getList(mine + ".withoutTrainedCoordinator.lgcode"));
        assertEquals(List.of("大台町"), three.getList(mine + ".withoutTrainedCoordinator.name"));
        assertEquals(List.of("244422", "244431"), three.getList(mine + ".withoutRecentFollowUp.lgcode"));
        JsonPath six = Api.as("admin.mie").queryParam("followUpYears", 6).when().get("/api/v1/training/coverage").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("244431"), six.getList(mine + ".withoutRecentFollowUp.lgcode"));
        assertTrue(six.getInt("totals.withoutTrainedCoordinator") >= 1);

        // branch staff see their branch only; no other prefecture's municipality anywhere
        Api.as("branch.kenou").when().get("/api/v1/training/coverage").then().statusCode(200).body("prefecture", equalTo("14"))
                .body("branches.unit.code", everyItem(equalTo("14-kenou")));
        Api.as("staff.kanagawa").when().get("/api/v1/training/coverage").then().statusCode(200)
                .body("branches.withoutTrainedCoordinator.flatten().lgcode", everyItem(org.hamcrest.Matchers.startsWith("14")));
        for (String user : List.of("coord.atsugi", "analyst.mie", "auditor.kanagawa")) {
            Api.as(user).when().get("/api/v1/training/coverage").then().statusCode(403);
        }
        for (String years : List.of("0", "21", "x")) {
            Api.as("staff.mie").queryParam("followUpYears", years).when().get("/api/v1/training/coverage").then().statusCode(400)
                    .body("errors[0].field", org.hamcrest.Matchers.containsString("followUpYears"));
        }
    }
}
