package jp.tsunagu.referral;

import static jp.tsunagu.referral.Party.RECEIVER;
import static jp.tsunagu.referral.Party.SENDER;
import static jp.tsunagu.referral.ReferralAction.ACCEPT;
import static jp.tsunagu.referral.ReferralAction.CANCEL;
import static jp.tsunagu.referral.ReferralAction.COMPLETE;
import static jp.tsunagu.referral.ReferralAction.CONFIRM_CLOSURE;
import static jp.tsunagu.referral.ReferralAction.DECLINE;
import static jp.tsunagu.referral.ReferralAction.FAIL;
import static jp.tsunagu.referral.ReferralAction.REOPEN;
import static jp.tsunagu.referral.ReferralAction.START;
import static jp.tsunagu.referral.ReferralState.ACCEPTED;
import static jp.tsunagu.referral.ReferralState.CANCELLED;
import static jp.tsunagu.referral.ReferralState.CLOSED;
import static jp.tsunagu.referral.ReferralState.COMPLETED;
import static jp.tsunagu.referral.ReferralState.DECLINED;
import static jp.tsunagu.referral.ReferralState.FAILED;
import static jp.tsunagu.referral.ReferralState.IN_PROGRESS;
import static jp.tsunagu.referral.ReferralState.REQUESTED;
import static jp.tsunagu.referral.ReferralTransitions.Requirement.NONE;
import static jp.tsunagu.referral.ReferralTransitions.Requirement.OUTCOME_CODE;
import static jp.tsunagu.referral.ReferralTransitions.Requirement.OUTCOME_CODE_AND_TEXT;
import static jp.tsunagu.referral.ReferralTransitions.Requirement.QUESTION;
import static jp.tsunagu.referral.ReferralTransitions.Requirement.REASON;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import jp.tsunagu.common.security.Roles;
import jp.tsunagu.referral.Decision.Allowed;
import jp.tsunagu.referral.Decision.Rejected;

/**
 * The whole referral state machine (aligned with FHIR Task.status). Everything that decides whether a
 * referral may move lives in {@link #TABLE}; services, the API and the docs ask here instead of
 * keeping their own copies.
 */
public final class ReferralTransitions {

    /** Every allowed move. Anything not listed is illegal. At most one row per (from, action). */
    private static final List<Transition> TABLE = List.of(
            //             from         action           by        requires               to           effect on the referral
            new Transition(REQUESTED,   ACCEPT,          RECEIVER, NONE,                  ACCEPTED,    Effect.ANSWERED_YES),
            new Transition(REQUESTED,   DECLINE,         RECEIVER, REASON,                DECLINED,    Effect.ANSWERED_NO),
            new Transition(REQUESTED,   CANCEL,          SENDER,   REASON,                CANCELLED,   Effect.ENDED_WITH_REASON),
            new Transition(ACCEPTED,    START,           RECEIVER, NONE,                  IN_PROGRESS, Effect.NONE),
            new Transition(ACCEPTED,    CANCEL,          SENDER,   REASON,                CANCELLED,   Effect.ENDED_WITH_REASON),
            new Transition(IN_PROGRESS, COMPLETE,        RECEIVER, OUTCOME_CODE,          COMPLETED,   Effect.ENDED_WITH_OUTCOME),
            new Transition(IN_PROGRESS, FAIL,            RECEIVER, OUTCOME_CODE_AND_TEXT, FAILED,      Effect.ENDED_WITH_OUTCOME),
            new Transition(IN_PROGRESS, CANCEL,          SENDER,   REASON,                CANCELLED,   Effect.ENDED_WITH_REASON),
            new Transition(COMPLETED,   CONFIRM_CLOSURE, SENDER,   NONE,                  CLOSED,      Effect.NONE),
            new Transition(COMPLETED,   REOPEN,          SENDER,   QUESTION,              IN_PROGRESS, Effect.REOPENED));

    /** States in which the receiver posts progress reports (経過報告). */
    public static final Set<ReferralState> REPORTING = Set.of(ACCEPTED, IN_PROGRESS);

    /**
     * What a move does to the referral beside its state: the timestamps, the reason or outcome it records, and
     * whether it hands the case over (a TRANSFER's acceptance moves the consultation's ownership to the receiver;
     * the service does that part, because it touches the consultation).
     */
    public enum Effect {
        /** Answered and accepted. */
        ANSWERED_YES,
        /** Answered and declined: ended, with the reason. */
        ANSWERED_NO,
        /** Ended by the sender, with the reason. */
        ENDED_WITH_REASON,
        /** Ended by the receiver, with the outcome. */
        ENDED_WITH_OUTCOME,
        /** Running again after a completion. */
        REOPENED,
        NONE;

