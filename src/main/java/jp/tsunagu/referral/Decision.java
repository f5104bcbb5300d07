package jp.tsunagu.referral;

import java.util.List;
import java.util.Objects;

/** The answer of {@link ReferralTransitions#decide}; switch over it to handle both outcomes. */
public sealed interface Decision permits Decision.Allowed, Decision.Rejected {

    record Allowed(ReferralState next) implements Decision {
        public Allowed {
            Objects.requireNonNull(next, "next");
        }
    }

    /**
     * @param allowedForCaller what this caller could do instead right now, so that a client can offer
     *                         the right buttons without asking again; empty when the role rules them out
     */
    record Rejected(Rejection why, String message, List<ReferralAction> allowedForCaller) implements Decision {
        public Rejected {
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(message, "message");
            allowedForCaller = List.copyOf(allowedForCaller);
        }
    }
}
