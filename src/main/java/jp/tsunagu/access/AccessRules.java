package jp.tsunagu.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who may see which case records, written once. Every query that reads consultations, referrals or
 * children (by id, lists, searches, inboxes, counts, statistics) takes its condition from here, rendered
 * either as JPQL (entity attributes) or as native SQL (columns) for the same rule, so no query can carry
 * a copy of its own that drifts.
 * <ul>
 * <li>PREFECTURE (center staff and admins): every record of their prefecture;</li>
 * <li>REGION (branch staff) and MUNICIPALITY (coordinators): a unit's own cases, meaning received by,
 * owned by or about residents of its municipalities (children: living there or registered by its units),
 * plus consultations and children about which an active referral was sent to its units, and
 * consultations its units referred onwards (the sender keeps following up);</li>
 * <li>PARTNER: what that client submitted itself;</li>
 * <li>NONE: nothing.</li>
 * </ul>
 * The statistics count a region's own cases only ({@link #ownConsultations}, {@link #ownChildren}).
 */
public final class AccessRules {

    private AccessRules() {
    }

    public enum Reach {
        PREFECTURE, REGION, MUNICIPALITY, PARTNER, NONE
    }

    public enum Dialect {
        JPQL, SQL
    }

    /**
     * Referral states in which a referral is active: it lets the receiving unit see the consultation and
     * the child, and no second one to the same receiver may be opened. COMPLETED counts, because the
     * sender has still to confirm the closure.
     */
    public static final List<String> ACTIVE_REFERRAL_STATES = List.of("REQUESTED", "ACCEPTED", "IN_PROGRESS", "COMPLETED");

    /** Stands in for an empty IN list, which neither JPQL nor SQL accepts. */
    public static final long NO_UNIT = -1L;
    public static final String NO_MUNICIPALITY = "------";

    /** Where a caller reaches: the values every rule below is rendered with. */
    public record Scope(Reach reach, String prefCode, List<Long> unitIds, List<String> lgcodes, String clientId) {

        public Scope {
            unitIds = unitIds == null || unitIds.isEmpty() ? List.of(NO_UNIT) : List.copyOf(unitIds);
            lgcodes = lgcodes == null || lgcodes.isEmpty() ? List.of(NO_MUNICIPALITY) : List.copyOf(lgcodes);
            prefCode = prefCode == null ? "--" : prefCode;
            clientId = clientId == null ? "-" : clientId;
        }

        public static Scope prefecture(String prefCode) {
            return new Scope(Reach.PREFECTURE, prefCode, null, null, null);
        }

        public static Scope region(String prefCode, List<Long> unitIds, List<String> lgcodes) {
            return new Scope(Reach.REGION, prefCode, unitIds, lgcodes, null);
        }

        public static Scope none() {
            return new Scope(Reach.NONE, null, null, null, null);
        }
    }

    /** A rendered condition and the named parameters it needs. */
    public record Condition(String text, Map<String, Object> parameters) {

        public <Q extends jakarta.persistence.Query> Q bind(Q query) {
            parameters.forEach(query::setParameter);
            return query;
        }
    }

    /** Consultations the scope may read (alias {@code a}: a Consultation / consultation row). */
    public static Condition consultations(Scope s, Dialect d, String a) {
        return consultations(s, d, a, true);
    }

    /** A region's own consultations: received by, owned by or about residents of its area; no referred ones. */
    public static Condition ownConsultations(Scope s, Dialect d, String a) {
        return consultations(s, d, a, false);
    }

    private static Condition consultations(Scope s, Dialect d, String a, boolean referred) {
        Map<String, Object> p = new HashMap<>();
        String text = switch (s.reach()) {
            case PREFECTURE -> pref(s, d, a, p);
            case REGION, MUNICIPALITY -> pref(s, d, a, p) + " and (" + in(d, a, "receivingUnitId", "receiving_unit_id", "scopeUnits", s.unitIds(), p)
                    + " or " + in(d, a, "ownerUnitId", "owner_unit_id", "scopeUnits", s.unitIds(), p)
                    + " or " + in(d, a, "residenceLgcode", "residence_lgcode", "scopeMunicipalities", s.lgcodes(), p)
                    + (referred ? " or exists (select 1 from " + table(d, "Referral", "referral") + " sr where "
                            + col(d, "sr", "consultationId", "consultation_id") + " = " + col(d, a, "id", "id") + " and ("
                            + in(d, "sr", "senderUnitId", "sender_unit_id", "scopeUnits", s.unitIds(), p) + " or ("
                            + in(d, "sr", "receiverUnitId", "receiver_unit_id", "scopeUnits", s.unitIds(), p) + " and "
                            + activeReferral(d, "sr") + ")))" : "")
                    + ")";
            case PARTNER -> client(s, d, a, p);
            case NONE -> "1 = 0";
        };
        return new Condition(text, p);
    }

    /** Referrals the scope may read (alias {@code a}): its units sent or received them. */
    public static Condition referrals(Scope s, Dialect d, String a) {
        Map<String, Object> p = new HashMap<>();
        String text = switch (s.reach()) {
            case PREFECTURE -> pref(s, d, a, p);
            case REGION, MUNICIPALITY -> pref(s, d, a, p) + " and (" + in(d, a, "senderUnitId", "sender_unit_id", "scopeUnits", s.unitIds(), p)
                    + " or " + in(d, a, "receiverUnitId", "receiver_unit_id", "scopeUnits", s.unitIds(), p) + ")";
            case PARTNER, NONE -> "1 = 0";
        };
        return new Condition(text, p);
    }

    /** Children the scope may read (alias {@code a}: a Child / child row). */
    public static Condition children(Scope s, Dialect d, String a) {
        return children(s, d, a, true);
    }

