package jp.tsunagu.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** What each move does to the referral besides its state, as the table says (no server). */
class ReferralEffectsTest {

    static final Instant NOW = Instant.parse("2025-06-02T01:00:00Z");

    static Referral in(ReferralState state, ReferralKind kind) {
        Referral r = new Referral();
        r.state = state;
        r.kind = kind;
        return r;
    }

    @Test
    void acceptingAnswersAndOnlyATransfersAcceptanceHandsTheCaseOver() {
        Referral r = in(ReferralState.REQUESTED, ReferralKind.TRANSFER);
        ReferralTransitions.Effect effect = ReferralTransitions.apply(r, ReferralAction.ACCEPT, null, NOW);
        assertEquals(ReferralState.ACCEPTED, r.state);
        assertEquals(NOW, r.answeredAt);
        assertEquals(NOW, r.acceptedAt);
        assertNull(r.endedAt);
        assertTrue(effect.movesOwnership(ReferralKind.TRANSFER));
        assertFalse(effect.movesOwnership(ReferralKind.ESCALATION));
        assertFalse(effect.movesOwnership(ReferralKind.CONSULT));
    }

    @Test
    void decliningAnswersAndEndsWithTheReason() {
        Referral r = in(ReferralState.REQUESTED, ReferralKind.ESCALATION);
        ReferralTransitions.apply(r, ReferralAction.DECLINE, TransitionInput.reason(ReasonCode.OUT_OF_AREA, " 圏域外 "), NOW);
        assertEquals(ReferralState.DECLINED, r.state);
        assertEquals(NOW, r.answeredAt);
        assertEquals(NOW, r.endedAt);
        assertEquals(ReasonCode.OUT_OF_AREA, r.reasonCode);
        assertEquals("圏域外", r.reasonText);
    }

    @Test
    void cancellingEndsWithoutAnAnswer() {
        Referral r = in(ReferralState.ACCEPTED, ReferralKind.ESCALATION);
        ReferralTransitions.apply(r, ReferralAction.CANCEL, TransitionInput.reason(ReasonCode.FAMILY_WITHDREW, "取り下げ"), NOW);
        assertEquals(ReferralState.CANCELLED, r.state);
        assertNull(r.answeredAt);
        assertEquals(NOW, r.endedAt);
    }

    @Test
    void completingEndsWithTheOutcomeAndReopeningRunsAgain() {
        Referral r = in(ReferralState.IN_PROGRESS, ReferralKind.ESCALATION);
        ReferralTransitions.apply(r, ReferralAction.COMPLETE, TransitionInput.outcome(OutcomeCode.SERVICE_ARRANGED, null), NOW);
        assertEquals(ReferralState.COMPLETED, r.state);
        assertEquals(NOW, r.endedAt);
        assertEquals(OutcomeCode.SERVICE_ARRANGED, r.outcomeCode);
        ReferralTransitions.apply(r, ReferralAction.REOPEN, TransitionInput.question("追加の確認"), NOW);
        assertEquals(ReferralState.IN_PROGRESS, r.state);
        assertNull(r.endedAt);
    }

    @Test
    void aMoveTheTableDoesNotHaveIsNotApplied() {
        Referral r = in(ReferralState.CLOSED, ReferralKind.ESCALATION);
        assertThrows(IllegalStateException.class, () -> ReferralTransitions.apply(r, ReferralAction.ACCEPT, null, NOW));
        assertEquals(ReferralState.CLOSED, r.state);
    }

    @Test
    void reportsAreTakenWhileTheReceiverWorksOnIt() {
        assertEquals(java.util.Set.of(ReferralState.ACCEPTED, ReferralState.IN_PROGRESS), ReferralTransitions.REPORTING);
    }
}
