package jp.tsunagu.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attacker of {@link DifferencingAttacker} against the analysts' consultation tables, over a generated fiscal
 * year of a realistic size (about 150 consultations, 3 sites, 8 municipalities, one of them a one-municipality
 * site), in Java: the same {@link Tabulation} and {@link CellKeyPerturbation} code the server runs, without HTTP,
 * so that many key draws can be tried. {@code AnalystDisclosureTest} runs the same attacker against the server.
 */
class DisclosureAttackTest {

    static final int K = 3;
    static final int FY = 2024;

    static final String[] SITES = { "A", "A", "A", "A", "B", "B", "B", "C" };
    static final String[] MUNICIPALITIES = { "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8" };
    static final double[] MUNICIPALITY_WEIGHT = { 30, 12, 5, 2, 20, 6, 2, 8 };
    static final String[] REQUESTERS = { "FAMILY", "SUPPORT_SPECIALIST", "MUNICIPALITY", "MEDICAL_INSTITUTION", "SCHOOL_NURSERY",
            "WELFARE_PROVIDER", "OTHER" };
    static final double[] REQUESTER_WEIGHT = { 50, 20, 10, 10, 5, 3, 2 };
    static final String[] CHANNELS = { "PHONE", "WEB_FORM", "EMAIL", "VISIT", "OUTREACH" };
    static final double[] CHANNEL_WEIGHT = { 60, 15, 10, 10, 5 };
    static final String[] TOPICS = { "NURSERY", "RESPITE", "SCHOOLING", "SYSTEMS_INFO", "CONSULTATION_SUPPORT", "MEDICAL_CARE",
            "HOME_NURSING", "THERAPY", "HOSPITAL", "ANXIETY", "MUNICIPAL_WINDOW", "RESPITE_AT_HOME", "ABUSE", "EMPLOYMENT",
            "FINANCIAL", "FAMILY", "DISASTER", "OTHER" };
    static final double[] TOPIC_WEIGHT = { 8, 14, 10, 12, 9, 15, 7, 4, 6, 6, 5, 6, 1, 1, 3, 3, 1, 4 };

    /** A fiscal year of consultations; {@code dataSeed} draws the data, {@code keySeed} the record keys. */
    static List<AnalystQueries.Consultation> fiscalYear(long dataSeed, long keySeed, int n) {
        Random data = new Random(dataSeed);
        Random keys = new Random(keySeed);
        List<AnalystQueries.Consultation> out = new ArrayList<>();
        for (int id = 0; id < n; id++) {
            int m = pick(data, MUNICIPALITY_WEIGHT);
            LocalDate day = LocalDate.of(FY, 4, 1).plusDays(data.nextInt(365));
            TreeSet<String> topics = new TreeSet<>();
            int count = 1 + (data.nextDouble() < 0.35 ? 1 : 0) + (data.nextDouble() < 0.1 ? 1 : 0);
            while (topics.size() < count) {
                topics.add(TOPICS[pick(data, TOPIC_WEIGHT)]);
            }
            String site = SITES[m];
            out.add(new AnalystQueries.Consultation(id, site + "-" + (m % 2 == 0 ? "office" : "branch"), site, MUNICIPALITIES[m], day,
                    REQUESTERS[pick(data, REQUESTER_WEIGHT)], List.copyOf(topics), CHANNELS[pick(data, CHANNEL_WEIGHT)],
                    data.nextDouble() < 0.45 ? "INDIVIDUAL" : "COMMUNITY", keys.nextInt(CellKeyPerturbation.KEYS)));
        }
        return out;
    }

