package jp.tsunagu.stats;

import static jp.tsunagu.support.Fixtures.CSV_HEADER;
import static jp.tsunagu.support.Fixtures.MIE_CENTER;
import static jp.tsunagu.support.Fixtures.mieBranchLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jp.tsunagu.support.AdminDb;
import jp.tsunagu.support.Api;

/**
 * Hand-off statistics over referrals this test makes: created through the referral API by the Mie center, then
 * moved to known states and instants in FY2021 with SQL (no realm user works at the fresh receiving units, and
 * durations need fixed times). Referrals are made with POST /api/v1/referrals. Sender 24-center; receivers x, y (branches) and z (a municipal office under x).
 *
 * <pre>
 * r1 TRANSFER → x  CLOSED       requested 2021-05-10 00:00Z, accepted +10 h, ended +100 h
 * r2 TRANSFER → x  FAILED       requested 2021-05-11 00:00Z, accepted +20 h, ended +200 h
 * r3 TRANSFER → z  IN_PROGRESS  requested 2021-06-01 00:00Z, accepted +30 h, no report since: overdue
 * r4 CONSULT  → y  DECLINED     requested 2021-06-02 00:00Z, ended +5 h
 * r5 CONSULT  → y  CANCELLED    (through the API) requested 2021-06-03 00:00Z, ended +1 h
 * r6 TRANSFER → y  REQUESTED    requested 2021-07-01 00:00Z: unanswered, overdue
 * r7 CONSULT  → x  REQUESTED    requested now: open, on time, outside FY2021
 * </pre>
 */
@QuarkusTest
class ReferralStatsTest {

    static final String PATH = "/api/v1/stats/referrals";

    private static String[] units;

    static synchronized String[] units() throws Exception {
        if (units != null) {
            return units;
        }
        String stem = "24-t-" + UUID.randomUUID().toString().substring(0, 6);
        String x = stem + "x";
        String y = stem + "y";
        String z = stem + "z";
        StatsFixture.importStructure(CSV_HEADER + MIE_CENTER + mieBranchLine(x, "referral-x", "2021-10-01")
                + mieBranchLine(y, "referral-y", "2021-10-01") + StatsFixture.office(z, x, "referral-z", "242152"));
        String r1 = refer("TRANSFER", x);
        String r2 = refer("TRANSFER", x);
        String r3 = refer("TRANSFER", z);
        String r4 = refer("CONSULT", y);
        String r5 = refer("CONSULT", y);
        String r6 = refer("TRANSFER", y);
        refer("CONSULT", x);
        Api.asJson("admin.mie").header("If-Match", "\"0\"")
                .body("{\"action\":\"CANCEL\",\"reasonCode\":\"FAMILY_WITHDREW\",\"reasonText\":\"家族が取り下げ\"}")
                .when().post("/api/v1/referrals/" + r5 + "/transitions").then().statusCode(200);
        set(r1, "CLOSED", "2021-05-10 00:00:00", "2021-05-10 10:00:00", "2021-05-14 04:00:00");
        set(r2, "FAILED", "2021-05-11 00:00:00", "2021-05-11 20:00:00", "2021-05-19 08:00:00");
        set(r3, "IN_PROGRESS", "2021-06-01 00:00:00", "2021-06-02 06:00:00", null);
        set(r4, "DECLINED", "2021-06-02 00:00:00", null, "2021-06-02 05:00:00");
        set(r5, "CANCELLED", "2021-06-03 00:00:00", null, "2021-06-03 01:00:00");
        set(r6, "REQUESTED", "2021-07-01 00:00:00", null, null);
        units = new String[] { x, y, z };
        return units;
    }

    private static String refer(String kind, String receiver) {
        String consultation = StatsFixture.recordAs("admin.mie", "2024-06-03T10:00:00+09:00", null, null, "FAMILY", "INDIVIDUAL", "PHONE",
                null, "RESPITE_RESIDENTIAL");
        return Api.asJson("admin.mie").body("{\"consultationId\":\"" + consultation + "\",\"kind\":\"" + kind
                + "\",\"receiverUnitCode\":\"" + receiver + "\",\"requestText\":\"統計テストの依頼\"}").when().post("/api/v1/referrals")
                .then().statusCode(201).extract().path("id");
    }

