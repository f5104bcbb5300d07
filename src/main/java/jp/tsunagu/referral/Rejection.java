package jp.tsunagu.referral;

/**
 * Why {@link ReferralTransitions#decide} said no. Listed in the order the checks run, so a caller
 * who is wrong in several ways hears about the most fundamental problem first.
 */
public enum Rejection {
    /** None of the caller's roles is a staff role; nothing else was looked at. */
    ROLE_NOT_ALLOWED,
    /** The current state has no such action for anybody. */
    ILLEGAL_TRANSITION,
    /** The action exists from this state, but belongs to the other side (e.g. the sender accepting). */
    NOT_YOUR_TURN,
    /** DECLINE or CANCEL without a reason code or with blank reason text. */
    MISSING_REASON,
    /** COMPLETE without an outcome code, or FAIL without an outcome code or with blank outcome text. */
    MISSING_OUTCOME,
    /** REOPEN with a blank question. */
    MISSING_QUESTION
}