    static int pick(Random r, double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double x = r.nextDouble() * sum;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static List<AnalystQueries.Table> allTables(List<AnalystQueries.Consultation> data, List<AnalystQueries.Period> periods) {
        List<AnalystQueries.Table> out = new ArrayList<>();
        for (AnalystQueries.Period p : periods) {
            for (AnalystQueries.Dim[] pair : AnalystQueries.pairs()) {
                out.add(AnalystQueries.tabulate(data, p, pair[0], pair[1]));
            }
        }
        return out;
    }

    @Test
    void theAttackerRecoversSmallCountsFromTheOldSuppression() {
        // Today's behaviour: small-cell suppression per table, whole months allowed besides quarters and the year.
        List<AnalystQueries.Consultation> data = fiscalYear(1, 1, 150);
        List<AnalystQueries.Period> periods = new ArrayList<>(AnalystQueries.periods(FY));
        periods.addAll(AnalystQueries.months(FY));
        List<AnalystQueries.Table> tables = allTables(data, periods);
        tables.forEach(t -> t.tabulation().protect(K, null));
        List<DifferencingAttacker.Finding> findings = DifferencingAttacker.attack(AnalystQueries.observe(tables, null), K);
        Map<String, Long> summary = AnalystQueries.summary(findings);
        System.out.println("old suppression, months allowed: " + summary);
        assertTrue(summary.get("recovered") > 0, "the attacker must be able to win against per-table suppression: " + summary);

        // Even with only the fixed periods of the new model, per-table suppression gives counts away.
        List<AnalystQueries.Table> fixed = allTables(data, AnalystQueries.periods(FY));
        fixed.forEach(t -> t.tabulation().protect(K, null));
        Map<String, Long> fixedSummary = AnalystQueries.summary(DifferencingAttacker.attack(AnalystQueries.observe(fixed, null), K));
        System.out.println("old suppression, fixed periods: " + fixedSummary);
        assertTrue(fixedSummary.get("recovered") > 0, fixedSummary.toString());
    }

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 4, 5, 6, 7, 8 })
    void noSmallCountIsRecoveredFromThePerturbedTables(long seed) {
        CellKeyPerturbation perturbation = new CellKeyPerturbation(K);
        List<AnalystQueries.Consultation> data = fiscalYear(seed, 1000 + seed, 150);
        List<AnalystQueries.Table> tables = allTables(data, AnalystQueries.periods(FY));
        tables.forEach(t -> t.tabulation().perturb(perturbation));
        List<DifferencingAttacker.Finding> findings = DifferencingAttacker.attack(AnalystQueries.observe(tables, perturbation), K);
        Map<String, Long> summary = AnalystQueries.summary(findings);
        System.out.println("cell-key perturbation, seed " + seed + ": " + summary);
        assertTrue(summary.get("targets") > 100, "the fixture must have many small counts to attack: " + summary);
        List<DifferencingAttacker.Finding> recovered = findings.stream().filter(DifferencingAttacker.Finding::recovered).toList();
        assertEquals(List.of(), recovered);
    }

    @Test
    void theSameRecordsShowTheSameValueInEveryTable() {
        CellKeyPerturbation perturbation = new CellKeyPerturbation(K);
        List<AnalystQueries.Consultation> data = fiscalYear(3, 3, 150);
        List<AnalystQueries.Table> tables = allTables(data, AnalystQueries.periods(FY));
        tables.forEach(t -> t.tabulation().perturb(perturbation));
        java.util.Map<java.util.BitSet, Long> first = new java.util.HashMap<>();
        int repeats = 0;
        for (DifferencingAttacker.Observation o : AnalystQueries.observe(tables, perturbation)) {
            Long before = first.putIfAbsent(o.records(), o.shown());
            if (before != null) {
                repeats++;
                assertEquals(before, o.shown(), o.label());
            }
        }
        assertTrue(repeats > 1000, "the query space repeats record sets (one-municipality site, one-value dimensions): " + repeats);
    }

    /**
     * The council tables stay useful: average absolute deviation of the published from the true counts, over
     * site × requester type per quarter and per fiscal year (8 fiscal years of generated consultations), and
     * municipality × care type per fiscal year (a prefecture of 300 children in 29 municipalities, the size of Mie or
     * Kumamoto). Printed for the README; the bound asserted is what the README promises.
     */
    @Test
    void councilTablesStayUseful() {
        CellKeyPerturbation perturbation = new CellKeyPerturbation(K);
        double[] cells = new double[2];
        double[] totals = new double[2];
        double[] small = new double[2];
        for (long seed = 1; seed <= 8; seed++) {
            List<AnalystQueries.Consultation> data = fiscalYear(seed, 500 + seed, 150);
            for (AnalystQueries.Period p : AnalystQueries.periods(FY)) {
                deviation(AnalystQueries.tabulate(data, p, AnalystQueries.Dim.SITE, AnalystQueries.Dim.REQUESTER_TYPE).tabulation(),
                        perturbation, cells, totals, small);
            }
        }
        double siteCells = cells[0] / cells[1];
        double siteTotals = totals[0] / totals[1];
        System.out.printf("site x requesterType (quarters and FY): mean |published - true| %.3f over %d cells, %.3f over %d totals;"
                + " cells with true 1..2: %.3f over %d%n", siteCells, (long) cells[1], siteTotals, (long) totals[1], small[0] / small[1],
                (long) small[1]);
        double[] childCells = new double[2];
        double[] childTotals = new double[2];
        double[] childSmall = new double[2];
        for (long seed = 1; seed <= 8; seed++) {
            deviation(children(seed), perturbation, childCells, childTotals, childSmall);
        }
        System.out.printf("municipality x careType (FY): mean |published - true| %.3f over %d cells, %.3f over %d totals;"
                + " cells with true 1..2: %.3f over %d%n", childCells[0] / childCells[1], (long) childCells[1],
                childTotals[0] / childTotals[1], (long) childTotals[1], childSmall[0] / childSmall[1], (long) childSmall[1]);
        assertTrue(siteCells < 0.8 && siteTotals < 0.8, siteCells + " / " + siteTotals);
        assertTrue(childCells[0] / childCells[1] < 0.8, "children " + childCells[0] / childCells[1]);
    }

    static void deviation(Tabulation t, CellKeyPerturbation perturbation, double[] cells, double[] totals, double[] small) {
        t.perturb(perturbation);
        for (int i = 0; i <= t.rows(); i++) {
            for (int j = 0; j <= t.columns(); j++) {
                double d = Math.abs(t.published(i, j) - t.value(i, j));
                double[] into = i < t.rows() && j < t.columns() ? cells : totals;
                into[0] += d;
                into[1]++;
                if (t.value(i, j) >= 1 && t.value(i, j) < K) {
                    small[0] += d;
                    small[1]++;
                }
            }
        }
    }

    static final double[] CARE_WEIGHT = { 12, 10, 30, 8, 25, 6, 4, 3, 5, 2, 3, 4, 2, 1 };

    /** 300 children in 29 municipalities (weights like a prefecture: one city of a fifth, many small towns), 1-4 care types. */
    static Tabulation children(long seed) {
        Random r = new Random(seed);
        Random keys = new Random(seed + 77);
        double[] weights = new double[29];
        for (int m = 0; m < 29; m++) {
            weights[m] = 60.0 / (1 + m);
        }
        long[][] n = new long[29][CARE_WEIGHT.length];
        long[][] k = new long[29][CARE_WEIGHT.length];
        long[] distinct = new long[29];
        long[] distinctKeys = new long[29];
        for (int c = 0; c < 300; c++) {
            int m = pick(r, weights);
            int key = keys.nextInt(CellKeyPerturbation.KEYS);
            TreeSet<Integer> types = new TreeSet<>();
            int count = 1 + r.nextInt(4);
            while (types.size() < count) {
                types.add(pick(r, CARE_WEIGHT));
            }
            for (int t : types) {
                n[m][t]++;
                k[m][t] += key;
            }
            distinct[m]++;
            distinctKeys[m] += key;
        }
        StatsViews.Heading h = new StatsViews.Heading("x", "x", "x");
        return Tabulation.distinctRowTotals("children", h, h, ProtectionTest.headings("m", 29), ProtectionTest.headings("c", CARE_WEIGHT.length),
                n, distinct).withKeys(k, distinctKeys);
    }
}
