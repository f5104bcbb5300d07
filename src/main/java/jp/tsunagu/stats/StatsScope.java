package jp.tsunagu.stats;

import java.util.List;

import jp.tsunagu.common.problem.ApiProblem;
import jp.tsunagu.common.problem.ProblemType;
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
 * {@code ConsultationScope}); referrals their units sent or received; children registered by their units or living
 * in their municipalities. Rows that would name a unit or municipality outside the region are merged into one
 * {@link Headings#OUTSIDE_REGION} row, and filters are intersected with the region;</li>
 * <li>everyone else: nothing (the resource answers 403 before this is reached).</li>
 * </ul>
 * A branch's own cases are counted wherever they are, so the totals stay the totals of what the branch handles.
 * Unlike case lists, statistics do not add the consultations that other units referred to the branch
 * (ConsultationScope's referral clause): they count the region's own cases, not the ones passing through.
 */
record StatsScope(String prefCode, boolean region, List<Long> unitIds, List<String> lgcodes, boolean suppress, int threshold) {

    static StatsScope of(Visibility visibility, Caller caller, String requestedPrefecture, int threshold) {
        boolean staff = caller.hasRole(Roles.CENTER_ADMIN) || caller.hasRole(Roles.CENTER_STAFF) || caller.hasRole(Roles.BRANCH_STAFF);
        StatsScope scope;
        if (staff && visibility.reach() == Visibility.Reach.PREFECTURE) {
            scope = new StatsScope(visibility.prefCode(), false, List.of(), List.of(), false, threshold);
        } else if (staff && visibility.reach() == Visibility.Reach.REGION) {
            scope = new StatsScope(visibility.prefCode(), true, visibility.unitIds(), visibility.lgcodes(), false, threshold);
        } else if (caller.hasRole(Roles.ANALYST) && visibility.unit() != null) {
            scope = new StatsScope(visibility.prefCode(), false, List.of(), List.of(), true, threshold);
        } else {
            throw new ApiProblem(ProblemType.FORBIDDEN, "Statistics are for center staff, branch staff and analysts of a known unit.");
        }
        if (requestedPrefecture != null && !requestedPrefecture.isBlank() && !requestedPrefecture.strip().equals(scope.prefCode)) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "You may only get statistics of your own prefecture (" + scope.prefCode + ").");
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

    /** The consultation scope on alias {@code c} (a native-SQL mirror of ConsultationScope for PREFECTURE and REGION). */
    Sql consultations() {
        Sql sql = new Sql().append("c.pref_code = :scopePref").bind("scopePref", prefCode);
        if (region) {
            sql.append(" AND (c.receiving_unit_id IN (:scopeUnits) OR c.owner_unit_id IN (:scopeUnits)"
                    + " OR c.residence_lgcode IN (:scopeMunicipalities))")
                    .bind("scopeUnits", unitIds).bind("scopeMunicipalities", lgcodes);
        }
        return sql;
    }

    /** The referral scope on alias {@code r}, as ReferralService reads referrals: sender or receiver is one of the units. */
    Sql referrals() {
        Sql sql = new Sql().append("r.pref_code = :scopePref").bind("scopePref", prefCode);
        if (region) {
            sql.append(" AND (r.sender_unit_id IN (:scopeUnits) OR r.receiver_unit_id IN (:scopeUnits))").bind("scopeUnits", unitIds);
        }
        return sql;
    }

    /** The same for JPQL on alias {@code r} (the overdue condition is JPQL). */
    String referralsJpql(java.util.Map<String, Object> params) {
        params.put("scopePref", prefCode);
        if (!region) {
            return "r.prefCode = :scopePref";
        }
        params.put("scopeUnits", unitIds);
        return "r.prefCode = :scopePref and (r.senderUnitId in :scopeUnits or r.receiverUnitId in :scopeUnits)";
    }

    /** The child scope on alias {@code ch}, as ChildService draws it: residence or registering unit. */
    Sql children() {
        Sql sql = new Sql().append("ch.pref_code = :scopePref").bind("scopePref", prefCode);
        if (region) {
            sql.append(" AND (ch.residence_lgcode IN (:scopeMunicipalities) OR ch.registered_by_unit_id IN (:scopeUnits))")
                    .bind("scopeUnits", unitIds).bind("scopeMunicipalities", lgcodes);
        }
        return sql;
    }
}
