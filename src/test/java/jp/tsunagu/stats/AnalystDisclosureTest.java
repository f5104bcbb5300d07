package jp.tsunagu.stats;

import static jp.tsunagu.support.Fixtures.CSV_HEADER;
import static jp.tsunagu.support.Fixtures.MIE_CENTER;
import static jp.tsunagu.support.Fixtures.coverageLine;
import static jp.tsunagu.support.Fixtures.mieBranchLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jp.tsunagu.support.Api;

/**
 * The attacker of {@link DifferencingAttacker} against the running server: a fiscal year of consultations in Mie
 * (FY2012, which no other test uses, so every table of that year counts this fixture only), every table an analyst
 * may ask for (the year and its four quarters × every pair of the ten dimensions: 225 calls with real analyst
 * tokens), each published value tied to the records it counts; no count of 1 or 2 may come out exactly. The same
 * attacker against per-table suppression of the same tables (what analysts got before) recovers them.
 *
 * <pre>
 * A  branch, covers 242012 津市, 242021 四日市市, 242039 伊勢市; office O (under A) covers 242047 松阪市
 * B  branch, covers 242055 桑名市, 242101 亀山市
 * C  branch, covers 242144 いなべ市 only (a one-municipality site)
 * coverage 2012-04-01 .. 2014-04-01; 70 consultations in FY2012 drawn with a fixed seed; FY2013 for the stability test
 * </pre>
 */
@QuarkusTest
class AnalystDisclosureTest {

    static final String PATH = "/api/v1/stats/consultations";
    static final int FY = 2012;
    static final String[] MUNICIPALITIES = { "242012", "242021", "242039", "242047", "242055", "242101", "242144" };
    static final double[] MUNICIPALITY_WEIGHT = { 25, 12, 6, 8, 14, 4, 5 };
    static final String[] REQUESTERS = { "FAMILY", "SUPPORT_SPECIALIST", "MUNICIPALITY", "MEDICAL_INSTITUTION", "SCHOOL_NURSERY",
            "WELFARE_PROVIDER", "OTHER" };
    static final String[] TOPICS = { "RESPITE_RESIDENTIAL", "MEDICAL_CARE", "SCHOOLING_EDUCATION", "SYSTEMS_SERVICES_INFO",
            "HOSPITAL_VISIT_ADMISSION", "HOME_NURSING", "RESPITE_AT_HOME", "NURSERY_KINDERGARTEN", "OTHER" };
    static final double[] TOPIC_WEIGHT = { 14, 15, 10, 12, 6, 7, 6, 8, 4 };
    static final String[] CHANNELS = { "PHONE", "WEB_FORM", "EMAIL", "VISIT", "OUTREACH" };

    private static String[] units;
    private static List<AnalystQueries.Consultation> fiscalYear;

    /** Units a, o, b, c; once per run. */
    static synchronized String[] units() {
        if (units != null) {
            return units;
        }
        String stem = "24-d-" + UUID.randomUUID().toString().substring(0, 6);
        String a = stem + "a";
        String o = stem + "o";
        String b = stem + "b";
        String c = stem + "c";
        StatsFixture.importStructure(CSV_HEADER + MIE_CENTER + mieBranchLine(a, "開示テストA", "2012-04-01")
                + mieBranchLine(b, "開示テストB", "2012-04-01") + mieBranchLine(c, "開示テストC", "2012-04-01")
                + StatsFixture.office(o, a, "開示テスト松阪窓口", "242047").replace("2021-10-01", "2012-04-01")
                + coverageLine(a, "242012", "2012-04-01", "2014-04-01") + coverageLine(a, "242021", "2012-04-01", "2014-04-01")
                + coverageLine(a, "242039", "2012-04-01", "2014-04-01") + coverageLine(o, "242047", "2012-04-01", "2014-04-01")
                + coverageLine(b, "242055", "2012-04-01", "2014-04-01") + coverageLine(b, "242101", "2012-04-01", "2014-04-01")
                + coverageLine(c, "242144", "2012-04-01", "2014-04-01"));
        units = new String[] { a, o, b, c };
        return units;
    }

    static String unitOf(String municipality) {
        String[] u = units();
        return switch (municipality) {
            case "242012", "242021", "242039" -> u[0];
            case "242047" -> u[1];
            case "242055", "242101" -> u[2];
            default -> u[3];
        };
    }

