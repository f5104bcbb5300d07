package jp.tsunagu.disaster;

import java.time.LocalDate;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * When a plan is current, written once for Java and for SQL: its review is not overdue (review_due_on is today or
 * later, Japan's date) and the child's care types are those it was reviewed for. A change of the child's care types,
 * by whatever path, therefore flags the plan at once (CARE_TYPES_CHANGED) without a hook that could be forgotten.
 */
final class PlanRules {

    enum Status {
        CURRENT, DUE, OVERDUE, CARE_TYPES_CHANGED
    }

    private PlanRules() {
    }

    /** The sorted, comma-separated form the plan keeps. */
    static String careKey(Collection<String> careTypes) {
        return careTypes.stream().sorted().collect(Collectors.joining(","));
    }

    static Status status(DisasterPlan p, Collection<String> childCareTypes, LocalDate today, int dueWithinDays) {
        if (!p.careTypesReviewed.equals(careKey(childCareTypes))) {
            return Status.CARE_TYPES_CHANGED;
        }
        if (p.reviewDueOn.isBefore(today)) {
            return Status.OVERDUE;
        }
        return p.reviewDueOn.isAfter(today.plusDays(dueWithinDays)) ? Status.CURRENT : Status.DUE;
    }

    /** SQL: the care types of the child whose id is {@code childId}, in the form the plan keeps them. */
    static String careKeyOf(String childId) {
        return "coalesce((select group_concat(cct.care_code order by cct.care_code separator ',') from child_care_type cct"
                + " where cct.child_id = " + childId + "), '')";
    }

    /** SQL: the plan on alias {@code p} is current on {@code :today}. */
    static String current(String p) {
        return p + ".review_due_on >= :today and " + p + ".care_types_reviewed = " + careKeyOf(p + ".child_id");
    }

    /** SQL: the child on alias {@code ch} has a current plan. */
    static String hasCurrentPlan(String ch) {
        return "exists (select 1 from disaster_plan cp where cp.child_id = " + ch + ".id and " + current("cp") + ")";
    }
}