    /** Times are UTC wall times, the way the service stores instants. */
    private static void set(String id, String state, String requested, String accepted, String ended) throws Exception {
        assertEquals(1, AdminDb.update("UPDATE referral SET state = ?, requested_at = ?, accepted_at = ?, answered_at = ?, ended_at = ?"
                + " WHERE id = ?", state, requested, accepted, accepted != null ? accepted : ended, ended, id));
    }

    private static JsonPath json(String user, Map<String, ?> params) {
        return Api.as(user).queryParams(params).when().get(PATH).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void countsOutcomesAndPercentilesOfAFiscalYear() throws Exception {
        String[] u = units();
        JsonPath j = json("staff.mie", Map.of("fiscalYear", "2021", "units", String.join(",", u)));
        assertEquals(List.of(u[0], u[1], u[2]), j.getList("units"));
        assertEquals(List.of("ESCALATION", "TRANSFER", "CONSULT"), j.getList("byKindAndDirection.rows.code"));
        assertEquals(List.of("UP", "DOWN", "LATERAL"), j.getList("byKindAndDirection.columns.code"));
        assertEquals(List.of(0, 0, 0), j.getList("byKindAndDirection.rows[0].cells.count"));
        assertEquals(List.of(0, 4, 0), j.getList("byKindAndDirection.rows[1].cells.count"));
        assertEquals(List.of(0, 2, 0), j.getList("byKindAndDirection.rows[2].cells.count"));
        assertEquals(6, j.getInt("byKindAndDirection.grandTotal.count"));

        assertEquals(List.of("CENTER→BRANCH", "CENTER→MUNICIPAL_OFFICE"), j.getList("byTiers.rows.code"));
        assertEquals("センター（本部）→圏域ブランチ（支部）", j.getString("byTiers.rows[0].labelJa"));
        assertEquals(List.of(0, 3, 2), j.getList("byTiers.rows[0].cells.count"));
        assertEquals(List.of(0, 1, 0), j.getList("byTiers.rows[1].cells.count"));

        assertEquals(List.of("COMPLETED", "FAILED", "DECLINED", "CANCELLED", "ACTIVE"), j.getList("outcomes.columns.code"));
        assertEquals(List.of(1, 1, 0, 0, 2), j.getList("outcomes.rows[1].cells.count"));
        assertEquals(List.of(0.25f, 0.25f, 0.0f, 0.0f, 0.5f), j.getList("outcomes.rows[1].cells.share"));
        assertEquals(List.of(0, 0, 1, 1, 0), j.getList("outcomes.rows[2].cells.count"));
        assertEquals(List.of(0.0f, 0.0f, 0.5f, 0.5f, 0.0f), j.getList("outcomes.rows[2].cells.share"));

        // PERCENTILE_CONT: hours to accept 10, 20, 30; to end 100, 200 (TRANSFER), 1, 5 (CONSULT).
        assertEquals(List.of("ESCALATION", "TRANSFER", "CONSULT", "ALL"), j.getList("durations.code"));
        assertEquals(3, j.getInt("durations[1].toAccept.n.count"));
        assertEquals(20.0f, j.getFloat("durations[1].toAccept.medianHours"));
        assertEquals(28.0f, j.getFloat("durations[1].toAccept.p90Hours"));
        assertEquals(150.0f, j.getFloat("durations[1].toEnd.medianHours"));
        assertEquals(190.0f, j.getFloat("durations[1].toEnd.p90Hours"));
        assertEquals(0, j.getInt("durations[2].toAccept.n.count"));
        assertNull(j.get("durations[2].toAccept.medianHours"));
        assertEquals(3.0f, j.getFloat("durations[2].toEnd.medianHours"));
        assertEquals(4.6f, j.getFloat("durations[2].toEnd.p90Hours"));
        assertEquals(4, j.getInt("durations[3].toEnd.n.count"));
        assertEquals(52.5f, j.getFloat("durations[3].toEnd.medianHours"));
        assertEquals(170.0f, j.getFloat("durations[3].toEnd.p90Hours"));
        assertTrue(j.getString("percentileMethod").contains("PERCENTILE_CONT"));

        // Open now, whatever the period: the rules of the inbox decide what is overdue.
        assertEquals(List.of(u[0], u[1], u[2]), j.getList("openByReceivingUnit.rows.code"));
        assertEquals(List.of(0, 1), j.getList("openByReceivingUnit.rows[0].cells.count"));
        assertEquals(List.of(1, 0), j.getList("openByReceivingUnit.rows[1].cells.count"));
        assertEquals(List.of(1, 0), j.getList("openByReceivingUnit.rows[2].cells.count"));

        // Another fiscal year has none of them.
        assertEquals(0, json("staff.mie", Map.of("fiscalYear", "2020", "units", String.join(",", u))).getInt("byKindAndDirection.grandTotal.count"));
    }

    @Test
    void analystsGetPerturbedPeriodTablesAndNoDurationOfFewerThanThree() throws Exception {
        units();
        // Analysts get the whole prefecture (no unit filter) for a fixed period.
        JsonPath j = json("analyst.mie", Map.of("fiscalYear", "2021"));
        JsonPath staff = json("staff.mie", Map.of("fiscalYear", "2021"));
        for (String table : List.of("byKindAndDirection", "byTiers", "outcomes")) {
            StatsAssertions.perturbedWithinBounds(j, staff, table);
        }
        // Open now: no record keys there, so small-cell suppression as before.
        StatsAssertions.shownCountsAreExact(j, staff, "openByReceivingUnit");
        // A median of one or two referrals is their duration: withheld; otherwise shown as staff see it.
        for (int d = 0; d < 4; d++) {
            for (String what : List.of("toAccept", "toEnd")) {
                String path = "durations[" + d + "]." + what;
                int n = staff.getInt(path + ".n.count");
                boolean small = n >= 1 && n <= 2;
                assertEquals(small, j.getBoolean(path + ".withheld"), path);
                if (small) {
                    assertNull(j.get(path + ".medianHours"), path);
                } else {
                    assertEquals((Object) staff.get(path + ".medianHours"), j.get(path + ".medianHours"), path);
                }
            }
        }
        Api.as("analyst.mie").queryParam("fiscalYear", "2021").queryParam("units", units()[0]).when().get(PATH).then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("units"));
    }