    /** A region's own children: living in its municipalities or registered by its units. */
    public static Condition ownChildren(Scope s, Dialect d, String a) {
        return children(s, d, a, false);
    }

    private static Condition children(Scope s, Dialect d, String a, boolean referred) {
        Map<String, Object> p = new HashMap<>();
        String text = switch (s.reach()) {
            case PREFECTURE -> pref(s, d, a, p);
            case REGION, MUNICIPALITY -> pref(s, d, a, p) + " and (" + in(d, a, "residenceLgcode", "residence_lgcode", "scopeMunicipalities", s.lgcodes(), p)
                    + " or " + in(d, a, "registeredByUnitId", "registered_by_unit_id", "scopeUnits", s.unitIds(), p)
                    + (referred ? " or " + childReferredTo(s, d, a, p) : "") + ")";
            case PARTNER -> client(s, d, a, p);
            case NONE -> "1 = 0";
        };
        return new Condition(text, p);
    }

    /**
     * Registration reviews (alias {@code a}): the prefecture's for the center, the requesting units' own for
     * branches and coordinators, a partner's own submissions.
     */
    public static Condition registrationReviews(Scope s, Dialect d, String a) {
        Map<String, Object> p = new HashMap<>();
        String text = switch (s.reach()) {
            case PREFECTURE -> pref(s, d, a, p);
            case REGION, MUNICIPALITY -> pref(s, d, a, p) + " and " + in(d, a, "requestedByUnitId", "requested_by_unit_id", "scopeUnits", s.unitIds(), p);
            case PARTNER -> client(s, d, a, p);
            case NONE -> "1 = 0";
        };
        return new Condition(text, p);
    }

    /** Referral states after the receiver accepted and before the hand-off ended: {@link #ACTIVE_REFERRAL_STATES} without REQUESTED. */
    public static final List<String> ACCEPTED_REFERRAL_STATES = ACTIVE_REFERRAL_STATES.stream().filter(st -> !st.equals("REQUESTED")).toList();

    /**
     * Discharge plans (alias {@code a}): the prefecture's for the center, a partner's own submissions, and for branches
     * and coordinators the plans handed to one of their units, once that unit has accepted the hand-off referral and while
     * it is active (the same window in which the referral lets the unit see the child).
     */
    public static Condition dischargePlans(Scope s, Dialect d, String a) {
        Map<String, Object> p = new HashMap<>();
        String text = switch (s.reach()) {
            case PREFECTURE -> pref(s, d, a, p);
            case REGION, MUNICIPALITY -> pref(s, d, a, p) + " and exists (select 1 from " + table(d, "Referral", "referral") + " hr where "
                    + col(d, "hr", "id", "id") + " = " + col(d, a, "referralId", "referral_id") + " and "
                    + in(d, "hr", "receiverUnitId", "receiver_unit_id", "scopeUnits", s.unitIds(), p) + " and "
                    + col(d, "hr", "state", "state") + " in (" + ACCEPTED_REFERRAL_STATES.stream()
                            .map(st -> d == Dialect.JPQL ? "jp.tsunagu.referral.ReferralState." + st : "'" + st + "'")
                            .collect(Collectors.joining(", ")) + "))";
            case PARTNER -> client(s, d, a, p);
            case NONE -> "1 = 0";
        };
        return new Condition(text, p);
    }

    /**
     * An active referral about one of the child's consultations was sent to one of the scope's units:
     * what lets a receiver see the child at all, and what a SHARE_WITH_REFERRAL_RECIPIENTS consent covers.
     */
    public static Condition childReferredTo(List<Long> unitIds, Dialect d, String a) {
        Map<String, Object> p = new HashMap<>();
        String text = childReferredTo(new Scope(Reach.REGION, null, unitIds, null, null), d, a, p);
        return new Condition(text, p);
    }

    private static String childReferredTo(Scope s, Dialect d, String a, Map<String, Object> p) {
        String from = d == Dialect.JPQL ? "Referral sr, Consultation sc where sr.consultationId = sc.id and "
                : "referral sr join consultation sc on sr.consultation_id = sc.id where ";
        return "exists (select 1 from " + from + col(d, "sc", "childId", "child_id") + " = " + col(d, a, "id", "id") + " and "
                + in(d, "sr", "receiverUnitId", "receiver_unit_id", "scopeUnits", s.unitIds(), p) + " and " + activeReferral(d, "sr") + ")";
    }

    /** The referral on alias {@code a} is in one of {@link #ACTIVE_REFERRAL_STATES}. */
    public static String activeReferral(Dialect d, String a) {
        String states = ACTIVE_REFERRAL_STATES.stream()
                .map(st -> d == Dialect.JPQL ? "jp.tsunagu.referral.ReferralState." + st : "'" + st + "'")
                .collect(Collectors.joining(", "));
        return col(d, a, "state", "state") + " in (" + states + ")";
    }

    private static String pref(Scope s, Dialect d, String a, Map<String, Object> p) {
        p.put("scopePref", s.prefCode());
        return col(d, a, "prefCode", "pref_code") + " = :scopePref";
    }

    private static String client(Scope s, Dialect d, String a, Map<String, Object> p) {
        p.put("scopeClient", s.clientId());
        return col(d, a, "createdByClient", "created_by_client") + " = :scopeClient";
    }

    private static String in(Dialect d, String a, String attribute, String column, String param, List<?> values, Map<String, Object> p) {
        p.put(param, values);
        return col(d, a, attribute, column) + " in (:" + param + ")";
    }

    private static String col(Dialect d, String alias, String attribute, String column) {
        return alias + "." + (d == Dialect.JPQL ? attribute : column);
    }

    private static String table(Dialect d, String entity, String table) {
        return d == Dialect.JPQL ? entity : table;
    }
}
