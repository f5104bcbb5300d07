package jp.tsunagu.referral;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

public final class ReferralViews {

    private ReferralViews() {
    }

    @Schema(name = "ReferralRequest", description = "Hand a consultation to another unit")
    public record ReferralRequest(
            @NotBlank @Size(max = 36) @Schema(description = "The consultation handed over", examples = "0b6f8f8e-3d7a-4c1e-9a55-2f0c6d1e7a10")
            String consultationId,
            @NotNull ReferralKind kind,
            @NotBlank @Size(max = 64) @Schema(examples = "14-shonan-west") String receiverUnitCode,
            @NotBlank @Size(max = 2000) @Schema(examples = "短期入所先の調整について後方支援をお願いします") String requestText) {
    }

    @Schema(name = "ReferralTransitionRequest", description = "One move of the state machine. DECLINE and CANCEL need reasonCode + "
            + "reasonText; COMPLETE needs outcomeCode; FAIL needs outcomeCode + outcomeText; REOPEN needs question.")
    public record TransitionRequest(
            @NotNull ReferralAction action,
            ReasonCode reasonCode,
            @Size(max = 2000) String reasonText,
            OutcomeCode outcomeCode,
            @Size(max = 2000) String outcomeText,
            @Size(max = 2000) String question) {

        TransitionInput input() {
            return new TransitionInput(reasonCode, reasonText, outcomeCode, outcomeText, question);
        }
    }

    @Schema(name = "ReferralParty", description = "Sender or receiver as it stood when the referral was made")
    public record PartyView(
            @Schema(examples = "m-142034") String unitCode,
            @Schema(examples = "MUNICIPAL_OFFICE") String unitKind,
            @Schema(examples = "3") int tier,
            @Schema(description = "Region (branch or designated city) the unit belonged to", examples = "14-shonan-west") String regionCode) {
    }

    @Schema(name = "Referral", description = "A hand-off between tiers. The ETag header carries its version; send it back in If-Match to move it.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReferralView(
            @Schema(examples = "5d2b7c1e-9f3a-4b8e-a6d1-0c2e4f6a8b10") String id,
            String consultationId,
            ReferralKind kind,
            Direction direction,
            ReferralState state,
            @Schema(examples = "依頼中") String stateLabelJa,
            PartyView sender,
            PartyView receiver,
            String requestText,
            String requestedBy,
            Instant requestedAt,
            Instant acceptedAt,
            Instant endedAt,
            Instant lastReportAt,
            ReasonCode reasonCode,
            String reasonText,
            OutcomeCode outcomeCode,
            String outcomeText,
            @Schema(description = "Whether the receiver may see the child's identifying data (consent SHARE_WITH_REFERRAL_RECIPIENTS)")
            Boolean childIdentifyingShared,
            @Schema(description = "Why the receiver sees the child pseudonymously, when it does") String childNotice,
            @Schema(description = "What the caller may do now") List<ReferralAction> allowedActions,
            @Schema(description = "NO_ANSWER or NO_REPORT when overdue now") ReferralOverdue.Reason overdue,
            long version) {
    }

    @Schema(name = "ReferralHistoryEntry", description = "One recorded move")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryView(String action, ReferralState from, ReferralState to, String actor, String unitCode, String reasonCode,
            String text, Instant occurredAt) {
    }

    @Schema(name = "ReferralPage", description = "A page of referrals")
    public record ReferralPage(List<ReferralView> items, int page, int size, long totalItems, int totalPages) {
    }

    @Schema(name = "ProgressReportRequest", description = "経過報告 from the receiver")
    public record ReportRequest(
            @NotNull ReportStatus status,
            @NotBlank @Size(max = 4000) @Schema(examples = "家族に連絡し、短期入所先2か所の見学を調整中") String body) {
    }

    @Schema(name = "ProgressReport", description = "A progress report the sender can read")
    public record ReportView(long id, ReportStatus status, String statusLabelJa, String body, String author, String unitCode, Instant createdAt) {
    }
}
