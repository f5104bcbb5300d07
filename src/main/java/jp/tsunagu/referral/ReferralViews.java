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

    /** What the service binds: the union of the shapes {@link ReferralMoves} documents per action. */
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
            @Schema(required = true, examples = "m-142034") String unitCode,
            @Schema(required = true, ref = "UnitKind") String unitKind,
            @Schema(required = true, examples = "3") int tier,
            @Schema(description = "Region (branch or designated city) the unit belonged to", examples = "14-shonan-west") String regionCode) {
    }

    @Schema(name = "Referral", description = "A hand-off between tiers. The ETag header carries its version; send it back in If-Match to move it.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReferralView(
            @Schema(required = true, examples = "5d2b7c1e-9f3a-4b8e-a6d1-0c2e4f6a8b10") String id,
            @Schema(required = true) String consultationId,
            @Schema(required = true) ReferralKind kind,
            @Schema(required = true) Direction direction,
            @Schema(required = true) ReferralState state,
            @Schema(required = true, examples = "依頼中") String stateLabelJa,
            @Schema(required = true) PartyView sender,
            @Schema(required = true) PartyView receiver,
            @Schema(required = true) String requestText,
            @Schema(required = true) String requestedBy,
            @Schema(required = true) Instant requestedAt,
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
            @Schema(required = true, description = "What the caller may do now") List<ReferralAction> allowedActions,
            @Schema(description = "NO_ANSWER or NO_REPORT when overdue now") ReferralOverdue.Reason overdue,
            @Schema(required = true) long version) {
    }

    @Schema(name = "ReferralHistoryEntry", description = "One recorded move")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryView(
            @Schema(required = true, description = "REQUEST for the referral itself, otherwise the action of the move", enumeration = { "REQUEST", "ACCEPT",
                    "DECLINE", "CANCEL", "START", "COMPLETE", "FAIL", "CONFIRM_CLOSURE", "REOPEN" }) String action,
            ReferralState from, @Schema(required = true) ReferralState to, @Schema(required = true) String actor, String unitCode,
            @Schema(description = "The reason (DECLINE, CANCEL) or outcome (COMPLETE, FAIL) code of the move",
                    anyOf = { ReasonCode.class, OutcomeCode.class }) String reasonCode,
            String text, @Schema(required = true) Instant occurredAt) {
    }

    @Schema(name = "ReferralPage", description = "A page of referrals")
    public record ReferralPage(@Schema(required = true) List<ReferralView> items, @Schema(required = true) int page, @Schema(required = true) int size, @Schema(required = true) long totalItems, @Schema(required = true) int totalPages) {
    }

    @Schema(name = "ProgressReportRequest", description = "経過報告 from the receiver")
    public record ReportRequest(
            @NotNull ReportStatus status,
            @NotBlank @Size(max = 4000) @Schema(examples = "家族に連絡し、短期入所先2か所の見学を調整中") String body) {
    }

    @Schema(name = "ProgressReport", description = "A progress report the sender can read")
    public record ReportView(@Schema(required = true) long id, @Schema(required = true) ReportStatus status, @Schema(required = true) String statusLabelJa, @Schema(required = true) String body, @Schema(required = true) String author, String unitCode, @Schema(required = true) Instant createdAt) {
    }
}
