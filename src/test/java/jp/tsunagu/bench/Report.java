package jp.tsunagu.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The benchmark's table (Markdown, as the README carries it) and its notes, printed and written as the run goes. */
final class Report {

    record Row(String scenario, String measure, String service, String baseline, String ratio, String goal, String verdict) {
    }

    private final Path file;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final String machine;

    Report(Path file, String machine) {
        this.file = file;
        this.machine = machine;
    }

    /** A side-by-side row: ratio = service / baseline of the medians, checked against the goal (NaN: the issue sets none). */
    void ratio(String scenario, String measure, Figures service, Figures baseline, String unit, boolean atLeast, double goal)
            throws IOException {
        double ratio = service.median() / baseline.median();
        boolean met = atLeast ? ratio >= goal : ratio <= goal;
        boolean none = Double.isNaN(goal);
        add(new Row(scenario, measure, service.format("%.1f") + " " + unit, baseline.format("%.1f") + " " + unit,
                String.format("%.2f×", ratio), none ? "–" : (atLeast ? "≥ " : "≤ ") + goal + "×", none ? "–" : met ? "met" : "NOT met"));
    }

    void add(Row row) throws IOException {
        rows.add(row);
        System.out.printf("[bench] %s | %s | %s | %s | %s | %s | %s%n", row.scenario(), row.measure(), row.service(), row.baseline(),
                row.ratio(), row.goal(), row.verdict());
        write();
    }

    void note(String text) throws IOException {
        notes.add(text);
        System.out.println("[bench] " + text);
        write();
    }

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("Measured on: ").append(machine).append("\n\n");
        b.append("| scenario | measure | service: median (min–max) | baseline: median (min–max) | ratio | goal | |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(String.join(" | ", r.scenario(), r.measure(), r.service(), r.baseline(), r.ratio(), r.goal(), r.verdict()))
                    .append(" |\n");
        }
        if (!notes.isEmpty()) {
            b.append('\n');
            for (String n : notes) {
                b.append("- ").append(n).append('\n');
            }
        }
        return b.toString();
    }

    private void write() throws IOException {
        Files.writeString(file, markdown(), StandardCharsets.UTF_8);
    }
}
