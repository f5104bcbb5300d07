package jp.tsunagu.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An analyst who collects every table they may ask for and works out small counts from them. It knows which
 * records each published value counts (as a set of record ids: the worst case, the attacker knows the structure
 * of the data), and what a published value says about the true count ({@link Observation#lo()}..{@link
 * Observation#hi()}: exact, withheld = at least 1, or the range the public perturbation table allows).
 *
 * <p>Attacks, all at once: records that no published value tells apart form one unknown ("atom"); every published
 * value bounds the sum of its atoms; bounds are propagated through every value until nothing changes (this does
 * every exact linear difference of rows, totals, overlapping periods and nested sets, and the interval
 * reasoning that defeats bounded noise: "this total is at most 2 and both of its parts are at least 1"). Then,
 * per target, the direct differences "value containing the target minus the value of the rest", and the average
 * of every estimate of the target (its own value and all those differences): the averaging attack.
 * A target is recovered when its bounds meet: one value is left.
 */
final class DifferencingAttacker {

    static final long UNBOUNDED = Long.MAX_VALUE / 4;

    /** One published value: what it counts, what it shows (null when withheld) and what it allows for the truth. */
    record Observation(String label, BitSet records, Long shown, long lo, long hi) {
    }

    /** What the attacker ends with for one small true count. */
    record Finding(String label, long truth, long lo, long hi, int estimates, double averaged) {
        boolean recovered() {
            return lo == hi;
        }

        boolean averageHits() {
            return Math.round(averaged) == truth;
        }
    }

    private DifferencingAttacker() {
    }

    /** Every observation whose true count is 1..k-1 is a target. */
    static List<Finding> attack(List<Observation> observations, int k) {
        // Atoms: records with the same membership over all observations.
        Map<Integer, BitSet> membership = new HashMap<>();
        for (int q = 0; q < observations.size(); q++) {
            BitSet r = observations.get(q).records();
            for (int i = r.nextSetBit(0); i >= 0; i = r.nextSetBit(i + 1)) {
                membership.computeIfAbsent(i, x -> new BitSet()).set(q);
            }
        }
        Map<BitSet, Integer> atomOf = new HashMap<>();
        int[] recordAtom = new int[membership.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1];
        Arrays.fill(recordAtom, -1);
        for (var e : membership.entrySet()) {
            recordAtom[e.getKey()] = atomOf.computeIfAbsent(e.getValue(), x -> atomOf.size());
        }
        int atoms = atomOf.size();
        // Constraints: atom sets with the intersection of their bounds (the same set published twice).
        Map<BitSet, long[]> constraints = new HashMap<>();
        BitSet[] atomSets = new BitSet[observations.size()];
        for (int q = 0; q < observations.size(); q++) {
            Observation o = observations.get(q);
            BitSet set = new BitSet(atoms);
            for (int i = o.records().nextSetBit(0); i >= 0; i = o.records().nextSetBit(i + 1)) {
                set.set(recordAtom[i]);
            }
            atomSets[q] = set;
            long[] b = constraints.computeIfAbsent(set, x -> new long[] { 0, UNBOUNDED });
            b[0] = Math.max(b[0], o.lo());
            b[1] = Math.min(b[1], o.hi());
        }
        List<int[]> members = new ArrayList<>();
        List<long[]> bounds = new ArrayList<>();
        for (var e : constraints.entrySet()) {
            members.add(e.getKey().stream().toArray());
            bounds.add(e.getValue());
        }
        long[] lo = new long[atoms];
        long[] hi = new long[atoms];
        Arrays.fill(hi, UNBOUNDED);
        boolean changed = true;
        for (int round = 0; changed && round < 500; round++) {
            changed = false;
            for (int c = 0; c < members.size(); c++) {
                int[] m = members.get(c);
                long sumLo = 0;
                long sumHi = 0;
                for (int a : m) {
                    sumLo += lo[a];
                    sumHi = Math.min(UNBOUNDED, sumHi + hi[a]);
                }
                long L = bounds.get(c)[0];
                long H = bounds.get(c)[1];
                for (int a : m) {
                    long othersHi = sumHi >= UNBOUNDED ? UNBOUNDED : sumHi - hi[a];
                    long newLo = othersHi >= UNBOUNDED ? lo[a] : Math.max(lo[a], L - othersHi);
                    long newHi = H >= UNBOUNDED ? hi[a] : Math.min(hi[a], H - (sumLo - lo[a]));
                    if (newLo != lo[a] || newHi != hi[a]) {
                        changed = true;
                        sumLo += newLo - lo[a];
                        if (sumHi < UNBOUNDED) {
                            sumHi = Math.min(UNBOUNDED, sumHi + newHi - hi[a]);
                        }
                        lo[a] = newLo;
                        hi[a] = newHi;
                    }
                    if (lo[a] > hi[a]) {
                        throw new IllegalStateException("inconsistent observations at atom " + a + ": the knowledge model is wrong");
                    }
                }
            }
        }
        Map<BitSet, Long> shownBySet = new HashMap<>();
        for (int q = 0; q < observations.size(); q++) {
            if (observations.get(q).shown() != null) {
                shownBySet.putIfAbsent(atomSets[q], observations.get(q).shown());
            }
        }
        // Every distinct published set, indexed by the atoms it contains.
        List<BitSet> sets = new ArrayList<>(constraints.keySet());
        Map<Integer, List<Integer>> containing = new HashMap<>();
        for (int c = 0; c < sets.size(); c++) {
            BitSet set = sets.get(c);
            for (int a = set.nextSetBit(0); a >= 0; a = set.nextSetBit(a + 1)) {
                containing.computeIfAbsent(a, x -> new ArrayList<>()).add(c);
            }
        }
        List<Finding> findings = new ArrayList<>();
        Map<BitSet, Boolean> seen = new HashMap<>();
        for (int q = 0; q < observations.size(); q++) {
            Observation o = observations.get(q);
            long truth = o.records().cardinality();
            if (truth < 1 || truth > k - 1 || seen.putIfAbsent(atomSets[q], true) != null) {
                continue;
            }
            BitSet target = atomSets[q];
            long[] own = constraints.get(target);
            long tLo = Math.max(own[0], sum(lo, target));
            long tHi = Math.min(own[1], Math.min(UNBOUNDED, sum(hi, target)));
            List<Double> estimates = new ArrayList<>();
            if (shownBySet.containsKey(target)) {
                estimates.add((double) shownBySet.get(target));
            }
            // Differences: every published set that contains the target, minus the published rest.
            for (int c : containing.getOrDefault(target.nextSetBit(0), List.of())) {
                BitSet big = sets.get(c);
                if (big.equals(target) || !contains(big, target)) {
                    continue;
                }
                BitSet rest = (BitSet) big.clone();
                rest.andNot(target);
                long[] whole = constraints.get(big);
                long[] restBounds = constraints.get(rest);
                long restLo = sum(lo, rest);
                long restHi = Math.min(UNBOUNDED, sum(hi, rest));
                if (restBounds != null) {
                    restLo = Math.max(restLo, restBounds[0]);
                    restHi = Math.min(restHi, restBounds[1]);
                }
                if (restHi < UNBOUNDED) {
                    tLo = Math.max(tLo, whole[0] - restHi);
                }
                if (whole[1] < UNBOUNDED) {
                    tHi = Math.min(tHi, whole[1] - restLo);
                }
                Long bigShown = shownBySet.get(big);
                Long restShown = shownBySet.get(rest);
                if (bigShown != null && restShown != null) {
                    estimates.add((double) (bigShown - restShown));
                }
            }
            double average = estimates.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            findings.add(new Finding(o.label(), truth, tLo, tHi, estimates.size(), average));
        }
        return findings;
    }

    private static boolean contains(BitSet big, BitSet small) {
        BitSet s = (BitSet) small.clone();
        s.andNot(big);
        return s.isEmpty();
    }

    private static long sum(long[] values, BitSet set) {
        long s = 0;
        for (int a = set.nextSetBit(0); a >= 0; a = set.nextSetBit(a + 1)) {
            s = Math.min(UNBOUNDED, s + values[a]);
        }
        return s;
    }

    /** What a reader knows from a table entry: exact, withheld (at least 1), or the perturbation's range. */
    static Observation observe(String label, BitSet records, Tabulation t, int i, int j, CellKeyPerturbation perturbation) {
        if (t.perturbed()) {
            long p = t.published(i, j);
            long[] range = perturbation.possibleTrueCounts(p);
            return new Observation(label, records, p, range[0], range[1]);
        }
        if (t.hidden(i, j)) {
            return new Observation(label, records, null, 1, UNBOUNDED);
        }
        long v = t.value(i, j);
        return new Observation(label, records, v, v, v);
    }
}
