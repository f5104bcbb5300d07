package jp.tsunagu.training;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import jp.tsunagu.common.validation.PlausibleDate;
import jp.tsunagu.org.OrgViews;
import jp.tsunagu.org.Profession;

/** Request and response records of the training API; entities never leave the service. */
public final class TrainingViews {

    private TrainingViews() {
    }

    static final String CODE = "^[a-z0-9][a-z0-9-]{1,63}$";

    @Schema(name = "TrainingCourseRequest", description = "A course of the caller's prefecture")
    public record CourseRequest(
            @NotBlank @Pattern(regexp = CODE, message = "must be 2 to 64 lower-case letters, digits or hyphens")
            @Schema(examples = "coordinator-basic") String code,
            @NotNull CourseKind kind,
            @NotBlank @Size(max = 100) @Schema(examples = "医療的ケア児等コーディネーター養成研修") String titleJa,
            @Size(max = 200) @Schema(examples = "Medical care coordinator training") String titleEn) {
    }

    @Schema(name = "TrainingCourse", description = "A training course of a prefecture")
    public record CourseView(
            @Schema(required = true, examples = "4") long id,
            @Schema(required = true, examples = "13") String prefCode,
            @Schema(required = true, examples = "coordinator-basic") String code,
            @Schema(required = true) CourseKind kind,
            @Schema(required = true, examples = "養成研修") String kindLabelJa,
            @Schema(required = true, examples = "Basic coordinator training") String kindLabelEn,
            @Schema(required = true, examples = "医療的ケア児等コーディネーター養成研修") String titleJa,
            @Schema(nullable = true, examples = "Medical care coordinator training") String titleEn) {

        static CourseView of(TrainingCourse c) {
            return new CourseView(c.id, c.prefCode, c.code, c.kind, c.kind.labelJa(), c.kind.labelEn(), c.titleJa, c.titleEn);
        }
    }

    @Schema(name = "TrainingCourseList", description = "The courses of the caller's prefecture, by code")
    public record CourseList(@Schema(required = true) List<CourseView> items) {
    }

    @Schema(name = "TrainingSessionRequest", description = "A session of a course; its fiscal year (April..March) follows from the first day")
    public record SessionRequest(
            @NotBlank @Size(max = 100) @Schema(examples = "令和4年度 第1期") String label,
            @NotNull @Schema(examples = "2022-07-05") LocalDate startsOn,
            @NotNull @Schema(examples = "2022-09-30") LocalDate endsOn) {
    }

    @Schema(name = "TrainingSession", description = "A session of a course, with its attendees when read by id")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionView(
            @Schema(required = true, examples = "9") long id,
            @Schema(required = true) CourseView course,
            @Schema(required = true, examples = "令和4年度 第1期") String label,
            @Schema(required = true, examples = "2022-07-05") LocalDate startsOn,
            @Schema(required = true, examples = "2022-09-30") LocalDate endsOn,
            @Schema(required = true, description = "Fiscal year (April..March) of the first day", examples = "2022") int fiscalYear,
            @Schema(required = true, examples = "令和4年度") String fiscalYearLabelJa,
            @Schema(description = "Only when the session is read by id", nullable = true) List<AttendeeView> attendees) {
    }

    @Schema(name = "TrainingSessionPage", description = "A page of sessions")
    public record SessionPage(List<SessionView> items, int page, int size, long totalItems, int totalPages) {
    }

    @Schema(name = "ExternalAttendee", description = "Someone who is not a coordinator of the register")
    public record ExternalAttendee(
            @NotBlank @Size(max = 100) @Schema(examples = "多摩 一郎") String name,
            @NotNull Profession profession,
            @NotBlank @Size(max = 200) @Schema(examples = "多摩訪問看護ステーション") String organisation) {
    }

    @Schema(name = "TrainingAttendeeRequest", description = "Exactly one of coordinatorId (an active coordinator of the course's "
            + "prefecture; the profession is taken from the register) or external")
    public record AttendeeRequest(
            @Positive @Schema(examples = "12") Long coordinatorId,
            @Valid ExternalAttendee external) {
    }

    @Schema(name = "TrainingAttendee", description = "A person enrolled in a session")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttendeeView(
            @Schema(required = true, examples = "31") long id,
            @Schema(required = true, examples = "9") long sessionId,
            @Schema(description = "Set for a coordinator of the register", nullable = true, examples = "12") Long coordinatorId,
            @Schema(required = true, examples = "多摩 一郎") String name,
            @Schema(description = "Set for an external attendee", nullable = true, examples = "多摩訪問看護ステーション") String organisation,
            @Schema(description = "The coordinator's unit, for a coordinator of the register", nullable = true) OrgViews.UnitSummary unit,
            @Schema(required = true) Profession profession,
            @Schema(required = true, examples = "看護師") String professionLabelJa,
            @Schema(required = true, examples = "Nurse") String professionLabelEn,
            @Schema(required = true) AttendanceStatus status,
            @Schema(required = true, examples = "修了") String statusLabelJa,
            @Schema(required = true, examples = "Completed") String statusLabelEn,
            @Schema(nullable = true, examples = "2022-09-30") LocalDate completedOn,
            @Schema(required = true, examples = "1") long version) {
    }