    static String siteOf(String municipality) {
        String unit = unitOf(municipality);
        return unit.equals(units()[1]) ? units()[0] : unit;
    }

    /** 70 consultations in FY2012, recorded through the API; ids are indexes into the list. */
    static synchronized List<AnalystQueries.Consultation> fiscalYear() {
        if (fiscalYear != null) {
            return fiscalYear;
        }
        units();
        Random random = new Random(2012);
        List<AnalystQueries.Consultation> out = new ArrayList<>();
        for (int id = 0; id < 70; id++) {
            String m = MUNICIPALITIES[DisclosureAttackTest.pick(random, MUNICIPALITY_WEIGHT)];
            LocalDate day = LocalDate.of(FY, 4, 2).plusDays(random.nextInt(360));
            TreeSet<String> topics = new TreeSet<>();
            int n = 1 + (random.nextDouble() < 0.35 ? 1 : 0);
            while (topics.size() < n) {
                topics.add(TOPICS[DisclosureAttackTest.pick(random, TOPIC_WEIGHT)]);
            }
            String requester = REQUESTERS[DisclosureAttackTest.pick(random, DisclosureAttackTest.REQUESTER_WEIGHT)];
            String channel = CHANNELS[DisclosureAttackTest.pick(random, DisclosureAttackTest.CHANNEL_WEIGHT)];
            String kind = random.nextDouble() < 0.45 ? "INDIVIDUAL" : "COMMUNITY";
            record(day, m, requester, kind, channel, topics);
            out.add(new AnalystQueries.Consultation(id, unitOf(m), siteOf(m), m, day, requester, List.copyOf(topics), channel, kind, 0));
        }
        fiscalYear = out;
        return out;
    }

    static void record(LocalDate day, String municipality, String requester, String kind, String channel, TreeSet<String> topics) {
        String at = OffsetDateTime.of(day.atTime(10, 0), ZoneOffset.ofHours(9)).toString();
        StatsFixture.record(at, unitOf(municipality), municipality, requester, kind, channel, topics.toArray(String[]::new));
    }

    /** Every entry of one published table, as the attacker reads it, with the records it counts. */
    static List<DifferencingAttacker.Observation> read(JsonPath j, List<AnalystQueries.Consultation> data, AnalystQueries.Period period,
            AnalystQueries.Dim rows, AnalystQueries.Dim columns, CellKeyPerturbation perturbation) {
        List<String> columnCodes = j.getList("table.columns.code");
        List<String> rowCodes = j.getList("table.rows.code");
        List<DifferencingAttacker.Observation> out = new ArrayList<>();
        for (int r = 0; r <= rowCodes.size(); r++) {
            for (int c = 0; c <= columnCodes.size(); c++) {
                String path = r < rowCodes.size() ? (c < columnCodes.size() ? "table.rows[" + r + "].cells[" + c + "]" : "table.rows[" + r + "].total")
                        : (c < columnCodes.size() ? "table.columnTotals[" + c + "]" : "table.grandTotal");
                String rowCode = r < rowCodes.size() ? rowCodes.get(r) : null;
                String columnCode = c < columnCodes.size() ? columnCodes.get(c) : null;
                BitSet records = new BitSet();
                for (AnalystQueries.Consultation x : data) {
                    if (period.contains(x.receivedOn()) && (rowCode == null || rows.values.apply(x).contains(rowCode))
                            && (columnCode == null || columns.values.apply(x).contains(columnCode))) {
                        records.set(x.id());
                    }
                }
                assertEquals(Boolean.TRUE, j.get(path + ".perturbed"), path);
                long published = j.getLong(path + ".count");
                long[] range = perturbation.possibleTrueCounts(published);
                long truth = records.cardinality();
                assertTrue(range[0] <= truth && truth <= range[1], period.label() + " " + rows.code + "×" + columns.code + " " + path
                        + ": published " + published + " for " + truth);
                out.add(new DifferencingAttacker.Observation(period.label() + " " + rows.code + "×" + columns.code + " [" + rowCode + ", "
                        + columnCode + "]", records, published, range[0], range[1]));
            }
        }
        return out;
    }

