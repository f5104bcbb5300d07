package jp.tsunagu.stats;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small-cell protection beyond one table.
 *
 * <p><b>Linked tables.</b> When several tables of one answer slice the same population (referrals by kind ×
 * direction, by tier pair × kind, by kind × outcome), the same number can be published in more than one of them
 * (the referrals of one kind) and a number of one table can be the sum of numbers of another (the TRANSFER/DOWN
 * cell is the sum of the TRANSFER cells of the downward tier pairs). Protecting each table alone is not enough:
 * a total withheld in one could be printed in the other. A {@link Link} states such a relation ("these members add
 * up to that total"; an equality is a link with one member). {@link #protect} protects every table, then applies
 * the line rule to every link: a link that gives a withheld entry away ({@link #givesAway}: exactly one withheld, or
 * withheld members that must all be 1 under a shown total) gets its smallest shown non-zero member (or
 * its total) forced into withholding, and the tables are protected again with their forced entries, until no link
 * has exactly one. Forced entries only grow, so this ends. This is the line rule across tables, not the exact
 * check that {@link SmallCellSuppression} runs inside one table.
 *
 * <p><b>Not used for analysts any more.</b> The line rule over links is not an exact check: the exhaustive oracle of
 * ProtectionTest finds linked referral and load tables where several links together pin withheld counts. Analysts'
 * linked tables are therefore perturbed ({@link CellKeyPerturbation}); {@link #protect} stays for the tests that
 * show this, and {@link #line} is exact and still protects distinct totals in suppressed tables.
 *
 * <p><b>One line.</b> {@link #line} protects a list of counts published with their total (the distinct totals of
 * a table with a multi-valued dimension): exact for a single line.
 */
final class Protection {

    private Protection() {
    }

    /** Entry (i, j) of a table's extended grid. */
    record Ref(Tabulation table, int i, int j) {
        long value() {
            return table.value(i, j);
        }

        boolean hidden() {
            return table.hidden(i, j);
        }
    }

    /** The members add up to the total (in every table a reader may combine). */
    record Link(List<Ref> members, Ref total) {
    }

    /** Protects {@code tables} with threshold k so that no link gives a withheld entry away. */
    static void protect(List<Tabulation> tables, List<Link> links, int k) {
        Map<Tabulation, boolean[][]> forced = new IdentityHashMap<>();
        for (Tabulation t : tables) {
            forced.put(t, new boolean[t.rows() + 1][t.columns() + 1]);
        }
        int rounds = 0;
        while (true) {
            for (Tabulation t : tables) {
                t.protect(k, forced.get(t));
            }
            boolean changed = false;
            for (Link link : links) {
                if (!givesAway(link)) {
                    continue;
                }
                Ref pick = null;
                for (Ref m : link.members()) {
                    if (!m.hidden() && m.value() > 0 && (pick == null || m.value() < pick.value())) {
                        pick = m;
                    }
                }
                if (pick == null && !link.total().hidden() && link.total().value() > 0) {
                    pick = link.total();
                }
                if (pick != null && !forced.get(pick.table())[pick.i()][pick.j()]) {
                    forced.get(pick.table())[pick.i()][pick.j()] = true;
                    changed = true;
                }
            }
            if (!changed) {
                return;
            }
            if (++rounds > 10_000) {
                throw new IllegalStateException("linked protection did not settle");
            }
        }
    }

    /**
     * Whether a link lets a reader work out a withheld entry on its own: exactly one entry withheld (subtraction),
     * or the total shown and the withheld members adding up to their number (blanks are at least 1, so each is 1:
     * three withheld TRANSFER cells under a shown total of 3).
     */
    static boolean givesAway(Link link) {
        int withheld = 0;
        long withheldSum = 0;
        for (Ref m : link.members()) {
            if (m.hidden()) {
                withheld++;
                withheldSum += m.value();
            }
        }
        if (link.total().hidden()) {
            return withheld == 0;
        }
        return withheld == 1 || (withheld >= 2 && withheldSum == withheld);
    }

    /**
     * Protects one line: {@code members} published with their {@code total}. Returns the withheld flags, one per
     * member and the total's last. Withheld: zero never; members and total from 1 to k-1, and forced ones; then
     * until no withheld value is determined, the smallest shown non-zero member (else the total). A withheld value
     * is determined when the total is shown and it is the only withheld member, or when all withheld members are
     * 1 (a reader knows blanks are at least 1, and their sum is known); when the total is withheld too, every
     * withheld member can still move with it, provided at least one member is withheld.
     */
    static boolean[] line(long[] members, long total, boolean[] forcedMembers, boolean forcedTotal, int k) {
        int n = members.length;
        boolean[] h = new boolean[n + 1];
        for (int i = 0; i < n; i++) {
            h[i] = members[i] > 0 && ((forcedMembers != null && forcedMembers[i]) || members[i] <= k - 1);
        }
        h[n] = total > 0 && (forcedTotal || total <= k - 1);
        while (true) {
            int w = 0;
            long sum = 0;
            for (int i = 0; i < n; i++) {
                if (h[i]) {
                    w++;
                    sum += members[i];
                }
            }
            boolean safe = h[n] ? w >= 1 : (w == 0 || (w >= 2 && sum > w));
            if (safe) {
                return h;
            }
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (!h[i] && members[i] > 0 && (best < 0 || members[i] < members[best])) {
                    best = i;
                }
            }
            if (best >= 0) {
                h[best] = true;
            } else if (!h[n] && total > 0) {
                h[n] = true;
            } else {
                // Only reachable with inconsistent input (a withheld total over members that are all zero).
                return h;
            }
        }
    }
}
