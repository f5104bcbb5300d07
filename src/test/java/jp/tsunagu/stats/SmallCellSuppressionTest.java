package jp.tsunagu.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import jp.tsunagu.stats.SmallCellSuppression.Result;

class SmallCellSuppressionTest {

    @Test
    void singleSmallCellForcesSecondariesInItsRowAndColumn() {
        Result result = SmallCellSuppression.apply(new long[][] {
                {1, 5, 9},
                {4, 6, 9},
                {9, 9, 9}});

        // The 1, the smallest partner in its row (5) and column (4), and the 6 that closes the rectangle.
        assertSuppressedExactly(result, new boolean[][] {
                {true, true, false},
                {true, true, false},
                {false, false, false}});
        assertNoTotalSuppressed(result);
        assertEquals(1, result.primarySuppressions());
        assertEquals(3, result.secondarySuppressions());
        assertUnrecoverable(result);
    }

    @Test
    void oneRowTableFallsBackToColumnTotals() {
        Result result = SmallCellSuppression.apply(new long[][] {{1, 5, 7}});

        // Each column has a single member, so a blank cell can only be paired with its column total.
        assertSuppressedExactly(result, new boolean[][] {{true, true, false}});
        assertTrue(result.columnTotalSuppressed(0), "column total 1 is small itself");
        assertTrue(result.columnTotalSuppressed(1), "column total 5 equals its only, blank, cell");
        assertFalse(result.columnTotalSuppressed(2));
        assertFalse(result.rowTotalSuppressed(0));
        assertFalse(result.grandTotalSuppressed());
        assertEquals(2, result.primarySuppressions());
        assertEquals(2, result.secondarySuppressions());
        assertUnrecoverable(result);
    }

    @Test
    void allZeroTableIsPublishedAsIs() {
        Result result = SmallCellSuppression.apply(new long[3][4]);

        assertSuppressedExactly(result, new boolean[3][4]);
        assertNoTotalSuppressed(result);
        assertFalse(result.grandTotalSuppressed());
        assertEquals(0, result.primarySuppressions());
        assertEquals(0, result.secondarySuppressions());
    }