    @Test
    void noAnalystQueryOrCombinationOfThemGivesASmallCountAway() {
        List<AnalystQueries.Consultation> data = fiscalYear();
        CellKeyPerturbation perturbation = new CellKeyPerturbation(3);
        List<DifferencingAttacker.Observation> observations = new ArrayList<>();
        int calls = 0;
        for (AnalystQueries.Period period : AnalystQueries.periods(FY)) {
            for (AnalystQueries.Dim[] pair : AnalystQueries.pairs()) {
                JsonPath j = Api.as("analyst.mie").queryParam("rows", pair[0].code).queryParam("columns", pair[1].code)
                        .queryParam("from", period.from().toString()).queryParam("to", period.to().toString())
                        .when().get(PATH).then().statusCode(200).extract().jsonPath();
                observations.addAll(read(j, data, period, pair[0], pair[1], perturbation));
                calls++;
            }
        }
        assertEquals(225, calls);
        List<DifferencingAttacker.Finding> findings = DifferencingAttacker.attack(observations, 3);
        Map<String, Long> summary = AnalystQueries.summary(findings);
        System.out.println("analyst disclosure over HTTP, FY" + FY + ": " + summary);
        assertTrue(summary.get("targets") > 50, "the fixture has many small counts: " + summary);
        assertEquals(List.of(), findings.stream().filter(DifferencingAttacker.Finding::recovered).toList());
        // Averaging does not narrow a small count to one value either: at least two values stay possible for each.
        assertTrue(findings.stream().allMatch(f -> f.hi() > f.lo()), "every small count keeps two or more possible values");

        // The same attacker, the same 225 tables, published as before (per-table small-cell suppression): it wins.
        List<AnalystQueries.Table> old = new ArrayList<>();
        for (AnalystQueries.Period period : AnalystQueries.periods(FY)) {
            for (AnalystQueries.Dim[] pair : AnalystQueries.pairs()) {
                old.add(AnalystQueries.tabulate(data, period, pair[0], pair[1]));
            }
        }
        old.forEach(t -> t.tabulation().protect(3, null));
        Map<String, Long> before = AnalystQueries.summary(DifferencingAttacker.attack(AnalystQueries.observe(old, null), 3));
        System.out.println("same tables with per-table suppression: " + before);
        assertTrue(before.get("recovered") > 0, before.toString());
    }

    @Test
    void theSameQueryAndUnrelatedNewRecordsLeaveAPublishedCellAsItWas() {
        String[] u = units();
        Map<String, String> params = Map.of("rows", "site", "columns", "requesterType", "fiscalYear", Integer.toString(FY + 1));
        record(LocalDate.of(FY + 1, 5, 10), "242012", "FAMILY", "INDIVIDUAL", "PHONE", new TreeSet<>(List.of("MEDICAL_CARE")));
        record(LocalDate.of(FY + 1, 6, 11), "242012", "FAMILY", "INDIVIDUAL", "PHONE", new TreeSet<>(List.of("OTHER")));
        record(LocalDate.of(FY + 1, 7, 12), "242055", "SUPPORT_SPECIALIST", "INDIVIDUAL", "EMAIL", new TreeSet<>(List.of("OTHER")));
        JsonPath first = Api.as("analyst.mie").queryParams(params).when().get(PATH).then().statusCode(200).extract().jsonPath();
        JsonPath again = Api.as("analyst.mie").queryParams(params).when().get(PATH).then().statusCode(200).extract().jsonPath();
        assertEquals((Object) first.getMap("table"), again.getMap("table"));
        String rowA = "table.rows.find { it.code == '" + u[0] + "' }";
        String rowB = "table.rows.find { it.code == '" + u[2] + "' }";
        // Unrelated records elsewhere: a consultation at C, another at B in another requester type.
        record(LocalDate.of(FY + 1, 8, 1), "242144", "FAMILY", "COMMUNITY", "PHONE", new TreeSet<>(List.of("OTHER")));
        record(LocalDate.of(FY + 1, 8, 2), "242101", "MUNICIPALITY", "COMMUNITY", "EMAIL", new TreeSet<>(List.of("OTHER")));
        JsonPath after = Api.as("analyst.mie").queryParams(params).when().get(PATH).then().statusCode(200).extract().jsonPath();
        assertEquals(first.getList(rowA + ".cells"), after.getList(rowA + ".cells"));
        assertEquals((Object) first.get(rowA + ".total"), after.get(rowA + ".total"));
        int support = first.getList("table.columns.code").indexOf("SUPPORT_SPECIALIST");
        assertEquals((Object) first.get(rowB + ".cells[" + support + "]"), after.get(rowB + ".cells[" + support + "]"));
    }
}
