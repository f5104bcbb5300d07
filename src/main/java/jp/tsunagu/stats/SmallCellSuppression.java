package jp.tsunagu.stats;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * Statistical disclosure control for a two-way table of counts (e.g. consultations by region × requester type)
 * that is published together with its row totals, column totals and grand total. In a small town a count of 1
 * or 2 can point at one particular child, so such counts are withheld, and then enough other values are
 * withheld that the small ones cannot be worked back out from the totals.
 *
 * <h2>Model</h2>
 * The table is treated as an (R+1) × (C+1) grid whose last column holds the row totals, whose last row holds the
 * column totals and whose corner holds the grand total. Every one of the R+1 rows and C+1 columns of that grid is
 * a "line": its members add up to its last entry. The row of column totals and the column of row totals are lines
 * like any other, both summing to the grand total.
 *
 * <h2>Primary suppression</h2>
 * An interior cell, a total or the grand total whose value v satisfies 1 ≤ v ≤ k−1 (k = threshold, default 3) is
 * suppressed. Zero is shown: in this domain "no consultations of this kind in this town" identifies nobody, and
 * hiding zeros would blank out most of a sparse table. Because zero is never suppressed (neither here nor as a
 * secondary), a reader knows that every blank stands for a value ≥ 1; the protection check below assumes the
 * reader uses that knowledge. {@code k = 1} disables suppression.
 *
 * <h2>Secondary suppression, step 1: the line rule</h2>
 * A line with exactly one withheld entry gives it away by subtraction. Until no line has exactly one, such a line
 * gets one more withheld entry: its smallest non-zero shown member (ties: lowest index), or, when the line has
 * no such member, its total. Each suppression puts its row and its column back on a work list, so this costs
 * O(cells × iterations). Step 1 alone is not enough: it lets through, among others, a row where two blanks must
 * add up to 2 (both are then 1, since blanks are ≥ 1), and cells pinned by non-negativity across several lines.
 *
 * <h2>Secondary suppression, step 2: exact check and repair</h2>
 * Write each entry as a flow on the bipartite graph whose nodes are the R+1 grid rows and C+1 grid columns:
 * interior cells and the grand total as +value, totals as −value. Then every line sums to zero, i.e. the table is
 * a circulation, and the tables a reader cannot tell apart from the published one are exactly the circulations
 * that agree on the shown entries and keep every withheld entry ≥ 1. A withheld entry can take a second value if
 * and only if one unit can be pushed around a cycle through it, using only withheld entries, without taking any
 * of them below 1 (the difference of two consistent tables decomposes into such cycles; conversely a cycle gives
 * a second table). That is a reachability question in a directed residual graph: per withheld entry one
 * breadth-first search over R+C+2 nodes, O(S · (R+C+S)) for S withheld entries, a few milliseconds for 60 × 20,
 * so the check runs on every table, not only small ones. An entry that fails the check gets the cheapest such
 * cycle through shown entries (Dijkstra; cost first avoids the grand total, then totals, then the sum of the
 * values newly withheld, then their number; zeros are never used), and those entries are withheld too. Every
 * entry on that cycle can then move, and withholding more never makes a protected entry recoverable, so one
 * repair per failing entry suffices and the result also satisfies the line rule. A cycle always exists
 * (cell → its column total → grand total → its row total), so the repair cannot get stuck.
 *
 * <p>Guarantee: no withheld value, interior or total, is determined exactly by what is shown, even for a reader
 * who knows that blanks are ≥ 1 and exploits all the sums at once. It does not guarantee a wide interval: a
 * withheld 1 may be narrowed down to "1 or 2". Nothing here is randomised; equal input gives equal output.
 */
public final class SmallCellSuppression {

    public static final int DEFAULT_THRESHOLD = 3;

    /** What a reader knows about any withheld entry: zero is always shown, so a blank is at least 1. */
    private static final long WITHHELD_MINIMUM = 1;

    private static final byte SHOWN = 0;
    private static final byte PRIMARY = 1;
    private static final byte SECONDARY = 2;

    private SmallCellSuppression() {
    }

    public static Result apply(long[][] counts) {
        return apply(counts, DEFAULT_THRESHOLD);
    }

    public static Result apply(long[][] counts, int threshold) {
        return new Solver(counts, threshold).run(true, null);
    }

    /**
     * Like {@link #apply(long[][], int)}, but also withholds the entries marked in {@code forced} before the
     * secondary steps run, so that the result protects them too. {@code forced} covers the extended grid:
     * {@code (R+1) × (C+1)}, last column the row totals, last row the column totals, corner the grand total.
     * This is how linked tables (the same totals published in several tables) are kept consistent: an entry
     * withheld in one table is forced in the others. Zero entries are never withheld, forced or not (a reader
     * knows blanks are at least 1, so a blank zero would tell a falsehood the protection check cannot model).
     */
    public static Result apply(long[][] counts, int threshold, boolean[][] forced) {
        return new Solver(counts, threshold).run(true, forced);
    }