    @Test
    void zerosAreNeverSuppressed() {
        Result result = SmallCellSuppression.apply(new long[][] {
                {1, 0, 0},
                {0, 7, 8},
                {9, 0, 6}});

        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                if (result.count(r, c) == 0) {
                    assertFalse(result.suppressed(r, c), "zero at " + r + "," + c);
                }
            }
        }
        assertTrue(result.suppressed(0, 0));
        // Row 0 holds nothing else non-zero, so its total has to go (it is 1 and small anyway).
        assertTrue(result.rowTotalSuppressed(0));
        assertUnrecoverable(result);
    }

    @Test
    void thresholdOneDisablesSuppression() {
        Result result = SmallCellSuppression.apply(new long[][] {{1, 2}, {2, 1}}, 1);

        assertSuppressedExactly(result, new boolean[2][2]);
        assertNoTotalSuppressed(result);
        assertFalse(result.grandTotalSuppressed());
        assertEquals(0, result.primarySuppressions() + result.secondarySuppressions());
    }

    @Test
    void thresholdIsConfigurable() {
        long[][] counts = {
                {4, 20, 30},
                {25, 40, 35},
                {30, 28, 50}};

        Result standard = SmallCellSuppression.apply(counts);
        assertEquals(0, standard.primarySuppressions(), "4 is not small at k = 3");
        assertEquals(0, standard.secondarySuppressions());

        Result strict = SmallCellSuppression.apply(counts, 5);
        assertTrue(strict.suppressed(0, 0), "4 is small at k = 5");
        assertEquals(1, strict.primarySuppressions());
        assertTrue(strict.secondarySuppressions() >= 3);
        assertUnrecoverable(strict);
    }

    @Test
    void smallTotalsAreSuppressedToo() {
        Result result = SmallCellSuppression.apply(new long[][] {
                {1, 0, 1},
                {9, 8, 7},
                {6, 5, 4}});

        assertTrue(result.rowTotalSuppressed(0), "row total 2");
        assertFalse(result.grandTotalSuppressed());
        assertUnrecoverable(result);
    }

    @Test
    void smallGrandTotalHidesEverythingNonZero() {
        Result result = SmallCellSuppression.apply(new long[][] {{1, 0}, {0, 1}});

        assertTrue(result.grandTotalSuppressed());
        assertTrue(result.suppressed(0, 0));
        assertTrue(result.suppressed(1, 1));
        assertFalse(result.suppressed(0, 1));
        assertUnrecoverable(result);
    }

    /**
     * Why step 2 exists. The line rule pairs the two 1s with the 5s below them, which satisfies every line, but
     * row 0 then reads "two blanks, 9, total 11": both blanks are ≥ 1 and add up to 2, so both are 1.
     */
    @Test
    void exactCheckCatchesWhatTheLineRuleMisses() {
        long[][] counts = {
                {1, 1, 9},
                {5, 5, 9},
                {9, 9, 9}};

        Result lineRuleOnly = SmallCellSuppression.applyLineRuleOnly(counts, 3);
        assertLineRuleHolds(lineRuleOnly);
        List<String> leaks = BruteForce.recoverable(lineRuleOnly, 1);
        assertTrue(leaks.contains("cell 0,0") && leaks.contains("cell 0,1"), "leaks: " + leaks);

        Result full = SmallCellSuppression.apply(counts);
        assertUnrecoverable(full);
    }

    /**
     * The line rule leaves two closed rectangles of blanks (rows 0-1 × columns 0,2 and rows 2-3 × columns 1,3)
     * joined only by cell (2,0) = 1. Every line has two blanks or more, yet plain arithmetic gives the 1 away:
     * rows 0 and 1 say x00 + x02 + x10 + x12 = 3 + 4, column 2 says x02 + x12 = 3, so x00 + x10 = 4 and column 0
     * leaves 5 − 4 = 1 for x20, without even using that blanks are non-negative.
     */
    @Test
    void exactCheckCatchesACellBridgingTwoRectangles() {
        long[][] counts = {
                {1, 0, 2, 6},
                {3, 8, 1, 0},
                {1, 7, 3, 1},
                {0, 1, 6, 2}};

        Result lineRuleOnly = SmallCellSuppression.applyLineRuleOnly(counts, 3);
        assertLineRuleHolds(lineRuleOnly);
        assertEquals(List.of("cell 2,0"), BruteForce.recoverable(lineRuleOnly, 0));

        Result full = SmallCellSuppression.apply(counts);
        assertTrue(full.suppressed(2, 2), "the 3 beside it closes a cycle through the bridge");
        assertEquals(lineRuleOnly.secondarySuppressions() + 1, full.secondarySuppressions());
        assertUnrecoverable(full);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> SmallCellSuppression.apply(new long[][] {{1, -1}}));
        assertThrows(IllegalArgumentException.class, () -> SmallCellSuppression.apply(new long[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> SmallCellSuppression.apply(new long[0][]));
        assertThrows(IllegalArgumentException.class, () -> SmallCellSuppression.apply(new long[][] {{1}}, 0));
    }

    @Test
    void randomSmallTablesNeverRevealASuppressedValue() {
        Random random = new Random(20_261_122L);
        int tables = 400;
        int withSuppression = 0;
        for (int t = 0; t < tables; t++) {
            int rows = 2 + random.nextInt(3);
            int columns = 2 + random.nextInt(3);
            int threshold = random.nextInt(4) == 0 ? 2 + random.nextInt(4) : 3;
            long[][] counts = new long[rows][columns];
            for (long[] row : counts) {
                for (int c = 0; c < columns; c++) {
                    // Skewed towards 0..2 so that most tables have several small cells.
                    row[c] = random.nextInt(3) == 0 ? random.nextInt(3) : random.nextInt(13);
                }
            }
            Result result = SmallCellSuppression.apply(counts, threshold);
            String where = "table " + t + " k=" + threshold + " " + Arrays.deepToString(counts);

            assertPrimariesAndZeros(result, where);
            assertLineRuleHolds(result);
            // What the brief asks (blanks are merely non-negative), and what a reader who knows that zeros are
            // always shown can do (blanks are ≥ 1); the second implies the first, both are checked for clarity.
            for (int minimum : new int[] {0, 1}) {
                List<String> leaks = BruteForce.recoverable(result, minimum);
                if (!leaks.isEmpty()) {
                    fail(where + ": recoverable with blanks >= " + minimum + ": " + leaks);
                }
            }
            if (result.primarySuppressions() > 0) {
                withSuppression++;
            }
        }
        assertTrue(withSuppression > tables / 2, "generator should mostly produce tables that need protection");
    }

    @Test
    void realisticSizeIsFast() {
        Random random = new Random(7);
        long[][] counts = new long[60][20];
        for (long[] row : counts) {
            for (int c = 0; c < row.length; c++) {
                row[c] = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextInt(40);
            }
        }
        Result result = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> SmallCellSuppression.apply(counts));
        assertPrimariesAndZeros(result, "60x20");
        assertLineRuleHolds(result);
        assertTrue(result.primarySuppressions() > 100);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    @Test
    void forcedEntriesAreWithheldAndProtectedLikeSmallOnes() {
        long[][] counts = {
                {7, 5, 9},
                {4, 6, 9},
                {9, 8, 9}};
        boolean[][] forced = new boolean[4][4];
        forced[0][3] = true; // the first row total (21), as if a linked table had withheld it
        Result result = SmallCellSuppression.apply(counts, 3, forced);
        assertTrue(result.rowTotalSuppressed(0));
        assertEquals(0, result.primarySuppressions());
        assertTrue(result.secondarySuppressions() >= 2, "the forced total needs a partner in its column");
        assertLineRuleHolds(result);
        assertUnrecoverable(result);
    }

    @Test
    void forcedZerosStayShown() {
        boolean[][] forced = new boolean[3][3];
        forced[0][1] = true;
        Result result = SmallCellSuppression.apply(new long[][] {{5, 0}, {6, 7}}, 3, forced);
        assertFalse(result.suppressed(0, 1));
        assertEquals(0, result.primarySuppressions() + result.secondarySuppressions());
    }

    @Test
    void randomTablesWithForcedEntriesStayUnrecoverable() {
        Random random = new Random(20261122);
        for (int n = 0; n < 150; n++) {
            int rows = 1 + random.nextInt(4);
            int columns = 1 + random.nextInt(4);
            long[][] counts = new long[rows][columns];
            for (long[] row : counts) {
                for (int c = 0; c < columns; c++) {
                    row[c] = random.nextInt(4) == 0 ? 0 : random.nextInt(12);
                }
            }
            boolean[][] forced = new boolean[rows + 1][columns + 1];
            for (boolean[] line : forced) {
                for (int c = 0; c <= columns; c++) {
                    line[c] = random.nextInt(6) == 0;
                }
            }
            Result result = SmallCellSuppression.apply(counts, 3, forced);
            Grid grid = Grid.of(result);
            for (int i = 0; i <= rows; i++) {
                for (int j = 0; j <= columns; j++) {
                    if (forced[i][j] && grid.value[i][j] > 0) {
                        assertTrue(grid.blank[i][j], "forced entry shown at " + i + "," + j + " in " + Arrays.deepToString(counts));
                    }
                }
            }
            assertPrimariesAndZeros(result, Arrays.deepToString(counts));
            assertUnrecoverable(result);
        }
    }

    @Test
    void forcedMarksMustCoverTheExtendedGrid() {
        assertThrows(IllegalArgumentException.class, () -> SmallCellSuppression.apply(new long[][] {{1, 2}}, 3, new boolean[1][2]));
    }

    private static void assertSuppressedExactly(Result result, boolean[][] expected) {
        boolean[][] actual = new boolean[result.rows()][result.columns()];
        for (int r = 0; r < result.rows(); r++) {
            for (int c = 0; c < result.columns(); c++) {
                actual[r][c] = result.suppressed(r, c);
            }
        }
        assertEquals(Arrays.deepToString(expected), Arrays.deepToString(actual));
    }

    private static void assertNoTotalSuppressed(Result result) {
        for (int r = 0; r < result.rows(); r++) {
            assertFalse(result.rowTotalSuppressed(r), "row total " + r);
        }
        for (int c = 0; c < result.columns(); c++) {
            assertFalse(result.columnTotalSuppressed(c), "column total " + c);
        }
    }

    private static void assertUnrecoverable(Result result) {
        for (int minimum : new int[] {0, 1}) {
            List<String> leaks = BruteForce.recoverable(result, minimum);
            assertTrue(leaks.isEmpty(), "recoverable with blanks >= " + minimum + ": " + leaks);
        }
    }

    private static void assertPrimariesAndZeros(Result result, String where) {
        long small = result.threshold() - 1L;
        Grid grid = Grid.of(result);
        for (int i = 0; i <= grid.rows; i++) {
            for (int j = 0; j <= grid.columns; j++) {
                long value = grid.value[i][j];
                if (value >= 1 && value <= small) {
                    assertTrue(grid.blank[i][j], where + ": small value not suppressed at " + i + "," + j);
                }
                if (value == 0) {
                    assertFalse(grid.blank[i][j], where + ": zero suppressed at " + i + "," + j);
                }
            }
        }
    }

    /** No grid row or column (totals included) may have exactly one blank. */
    private static void assertLineRuleHolds(Result result) {
        Grid grid = Grid.of(result);
        for (int i = 0; i <= grid.rows; i++) {
            int blanks = 0;
            for (int j = 0; j <= grid.columns; j++) {
                blanks += grid.blank[i][j] ? 1 : 0;
            }
            assertTrue(blanks != 1, "grid row " + i + " has a single blank");
        }
        for (int j = 0; j <= grid.columns; j++) {
            int blanks = 0;
            for (int i = 0; i <= grid.rows; i++) {
                blanks += grid.blank[i][j] ? 1 : 0;
            }
            assertTrue(blanks != 1, "grid column " + j + " has a single blank");
        }
    }

    /** The published table as the (R+1) × (C+1) grid: totals in the last column and row. */
    private record Grid(int rows, int columns, long[][] value, boolean[][] blank) {
        static Grid of(Result result) {
            int rows = result.rows();
            int columns = result.columns();
            long[][] value = new long[rows + 1][columns + 1];
            boolean[][] blank = new boolean[rows + 1][columns + 1];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    value[r][c] = result.count(r, c);
                    blank[r][c] = result.suppressed(r, c);
                }
                value[r][columns] = result.rowTotal(r);
                blank[r][columns] = result.rowTotalSuppressed(r);
            }
            for (int c = 0; c < columns; c++) {
                value[rows][c] = result.columnTotal(c);
                blank[rows][c] = result.columnTotalSuppressed(c);
            }
            value[rows][columns] = result.grandTotal();
            blank[rows][columns] = result.grandTotalSuppressed();
            return new Grid(rows, columns, value, blank);
        }
    }

    /**
     * The reader's view, by exhaustion and independent of the algorithm: every assignment of integers ≥ minimum to
     * the blank interior cells, each bounded by whatever shown total or grand total contains it, whose derived
     * totals agree with every shown total and give blank totals ≥ minimum. Reports the blanks that take a single
     * value across all those assignments. Stops early once every blank has shown two values.
     */
    static final class BruteForce {
        private final Grid grid;
        private final long minimum;
        private final int[][] vars;
        private final long[] upper;
        private final boolean[] lastInRow;
        private final boolean[] lastInColumn;
        private final long[] rowLeft;
        private final long[] columnLeft;
        private long grandLeft;
        private final long[] assigned;
        private final long[][] firstSeen;
        private final boolean[][] varies;
        private int undecided;
        private boolean anyAssignment;

        private BruteForce(Grid grid, long minimum) {
            this.grid = grid;
            this.minimum = minimum;
            int rows = grid.rows;
            int columns = grid.columns;
            List<int[]> blanks = new ArrayList<>();
            rowLeft = new long[rows];
            columnLeft = new long[columns];
            for (int r = 0; r < rows; r++) {
                rowLeft[r] = grid.value[r][columns];
            }
            for (int c = 0; c < columns; c++) {
                columnLeft[c] = grid.value[rows][c];
            }
            grandLeft = grid.value[rows][columns];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    if (grid.blank[r][c]) {
                        blanks.add(new int[] {r, c});
                    } else {
                        rowLeft[r] -= grid.value[r][c];
                        columnLeft[c] -= grid.value[r][c];
                        grandLeft -= grid.value[r][c];
                    }
                }
            }
            vars = blanks.toArray(new int[0][]);
            upper = new long[vars.length];
            lastInRow = new boolean[vars.length];
            lastInColumn = new boolean[vars.length];
            for (int k = 0; k < vars.length; k++) {
                int r = vars[k][0];
                int c = vars[k][1];
                // With its row total, column total and grand total all blank a cell has no upper bound at all;
                // any cap above its true value is enough to witness a second value.
                long cap = grid.value[rows][columns] + 1;
                if (!grid.blank[r][columns]) {
                    cap = Math.min(cap, grid.value[r][columns]);
                }
                if (!grid.blank[rows][c]) {
                    cap = Math.min(cap, grid.value[rows][c]);
                }
                if (!grid.blank[rows][columns]) {
                    cap = Math.min(cap, grid.value[rows][columns]);
                }
                upper[k] = cap;
                boolean laterInRow = false;
                boolean laterInColumn = false;
                for (int later = k + 1; later < vars.length; later++) {
                    laterInRow |= vars[later][0] == r;
                    laterInColumn |= vars[later][1] == c;
                }
                lastInRow[k] = !laterInRow;
                lastInColumn[k] = !laterInColumn;
            }
            assigned = new long[vars.length];
            firstSeen = new long[rows + 1][columns + 1];
            varies = new boolean[rows + 1][columns + 1];
            for (long[] line : firstSeen) {
                Arrays.fill(line, -1);
            }
            for (int i = 0; i <= rows; i++) {
                for (int j = 0; j <= columns; j++) {
                    undecided += grid.blank[i][j] ? 1 : 0;
                }
            }
        }

        static List<String> recoverable(Result result, long minimum) {
            BruteForce search = new BruteForce(Grid.of(result), minimum);
            if (search.undecided == 0) {
                return List.of();
            }
            search.assign(0);
            if (!search.anyAssignment) {
                throw new AssertionError("the true table itself was not found consistent");
            }
            List<String> recoverable = new ArrayList<>();
            Grid grid = search.grid;
            for (int i = 0; i <= grid.rows; i++) {
                for (int j = 0; j <= grid.columns; j++) {
                    if (grid.blank[i][j] && !search.varies[i][j]) {
                        recoverable.add(name(grid, i, j));
                    }
                }
            }
            return recoverable;
        }

        private static String name(Grid grid, int i, int j) {
            if (i == grid.rows && j == grid.columns) {
                return "grand total";
            }
            if (j == grid.columns) {
                return "row total " + i;
            }
            if (i == grid.rows) {
                return "column total " + j;
            }
            return "cell " + i + "," + j;
        }

        /** Returns false once every blank has been seen with two values, to stop the search. */
        private boolean assign(int k) {
            if (k == vars.length) {
                return leaf();
            }
            int r = vars[k][0];
            int c = vars[k][1];
            int rows = grid.rows;
            int columns = grid.columns;
            boolean rowShown = !grid.blank[r][columns];
            boolean columnShown = !grid.blank[rows][c];
            boolean grandShown = !grid.blank[rows][columns];
            long low = minimum;
            long high = upper[k];
            if (rowShown) {
                high = Math.min(high, rowLeft[r]);
            }
            if (columnShown) {
                high = Math.min(high, columnLeft[c]);
            }
            if (grandShown) {
                high = Math.min(high, grandLeft);
            }
            if (rowShown && lastInRow[k]) {
                low = Math.max(low, rowLeft[r]);
            }
            if (columnShown && lastInColumn[k]) {
                low = Math.max(low, columnLeft[c]);
            }
            for (long x = low; x <= high; x++) {
                assigned[k] = x;
                rowLeft[r] -= x;
                columnLeft[c] -= x;
                grandLeft -= x;
                boolean more = assign(k + 1);
                rowLeft[r] += x;
                columnLeft[c] += x;
                grandLeft += x;
                if (!more) {
                    return false;
                }
            }
            return true;
        }

        private boolean leaf() {
            int rows = grid.rows;
            int columns = grid.columns;
            long[][] table = new long[rows + 1][columns + 1];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    table[r][c] = grid.blank[r][c] ? 0 : grid.value[r][c];
                }
            }
            for (int k = 0; k < vars.length; k++) {
                table[vars[k][0]][vars[k][1]] = assigned[k];
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    table[r][columns] += table[r][c];
                    table[rows][c] += table[r][c];
                    table[rows][columns] += table[r][c];
                }
            }
            for (int i = 0; i <= rows; i++) {
                for (int j = 0; j <= columns; j++) {
                    boolean total = i == rows || j == columns;
                    if (!total) {
                        continue;
                    }
                    if (grid.blank[i][j] ? table[i][j] < minimum : table[i][j] != grid.value[i][j]) {
                        return true;
                    }
                }
            }
            anyAssignment = true;
            for (int i = 0; i <= rows; i++) {
                for (int j = 0; j <= columns; j++) {
                    if (!grid.blank[i][j] || varies[i][j]) {
                        continue;
                    }
                    if (firstSeen[i][j] < 0) {
                        firstSeen[i][j] = table[i][j];
                    } else if (firstSeen[i][j] != table[i][j]) {
                        varies[i][j] = true;
                        undecided--;
                    }
                }
            }
            return undecided > 0;
        }
    }
}
