package jp.tsunagu.disaster;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import jp.tsunagu.org.OrgViews;

/** Requests and answers of the disaster plans. */
public final class DisasterViews {

    private DisasterViews() {
    }

    @Schema(name = "DisasterPlanDevice", description = "A power-dependent device for one of the child's care types.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Device(
            @NotBlank @Size(max = 64) @Schema(required = true, description = "One of the child's medical_care codes whose devices need power", examples = "VENTILATOR") String careCode,
            @NotBlank @Size(max = 100) @Schema(required = true, examples = "在宅用人工呼吸器（内部バッテリー付き）") String device,
            @DecimalMin("0") @DecimalMax("240") @Schema(description = "Hours on battery", examples = "8") BigDecimal batteryHours,
            @Size(max = 200) @Schema(examples = "外部バッテリー2個、車のシガーソケット用インバーター") String backupPower) {
    }

    @Schema(name = "DisasterPlanDeviceView", description = "A device of the plan; the pseudonymous view shows only the care code and battery hours.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeviceView(@Schema(required = true, examples = "VENTILATOR") String careCode, String device, BigDecimal batteryHours,
            String backupPower) {
    }

    @Schema(name = "DisasterPlanRequest", description = "The whole plan as reviewed today with the family; saving it is a review.")
    public record PlanRequest(
            @NotNull @Size(max = 14) List<@Valid @NotNull Device> devices,
            @Size(max = 2000) @Schema(examples = "停電時は外部バッテリーに切替、3時間で復旧しなければ避難先へ") String powerFailureActions,
            @Size(max = 100) @Schema(examples = "東京電力パワーグリッド") String powerCompany,
            @Schema(description = "Registered with the electricity company for priority restoration") boolean powerCompanyRegistered,
            @Size(max = 200) @Schema(examples = "平塚市立〇〇小学校（福祉避難室）") String evacuationSite,
            @Size(max = 200) @Schema(examples = "自家用車（車いす対応）") String transport,
            @Size(max = 1000) @Schema(examples = "隣家の〇〇さん、民生委員の〇〇さん") String helpers,
            @Schema(description = "Listed in the municipality's 避難行動要支援者名簿") boolean supportRegisterListed,
            @Size(max = 300) @Schema(examples = "神奈川県立こども医療センター 045-000-0000") String hospitalContact,
            @Size(max = 300) @Schema(examples = "〇〇訪問看護ステーション 0463-00-0000") String homeNursingContact,
            @Size(max = 2000) String medications,
            @Min(0) @Max(60) @Schema(description = "Days of medications and supplies kept", examples = "7") Integer supplyDays,
            @PositiveOrZero @Schema(description = "Required on update: the version you read") Long version) {
    }

    @Schema(name = "DisasterPlan", description = "A child's disaster plan. IDENTIFYING views carry the contents; PSEUDONYMOUS views (no "
            + "consent covering your unit) only the review dates, the status and the devices' care codes and battery hours.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlanView(
            @Schema(required = true) String childId,
            @Schema(required = true, enumeration = { "IDENTIFYING", "PSEUDONYMOUS" }) String view,
            String viewReason,
            @Schema(required = true, enumeration = { "CURRENT", "DUE", "OVERDUE", "CARE_TYPES_CHANGED" }) String status,
            @Schema(required = true) LocalDate reviewedOn,
            @Schema(required = true) LocalDate reviewDueOn,
            @Schema(required = true, description = "The child's care types the plan was reviewed for") List<String> careTypesReviewed,
            @Schema(required = true) List<DeviceView> devices,
            String powerFailureActions,
            String powerCompany,
            Boolean powerCompanyRegistered,
            String evacuationSite,
            String transport,
            String helpers,
            Boolean supportRegisterListed,
            String hospitalContact,
            String homeNursingContact,
            String medications,
            Integer supplyDays,
            @Schema(required = true) long version) {
    }

    @Schema(name = "DisasterPlanDueItem", description = "A plan whose review is due or overdue, or whose child's care types changed.")
    public record DueItem(
            @Schema(required = true) String childId,
            @Schema(required = true) OrgViews.MunicipalityRef residence,
            @Schema(required = true) List<String> careTypes,
            @Schema(required = true) LocalDate reviewDueOn,
            @Schema(required = true, enumeration = { "DUE", "OVERDUE", "CARE_TYPES_CHANGED" }) String status) {
    }

    @Schema(name = "DisasterPlanDuePage")
    public record DuePage(@Schema(required = true) List<DueItem> items, @Schema(required = true) int page, @Schema(required = true) int size,
            @Schema(required = true) long totalItems, @Schema(required = true) int totalPages) {
    }

    @Schema(name = "DisasterPlanMissingItem", description = "A child with power-dependent devices and no current plan.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MissingItem(
            @Schema(required = true) String childId,
            @Schema(required = true) OrgViews.MunicipalityRef residence,
            @Schema(required = true) List<String> powerDependentCareTypes,
            @Schema(required = true, enumeration = { "NONE", "OVERDUE", "CARE_TYPES_CHANGED" }) String planStatus,
            LocalDate reviewDueOn) {
    }

    @Schema(name = "DisasterPlanMissingPage")
    public record MissingPage(@Schema(required = true) List<MissingItem> items, @Schema(required = true) int page,
            @Schema(required = true) int size, @Schema(required = true) long totalItems, @Schema(required = true) int totalPages) {
    }

    @Schema(name = "DisasterPlanStatisticsColumn")
    public record Column(@Schema(required = true) String code, @Schema(required = true) String labelJa, @Schema(required = true) String labelEn) {
    }

    @Schema(name = "DisasterPlanStatisticsRow")
    public record Row(
            @Schema(required = true) OrgViews.MunicipalityRef municipality,
            @Schema(required = true, description = "One count per column") List<Long> counts,
            @Schema(required = true) long total) {
    }

    @Schema(name = "DisasterPlanStatistics", description = "Children with power-dependent devices per municipality of residence, with and "
            + "without a current plan. For analysts every count (cells and totals) is perturbed like the other analyst statistics.")
    public record Statistics(
            @Schema(required = true, examples = "14") String prefecture,
            @Schema(required = true) LocalDate asOf,
            @Schema(required = true, description = "Counts perturbed (analysts) or exact (staff)") boolean perturbed,
            @Schema(required = true, description = "Largest deviation of a perturbed count from the true one (0 when exact)") int maxDeviation,
            @Schema(required = true) List<Column> columns,
            @Schema(required = true) List<Row> rows,
            @Schema(required = true) List<Long> columnTotals,
            @Schema(required = true) long grandTotal) {
    }
}
