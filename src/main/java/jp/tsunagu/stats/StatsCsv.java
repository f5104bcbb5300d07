package jp.tsunagu.stats;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.StreamingOutput;

/**
 * Renders statistics as one clean CSV table each: a header record (corner "rows / columns", the column labels,
 * 合計), one record per row ending with its total, and a last record of column totals ending with the grand total.
 * A withheld count is written as {@code *}. Analysts' tables end with one note record after the totals (first
 * field 注記 / Note / NOTE) saying that the counts are perturbed, or what {@code *} means, so a table opened in Excel
 * cannot be taken for exact counts; staff tables have no note. Nothing else goes into the file.
 */
final class StatsCsv {

    static final String WITHHELD = "*";

    static final StatsViews.Heading NOTE = new StatsViews.Heading("NOTE", "注記", "Note");

    static String perturbedNote(Output.Labels labels, int k, int maxDeviation) {
        return labels == Output.Labels.JA
                ? "分析者向けの件数は攪乱値です（真の件数との差は最大" + maxDeviation + "、1～" + (k - 1) + "は表示されず0または" + k
                        + "以上になります。0は0～" + (k - 1) + "件を表します）。合計も別に攪乱されるため、内訳の和とは一致しません。"
                : "Counts for analysts are perturbed (at most " + maxDeviation + " from the true count; 1 to " + (k - 1)
                        + " are never shown and appear as 0 or as " + k + " or more, so 0 stands for 0 to " + (k - 1)
                        + "). Totals are perturbed on their own and need not equal the sum of their cells.";
    }

    static String withheldNote(Output.Labels labels, int k) {
        return labels == Output.Labels.JA ? "* は秘匿（1～" + (k - 1) + "件、またはそれを算出できる値）"
                : "* = withheld (1 to " + (k - 1) + ", or a value that would give one away)";
    }

    private StatsCsv() {
    }

    /** A CSV export ready to stream: the body writes precomputed (small) tables only. */
    record Export(String filename, String contentType, StreamingOutput body) {
    }

    static Export table(String filename, Output output, StatsViews.Table table) {
        return new Export(filename, output.contentType(), out -> write(out, output, w -> writeTable(w, table, output.labels())));
    }

    static Export durations(String filename, Output output, List<StatsViews.DurationRow> rows, int threshold) {
        return new Export(filename, output.contentType(), out -> write(out, output, w -> writeDurations(w, rows, output.labels(), threshold)));
    }

    interface Body {
        void write(CsvTableWriter writer) throws IOException;
    }

    private static void write(OutputStream out, Output output, Body body) throws IOException {
        CsvTableWriter writer = new CsvTableWriter(out, output.charset());
        body.write(writer);
        // finish(), not close(): the HTTP layer owns the response stream.
        writer.finish();
    }

    static void writeTable(CsvTableWriter w, StatsViews.Table t, Output.Labels labels) throws IOException {
        List<String> header = new ArrayList<>(t.columns().size() + 2);
        header.add(labels.of(t.rowDimension()) + " / " + labels.of(t.columnDimension()));
        for (StatsViews.Heading c : t.columns()) {
            header.add(labels.of(c));
        }
        header.add(labels.of(Headings.TOTAL));
        w.header(header);
        List<Object> line = new ArrayList<>(t.columns().size() + 2);
        for (StatsViews.Row r : t.rows()) {
            line.clear();
            line.add(labels.of(new StatsViews.Heading(r.code(), r.labelJa(), r.labelEn())));
            for (StatsViews.Count c : r.cells()) {
                line.add(cell(c));
            }
            line.add(cell(r.total()));
            w.row(line);
        }
        line.clear();
        line.add(labels.of(Headings.TOTAL));
        for (StatsViews.Count c : t.columnTotals()) {
            line.add(cell(c));
        }
        line.add(cell(t.grandTotal()));
        w.row(line);
        StatsViews.Suppression s = t.suppression();
        if (StatsViews.Suppression.PERTURBATION.equals(s.method())) {
            w.row(List.of(labels.of(NOTE), perturbedNote(labels, s.threshold(), s.maxDeviation())));
        } else if (s.withheld() > 0) {
            w.row(List.of(labels.of(NOTE), withheldNote(labels, s.threshold())));
        }
    }

    static void writeDurations(CsvTableWriter w, List<StatsViews.DurationRow> rows, Output.Labels labels, int threshold) throws IOException {
        w.header(switch (labels) {
            case JA -> List.of("種類", "受諾件数", "受諾までの時間 中央値（時間）", "受諾までの時間 90パーセンタイル（時間）",
                    "終了件数", "終了までの時間 中央値（時間）", "終了までの時間 90パーセンタイル（時間）");
            case EN -> List.of("Kind", "Accepted", "Hours to accept, median", "Hours to accept, 90th percentile",
                    "Ended", "Hours to end, median", "Hours to end, 90th percentile");
            case CODE -> List.of("kind", "acceptedN", "acceptMedianHours", "acceptP90Hours", "endedN", "endMedianHours", "endP90Hours");
        });
        boolean perturbed = false;
        boolean withheld = false;
        for (StatsViews.DurationRow r : rows) {
            List<Object> line = new ArrayList<>(7);
            line.add(labels.of(new StatsViews.Heading(r.code(), r.labelJa(), r.labelEn())));
            addDuration(line, r.toAccept());
            addDuration(line, r.toEnd());
            w.row(line);
            for (StatsViews.Duration d : List.of(r.toAccept(), r.toEnd())) {
                perturbed |= Boolean.TRUE.equals(d.n().perturbed());
                withheld |= d.withheld() || d.n().suppressed();
            }
        }
        if (perturbed) {
            w.row(List.of(labels.of(NOTE), perturbedNote(labels, threshold, CellKeyPerturbation.maxDeviationFor(threshold))
                    + (labels == Output.Labels.JA ? " 時間の * は件数が" + threshold + "未満のため秘匿。" : " * for hours: fewer than "
                            + threshold + " referrals.")));
        } else if (withheld) {
            w.row(List.of(labels.of(NOTE), withheldNote(labels, threshold)));
        }
    }

    private static void addDuration(List<Object> line, StatsViews.Duration d) {
        line.add(cell(d.n()));
        if (d.n().suppressed() || d.withheld()) {
            line.add(WITHHELD);
            line.add(WITHHELD);
        } else {
            line.add(d.medianHours() == null ? null : BigDecimal.valueOf(d.medianHours()));
            line.add(d.p90Hours() == null ? null : BigDecimal.valueOf(d.p90Hours()));
        }
    }

    private static Object cell(StatsViews.Count c) {
        return c.suppressed() ? WITHHELD : c.count();
    }
}
