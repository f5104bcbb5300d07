package jp.tsunagu.discharge;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import jp.tsunagu.referral.ReferralKind;
import jp.tsunagu.referral.ReferralState;
import jp.tsunagu.registry.ChildViews;

/** Request and response records of the discharge-plan API; entities never leave the service. */
public final class DischargeViews {

    private DischargeViews() {
    }

    @Schema(name = "DischargeItemRequest", description = "One thing to arrange: exactly one of responsibleUnitCode (a unit of the "
            + "plan's prefecture) and responsibleExternal (a party outside the tiers, named in text)")
    public record ItemRequest(
            @NotNull ItemKind kind,
            @Size(max = 64) @Schema(examples = "m-142034") String responsibleUnitCode,
            @Size(max = 200) @Schema(examples = "湘南訪問看護ステーション") String responsibleExternal,
            @NotNull @Schema(examples = "2024-09-20") LocalDate dueOn,
            @Size(max = 500) @Schema(examples = "退院前カンファレンスで事業所を決定") String note) {
    }

    @Schema(name = "DischargePlanRequest", description = "A plan for a registered child (childId) or for a child registered with it "
            + "(child, through the registry's registration and its duplicate check); exactly one of the two")
    public record PlanRequest(
            @Size(max = 36) @Schema(examples = "7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55") String childId,
            @Valid ChildViews.ChildRequest child,
            @NotNull @Schema(description = "Planned discharge day (Japan)", examples = "2024-10-01") LocalDate plannedDischargeOn,
            @NotBlank @Size(max = 200) @Schema(examples = "神奈川県立こども医療センター") String hospital,
            @Size(max = 100) @Schema(examples = "NICU") String ward,
            @Size(max = 14) @Schema(description = "medical_care codes of the taxonomy: the care needed at home") List<@NotBlank String> careTypes,
            @Size(max = 50) List<@Valid @NotNull ItemRequest> items) {
    }

    @Schema(name = "DischargeItem", description = "One thing to arrange before discharge")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemView(
            @Schema(required = true, examples = "17") long id,
            @Schema(required = true) ItemKind kind,
            @Schema(required = true, examples = "訪問看護") String kindLabelJa,
            @Schema(required = true, examples = "Home nursing") String kindLabelEn,
            @Schema(description = "The unit that arranges it, or absent", nullable = true, examples = "m-142034") String responsibleUnitCode,
            @Schema(description = "The external party that arranges it, or absent", nullable = true, examples = "湘南訪問看護ステーション")
            String responsibleExternal,
            @Schema(required = true, examples = "2024-09-20") LocalDate dueOn,
            @Schema(required = true) ItemStatus status,
            @Schema(required = true, examples = "未着手") String statusLabelJa,
            @Schema(required = true, examples = "Open") String statusLabelEn,
            @Schema(nullable = true, examples = "退院前カンファレンスで事業所を決定") String note,
            @Schema(required = true, description = "Send back when changing the status", examples = "0") long version) {
    }

    @Schema(name = "DischargeHandOff", description = "The referral the plan was handed to the municipality with")
    public record HandOffView(
            @Schema(required = true, examples = "5d2b7c1e-9f3a-4b8e-a6d1-0c2e4f6a8b10") String referralId,
            @Schema(required = true) ReferralState state,
            @Schema(required = true, examples = "m-142034") String receiverUnitCode) {
    }

    @Schema(name = "DischargePlan", description = "A home-care support plan (在宅生活支援プラン). The child is shown as the registry shows it "
            + "to you (identifying only under a consent covering your unit); hospital and ward only with the identifying view, or to "
            + "the partner that submitted the plan.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PlanView(
            @Schema(required = true, examples = "a3c1f1de-2b9e-4f0c-8c55-6b7e0d9a1f20") String id,
            @Schema(required = true) PlanState state,
            @Schema(required = true, examples = "病院案") String stateLabelJa,
            @Schema(required = true, examples = "Draft from the hospital") String stateLabelEn,
            @Schema(required = true, examples = "7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55") String childId,
            @Schema(description = "The child as the registry shows it to you; absent for partner systems", nullable = true) ChildViews.ChildView child,
            @Schema(required = true, examples = "2024-10-01") LocalDate plannedDischargeOn,
            @Schema(nullable = true, examples = "神奈川県立こども医療センター") String hospital,
            @Schema(nullable = true, examples = "NICU") String ward,
            @Schema(required = true) List<String> careTypes,
            @Schema(required = true) List<ItemView> items,
            @Schema(nullable = true) HandOffView handOff,
            @Schema(required = true, examples = "0") long version) {
    }

    @Schema(name = "DischargePlanSummary", description = "A plan in a list: no child data beyond the registry id")
    public record PlanSummary(
            @Schema(required = true, examples = "a3c1f1de-2b9e-4f0c-8c55-6b7e0d9a1f20") String id,
            @Schema(required = true) PlanState state,
            @Schema(required = true, examples = "7c0e2f0a-8d51-4d9e-b1a3-2e9f0f7b6c55") String childId,
            @Schema(required = true, examples = "2024-10-01") LocalDate plannedDischargeOn,
            @Schema(required = true, examples = "3") int pendingItems) {
    }

    @Schema(name = "DischargePlanPage", description = "A page of plans")
    public record PlanPage(List<PlanSummary> items, int page, int size, long totalItems, int totalPages) {
    }

    @Schema(name = "DischargeItemStatusRequest", description = "A new status for an item, with the version you read")
    public record ItemStatusRequest(
            @NotNull ItemStatus status,
            @Size(max = 500) @Schema(examples = "事業所決定、初回訪問 9/18") String note,
            @NotNull @PositiveOrZero @Schema(examples = "0") Long version) {
    }

    @Schema(name = "DischargeHandOffRequest", description = "Hands the completed plan to a unit (the municipality) with a referral of the "
            + "consultation about the child, made by the center unit that owns that consultation")
    public record HandOffRequest(
            @NotBlank @Size(max = 36) @Schema(examples = "0b6f8f8e-3d7a-4c1e-9a55-2f0c6d1e7a10") String consultationId,
            @NotNull @Schema(description = "TRANSFER (the municipality takes the case over) or CONSULT") ReferralKind kind,
            @NotBlank @Size(max = 64) @Schema(examples = "m-142034") String receiverUnitCode,
            @NotBlank @Size(max = 2000) @Schema(examples = "退院後の在宅生活支援プランを引き継ぎます") String requestText) {
    }

    @Schema(name = "OverdueDischargeItem", description = "An item still to be done past its due date, before the planned discharge")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OverdueItem(
            @Schema(required = true, examples = "a3c1f1de-2b9e-4f0c-8c55-6b7e0d9a1f20") String planId,
            @Schema(required = true, examples = "2024-10-01") LocalDate plannedDischargeOn,
            @Schema(required = true) ItemView item,
            @Schema(required = true, description = "Days since the due date (Japan)", examples = "3") long daysOverdue) {
    }

    @Schema(name = "OverdueDischargeItems", description = "Overdue items of the prefecture's plans, the most overdue first")
    public record OverdueList(
            @Schema(required = true, description = "Today in Japan", examples = "2024-09-23") LocalDate asOf,
            @Schema(required = true) List<OverdueItem> items) {
    }
}
