package jp.tsunagu.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Protection beyond one table: a single line, distinct totals, and tables that share totals. */
class ProtectionTest {

    static List<StatsViews.Heading> headings(String prefix, int n) {
        List<StatsViews.Heading> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new StatsViews.Heading(prefix + i, prefix + i, prefix + i));
        }
        return out;
    }

    static final StatsViews.Heading R = new StatsViews.Heading("r", "r", "r");
    static final StatsViews.Heading C = new StatsViews.Heading("c", "c", "c");

    @Test
    void aLoneSmallMemberTakesItsSmallestPartnerWithIt() {
        assertArrayEquals(new boolean[] { true, false, true, false }, Protection.line(new long[] { 2, 9, 5 }, 16, null, false, 3));
    }

    @Test
    void twoWithheldOnesAreGivenAwayByTheirSumSoAThirdGoes() {
        // 1 + 1 = 2 = 12 - 10: both must be 1, since a blank is at least 1.
        assertArrayEquals(new boolean[] { true, true, true, false }, Protection.line(new long[] { 1, 1, 10 }, 12, null, false, 3));
    }

    @Test
    void aSmallTotalNeedsAWithheldMember() {
        assertArrayEquals(new boolean[] { true, false, true }, Protection.line(new long[] { 2, 0 }, 2, null, false, 3));
        assertArrayEquals(new boolean[] { false, false, false }, Protection.line(new long[] { 0, 0 }, 0, null, true, 3));
    }

    @Test
    void forcedMembersAreProtectedToo() {
        boolean[] forced = { false, true, false };
        assertArrayEquals(new boolean[] { false, true, true, false }, Protection.line(new long[] { 9, 8, 4 }, 21, forced, false, 3));
    }

    @Test
    void randomLinesNeverGiveAWithheldValueAway() {
        Random random = new Random(7);
        for (int n = 0; n < 400; n++) {
            int size = 1 + random.nextInt(4);
            long[] members = new long[size];
            long total = 0;
            boolean[] forced = new boolean[size];
            for (int i = 0; i < size; i++) {
                members[i] = random.nextInt(3) == 0 ? 0 : random.nextInt(6);
                total += members[i];
                forced[i] = random.nextInt(5) == 0;
            }
            boolean[] h = Protection.line(members, total, forced, random.nextInt(8) == 0, 3);
            for (int i = 0; i < size; i++) {
                if (members[i] == 0) {
                    assertFalse(h[i], "zero is shown");
                } else if (members[i] <= 2 || forced[i]) {
                    assertTrue(h[i], "small or forced is withheld");
                }
            }
            List<String> leaks = determined(members, total, h);
            assertTrue(leaks.isEmpty(), leaks + " in " + java.util.Arrays.toString(members) + " " + java.util.Arrays.toString(h));
        }
    }

    /**
     * Brute force over every completion a reader could make (each blank member from 1 to total + 1, the total the sum
     * when blank, equal to the shown total otherwise): the blank entries that take one value only.
     */
    private static List<String> determined(long[] members, long total, boolean[] h) {
        int size = members.length;
        List<Integer> blanks = new ArrayList<>();
        long shown = 0;
        for (int i = 0; i < size; i++) {
            if (h[i]) {
                blanks.add(i);
            } else {
                shown += members[i];
            }
        }
        java.util.Map<Integer, java.util.Set<Long>> seen = new java.util.HashMap<>();
        long max = total + 1;
        long[] values = new long[blanks.size()];
        java.util.Arrays.fill(values, 1);
        while (true) {
            long sum = shown;
            for (long v : values) {
                sum += v;
            }
            if (h[size] ? sum >= 1 : sum == total) {
                for (int b = 0; b < values.length; b++) {
                    seen.computeIfAbsent(blanks.get(b), k -> new java.util.HashSet<>()).add(values[b]);
                }
                seen.computeIfAbsent(size, k -> new java.util.HashSet<>()).add(sum);
            }
            int b = 0;
            while (b < values.length && values[b] == max) {
                values[b] = 1;
                b++;
            }
            if (b == values.length) {
                break;
            }
            values[b]++;
        }
        List<String> leaks = new ArrayList<>();
        for (int i = 0; i <= size; i++) {
            if (h[i] && seen.getOrDefault(i, java.util.Set.of()).size() < 2) {
                leaks.add("entry " + i);
            }
        }
        return leaks;
    }

    @Test
    void distinctRowTotalsAreWithheldWithTheirRowsAndCannotBeSubtracted() {
        // Topics as columns: row totals count consultations once (not the sums), the grand total is their sum.
        long[][] cells = { { 6, 5, 1 }, { 7, 4, 3 }, { 9, 9, 9 } };
        long[] distinct = { 10, 12, 20 };
        Tabulation t = Tabulation.distinctRowTotals("t", R, C, headings("r", 3), headings("c", 3), cells, distinct);
        assertEquals(42, t.value(3, 3));
        assertEquals(22, t.value(3, 0));   // column totals are sums
        t.protect(3, null);
        assertTrue(t.hidden(0, 2), "the 1 is withheld");
        assertTrue(t.hidden(0, 3), "its row's distinct total is withheld with it");
        int hiddenTotals = 0;
        for (int r = 0; r < 3; r++) {
            hiddenTotals += t.hidden(r, 3) ? 1 : 0;
        }
        assertTrue(hiddenTotals >= 2 || t.hidden(3, 3), "one withheld distinct total would be the grand total minus the others");
        StatsViews.Table view = t.view(false);
        assertNull(view.rows().get(0).total().count());
        assertTrue(view.suppression().applied());
        assertEquals(t.withheld(), view.suppression().withheld());
    }

    @Test
    void linkedTablesWithholdASharedTotalInBothOrNeither() {
        // Two slices of the same 14 items: by kind x direction and by kind x outcome; kind totals 2 and 12 are in both.
        Tabulation byDirection = Tabulation.additive("a", R, C, headings("k", 2), headings("d", 2), new long[][] { { 2, 0 }, { 5, 7 } });
        Tabulation byOutcome = Tabulation.additive("b", R, C, headings("k", 2), headings("o", 3), new long[][] { { 0, 1, 1 }, { 4, 4, 4 } });
        List<Protection.Link> links = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            links.add(new Protection.Link(List.of(new Protection.Ref(byOutcome, k, 3)), new Protection.Ref(byDirection, k, 2)));
        }
        links.add(new Protection.Link(List.of(new Protection.Ref(byOutcome, 2, 3)), new Protection.Ref(byDirection, 2, 2)));
        Protection.protect(List.of(byDirection, byOutcome), links, 3);
        for (int k = 0; k <= 2; k++) {
            assertEquals(byDirection.hidden(k, 2), byOutcome.hidden(k, 3), "kind total " + k);
        }
        assertTrue(byDirection.hidden(0, 2));
        assertTrue(byDirection.hidden(1, 2) || byDirection.hidden(2, 2), "12 = 14 - 2 must not be printable");
    }
}
