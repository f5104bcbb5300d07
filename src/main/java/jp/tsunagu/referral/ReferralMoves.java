package jp.tsunagu.referral;

import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of a referral move as the contract shows it: one shape per action, told apart by {@code action}, each with
 * the fields that action needs ({@link ReferralTransitions.Requirement}) marked required, so that a generated client
 * cannot build {@code {"action":"COMPLETE"}}. The service binds the union of these shapes
 * ({@link ReferralViews.TransitionRequest}) and the state machine checks the requirement of the move it finds, so a
 * body that skips the contract still gets 400 (or 409 when the state does not allow the move at all).
 */
@Schema(name = "ReferralTransitionRequest", description = "One move of the state machine; `action` says which, and which fields it needs.",
        oneOf = { ReferralMoves.Accept.class, ReferralMoves.Decline.class, ReferralMoves.Cancel.class, ReferralMoves.Start.class,
                ReferralMoves.Complete.class, ReferralMoves.Fail.class, ReferralMoves.ConfirmClosure.class, ReferralMoves.Reopen.class },
        discriminatorProperty = "action",
        discriminatorMapping = {
                @DiscriminatorMapping(value = "ACCEPT", schema = ReferralMoves.Accept.class),
                @DiscriminatorMapping(value = "DECLINE", schema = ReferralMoves.Decline.class),
                @DiscriminatorMapping(value = "CANCEL", schema = ReferralMoves.Cancel.class),
                @DiscriminatorMapping(value = "START", schema = ReferralMoves.Start.class),
                @DiscriminatorMapping(value = "COMPLETE", schema = ReferralMoves.Complete.class),
                @DiscriminatorMapping(value = "FAIL", schema = ReferralMoves.Fail.class),
                @DiscriminatorMapping(value = "CONFIRM_CLOSURE", schema = ReferralMoves.ConfirmClosure.class),
                @DiscriminatorMapping(value = "REOPEN", schema = ReferralMoves.Reopen.class) })
public interface ReferralMoves {

    String TEXT = "up to 2000 characters";

    @Schema(name = "ReferralAccept", description = "受諾: the receiver takes the referral on (a TRANSFER's case moves to it)")
    record Accept(@Schema(required = true, enumeration = "ACCEPT") String action) {
    }

    @Schema(name = "ReferralDecline", description = "辞退: the receiver declines, with a reason")
    record Decline(@Schema(required = true, enumeration = "DECLINE") String action,
            @Schema(required = true) ReasonCode reasonCode,
            @Schema(required = true, minLength = 1, maxLength = 2000, description = TEXT) String reasonText) {
    }

    @Schema(name = "ReferralCancel", description = "取消: the sender withdraws the referral, with a reason")
    record Cancel(@Schema(required = true, enumeration = "CANCEL") String action,
            @Schema(required = true) ReasonCode reasonCode,
            @Schema(required = true, minLength = 1, maxLength = 2000, description = TEXT) String reasonText) {
    }

    @Schema(name = "ReferralStart", description = "対応開始: the receiver starts work on an accepted referral")
    record Start(@Schema(required = true, enumeration = "START") String action) {
    }

    @Schema(name = "ReferralComplete", description = "完了報告: the receiver reports completion with an outcome")
    record Complete(@Schema(required = true, enumeration = "COMPLETE") String action,
            @Schema(required = true) OutcomeCode outcomeCode,
            @Schema(maxLength = 2000, description = TEXT) String outcomeText) {
    }

    @Schema(name = "ReferralFail", description = "不成立報告: the receiver reports that it could not be done, with an outcome and why")
    record Fail(@Schema(required = true, enumeration = "FAIL") String action,
            @Schema(required = true) OutcomeCode outcomeCode,
            @Schema(required = true, minLength = 1, maxLength = 2000, description = TEXT) String outcomeText) {
    }

    @Schema(name = "ReferralConfirmClosure", description = "終結確認: the sender confirms the closure the receiver reported")
    record ConfirmClosure(@Schema(required = true, enumeration = "CONFIRM_CLOSURE") String action) {
    }

    @Schema(name = "ReferralReopen", description = "再開: the sender reopens a completed referral with a question")
    record Reopen(@Schema(required = true, enumeration = "REOPEN") String action,
            @Schema(required = true, minLength = 1, maxLength = 2000, description = TEXT) String question) {
    }
}