    @Schema(name = "AttendanceRequest", description = "Records attendance or its result: ATTENDED or ABSENT (from REGISTERED), "
            + "COMPLETED (from REGISTERED or ATTENDED) or INCOMPLETE (from ATTENDED)")
    public record AttendanceRequest(
            @NotNull AttendanceStatus status,
            @PlausibleDate @Schema(description = "COMPLETED only: the day of completion (Japan); default the session's last day, "
                    + "or today while it runs", examples = "2022-09-30") LocalDate completedOn) {
    }

    // --- statistics ---

    @Schema(name = "TrainingYear", description = "A fiscal year (April..March) with its 和暦 label")
    public record Year(
            @Schema(required = true, examples = "2022") int fiscalYear,
            @Schema(required = true, examples = "令和4年度") String labelJa,
            @Schema(required = true, examples = "FY2022") String labelEn) {
    }

    @Schema(name = "TrainingStatsRow", description = "Completions of one profession: per fiscal year, running total, and share")
    public record StatsRow(
            @Schema(required = true) Profession profession,
            @Schema(required = true, examples = "相談支援専門員") String labelJa,
            @Schema(required = true, examples = "Consultation support specialist") String labelEn,
            @Schema(required = true, description = "Completions per fiscal year, in the order of fiscalYears") List<Long> byYear,
            @Schema(required = true, description = "Completions up to and including each fiscal year of the range") List<Long> cumulative,
            @Schema(required = true, examples = "317") long total,
            @Schema(required = true, description = "Share of all completions of the range (0..1); 0 when there are none",
                    examples = "0.7407") double share) {
    }

    @Schema(name = "TrainingStatistics", description = "Completions by profession × fiscal year (the council slide's table)")
    public record Statistics(
            @Schema(required = true, examples = "13") String prefecture,
            @Schema(required = true) CourseKind kind,
            @Schema(required = true, examples = "養成研修") String kindLabelJa,
            @Schema(description = "The course counted, when one was asked for", nullable = true) CourseView course,
            @Schema(required = true) List<Year> fiscalYears,
            @Schema(required = true, description = "Every profession, zeros included, in the order of the council's tables") List<StatsRow> rows,
            @Schema(required = true, description = "Completions per fiscal year") List<Long> yearTotals,
            @Schema(required = true, description = "Running total of completions per fiscal year") List<Long> cumulativeTotals,
            @Schema(required = true, examples = "428") long grandTotal) {
    }

    // --- coverage ---

    @Schema(name = "TrainingCoverageBranch", description = "The municipalities one unit covers today, and its gaps")
    public record CoverageBranch(
            @Schema(required = true, description = "The covering unit; a municipal office counts under its parent") OrgViews.UnitSummary unit,
            @Schema(required = true, examples = "7") int municipalities,
            @Schema(required = true, description = "No active coordinator covering it has completed a 養成研修")
            List<OrgViews.MunicipalityRef> withoutTrainedCoordinator,
            @Schema(required = true, description = "No active coordinator covering it completed a フォローアップ研修 in the last followUpYears years")
            List<OrgViews.MunicipalityRef> withoutRecentFollowUp) {
    }

    @Schema(name = "TrainingCoverageTotals", description = "Counts over all branches shown")
    public record CoverageTotals(
            @Schema(required = true, examples = "33") int municipalities,
            @Schema(required = true, examples = "5") int withoutTrainedCoordinator,
            @Schema(required = true, examples = "12") int withoutRecentFollowUp) {
    }

    @Schema(name = "TrainingCoverage", description = "Municipalities without a trained, active coordinator today, per branch")
    public record Coverage(
            @Schema(required = true, examples = "14") String prefecture,
            @Schema(required = true, description = "Today in Japan", examples = "2026-12-02") LocalDate asOf,
            @Schema(required = true, examples = "3") int followUpYears,
            @Schema(required = true, description = "A follow-up completed after this day counts as recent", examples = "2023-12-02") LocalDate followUpAfter,
            @Schema(required = true) List<CoverageBranch> branches,
            @Schema(required = true) CoverageTotals totals) {
    }
}
