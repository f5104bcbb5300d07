package jp.tsunagu.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts by (row key, column key), merged from the grouped rows SQL returns. Merging happens only where several
 * database groups map to one row (units outside a branch's region become one row); those groups are disjoint
 * sets of items, so adding their counts, distinct counts included, is exact.
 */
final class Crosstab {

    /** Row or column keys in display order, with their headings. */
    record Axis(List<String> keys, List<StatsViews.Heading> headings) {

        static Axis of(Map<String, StatsViews.Heading> ordered) {
            return new Axis(new ArrayList<>(ordered.keySet()), new ArrayList<>(ordered.values()));
        }
    }

    private final Map<String, Map<String, Long>> cells = new HashMap<>();
    private final Map<String, Long> distinct = new HashMap<>();
    private final Map<String, Map<String, Long>> keys = new HashMap<>();
    private final Map<String, Long> distinctKeys = new HashMap<>();
    private final Set<String> rowKeys = new LinkedHashSet<>();
    private final Set<String> columnKeys = new LinkedHashSet<>();

    void add(String row, String column, long n) {
        cells.computeIfAbsent(row, k -> new HashMap<>()).merge(column, n, Long::sum);
        rowKeys.add(row);
        columnKeys.add(column);
    }

    /** Like {@link #add(String, String, long)}, with the sum of the record keys of the counted items (cell-key perturbation). */
    void add(String row, String column, long n, long keySum) {
        add(row, column, n);
        keys.computeIfAbsent(row, k -> new HashMap<>()).merge(column, keySum, Long::sum);
    }

    /** Like {@link #addDistinct(String, long)}, with the sum of the record keys of those items. */
    void addDistinct(String key, long n, long keySum) {
        addDistinct(key, n);
        distinctKeys.merge(key, keySum, Long::sum);
    }

    /** A distinct total along the single-valued axis (the items of that row or column, each counted once). */
    void addDistinct(String key, long n) {
        distinct.merge(key, n, Long::sum);
    }

    Set<String> rowKeys() {
        return rowKeys;
    }

    Set<String> columnKeys() {
        return columnKeys;
    }

    long get(String row, String column) {
        Map<String, Long> line = cells.get(row);
        return line == null ? 0 : line.getOrDefault(column, 0L);
    }

    long[][] matrix(Axis rows, Axis columns) {
        long[][] m = new long[rows.keys().size()][columns.keys().size()];
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < columns.keys().size(); c++) {
                m[r][c] = get(rows.keys().get(r), columns.keys().get(c));
            }
        }
        return m;
    }

    long[] distinct(Axis axis) {
        long[] out = new long[axis.keys().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = distinct.getOrDefault(axis.keys().get(i), 0L);
        }
        return out;
    }

    /** The key sums laid out like {@link #matrix}. */
    long[][] keyMatrix(Axis rows, Axis columns) {
        long[][] m = new long[rows.keys().size()][columns.keys().size()];
        for (int r = 0; r < m.length; r++) {
            Map<String, Long> line = keys.get(rows.keys().get(r));
            for (int c = 0; c < columns.keys().size(); c++) {
                m[r][c] = line == null ? 0 : line.getOrDefault(columns.keys().get(c), 0L);
            }
        }
        return m;
    }

    long[] distinctKeys(Axis axis) {
        long[] out = new long[axis.keys().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = distinctKeys.getOrDefault(axis.keys().get(i), 0L);
        }
        return out;
    }
}
