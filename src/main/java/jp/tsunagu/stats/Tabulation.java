package jp.tsunagu.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A two-way table that SQL has already counted, on its way to JSON or CSV, with the marks of what small-cell
 * protection withholds. Entries are addressed on the extended grid of {@link SmallCellSuppression}: row index
 * {@code rows()} is the row of column totals, column index {@code columns()} the column of row totals.
 *
 * <p><b>Totals.</b> Usually every item counted falls in exactly one cell, and the totals are the sums of the cells
 * ({@link Totals#SUMS}). When one dimension is multi-valued (a consultation with two topics, a child with two care
 * types) the item is counted once in each of its cells, while the totals along that dimension count it once
 * ({@link Totals#DISTINCT_ROW_TOTALS}: the row totals and the grand total are such distinct counts, the column
 * totals are still sums, because the other dimension is single-valued). SQL computes those distinct totals with
 * their own query; they are not the sums of their cells.
 *
 * <p><b>Protection of distinct totals.</b> The cells and the additive totals are protected by
 * {@link SmallCellSuppression} as if the additive totals were all published (which assumes the reader knows more
 * than they do, so it errs on the safe side). A distinct row total is then withheld when it is small itself, when
 * its row holds a withheld cell (it bounds the sum of that row's cells), or when the additive total of its row
 * had to be withheld; and the line "distinct row totals add up to the distinct grand total" gets the exact check
 * of {@link Protection#line}. What remains is inequalities (a distinct total bounds its row's cells from below and
 * above), never an exact value.
 */
final class Tabulation {

    enum Totals {
        SUMS, DISTINCT_ROW_TOTALS, DISTINCT_COLUMN_TOTALS
    }

    private final String name;
    private final StatsViews.Heading rowDimension;
    private final StatsViews.Heading columnDimension;
    private final List<StatsViews.Heading> rowHeadings;
    private final List<StatsViews.Heading> columnHeadings;
    private final long[][] cells;
    private final long[] rowTotals;
    private final long[] columnTotals;
    private final long grandTotal;
    private final Totals totals;
    private boolean[][] hidden;
    private boolean protectionApplied;
    private int threshold;
    /** Key sums on the extended grid (cell-key perturbation); null for tables counted without record keys. */
    private long[][] keys;
    /** Published values on the extended grid when perturbed, else null. */
    private long[][] published;

    private Tabulation(String name, StatsViews.Heading rowDimension, StatsViews.Heading columnDimension,
            List<StatsViews.Heading> rowHeadings, List<StatsViews.Heading> columnHeadings, long[][] cells,
            long[] rowTotals, long[] columnTotals, long grandTotal, Totals totals) {
        this.name = name;
        this.rowDimension = rowDimension;
        this.columnDimension = columnDimension;
        this.rowHeadings = List.copyOf(rowHeadings);
        this.columnHeadings = List.copyOf(columnHeadings);
        this.cells = cells;
        this.rowTotals = rowTotals;
        this.columnTotals = columnTotals;
        this.grandTotal = grandTotal;
        this.totals = totals;
        this.hidden = new boolean[rowHeadings.size() + 1][columnHeadings.size() + 1];
    }

    /** A table whose totals are the sums of its cells. */
    static Tabulation additive(String name, StatsViews.Heading rowDimension, StatsViews.Heading columnDimension,
            List<StatsViews.Heading> rows, List<StatsViews.Heading> columns, long[][] cells) {
        check(rows, columns, cells);
        long[] rt = new long[rows.size()];
        long[] ct = new long[columns.size()];
        long g = 0;
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                rt[r] = Math.addExact(rt[r], cells[r][c]);
                ct[c] = Math.addExact(ct[c], cells[r][c]);
                g = Math.addExact(g, cells[r][c]);
            }
        }
        return new Tabulation(name, rowDimension, columnDimension, rows, columns, cells, rt, ct, g, Totals.SUMS);
    }

    /**
     * A table whose columns are multi-valued: {@code distinctRowTotals[r]} counts the items of row r once, and the
     * grand total is their sum (rows are single-valued, so each item is in exactly one row).
     */
    static Tabulation distinctRowTotals(String name, StatsViews.Heading rowDimension, StatsViews.Heading columnDimension,
            List<StatsViews.Heading> rows, List<StatsViews.Heading> columns, long[][] cells, long[] distinctRowTotals) {
        check(rows, columns, cells);
        long[] ct = new long[columns.size()];
        long g = 0;
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                ct[c] = Math.addExact(ct[c], cells[r][c]);
            }
            g = Math.addExact(g, distinctRowTotals[r]);
        }
        return new Tabulation(name, rowDimension, columnDimension, rows, columns, cells, distinctRowTotals.clone(), ct, g,
                Totals.DISTINCT_ROW_TOTALS);
    }

    /** The transpose case of {@link #distinctRowTotals}: rows are multi-valued. */
    static Tabulation distinctColumnTotals(String name, StatsViews.Heading rowDimension, StatsViews.Heading columnDimension,
            List<StatsViews.Heading> rows, List<StatsViews.Heading> columns, long[][] cells, long[] distinctColumnTotals) {
        check(rows, columns, cells);
        long[] rt = new long[rows.size()];
        long g = 0;
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                rt[r] = Math.addExact(rt[r], cells[r][c]);
            }
        }
        for (long t : distinctColumnTotals) {
            g = Math.addExact(g, t);
        }
        return new Tabulation(name, rowDimension, columnDimension, rows, columns, cells, rt, distinctColumnTotals.clone(), g,
                Totals.DISTINCT_COLUMN_TOTALS);
    }

    /**
     * Attaches the record-key sums the statistics read beside the counts: {@code cellKeys} like the cells, and for
     * the distinct totals of a multi-valued table their own sums ({@code distinctKeys}, one per row or column of the
     * single-valued axis; null for additive tables). Sums of key sums are exact: they add over disjoint item sets
     * as the counts do.
     */
    Tabulation withKeys(long[][] cellKeys, long[] distinctKeys) {
        int rows = rows();
        int columns = columns();
        long[][] k = new long[rows + 1][columns + 1];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                k[r][c] = cellKeys[r][c];
                if (totals != Totals.DISTINCT_ROW_TOTALS) {
                    k[r][columns] += cellKeys[r][c];
                }
                if (totals != Totals.DISTINCT_COLUMN_TOTALS) {
                    k[rows][c] += cellKeys[r][c];
                }
            }
        }
        switch (totals) {
            case SUMS -> {
                for (int r = 0; r < rows; r++) {
                    k[rows][columns] += k[r][columns];
                }
            }
            case DISTINCT_ROW_TOTALS -> {
                for (int r = 0; r < rows; r++) {
                    k[r][columns] = distinctKeys[r];
                    k[rows][columns] += distinctKeys[r];
                }
            }
            case DISTINCT_COLUMN_TOTALS -> {
                for (int c = 0; c < columns; c++) {
                    k[rows][c] = distinctKeys[c];
                    k[rows][columns] += distinctKeys[c];
                }
            }
        }
        this.keys = k;
        return this;
    }

    private static void check(List<StatsViews.Heading> rows, List<StatsViews.Heading> columns, long[][] cells) {
        if (cells.length != rows.size()) {
            throw new IllegalArgumentException("cells has " + cells.length + " rows, headings " + rows.size());
        }
        for (long[] row : cells) {
            if (row.length != columns.size()) {
                throw new IllegalArgumentException("a row of cells does not have " + columns.size() + " columns");
            }
        }
    }

    String name() {
        return name;
    }

    int rows() {
        return rowHeadings.size();
    }

    int columns() {
        return columnHeadings.size();
    }

    List<StatsViews.Heading> rowHeadings() {
        return rowHeadings;
    }

    List<StatsViews.Heading> columnHeadings() {
        return columnHeadings;
    }

    Totals totals() {
        return totals;
    }

    /** The published value at (i, j) of the extended grid. */
    long value(int i, int j) {
        int rows = rows();
        int columns = columns();
        Objects.checkIndex(i, rows + 1);
        Objects.checkIndex(j, columns + 1);
        if (i < rows && j < columns) {
            return cells[i][j];
        }
        if (i < rows) {
            return rowTotals[i];
        }
        if (j < columns) {
            return columnTotals[j];
        }
        return grandTotal;
    }

    boolean hidden(int i, int j) {
        return hidden[i][j];
    }

    /** The value an analyst sees at (i, j): perturbed when {@link #perturb} ran, else the true value. */
    long published(int i, int j) {
        return published == null ? value(i, j) : published[i][j];
    }

    boolean perturbed() {
        return published != null;
    }

    int threshold() {
        return threshold;
    }

    int rowIndex(String code) {
        for (int r = 0; r < rowHeadings.size(); r++) {
            if (rowHeadings.get(r).code().equals(code)) {
                return r;
            }
        }
        return -1;
    }

    int columnIndex(String code) {
        for (int c = 0; c < columnHeadings.size(); c++) {
            if (columnHeadings.get(c).code().equals(code)) {
                return c;
            }
        }
        return -1;
    }

    /** Shows everything: what staff get. */
    void exact() {
        hidden = new boolean[rows() + 1][columns() + 1];
        protectionApplied = false;
        threshold = 0;
        published = null;
    }

    /**
     * Publishes every entry, cells and totals alike, as {@link CellKeyPerturbation#publish}(true count, key sum of its
     * records): what analysts get. Nothing is withheld; nothing from 1 to k-1 is shown.
     */
    void perturb(CellKeyPerturbation perturbation) {
        if (keys == null) {
            throw new IllegalStateException(name + " was counted without record keys");
        }
        int rows = rows();
        int columns = columns();
        hidden = new boolean[rows + 1][columns + 1];
        protectionApplied = true;
        threshold = perturbation.threshold();
        published = new long[rows + 1][columns + 1];
        for (int i = 0; i <= rows; i++) {
            for (int j = 0; j <= columns; j++) {
                published[i][j] = perturbation.publish(value(i, j), keys[i][j]);
            }
        }
    }

    /**
     * Computes the withheld entries for threshold {@code k}, withholding {@code forced} entries as well (extended
     * grid, or null). See the class comment for distinct totals.
     */
    void protect(int k, boolean[][] forced) {
        int rows = rows();
        int columns = columns();
        protectionApplied = true;
        threshold = k;
        published = null;
        hidden = new boolean[rows + 1][columns + 1];
        if (rows == 0 || columns == 0) {
            // Nothing counted in any cell; the totals are then zero too (there is no item without a cell).
            return;
        }
        boolean[][] additiveForced = new boolean[rows + 1][columns + 1];
        if (forced != null) {
            for (int i = 0; i <= rows; i++) {
                for (int j = 0; j <= columns; j++) {
                    boolean distinctEntry = (totals == Totals.DISTINCT_ROW_TOTALS && j == columns)
                            || (totals == Totals.DISTINCT_COLUMN_TOTALS && i == rows);
                    additiveForced[i][j] = forced[i][j] && !distinctEntry;
                }
            }
        }
        SmallCellSuppression.Result result = SmallCellSuppression.apply(cells, k, additiveForced);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                hidden[r][c] = result.suppressed(r, c);
            }
        }
        switch (totals) {
            case SUMS -> {
                for (int r = 0; r < rows; r++) {
                    hidden[r][columns] = result.rowTotalSuppressed(r);
                }
                for (int c = 0; c < columns; c++) {
                    hidden[rows][c] = result.columnTotalSuppressed(c);
                }
                hidden[rows][columns] = result.grandTotalSuppressed();
            }
            case DISTINCT_ROW_TOTALS -> {
                for (int c = 0; c < columns; c++) {
                    hidden[rows][c] = result.columnTotalSuppressed(c);
                }
                boolean[] force = new boolean[rows];
                for (int r = 0; r < rows; r++) {
                    force[r] = result.rowTotalSuppressed(r) || (forced != null && forced[r][columns]);
                    for (int c = 0; c < columns; c++) {
                        force[r] |= hidden[r][c];
                    }
                }
                boolean[] line = Protection.line(rowTotals, grandTotal, force, forced != null && forced[rows][columns], k);
                for (int r = 0; r < rows; r++) {
                    hidden[r][columns] = line[r];
                }
                hidden[rows][columns] = line[rows];
            }
            case DISTINCT_COLUMN_TOTALS -> {
                for (int r = 0; r < rows; r++) {
                    hidden[r][columns] = result.rowTotalSuppressed(r);
                }
                boolean[] force = new boolean[columns];
                for (int c = 0; c < columns; c++) {
                    force[c] = result.columnTotalSuppressed(c) || (forced != null && forced[rows][c]);
                    for (int r = 0; r < rows; r++) {
                        force[c] |= hidden[r][c];
                    }
                }
                boolean[] line = Protection.line(columnTotals, grandTotal, force, forced != null && forced[rows][columns], k);
                for (int c = 0; c < columns; c++) {
                    hidden[rows][c] = line[c];
                }
                hidden[rows][columns] = line[columns];
            }
        }
    }

    int withheld() {
        int n = 0;
        for (boolean[] line : hidden) {
            for (boolean h : line) {
                if (h) {
                    n++;
                }
            }
        }
        return n;
    }

    StatsViews.Count count(int i, int j) {
        if (published != null) {
            return StatsViews.Count.perturbed(published[i][j]);
        }
        return StatsViews.Count.of(value(i, j), hidden[i][j]);
    }

    /** The JSON view; with {@code rowShares}, every cell also carries its share of its row total (when both are shown). */
    StatsViews.Table view(boolean rowShares) {
        int rows = rows();
        int columns = columns();
        List<StatsViews.Row> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            List<StatsViews.Count> line = new ArrayList<>(columns);
            for (int c = 0; c < columns; c++) {
                StatsViews.Count cell = count(r, c);
                if (rowShares) {
                    cell = cell.withShare(share(r, c));
                }
                line.add(cell);
            }
            StatsViews.Heading h = rowHeadings.get(r);
            out.add(new StatsViews.Row(h.code(), h.labelJa(), h.labelEn(), line, count(r, columns)));
        }
        List<StatsViews.Count> ct = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            StatsViews.Count total = count(rows, c);
            if (rowShares) {
                total = total.withShare(share(rows, c));
            }
            ct.add(total);
        }
        return new StatsViews.Table(name, rowDimension, columnDimension, columnHeadings, out, ct, count(rows, columns),
                new StatsViews.Suppression(protectionApplied, protectionApplied ? threshold : 0, withheld(), method(),
                        published != null ? CellKeyPerturbation.maxDeviationFor(threshold) : 0));
    }

    private String method() {
        if (published != null) {
            return StatsViews.Suppression.PERTURBATION;
        }
        return protectionApplied ? StatsViews.Suppression.SUPPRESSION : StatsViews.Suppression.NONE;
    }

    /** Share of entry (i, j) in its row (i == rows(): the column totals over the grand total). */
    private Double share(int i, int j) {
        int columns = columns();
        if (hidden[i][j] || hidden[i][columns]) {
            return null;
        }
        long total = published(i, columns);
        if (total == 0) {
            return null;
        }
        return Math.round(published(i, j) * 10000.0 / total) / 10000.0;
    }
}