    /** Step 1 only; exists so tests can show what step 2 adds. */
    static Result applyLineRuleOnly(long[][] counts, int threshold) {
        return new Solver(counts, threshold).run(false, null);
    }

    /** Immutable outcome: the counts, their totals, and which of them must not be published. */
    public static final class Result {
        private final int rows;
        private final int columns;
        private final int threshold;
        private final long[][] values;
        private final byte[][] marks;
        private final int primary;
        private final int secondary;

        private Result(int rows, int columns, int threshold, long[][] values, byte[][] marks) {
            this.rows = rows;
            this.columns = columns;
            this.threshold = threshold;
            this.values = values;
            this.marks = marks;
            int p = 0;
            int s = 0;
            for (byte[] line : marks) {
                for (byte mark : line) {
                    if (mark == PRIMARY) {
                        p++;
                    } else if (mark == SECONDARY) {
                        s++;
                    }
                }
            }
            this.primary = p;
            this.secondary = s;
        }

        public int rows() {
            return rows;
        }

        public int columns() {
            return columns;
        }

        public int threshold() {
            return threshold;
        }

        public long count(int r, int c) {
            return values[Objects.checkIndex(r, rows)][Objects.checkIndex(c, columns)];
        }

        public long rowTotal(int r) {
            return values[Objects.checkIndex(r, rows)][columns];
        }

        public long columnTotal(int c) {
            return values[rows][Objects.checkIndex(c, columns)];
        }

        public long grandTotal() {
            return values[rows][columns];
        }

        public boolean suppressed(int r, int c) {
            return marks[Objects.checkIndex(r, rows)][Objects.checkIndex(c, columns)] != SHOWN;
        }

        public boolean rowTotalSuppressed(int r) {
            return marks[Objects.checkIndex(r, rows)][columns] != SHOWN;
        }

        public boolean columnTotalSuppressed(int c) {
            return marks[rows][Objects.checkIndex(c, columns)] != SHOWN;
        }

        public boolean grandTotalSuppressed() {
            return marks[rows][columns] != SHOWN;
        }

        /** Entries (interior cells and totals alike) withheld because they are small themselves. */
        public int primarySuppressions() {
            return primary;
        }

        /** Entries (interior cells and totals alike) withheld only to protect others. */
        public int secondarySuppressions() {
            return secondary;
        }
    }

    /**
     * Working state on the extended (R+1) × (C+1) grid. In graph terms grid row i is node i and grid column j is
     * node R+1+j; entry (i, j) is the edge between them.
     */
    private static final class Solver {
        private final int rows;
        private final int columns;
        private final int threshold;
        private final long[][] v;
        private final byte[][] mark;

        Solver(long[][] counts, int threshold) {
            if (threshold < 1) {
                throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
            }
            Objects.requireNonNull(counts, "counts");
            if (counts.length == 0 || counts[0] == null || counts[0].length == 0) {
                throw new IllegalArgumentException("table needs at least one row and one column");
            }
            this.rows = counts.length;
            this.columns = counts[0].length;
            this.threshold = threshold;
            this.v = new long[rows + 1][columns + 1];
            this.mark = new byte[rows + 1][columns + 1];
            for (int r = 0; r < rows; r++) {
                if (counts[r] == null || counts[r].length != columns) {
                    throw new IllegalArgumentException("row " + r + " does not have " + columns + " columns");
                }
                for (int c = 0; c < columns; c++) {
                    long x = counts[r][c];
                    if (x < 0) {
                        throw new IllegalArgumentException("negative count at [" + r + "][" + c + "]: " + x);
                    }
                    v[r][c] = x;
                    v[r][columns] = Math.addExact(v[r][columns], x);
                    v[rows][c] = Math.addExact(v[rows][c], x);
                    v[rows][columns] = Math.addExact(v[rows][columns], x);
                }
            }
        }

        Result run(boolean exactCheck, boolean[][] forced) {
            primary();
            if (forced != null) {
                force(forced);
            }
            lineRule();
            if (exactCheck) {
                exactCheckAndRepair();
            }
            return new Result(rows, columns, threshold, v, mark);
        }

        private void primary() {
            for (int i = 0; i <= rows; i++) {
                for (int j = 0; j <= columns; j++) {
                    if (v[i][j] >= 1 && v[i][j] <= threshold - 1) {
                        mark[i][j] = PRIMARY;
                    }
                }
            }
        }