        void apply(Referral ref, TransitionInput in, java.time.Instant now) {
            switch (this) {
                case ANSWERED_YES -> {
                    ref.answeredAt = now;
                    ref.acceptedAt = now;
                }
                case ANSWERED_NO, ENDED_WITH_REASON -> {
                    if (this == ANSWERED_NO) {
                        ref.answeredAt = now;
                    }
                    ref.endedAt = now;
                    ref.reasonCode = in.reasonCode();
                    ref.reasonText = in.reasonText().strip();
                }
                case ENDED_WITH_OUTCOME -> {
                    ref.endedAt = now;
                    ref.outcomeCode = in.outcomeCode();
                    ref.outcomeText = in.outcomeText() == null ? null : in.outcomeText().strip();
                }
                case REOPENED -> ref.endedAt = null;
                case NONE -> {
                }
            }
        }

        /** Whether this move hands the case to the receiver. */
        public boolean movesOwnership(ReferralKind kind) {
            return this == ANSWERED_YES && kind == ReferralKind.TRANSFER;
        }

        /** The free text of the move, for its history row. */
        String text(TransitionInput in) {
            return switch (this) {
                case ANSWERED_NO, ENDED_WITH_REASON -> in.reasonText();
                case ENDED_WITH_OUTCOME -> in.outcomeText();
                case REOPENED -> in.question();
                case ANSWERED_YES, NONE -> null;
            };
        }

        /** The reason or outcome code of the move, for its history row. */
        String code(TransitionInput in) {
            return in.reasonCode() != null ? in.reasonCode().name() : in.outcomeCode() != null ? in.outcomeCode().name() : null;
        }
    }

    /**
     * The only roles that may move a referral at all. Which side of it the caller is on is a separate
     * question ({@link Party}); analysts, auditors and partner systems read but never act.
     */
    public static final Set<String> STAFF_ROLES = Set.of(
            Roles.CENTER_ADMIN, Roles.CENTER_STAFF, Roles.BRANCH_STAFF, Roles.MUNICIPAL_COORDINATOR);

    public record Transition(ReferralState from, ReferralAction action, Party by, Requirement requires,
            ReferralState to, Effect effect) {
    }

    /**
     * Applies an allowed move to the referral: its state and its effect. Call after {@link #decide} allowed it;
     * returns the effect, so the caller can do the part outside the referral (ownership).
     */
    static Effect apply(Referral ref, ReferralAction action, TransitionInput input, java.time.Instant now) {
        Transition t = BY_STATE.getOrDefault(ref.state, Map.of()).get(action);
        if (t == null) {
            throw new IllegalStateException(action + " is not allowed from " + ref.state + "; decide first");
        }
        ref.state = t.to();
        t.effect().apply(ref, input == null ? TransitionInput.none() : input, now);
        return t.effect();
    }

    /** What an action must carry in its {@link TransitionInput}. */
    public enum Requirement {
        NONE(null, ""),
        REASON(Rejection.MISSING_REASON, "reason code + text"),
        OUTCOME_CODE(Rejection.MISSING_OUTCOME, "outcome code"),
        OUTCOME_CODE_AND_TEXT(Rejection.MISSING_OUTCOME, "outcome code + text"),
        QUESTION(Rejection.MISSING_QUESTION, "question");

        private final Rejection whenMissing;
        private final String summary;

        Requirement(Rejection whenMissing, String summary) {
            this.whenMissing = whenMissing;
            this.summary = summary;
        }

        /** Short enough for a diagram edge label; empty for NONE. */
        public String summary() {
            return summary;
        }

        private List<String> missingFrom(TransitionInput in) {
            List<String> missing = new ArrayList<>();
            switch (this) {
                case NONE -> {
                }
                case REASON -> {
                    if (in.reasonCode() == null) missing.add("a reason code");
                    if (blank(in.reasonText())) missing.add("a non-blank reason text");
                }
                case OUTCOME_CODE -> {
                    if (in.outcomeCode() == null) missing.add("an outcome code");
                }
                case OUTCOME_CODE_AND_TEXT -> {
                    if (in.outcomeCode() == null) missing.add("an outcome code");
                    if (blank(in.outcomeText())) missing.add("a non-blank outcome text");
                }
                case QUESTION -> {
                    if (blank(in.question())) missing.add("a non-blank question");
                }
            }
            return missing;
        }
    }

    private static final Map<ReferralState, Map<ReferralAction, Transition>> BY_STATE = index(TABLE);

    private ReferralTransitions() {
    }

    /**
     * Whether {@code party}, holding {@code roles}, may apply {@code action} to a referral in state
     * {@code current}. Checks run role, transition, party, requirements, and the first failure wins:
     * a read-only role learns nothing about the referral, and a missing reason is only worth
     * mentioning once the action itself would be acceptable.
     *
     * @param input may be null for actions that need nothing
     */
    public static Decision decide(ReferralState current, ReferralAction action, Party party, Set<String> roles,
            TransitionInput input) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(roles, "roles");
        TransitionInput in = input == null ? TransitionInput.none() : input;

