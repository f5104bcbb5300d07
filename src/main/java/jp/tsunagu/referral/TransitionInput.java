package jp.tsunagu.referral;

/**
 * What the caller sent along with an action. One shape for every action so that an endpoint can bind
 * a single request body; {@link ReferralTransitions} decides which parts the action needs and ignores
 * the rest.
 */
public record TransitionInput(ReasonCode reasonCode, String reasonText, OutcomeCode outcomeCode, String outcomeText,
        String question) {

    private static final TransitionInput NONE = new TransitionInput(null, null, null, null, null);

    public static TransitionInput none() {
        return NONE;
    }

    /** For DECLINE and CANCEL. */
    public static TransitionInput reason(ReasonCode code, String text) {
        return new TransitionInput(code, text, null, null, null);
    }

    /** For COMPLETE and FAIL. */
    public static TransitionInput outcome(OutcomeCode code, String text) {
        return new TransitionInput(null, null, code, text, null);
    }

    /** For REOPEN. */
    public static TransitionInput question(String text) {
        return new TransitionInput(null, null, null, null, text);
    }
}
