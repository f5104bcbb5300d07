package jp.tsunagu.emergency;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

public final class EmergencyViews {

    private EmergencyViews() {
    }

    static final String CHILD_ID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    @Schema(name = "EmergencyAccessRequest", description = "Break-the-glass: why the caller must read this child's identifying data now, "
            + "though no consent covers their unit. Reason codes: LIFE_OR_HEALTH 生命・身体の保護（同意を得ることが困難）/ Protecting life "
            + "or health when consent cannot be obtained; DISASTER 災害・停電時の安否確認と支援 / Safety check and support in a disaster or "
            + "power cut; EMERGENCY_TRANSPORT 救急搬送・医療機関への情報提供 / Emergency transport: information for the hospital; "
            + "CHILD_PROTECTION 児童虐待が疑われる緊急対応 / Urgent response to suspected child abuse.")
    public record Request(
            @NotNull @Pattern(regexp = CHILD_ID, message = "must be a registry id") @Schema(required = true,
                    examples = "7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55") String childId,
            @NotNull @Schema(required = true) EmergencyReason reasonCode,
            @NotBlank @Size(max = 1000) @Schema(required = true, description = "What happened and why consent cannot be obtained in time",
                    examples = "停電で人工呼吸器のバッテリー残量が少ないと近隣から通報。保護者と連絡がつかず、主治医と搬送先の確認が必要。")
            String reasonText) {
    }

    @Schema(name = "EmergencyAccessReviewRequest", description = "The center's verdict on an ended emergency access: JUSTIFIED (妥当 / "
            + "Justified) or NOT_JUSTIFIED (不適切 / Not justified), with a note")
    public record ReviewRequest(
            @NotNull @Schema(required = true, enumeration = { "JUSTIFIED", "NOT_JUSTIFIED" }) ReviewState outcome,
            @NotBlank @Size(max = 1000) @Schema(required = true, examples = "停電時の安否確認として妥当。主治医への連絡記録あり。") String note) {
    }

    @Schema(name = "EmergencyAccessRead", description = "One read under the grant")
    public record ReadView(
            @Schema(required = true) Instant readAt,
            @Schema(required = true, examples = "child record") String what) {
    }

    @Schema(name = "EmergencyAccess", description = "A break-the-glass grant: to one person, for one child, until expiresAt unless ended "
            + "earlier; every read under it is listed and audited as CHILD_READ_EMERGENCY. The prefecture center reviews it.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(
            @Schema(required = true, examples = "12") long id,
            @Schema(required = true, examples = "7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55") String childId,
            @Schema(required = true) EmergencyState state,
            @Schema(required = true, examples = "有効") String stateLabelJa,
            @Schema(required = true, examples = "Active") String stateLabelEn,
            @Schema(required = true) EmergencyReason reasonCode,
            @Schema(required = true, examples = "災害・停電時の安否確認と支援") String reasonLabelJa,
            @Schema(required = true, examples = "Safety check and support in a disaster or power cut") String reasonLabelEn,
            @Schema(required = true) String reasonText,
            @Schema(required = true, examples = "branch.shonan-west") String grantee,
            @Schema(required = true, examples = "14-shonan-west") String granteeUnitCode,
            @Schema(required = true) Instant grantedAt,
            @Schema(required = true) Instant expiresAt,
            @Schema(description = "When it was ended early or closed after expiry") Instant endedAt,
            @Schema(required = true) ReviewState reviewState,
            @Schema(required = true, examples = "未確認") String reviewLabelJa,
            @Schema(required = true, examples = "Not reviewed") String reviewLabelEn,
            String reviewedBy,
            Instant reviewedAt,
            String reviewNote,
            @Schema(required = true, description = "Every read under the grant, oldest first") List<ReadView> reads) {
    }

    @Schema(name = "EmergencyAccessPage", description = "A page of emergency accesses, oldest first")
    public record AccessPage(List<View> items, int page, int size, long totalItems, int totalPages) {
    }
}