        private void force(boolean[][] forced) {
            if (forced.length != rows + 1) {
                throw new IllegalArgumentException("forced must have " + (rows + 1) + " rows (totals included)");
            }
            for (int i = 0; i <= rows; i++) {
                if (forced[i] == null || forced[i].length != columns + 1) {
                    throw new IllegalArgumentException("forced row " + i + " must have " + (columns + 1) + " entries");
                }
                for (int j = 0; j <= columns; j++) {
                    if (forced[i][j] && v[i][j] > 0 && mark[i][j] == SHOWN) {
                        mark[i][j] = SECONDARY;
                    }
                }
            }
        }

        // ---- step 1 -------------------------------------------------------------------------------------

        /** Lines are numbered 0..rows for grid rows and rows+1..rows+1+columns for grid columns. */
        private void lineRule() {
            int lineCount = rows + 1 + columns + 1;
            ArrayDeque<Integer> work = new ArrayDeque<>(lineCount);
            boolean[] queued = new boolean[lineCount];
            for (int line = 0; line < lineCount; line++) {
                work.add(line);
                queued[line] = true;
            }
            while (!work.isEmpty()) {
                int line = work.poll();
                queued[line] = false;
                int[] added = fixLine(line);
                if (added != null) {
                    for (int touched : new int[] {added[0], rows + 1 + added[1]}) {
                        if (!queued[touched]) {
                            work.add(touched);
                            queued[touched] = true;
                        }
                    }
                }
            }
        }

        /** Returns the grid position newly withheld, or null if the line was fine. */
        private int[] fixLine(int line) {
            boolean isRow = line <= rows;
            int fixed = isRow ? line : line - rows - 1;
            int length = isRow ? columns : rows; // members; the total sits at index length
            int withheld = 0;
            for (int m = 0; m <= length; m++) {
                if (markAt(isRow, fixed, m) != SHOWN) {
                    withheld++;
                }
            }
            if (withheld != 1) {
                return null;
            }
            int best = -1;
            for (int m = 0; m < length; m++) {
                long value = valueAt(isRow, fixed, m);
                if (markAt(isRow, fixed, m) == SHOWN && value > 0
                        && (best < 0 || value < valueAt(isRow, fixed, best))) {
                    best = m;
                }
            }
            if (best < 0) {
                // The single blank is a member and every other member is zero: only the total is left. (A lone
                // blank total always has a non-zero shown member to pair with, since blanks are never zero.)
                best = length;
                if (markAt(isRow, fixed, best) != SHOWN) {
                    throw new IllegalStateException("blank total in a line of zeros");
                }
            }
            int i = isRow ? fixed : best;
            int j = isRow ? best : fixed;
            mark[i][j] = SECONDARY;
            return new int[] {i, j};
        }

        private byte markAt(boolean isRow, int fixed, int m) {
            return isRow ? mark[fixed][m] : mark[m][fixed];
        }

        private long valueAt(boolean isRow, int fixed, int m) {
            return isRow ? v[fixed][m] : v[m][fixed];
        }

        // ---- step 2 -------------------------------------------------------------------------------------

        private void exactCheckAndRepair() {
            boolean changed = true;
            while (changed) {
                changed = false;
                for (int i = 0; i <= rows; i++) {
                    for (int j = 0; j <= columns; j++) {
                        if (mark[i][j] != SHOWN && !movable(i, j)) {
                            repair(i, j);
                            changed = true;
                        }
                    }
                }
            }
        }

        private int nodeCount() {
            return rows + 1 + columns + 1;
        }

        private int colNode(int j) {
            return rows + 1 + j;
        }

        /** Interior cells and the grand total enter the circulation as +value, totals as −value. */
        private boolean positive(int i, int j) {
            return (i < rows) == (j < columns);
        }

        /** Tail node of the arc along which pushing one unit raises entry (i, j) by one. */
        private int raiseFrom(int i, int j) {
            return positive(i, j) ? i : colNode(j);
        }

        private int raiseTo(int i, int j) {
            return positive(i, j) ? colNode(j) : i;
        }

        private boolean lowerable(int i, int j) {
            return v[i][j] - 1 >= WITHHELD_MINIMUM;
        }

        /**
         * Whether withheld entry (i, j) can take another value: one unit around a cycle of withheld entries,
         * raising it, or lowering it if it is above the minimum.
         */
        private boolean movable(int i, int j) {
            int from = raiseFrom(i, j);
            int to = raiseTo(i, j);
            if (reachable(to, from, i, j)) {
                return true;
            }
            return lowerable(i, j) && reachable(from, to, i, j);
        }

