package jp.tsunagu.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON shapes of the statistics API. Every count is a {@link Count}: {@code {"count":12,"suppressed":false}}
 * or, when small-cell protection withholds it from an analyst, {@code {"count":null,"suppressed":true}}; a client
 * tells a withheld value from a zero by {@code suppressed}, never by the null alone.
 */
public final class StatsViews {

    private StatsViews() {
    }

    @Schema(name = "StatsCount", description = "A count. Staff get exact counts. For analysts, counts are perturbed "
            + "(perturbed = true: the true count plus at most ±2, never 1..k-1, the same value whenever the same records are "
            + "counted; see the README), or, in the table of referrals open now, withheld when they could identify someone "
            + "(count null, suppressed true). A perturbed 0 means 0, 1 or 2.")
    public record Count(
            @Schema(description = "The count; null when withheld", examples = "12", nullable = true) Long count,
            @Schema(required = true, description = "True when the count is withheld by small-cell suppression") boolean suppressed,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "Share of the row total (0..1), only in tables that carry shares; null when count or row "
                    + "total is withheld; for analysts computed from the perturbed values", examples = "0.25", nullable = true) Double share,
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Schema(description = "Present and true when the count is perturbed (analysts): not the exact count", examples = "true",
                    nullable = true) Boolean perturbed) {

        public static Count of(long value, boolean withheld) {
            return withheld ? new Count(null, true, null, null) : new Count(value, false, null, null);
        }

        static Count perturbed(long value) {
            return new Count(value, false, null, true);
        }

        Count withShare(Double s) {
            return new Count(count, suppressed, s, perturbed);
        }
    }

    @Schema(name = "StatsHeading", description = "A row, column or dimension: its code and its Japanese and English labels "
            + "(from the taxonomy tables, unit and municipality names)")
    public record Heading(
            @Schema(required = true, examples = "FAMILY") String code,
            @Schema(required = true, examples = "家族") String labelJa,
            @Schema(required = true, examples = "Family") String labelEn) {
    }

    @Schema(name = "StatsRow", description = "One row of a table: its heading, one count per column, and its total")
    public record Row(
            @Schema(required = true, examples = "24-hokusei") String code,
            @Schema(required = true, examples = "北勢支部") String labelJa,
            @Schema(required = true, examples = "北勢支部") String labelEn,
            @Schema(required = true) List<Count> cells,
            @Schema(required = true) Count total) {
    }

    @Schema(name = "StatsSuppression", description = "Whether disclosure control was applied (analysts), by which method, "
            + "and how much it withheld")
    public record Suppression(
            @Schema(required = true, description = "True for analysts; staff see exact counts") boolean applied,
            @Schema(description = "k: no count from 1 to k-1 is published exactly (perturbed away, or withheld)", examples = "3") int threshold,
            @Schema(description = "How many counts (cells and totals) of this table are withheld", examples = "0") int withheld,
            @Schema(description = "NONE (exact, staff), CELL_KEY_PERTURBATION (every count perturbed, none withheld) or "
                    + "SMALL_CELL_SUPPRESSION (counts 1..k-1 and what would give them away withheld)",
                    enumeration = { NONE, PERTURBATION, SUPPRESSION }, examples = "CELL_KEY_PERTURBATION") String method,
            @Schema(description = "Largest difference between a published and the true count (0 when exact or suppressed)",
                    examples = "2") int maxDeviation) {

        public static final String NONE = "NONE";
        public static final String PERTURBATION = "CELL_KEY_PERTURBATION";
        public static final String SUPPRESSION = "SMALL_CELL_SUPPRESSION";
    }

    @Schema(name = "StatsTable", description = "A two-way table of counts with row totals, column totals and the grand total")
    public record Table(
            @Schema(required = true, description = "Which table this is", examples = "consultations") String name,
            @Schema(required = true) Heading rowDimension,
            @Schema(required = true) Heading columnDimension,
            @Schema(required = true) List<Heading> columns,
            @Schema(required = true) List<Row> rows,
            @Schema(required = true, description = "One total per column, in the order of columns") List<Count> columnTotals,
            @Schema(required = true) Count grandTotal,
            @Schema(required = true) Suppression suppression) {
    }

    @Schema(name = "StatsPeriod", description = "The period counted (Japan dates, both ends inclusive); null ends are open")
    public record Period(
            @Schema(required = true, examples = "2022-04-01", nullable = true) LocalDate from,
            @Schema(required = true, examples = "2023-03-31", nullable = true) LocalDate to,
            @Schema(description = "Set when the period was given as a fiscal year (April..March)", examples = "2022", nullable = true)
            Integer fiscalYear) {
    }

    @Schema(name = "ConsultationStats", description = "Consultations counted by two dimensions")
    public record ConsultationStats(
            @Schema(required = true, examples = "24") String prefecture,
            @Schema(required = true, description = "PREFECTURE (center staff, analysts) or REGION (branch staff: only consultations received by, "
                    + "owned by or about residents of the branch's region)", examples = "PREFECTURE") String scope,
            @Schema(required = true) Period period,
            @Schema(required = true, description = "The municipality filter as applied (after intersecting it with the caller's scope); null when none",
                    nullable = true) List<String> municipalities,
            @Schema(description = "Always true: totals count each consultation once, also when a dimension (topic) puts one "
                    + "consultation in several cells, so such totals are not the sums of their cells") boolean totalsCountConsultationsOnce,
            @Schema(required = true) Table table) {
    }

    @Schema(name = "StatsDuration", description = "Median and 90th percentile of a duration in hours, over n referrals")
    public record Duration(
            @Schema(required = true) Count n,
            @Schema(examples = "20.5", nullable = true) Double medianHours,
            @Schema(examples = "71.25", nullable = true) Double p90Hours,
            @Schema(description = "True when the durations are withheld: for analysts, when fewer than k referrals (or a "
                    + "withheld count) stand behind them") boolean withheld) {
    }

    @Schema(name = "StatsDurationRow", description = "Durations of one referral kind (code ALL: every kind)")
    public record DurationRow(
            @Schema(required = true, examples = "TRANSFER") String code,
            @Schema(required = true, examples = "移管") String labelJa,
            @Schema(required = true, examples = "Transfer") String labelEn,
            @Schema(required = true, description = "From request to acceptance (accepted referrals)") Duration toAccept,
            @Schema(required = true, description = "From request to the end: completed, failed, declined or cancelled") Duration toEnd) {
    }

    @Schema(name = "ReferralStats", description = "Hand-off statistics")
    public record ReferralStats(
            @Schema(required = true, examples = "24") String prefecture,
            @Schema(required = true, examples = "PREFECTURE") String scope,
            @Schema(required = true, description = "Period of requestedAt (Japan dates)") Period period,
            @Schema(description = "The unit filter (codes; a referral counts when its sender or receiver is one of them); null when none",
                    nullable = true) List<String> units,
            @Schema(required = true, description = "When the open and overdue counts were taken") Instant asOf,
            @Schema(description = "How percentiles are computed") String percentileMethod,
            @Schema(description = "Kind × direction") Table byKindAndDirection,
            @Schema(description = "Sender unit kind → receiver unit kind (as they were when requested) × kind") Table byTiers,
            @Schema(description = "Kind × outcome, with each cell's share of its row") Table outcomes,
            List<DurationRow> durations,
            @Schema(description = "Referrals open now (REQUESTED, ACCEPTED, IN_PROGRESS) per receiving unit, overdue or not; "
                    + "not limited to the period") Table openByReceivingUnit) {
    }

    @Schema(name = "StatsConcentration", description = "How much of the open work the busiest 10% carry")
    public record Concentration(
            @Schema(description = "How many coordinators (or units) there are, idle ones included", examples = "20") int population,
            @Schema(description = "The busiest 10% of them: ceil(population / 10)", examples = "2") int busiest,
            Count openOfBusiest,
            Count openTotal,
            @Schema(description = "openOfBusiest / openTotal; null when withheld or when nothing is open", examples = "0.42", nullable = true)
            Double share,
            @Schema(description = "True when the share is withheld because it would reveal a withheld count") boolean suppressed) {
    }

    @Schema(name = "LoadStats", description = "Who carries the open work now")
    public record LoadStats(
            @Schema(required = true, examples = "24") String prefecture,
            @Schema(required = true, examples = "PREFECTURE") String scope,
            @Schema(description = "The unit filter as applied; null when none", nullable = true) List<String> units,
            @Schema(required = true) Instant asOf,
            @Schema(description = "Open consultations (OPEN, IN_PROGRESS) per coordinator in charge; UNASSIGNED for none") Table openConsultationsByCoordinator,
            @Schema(description = "Open consultations per owner unit") Table openConsultationsByOwnerUnit,
            @Schema(description = "Active referrals (REQUESTED, ACCEPTED, IN_PROGRESS) per receiving unit, overdue or not") Table activeReferralsByReceivingUnit,
            Concentration coordinatorConcentration,
            Concentration unitConcentration,
            @Schema(description = "Staff of the prefecture center only, null for others: emergency accesses (break-the-glass) of the "
                    + "prefecture still not reviewed after the configured days", nullable = true) EmergencyReviewsDue emergencyReviewsDue) {
    }

    @Schema(name = "EmergencyReviewsDue", description = "Emergency accesses of the prefecture that nobody at the center reviewed within "
            + "olderThanDays (tsunagu.emergency.review-overdue-days): the review list is GET /api/v1/emergency-accesses?reviewState=UNREVIEWED")
    public record EmergencyReviewsDue(
            @Schema(required = true, examples = "7") int olderThanDays,
            @Schema(required = true, examples = "1") long count,
            @Schema(required = true, examples = "確認期限を過ぎた緊急時アクセス") String labelJa,
            @Schema(required = true, examples = "Emergency accesses past their review deadline") String labelEn) {
    }

    @Schema(name = "ChildStats", description = "Registered children by municipality or region × medical-care type")
    public record ChildStats(
            @Schema(required = true, examples = "24") String prefecture,
            @Schema(required = true, examples = "PREFECTURE") String scope,
            @Schema(description = "The municipality filter as applied; null when none", nullable = true) List<String> municipalities,
            @Schema(required = true, description = "The day the regions (coverage) were taken from") LocalDate asOf,
            @Schema(description = "Always true: a child with several care types counts once per type in the cells and once in the totals")
            boolean totalsCountChildrenOnce,
            @Schema(required = true) Table table) {
    }
}
