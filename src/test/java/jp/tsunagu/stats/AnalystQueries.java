package jp.tsunagu.stats;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The consultation tables an analyst may ask for (every fixed period of one fiscal year: the year and its four
 * quarters; every pair of dimensions; whole prefecture, no filters), counted in Java over known records, so that a
 * test knows which records each published value counts. {@link #tabulate} lays a table out as the server does
 * (cells, totals along a multi-valued topic axis counting each consultation once) and gives, per entry of the
 * extended grid, the set of records it counts.
 */
final class AnalystQueries {

    /** A consultation as the statistics see it; {@code key} is its record key (cell_key). */
    record Consultation(int id, String unit, String site, String municipality, LocalDate receivedOn, String requesterType,
            List<String> topics, String channel, String kind, int key) {
    }

    enum Dim {
        UNIT("unit", c -> List.of(c.unit())),
        SITE("site", c -> List.of(c.site())),
        MUNICIPALITY("municipality", c -> List.of(c.municipality())),
        MONTH("month", c -> List.of(YearMonth.from(c.receivedOn()).toString())),
        QUARTER("quarter", c -> List.of(Headings.fiscalYear(c.receivedOn()) + "Q" + Headings.fiscalQuarter(c.receivedOn()))),
        FISCAL_YEAR("fiscalYear", c -> List.of(Integer.toString(Headings.fiscalYear(c.receivedOn())))),
        REQUESTER_TYPE("requesterType", c -> List.of(c.requesterType())),
        TOPIC("topic", Consultation::topics),
        CHANNEL("channel", c -> List.of(c.channel())),
        KIND("kind", c -> List.of(c.kind()));

        final String code;
        final Function<Consultation, List<String>> values;

        Dim(String code, Function<Consultation, List<String>> values) {
            this.code = code;
            this.values = values;
        }

        boolean multiValued() {
            return this == TOPIC;
        }
    }

    record Period(String label, LocalDate from, LocalDate to) {
        boolean contains(LocalDate d) {
            return !d.isBefore(from) && !d.isAfter(to);
        }
    }

    /** The fiscal year and its four quarters. */
    static List<Period> periods(int fiscalYear) {
        List<Period> out = new ArrayList<>();
        LocalDate start = LocalDate.of(fiscalYear, 4, 1);
        out.add(new Period("FY" + fiscalYear, start, start.plusYears(1).minusDays(1)));
        for (int q = 0; q < 4; q++) {
            LocalDate f = start.plusMonths(3L * q);
            out.add(new Period(fiscalYear + "Q" + (q + 1), f, f.plusMonths(3).minusDays(1)));
        }
        return out;
    }

    /** Every whole month of the fiscal year: periods today's analysts may also ask for (the old query space). */
    static List<Period> months(int fiscalYear) {
        List<Period> out = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            YearMonth ym = YearMonth.of(fiscalYear, 4).plusMonths(m);
            out.add(new Period(ym.toString(), ym.atDay(1), ym.atEndOfMonth()));
        }
        return out;
    }

    /** Unordered pairs of different dimensions (a transposed table shows the same entries). */
    static List<Dim[]> pairs() {
        List<Dim[]> out = new ArrayList<>();
        Dim[] all = Dim.values();
        for (int i = 0; i < all.length; i++) {
            for (int j = i + 1; j < all.length; j++) {
                out.add(new Dim[] { all[i], all[j] });
            }
        }
        return out;
    }

    /** One laid-out table: the Tabulation (true counts and key sums) and the records of every extended-grid entry. */
    record Table(String label, Tabulation tabulation, List<String> rowCodes, List<String> columnCodes, BitSet[][] records) {
    }

    static Table tabulate(List<Consultation> all, Period period, Dim rows, Dim columns) {
        List<Consultation> in = all.stream().filter(c -> period.contains(c.receivedOn())).toList();
        TreeSet<String> rowValues = new TreeSet<>();
        TreeSet<String> columnValues = new TreeSet<>();
        for (Consultation c : in) {
            rowValues.addAll(rows.values.apply(c));
            columnValues.addAll(columns.values.apply(c));
        }
        List<String> rc = new ArrayList<>(rowValues);
        List<String> cc = new ArrayList<>(columnValues);
        int R = rc.size();
        int C = cc.size();
        BitSet[][] sets = new BitSet[R + 1][C + 1];
        for (int i = 0; i <= R; i++) {
            for (int j = 0; j <= C; j++) {
                sets[i][j] = new BitSet();
            }
        }
        long[][] n = new long[R][C];
        long[][] keys = new long[R][C];
        for (Consultation c : in) {
            List<String> rv = rows.values.apply(c);
            List<String> cv = columns.values.apply(c);
            for (String r : rv) {
                int i = rc.indexOf(r);
                for (String col : cv) {
                    int j = cc.indexOf(col);
                    n[i][j]++;
                    keys[i][j] += c.key();
                    sets[i][j].set(c.id());
                }
                sets[i][C].set(c.id());
            }
            for (String col : cv) {
                sets[R][cc.indexOf(col)].set(c.id());
            }
            sets[R][C].set(c.id());
        }
        List<StatsViews.Heading> rh = rc.stream().map(code -> new StatsViews.Heading(code, code, code)).toList();
        List<StatsViews.Heading> ch = cc.stream().map(code -> new StatsViews.Heading(code, code, code)).toList();
        StatsViews.Heading rd = new StatsViews.Heading(rows.code, rows.code, rows.code);
        StatsViews.Heading cd = new StatsViews.Heading(columns.code, columns.code, columns.code);
        Tabulation t;
        if (columns.multiValued() || rows.multiValued()) {
            boolean byRow = columns.multiValued();
            int lines = byRow ? R : C;
            long[] distinct = new long[lines];
            long[] distinctKeys = new long[lines];
            for (Consultation c : in) {
                String v = (byRow ? rows : columns).values.apply(c).get(0);
                int i = (byRow ? rc : cc).indexOf(v);
                distinct[i]++;
                distinctKeys[i] += c.key();
            }
            t = byRow ? Tabulation.distinctRowTotals("consultations", rd, cd, rh, ch, n, distinct).withKeys(keys, distinctKeys)
                    : Tabulation.distinctColumnTotals("consultations", rd, cd, rh, ch, n, distinct).withKeys(keys, distinctKeys);
        } else {
            t = Tabulation.additive("consultations", rd, cd, rh, ch, n).withKeys(keys, null);
        }
        return new Table(period.label() + " " + rows.code + "×" + columns.code, t, rc, cc, sets);
    }

    /** Every entry of every table, as the attacker reads it after {@code publish} ran on each table. */
    static List<DifferencingAttacker.Observation> observe(List<Table> tables, CellKeyPerturbation perturbation) {
        List<DifferencingAttacker.Observation> out = new ArrayList<>();
        for (Table t : tables) {
            Tabulation tab = t.tabulation();
            for (int i = 0; i <= tab.rows(); i++) {
                for (int j = 0; j <= tab.columns(); j++) {
                    String label = t.label() + " [" + (i < tab.rows() ? t.rowCodes().get(i) : "TOTAL") + ", "
                            + (j < tab.columns() ? t.columnCodes().get(j) : "TOTAL") + "]";
                    out.add(DifferencingAttacker.observe(label, t.records()[i][j], tab, i, j, perturbation));
                }
            }
        }
        return out;
    }

    /** Counts of findings, for messages. */
    static Map<String, Long> summary(List<DifferencingAttacker.Finding> findings) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("targets", (long) findings.size());
        m.put("recovered", findings.stream().filter(DifferencingAttacker.Finding::recovered).count());
        m.put("averageHits", findings.stream().filter(DifferencingAttacker.Finding::averageHits).count());
        m.put("maxEstimates", (long) findings.stream().mapToInt(DifferencingAttacker.Finding::estimates).max().orElse(0));
        return m;
    }
}