        /** Breadth-first search over withheld entries other than (skipI, skipJ). */
        private boolean reachable(int start, int goal, int skipI, int skipJ) {
            boolean[] seen = new boolean[nodeCount()];
            int[] queue = new int[nodeCount()];
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            seen[start] = true;
            while (head < tail) {
                int node = queue[head++];
                if (node == goal) {
                    return true;
                }
                boolean rowSide = node <= rows;
                int fixed = rowSide ? node : node - rows - 1;
                int length = rowSide ? columns : rows;
                for (int m = 0; m <= length; m++) {
                    int i = rowSide ? fixed : m;
                    int j = rowSide ? m : fixed;
                    if ((i == skipI && j == skipJ) || mark[i][j] == SHOWN) {
                        continue;
                    }
                    int next = rowSide ? colNode(j) : i;
                    if (!seen[next] && arcFrom(node, i, j)) {
                        seen[next] = true;
                        queue[tail++] = next;
                    }
                }
            }
            return false;
        }

        /** Whether one unit may leave {@code node} through entry (i, j): raising it always, lowering it above 1. */
        private boolean arcFrom(int node, int i, int j) {
            return raiseFrom(i, j) == node || lowerable(i, j);
        }

        /** Withholds the shown entries of the cheapest cycle that lets (i, j) move. */
        private void repair(int i, int j) {
            int from = raiseFrom(i, j);
            int to = raiseTo(i, j);
            Path raise = cheapestPath(to, from, i, j);
            Path lower = lowerable(i, j) ? cheapestPath(from, to, i, j) : null;
            Path best = raise;
            if (best == null || (lower != null && compare(lower.cost, best.cost) < 0)) {
                best = lower;
            }
            if (best == null) {
                // Unreachable: cell → column total → grand total → row total always closes a raising cycle.
                throw new IllegalStateException("no protecting cycle for entry [" + i + "][" + j + "]");
            }
            for (int[] entry : best.entries) {
                if (mark[entry[0]][entry[1]] == SHOWN) {
                    mark[entry[0]][entry[1]] = SECONDARY;
                }
            }
        }

        private record Path(long[] cost, int[][] entries) {
        }

        /**
         * Dijkstra from start to goal over all non-zero entries except (skipI, skipJ); withheld ones are free.
         * Costs are compared lexicographically: grand total used, totals newly withheld, value newly withheld,
         * entries newly withheld.
         */
        private Path cheapestPath(int start, int goal, int skipI, int skipJ) {
            int n = nodeCount();
            long[][] dist = new long[n][];
            int[] viaI = new int[n];
            int[] viaJ = new int[n];
            int[] prev = new int[n];
            boolean[] done = new boolean[n];
            dist[start] = new long[4];
            prev[start] = -1;
            while (true) {
                int node = -1;
                for (int u = 0; u < n; u++) {
                    if (!done[u] && dist[u] != null && (node < 0 || compare(dist[u], dist[node]) < 0)) {
                        node = u;
                    }
                }
                if (node < 0) {
                    return null;
                }
                if (node == goal) {
                    break;
                }
                done[node] = true;
                boolean rowSide = node <= rows;
                int fixed = rowSide ? node : node - rows - 1;
                int length = rowSide ? columns : rows;
                for (int m = 0; m <= length; m++) {
                    int i = rowSide ? fixed : m;
                    int j = rowSide ? m : fixed;
                    if ((i == skipI && j == skipJ) || v[i][j] == 0 || !arcFrom(node, i, j)) {
                        continue;
                    }
                    int next = rowSide ? colNode(j) : i;
                    if (done[next]) {
                        continue;
                    }
                    long[] cost = dist[node].clone();
                    if (mark[i][j] == SHOWN) {
                        if (i == rows && j == columns) {
                            cost[0]++;
                        } else if (i == rows || j == columns) {
                            cost[1]++;
                        }
                        cost[2] = Math.addExact(cost[2], v[i][j]);
                        cost[3]++;
                    }
                    if (dist[next] == null || compare(cost, dist[next]) < 0) {
                        dist[next] = cost;
                        prev[next] = node;
                        viaI[next] = i;
                        viaJ[next] = j;
                    }
                }
            }
            int steps = 0;
            for (int u = goal; u != start; u = prev[u]) {
                steps++;
            }
            int[][] entries = new int[steps][];
            int k = 0;
            for (int u = goal; u != start; u = prev[u]) {
                entries[k++] = new int[] {viaI[u], viaJ[u]};
            }
            return new Path(dist[goal], entries);
        }

        private static int compare(long[] a, long[] b) {
            return Arrays.compare(a, b);
        }
    }
}
