package jp.tsunagu.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Cell-key perturbation for analysts (the method of the Australian Bureau of Statistics' TableBuilder): every
 * consultation, referral and child carries a permanent random record key 0..255 (column {@code cell_key}, migration
 * V20); the cell key of a published count is the sum of the keys of the records it counts, modulo 256; the published
 * value is the true count plus a deviation looked up from (true count, cell key) in the fixed table below. So the same
 * set of records always shows the same value, in any table, period or order of rows, and asking again never gives a
 * second, independently perturbed look at it. Totals are looked up from their own records like any cell, so tables are
 * not additive: a total is not the sum of its published cells.
 *
 * <h2>The table</h2>
 * The 256 cell keys are spread over the deviations d = −2..+2 as 1, 51, 152, 51, 1 keys (59% unchanged, 40% by one,
 * 0.8% by two). A published value is never 1..k−1: where x + d would be one of those, the key's share goes elsewhere:
 * <ul>
 * <li>x = 0 is always published as 0 (no records, no key);</li>
 * <li>x = 1 is published as 0, except for the one key of d = +2 (published k = 3);</li>
 * <li>x = 2..k−1 is published as 0 or as k.. (mostly k), split so that the mean stays close to x;</li>
 * <li>x ≥ k: a value that would fall into 1..k−1 is published as k.</li>
 * </ul>
 * With k = 3: 1 → 0 (255 keys) or 3 (1); 2 → 0 (86), 3 (169) or 4 (1); 3 → 3 (204), 4 (51) or 5 (1); from 5 on the
 * plain spread. A published 0 therefore means 0, 1 or 2; a published p ≥ k means p−2..p+2 (3: 1..5). The table is
 * public (this comment and the README): the protection rests on the keys, which no one sees.
 *
 * <p>The maximum deviation is {@code max(2, k−1)}; only k = 3 is tuned and tested, other k use the same shape.
 */
final class CellKeyPerturbation {

    /** Record keys are 0..KEYS-1; a cell key is a sum of record keys modulo KEYS. */
    static final int KEYS = 256;

    /** Keys per deviation −D..+D around 0: the edges get one key each, ±1 get 51, 0 gets the rest. */
    private static final int EDGE_KEYS = 1;
    private static final int NEAR_KEYS = 51;

    private final int k;
    private final int maxDeviation;
    /** outputs[x] for x = 0..k+D: the published value for each cell key; larger x use the plain spread. */
    private final long[][] outputs;
    private final long[] plain;

    CellKeyPerturbation(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1");
        }
        this.k = k;
        this.maxDeviation = Math.max(2, k - 1);
        this.plain = spread(0);
        this.outputs = new long[k + maxDeviation + 1][];
        for (int x = 0; x < outputs.length; x++) {
            outputs[x] = row(x);
        }
    }

    int threshold() {
        return k;
    }

    int maxDeviation() {
        return maxDeviation;
    }

    static int maxDeviationFor(int k) {
        return k <= 1 ? 0 : Math.max(2, k - 1);
    }

    /** The published value of a true count with the given key sum (any non-negative sum; taken modulo 256). */
    long publish(long count, long keySum) {
        if (count < 0) {
            throw new IllegalArgumentException("negative count");
        }
        if (k <= 1) {
            return count;
        }
        int key = (int) Math.floorMod(keySum, (long) KEYS);
        if (count < outputs.length) {
            return outputs[(int) count][key];
        }
        return count + plain[key];
    }

    /**
     * What an analyst who knows this table can conclude from a published value: the smallest and largest true
     * count that any cell key maps to it ({@code [0, k-1]} for a published 0 when k = 3 gives 0..2).
     */
    long[] possibleTrueCounts(long published) {
        if (k <= 1) {
            return new long[] { published, published };
        }
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (long x = Math.max(0, published - maxDeviation); x <= published + maxDeviation; x++) {
            for (int key = 0; key < KEYS; key++) {
                if (publish(x, key) == published) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                    break;
                }
            }
        }
        if (lo == Long.MAX_VALUE) {
            // Not a value this table publishes (1..k-1): nothing is consistent with it.
            return new long[] { 1, 0 };
        }
        return new long[] { lo, hi };
    }

    /** Deviations by key: the keys of each deviation are contiguous, from −D up (key 0 = −D). */
    private long[] spread(long x) {
        long[] out = new long[KEYS];
        int key = 0;
        for (int d = -maxDeviation; d <= maxDeviation; d++) {
            int n = keysOf(d);
            for (int i = 0; i < n; i++) {
                out[key++] = x + d;
            }
        }
        return out;
    }

    private int keysOf(int d) {
        int a = Math.abs(d);
        if (a == maxDeviation) {
            return EDGE_KEYS;
        }
        if (a == 1) {
            return NEAR_KEYS;
        }
        if (a == 0) {
            return KEYS - 2 * EDGE_KEYS - 2 * NEAR_KEYS;
        }
        return 0;
    }

    /** The published value per key for true count x: the plain spread, with 1..k-1 (and negatives) moved away. */
    private long[] row(long x) {
        long[] out = spread(x);
        if (x == 0) {
            java.util.Arrays.fill(out, 0);
            return out;
        }
        List<Integer> moved = new ArrayList<>();
        long sum = 0;
        for (int key = 0; key < KEYS; key++) {
            if (out[key] < 0 || (out[key] >= 1 && out[key] <= k - 1)) {
                moved.add(key);
            } else {
                sum += out[key];
            }
        }
        if (x >= k) {
            for (int key : moved) {
                out[key] = k;
            }
            return out;
        }
        // Small x: the moved keys go to 0 or to k. x = 1 goes to 0, so that a published k (or more) almost never
        // stands for a single record: otherwise two cells published k inside a total published 0 would pin both to 1.
        // For larger small x, as many to k as keep the mean closest to x.
        int toK = 0;
        if (x > 1) {
            long want = x * KEYS - sum;
            toK = (int) Math.max(0, Math.min(moved.size(), Math.round((double) want / k)));
        }
        // The first moved keys (lowest deviations) go to 0, the rest to k: the lookup stays monotone in the key.
        for (int i = 0; i < moved.size(); i++) {
            out[moved.get(i)] = i < moved.size() - toK ? 0 : k;
        }
        return out;
    }
}