        if (!isStaff(roles)) {
            return new Rejected(Rejection.ROLE_NOT_ALLOWED,
                    "Role(s) " + describeRoles(roles) + " may not act on referrals; one of "
                            + STAFF_ROLES.stream().sorted().collect(Collectors.joining(", ")) + " is required",
                    List.of());
        }
        List<ReferralAction> forCaller = allowedActions(current, party, roles);
        Transition t = BY_STATE.get(current).get(action);
        if (t == null) {
            return new Rejected(Rejection.ILLEGAL_TRANSITION,
                    current + " cannot be " + pastParticiple(action) + "; allowed now: "
                            + describeActions(allowedActions(current), current),
                    forCaller);
        }
        if (t.by() != party) {
            return new Rejected(Rejection.NOT_YOUR_TURN,
                    "Only the " + lower(t.by()) + " may " + action + " a referral in state " + current
                            + "; the caller is " + describeParty(party) + " (allowed for the caller now: "
                            + describeActions(forCaller, current) + ")",
                    forCaller);
        }
        List<String> missing = t.requires().missingFrom(in);
        if (!missing.isEmpty()) {
            return new Rejected(t.requires().whenMissing,
                    action + " requires " + String.join(" and ", missing), forCaller);
        }
        return new Allowed(t.to());
    }

    /** What this caller may do now, in table order (the forward move first). */
    public static List<ReferralAction> allowedActions(ReferralState state, Party party, Set<String> roles) {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(roles, "roles");
        if (!isStaff(roles)) {
            return List.of();
        }
        return BY_STATE.get(Objects.requireNonNull(state, "state")).values().stream()
                .filter(t -> t.by() == party)
                .map(Transition::action)
                .toList();
    }

    /** What anybody may do now, in table order. Empty exactly for terminal states. */
    public static List<ReferralAction> allowedActions(ReferralState state) {
        return List.copyOf(BY_STATE.get(Objects.requireNonNull(state, "state")).keySet());
    }

    /** The table itself, for documentation and for code that needs to enumerate moves. */
    public static List<Transition> table() {
        return TABLE;
    }

    /**
     * The table as a Mermaid stateDiagram-v2. Edge labels avoid ':' and ';', which would end a Mermaid
     * description early.
     */
    public static String mermaidDiagram() {
        StringBuilder out = new StringBuilder("stateDiagram-v2\n");
        for (ReferralState s : ReferralState.values()) {
            out.append("    ").append(s).append(" : ").append(s.labelJa()).append(" / ").append(s.labelEn())
                    .append('\n');
        }
        out.append("    [*] --> ").append(REQUESTED).append('\n');
        for (Transition t : TABLE) {
            out.append("    ").append(t.from()).append(" --> ").append(t.to()).append(" : ").append(t.action())
                    .append(" by ").append(lower(t.by()));
            if (t.requires() != NONE) {
                out.append(" (").append(t.requires().summary()).append(')');
            }
            out.append('\n');
        }
        for (ReferralState s : ReferralState.values()) {
            if (s.terminal()) {
                out.append("    ").append(s).append(" --> [*]\n");
            }
        }
        return out.toString();
    }

    private static Map<ReferralState, Map<ReferralAction, Transition>> index(List<Transition> table) {
        Map<ReferralState, Map<ReferralAction, Transition>> index = new EnumMap<>(ReferralState.class);
        for (ReferralState s : ReferralState.values()) {
            // LinkedHashMap, not EnumMap: allowed actions are reported in table order.
            index.put(s, new LinkedHashMap<>());
        }
        for (Transition t : table) {
            // Two rows for one (from, action) would make the party check ambiguous; fail at class load.
            if (index.get(t.from()).putIfAbsent(t.action(), t) != null) {
                throw new IllegalStateException("Duplicate transition " + t.from() + " --" + t.action() + "-->");
            }
            if (t.from().terminal()) {
                throw new IllegalStateException("Transition out of terminal state " + t.from());
            }
        }
        return index;
    }

    private static boolean isStaff(Set<String> roles) {
        // Asking roles.contains(staffRole), not STAFF_ROLES.contains(role): Set.of rejects null lookups.
        return STAFF_ROLES.stream().anyMatch(roles::contains);
    }

    private static boolean blank(String s) {
        // isBlank also treats the full-width space U+3000 as blank, which Japanese input produces.
        return s == null || s.isBlank();
    }

    private static String describeRoles(Set<String> roles) {
        List<String> sorted = roles.stream().filter(Objects::nonNull).sorted().toList();
        return sorted.isEmpty() ? "(none)" : String.join(", ", sorted);
    }

    private static String describeActions(List<ReferralAction> actions, ReferralState state) {
        if (!actions.isEmpty()) {
            return actions.stream().map(Enum::name).collect(Collectors.joining(", "));
        }
        return state.terminal() ? "none (" + state + " is final)" : "none";
    }

    private static String describeParty(Party party) {
        return switch (party) {
            case SENDER -> "the sender";
            case RECEIVER -> "the receiver";
            case OTHER -> "neither its sender nor its receiver";
        };
    }

    private static String pastParticiple(ReferralAction action) {
        return switch (action) {
            case ACCEPT -> "accepted";
            case DECLINE -> "declined";
            case CANCEL -> "cancelled";
            case START -> "started";
            case COMPLETE -> "completed";
            case FAIL -> "marked failed";
            case CONFIRM_CLOSURE -> "confirmed closed";
            case REOPEN -> "reopened";
        };
    }

    private static String lower(Party party) {
        return party.name().toLowerCase(Locale.ROOT);
    }
}