    @Test
    void eachTableIsItsOwnCsv() throws Exception {
        String[] u = units();
        Map<String, String> params = Map.of("fiscalYear", "2021", "units", String.join(",", u), "format", "csv", "labels", "code");
        String kd = csv(params, null);
        assertEquals(List.of("kind / direction,UP,DOWN,LATERAL,TOTAL", "ESCALATION,0,0,0,0", "TRANSFER,0,4,0,4", "CONSULT,0,2,0,2",
                "TOTAL,0,6,0,6"), List.of(kd.split("\r\n")));
        assertEquals(List.of("kind,acceptedN,acceptMedianHours,acceptP90Hours,endedN,endMedianHours,endP90Hours", "ESCALATION,0,,,0,,",
                "TRANSFER,3,20.0,28.0,2,150.0,190.0", "CONSULT,0,,,2,3.0,4.6", "ALL,3,20.0,28.0,4,52.5,170.0"),
                List.of(csv(params, "durations").split("\r\n")));
        String tiers = csv(Map.of("fiscalYear", "2021", "units", String.join(",", u), "format", "csv"), "byTiers");
        assertTrue(tiers.startsWith("依頼元→依頼先 / 依頼の種類,後方支援依頼,移管,助言依頼,合計\r\nセンター（本部）→圏域ブランチ（支部）,0,3,2,5\r\n"), tiers);
    }

    private static String csv(Map<String, String> params, String table) {
        var request = Api.as("staff.mie").queryParams(params);
        if (table != null) {
            request.queryParam("table", table);
        }
        byte[] bytes = request.when().get(PATH).then().statusCode(200).header("Content-Type", "text/csv; charset=UTF-8").extract().asByteArray();
        return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    }
}
