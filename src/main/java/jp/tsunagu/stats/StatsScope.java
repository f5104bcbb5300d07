package jp.tsunagu.stats;

import java.util.List;

import jp.tsunagu.access.AccessRules;
import jp.tsunagu.audit.AuditLog;
import jp.tsunagu.common.security.Caller;
import jp.tsunagu.common.security.Roles;
import jp.tsunagu.org.Visibility;

/**
 * Whose numbers a caller gets, applied inside every statistics query:
 * <ul>
 * <li>center-admin, center-staff: the whole prefecture of their unit, exact counts;</li>
 * <li>analyst: the whole prefecture of their unit, with small-cell protection;</li>
 * <li>branch-staff: their region, as {@link Visibility} draws it: consultations received by or owned by their unit
 * or a unit below it, or about residents of the municipalities their branch covers today (the rule of
 * {@link AccessRules#ownConsultations}); referrals their units sent or received; children registered by their units or living
 * in their municipalities. Rows that would name a unit or municipality outside the region are merged into one
 * {@link Headings#OUTSIDE_REGION} row, and filters are intersected with the region;</li>
 * <li>everyone else: nothing (the resource answers 403 before this is reached).</li>
 * </ul>
 * A branch's own cases are counted wherever they are, so the totals stay the totals of what the branch handles.
 * Unlike case lists, statistics do not add the consultations that other units referred to the branch
 * (the referral clause of {@link AccessRules#consultations}): they count the region's own cases, not the ones passing through.
 */
record StatsScope(String prefCode, boolean region, List<Long> unitIds, List<String> lgcodes, boolean suppress, int threshold) {

    static StatsScope of(Visibility visibility, Caller caller, String requestedPrefecture, int threshold, AuditLog audit) {
        boolean staff = caller.hasRole(Roles.CENTER_ADMIN) || caller.hasRole(Roles.CENTER_STAFF) || caller.hasRole(Roles.BRANCH_STAFF);
        StatsScope scope;
        if (staff && visibility.reach() == AccessRules.Reach.PREFECTURE) {
            scope = new StatsScope(visibility.prefCode(), false, List.of(), List.of(), false, threshold);
        } else if (staff && visibility.reach() == AccessRules.Reach.REGION) {
            scope = new StatsScope(visibility.prefCode(), true, visibility.unitIds(), visibility.lgcodes(), false, threshold);
        } else if (caller.hasRole(Roles.ANALYST) && visibility.unit() != null) {
            scope = new StatsScope(visibility.prefCode(), false, List.of(), List.of(), true, threshold);
        } else {
            throw audit.refuse("STATS_READ", "statistics", null, "Statistics are for center staff, branch staff and analysts of a known unit.");
        }
        if (requestedPrefecture != null && !requestedPrefecture.isBlank() && !requestedPrefecture.strip().equals(scope.prefCode)) {
            throw audit.refuse("STATS_READ", "statistics", requestedPrefecture, "You may only get statistics of your own prefecture (" + scope.prefCode + ").");
        }
        return scope;
    }

    String name() {
        return region ? "REGION" : "PREFECTURE";
    }

    boolean inRegion(Long unitId) {
        return !region || unitIds.contains(unitId);
    }

    boolean inRegion(String lgcode) {
        return !region || lgcodes.contains(lgcode);
    }

    /** The rule's values: the prefecture, or the region of a branch. */
    AccessRules.Scope rule() {
        return region ? AccessRules.Scope.region(prefCode, unitIds, lgcodes) : AccessRules.Scope.prefecture(prefCode);
    }

    private static Sql sql(AccessRules.Condition condition) {
        Sql sql = new Sql().append(condition.text());
        condition.parameters().forEach(sql::bind);
        return sql;
    }

    /** The consultation scope on alias {@code c}: the region's own cases ({@link AccessRules#ownConsultations}). */
    Sql consultations() {
        return sql(AccessRules.ownConsultations(rule(), AccessRules.Dialect.SQL, "c"));
    }

    /** The referral scope on alias {@code r}, as referrals are read: sender or receiver is one of the units. */
    Sql referrals() {
        return sql(AccessRules.referrals(rule(), AccessRules.Dialect.SQL, "r"));
    }

    /** The child scope on alias {@code ch}: the region's own children ({@link AccessRules#ownChildren}). */
    Sql children() {
        return sql(AccessRules.ownChildren(rule(), AccessRules.Dialect.SQL, "ch"));
    }
}
