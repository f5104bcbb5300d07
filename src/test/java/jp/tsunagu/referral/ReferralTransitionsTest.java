package jp.tsunagu.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import jp.tsunagu.referral.Decision.Allowed;
import jp.tsunagu.referral.Decision.Rejected;

class ReferralTransitionsTest {

    /*
     * The expected state machine, typed in from the specification on purpose instead of read from
     * ReferralTransitions.table(): a wrong row in production must make these tests fail, not agree.
     * Columns: from, action, party allowed to act, next state, what the input must contain.
     */
    private static final String EXPECTED_TABLE = """
            REQUESTED    ACCEPT           RECEIVER  ACCEPTED     -
            REQUESTED    DECLINE          RECEIVER  DECLINED     reason
            REQUESTED    CANCEL           SENDER    CANCELLED    reason
            ACCEPTED     START            RECEIVER  IN_PROGRESS  -
            ACCEPTED     CANCEL           SENDER    CANCELLED    reason
            IN_PROGRESS  COMPLETE         RECEIVER  COMPLETED    outcome
            IN_PROGRESS  FAIL             RECEIVER  FAILED       outcome+text
            IN_PROGRESS  CANCEL           SENDER    CANCELLED    reason
            COMPLETED    CONFIRM_CLOSURE  SENDER    CLOSED       -
            COMPLETED    REOPEN           SENDER    IN_PROGRESS  question
            """;

    private static final List<String> STAFF_ROLES =
            List.of("center-admin", "center-staff", "branch-staff", "municipal-coordinator");
    private static final List<String> ALL_ROLES = List.of(
            "center-admin", "center-staff", "branch-staff", "municipal-coordinator", "analyst", "auditor",
            "partner-system");

    private record Row(ReferralState from, ReferralAction action, Party by, ReferralState to, String needs) {
    }

    private static final List<Row> ROWS = EXPECTED_TABLE.lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .map(l -> l.split("\\s+"))
            .map(c -> new Row(ReferralState.valueOf(c[0]), ReferralAction.valueOf(c[1]), Party.valueOf(c[2]),
                    ReferralState.valueOf(c[3]), c[4]))
            .toList();

    /** Satisfies every requirement, so the exhaustive test sees the table alone. */
    private static final TransitionInput EVERYTHING = new TransitionInput(
            ReasonCode.OUT_OF_AREA, "対象地域外のため", OutcomeCode.SERVICE_ARRANGED, "訪問看護を調整", "主治医の意見は？");

    /** What the test expects: exactly one of next / why is set. */
    private record Expected(ReferralState next, Rejection why) {
    }

    private static Row row(ReferralState state, ReferralAction action) {
        return ROWS.stream().filter(r -> r.from() == state && r.action() == action).findFirst().orElse(null);
    }

    private static Expected expected(ReferralState state, ReferralAction action, Party party, String role,
            boolean inputComplete) {
        if (!STAFF_ROLES.contains(role)) {
            return new Expected(null, Rejection.ROLE_NOT_ALLOWED);
        }
        Row row = row(state, action);
        if (row == null) {
            return new Expected(null, Rejection.ILLEGAL_TRANSITION);
        }
        if (row.by() != party) {
            return new Expected(null, Rejection.NOT_YOUR_TURN);
        }
        if (!inputComplete) {
            switch (row.needs()) {
                case "reason":
                    return new Expected(null, Rejection.MISSING_REASON);
                case "outcome", "outcome+text":
                    return new Expected(null, Rejection.MISSING_OUTCOME);
                case "question":
                    return new Expected(null, Rejection.MISSING_QUESTION);
                default:
                    break;
            }
        }
        return new Expected(row.to(), null);
    }

    private static List<ReferralAction> expectedAllowed(ReferralState state, Party party, String role) {
        if (!STAFF_ROLES.contains(role)) {
            return List.of();
        }
        return ROWS.stream().filter(r -> r.from() == state && r.by() == party).map(Row::action).toList();
    }

    static Stream<Arguments> everyCombination() {
        List<Arguments> all = new ArrayList<>();
        for (ReferralState state : ReferralState.values()) {
            for (ReferralAction action : ReferralAction.values()) {
                for (Party party : Party.values()) {
                    for (String role : ALL_ROLES) {
                        all.add(Arguments.of(state, action, party, role));
                    }
                }
            }
        }
        return all.stream();
    }

    @Test
    void everyCombinationIsCovered() {
        List<Arguments> all = everyCombination().toList();
        assertEquals(8 * 8 * 3 * 7, all.size());
        assertEquals(1344, all.size());

        Map<String, Long> byOutcome = all.stream()
                .map(Arguments::get)
                .map(a -> expected((ReferralState) a[0], (ReferralAction) a[1], (Party) a[2], (String) a[3], true))
                .collect(Collectors.groupingBy(e -> e.next() != null ? "ALLOWED" : e.why().name(),
                        Collectors.counting()));
        // 10 transitions x 4 staff roles; each transition refused to the 2 other parties; the remaining
        // 54 (state, action) pairs x 3 parties x 4 staff roles; every combination of the 3 read-only roles.
        assertEquals(Map.of("ALLOWED", 40L, "NOT_YOUR_TURN", 80L, "ILLEGAL_TRANSITION", 648L, "ROLE_NOT_ALLOWED", 576L),
                byOutcome);
    }

    @ParameterizedTest(name = "{0} {1} by {2} as {3}")
    @MethodSource("everyCombination")
    void decidesEveryCombination(ReferralState state, ReferralAction action, Party party, String role) {
        Set<String> roles = Set.of(role);

        assertDecision(expected(state, action, party, role, true), state, party, role,
                ReferralTransitions.decide(state, action, party, roles, EVERYTHING));
        // Without input the requirements are reached only where everything else would allow the move.
        Expected bare = expected(state, action, party, role, false);
        assertDecision(bare, state, party, role,
                ReferralTransitions.decide(state, action, party, roles, TransitionInput.none()));
        assertDecision(bare, state, party, role, ReferralTransitions.decide(state, action, party, roles, null));
    }

    private static void assertDecision(Expected expected, ReferralState state, Party party, String role,
            Decision actual) {
        if (expected.next() != null) {
            assertEquals(new Allowed(expected.next()), actual);
            return;
        }
        Rejected rejected = assertInstanceOf(Rejected.class, actual);
        assertEquals(expected.why(), rejected.why(), rejected.message());
        assertFalse(rejected.message().isBlank());
        assertEquals(expectedAllowed(state, party, role), rejected.allowedForCaller());
    }

    @ParameterizedTest
    @MethodSource("statePartyRole")
    void allowedActionsForCaller(ReferralState state, Party party, String role) {
        assertEquals(expectedAllowed(state, party, role),
                ReferralTransitions.allowedActions(state, party, Set.of(role)));
    }

    static Stream<Arguments> statePartyRole() {
        return Arrays.stream(ReferralState.values()).flatMap(s -> Arrays.stream(Party.values())
                .flatMap(p -> ALL_ROLES.stream().map(r -> Arguments.of(s, p, r))));
    }

    @ParameterizedTest
    @EnumSource(ReferralState.class)
    void allowedActionsForAnyParty(ReferralState state) {
        List<ReferralAction> expected = ROWS.stream().filter(r -> r.from() == state).map(Row::action).toList();
        assertEquals(expected, ReferralTransitions.allowedActions(state));
        assertEquals(state.terminal(), expected.isEmpty(), "terminal states and only those have no way out");
    }

    @Test
    void otherPartyMayNeverAct() {
        for (ReferralState state : ReferralState.values()) {
            assertEquals(List.of(), ReferralTransitions.allowedActions(state, Party.OTHER, Set.of("center-admin")));
        }
    }

    // --- roles -------------------------------------------------------------------------------

    @Test
    void oneStaffRoleAmongOthersIsEnough() {
        assertEquals(new Allowed(ReferralState.ACCEPTED), ReferralTransitions.decide(ReferralState.REQUESTED,
                ReferralAction.ACCEPT, Party.RECEIVER, Set.of("analyst", "auditor", "branch-staff"), null));
        Set<String> withNull = new HashSet<>(Arrays.asList(null, "municipal-coordinator"));
        assertEquals(new Allowed(ReferralState.ACCEPTED), ReferralTransitions.decide(ReferralState.REQUESTED,
                ReferralAction.ACCEPT, Party.RECEIVER, withNull, null));
    }

    @ParameterizedTest
    @MethodSource("nonStaffRoleSets")
    void nonStaffRoleSetsAreRefusedFirst(Set<String> roles) {
        // CLOSED + ACCEPT is also illegal, but the role check comes first.
        Rejected r = assertInstanceOf(Rejected.class, ReferralTransitions.decide(ReferralState.CLOSED,
                ReferralAction.ACCEPT, Party.SENDER, roles, null));
        assertEquals(Rejection.ROLE_NOT_ALLOWED, r.why());
        assertEquals(List.of(), r.allowedForCaller());
        assertTrue(r.message().contains("center-staff"), r.message());
    }

    static Stream<Set<String>> nonStaffRoleSets() {
        return Stream.of(Set.of(), Set.of("analyst", "auditor", "partner-system"), Set.of("Center-Staff"),
                Set.of("center_staff"), Set.of("admin"));
    }

    // --- requirements ------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("reasonActions")
    void declineAndCancelNeedReasonCodeAndText(ReferralState state, ReferralAction action, Party party,
            ReferralState next) {
        Function<TransitionInput, Decision> decide =
                in -> ReferralTransitions.decide(state, action, party, Set.of("center-staff"), in);

        assertRejected(Rejection.MISSING_REASON, decide.apply(TransitionInput.reason(null, "重複のため")));
        assertRejected(Rejection.MISSING_REASON, decide.apply(TransitionInput.reason(ReasonCode.DUPLICATE, null)));
        assertRejected(Rejection.MISSING_REASON, decide.apply(TransitionInput.reason(ReasonCode.DUPLICATE, "")));
        assertRejected(Rejection.MISSING_REASON, decide.apply(TransitionInput.reason(ReasonCode.DUPLICATE, " \t\n")));
        assertRejected(Rejection.MISSING_REASON, decide.apply(TransitionInput.reason(ReasonCode.DUPLICATE, "\u3000")));
        assertRejected(Rejection.MISSING_REASON, decide.apply(TransitionInput.reason(null, null)));
        // An outcome is no substitute for a reason.
        assertRejected(Rejection.MISSING_REASON, decide.apply(TransitionInput.outcome(OutcomeCode.OTHER, "x")));

        assertEquals(new Allowed(next), decide.apply(TransitionInput.reason(ReasonCode.DUPLICATE, "重複のため")));
    }

    static Stream<Arguments> reasonActions() {
        return Stream.of(
                Arguments.of(ReferralState.REQUESTED, ReferralAction.DECLINE, Party.RECEIVER, ReferralState.DECLINED),
                Arguments.of(ReferralState.REQUESTED, ReferralAction.CANCEL, Party.SENDER, ReferralState.CANCELLED),
                Arguments.of(ReferralState.ACCEPTED, ReferralAction.CANCEL, Party.SENDER, ReferralState.CANCELLED),
                Arguments.of(ReferralState.IN_PROGRESS, ReferralAction.CANCEL, Party.SENDER, ReferralState.CANCELLED));
    }

    @Test
    void reasonMessageNamesWhatIsMissing() {
        Rejected r = assertInstanceOf(Rejected.class, ReferralTransitions.decide(ReferralState.REQUESTED,
                ReferralAction.DECLINE, Party.RECEIVER, Set.of("branch-staff"),
                TransitionInput.reason(ReasonCode.NO_CAPACITY, "  ")));
        assertEquals("DECLINE requires a non-blank reason text", r.message());
        assertEquals(List.of(ReferralAction.ACCEPT, ReferralAction.DECLINE), r.allowedForCaller());
    }

    @Test
    void completeNeedsOutcomeCodeButNoText() {
        Function<TransitionInput, Decision> complete = in -> ReferralTransitions.decide(ReferralState.IN_PROGRESS,
                ReferralAction.COMPLETE, Party.RECEIVER, Set.of("municipal-coordinator"), in);

        assertRejected(Rejection.MISSING_OUTCOME, complete.apply(TransitionInput.none()));
        assertRejected(Rejection.MISSING_OUTCOME, complete.apply(TransitionInput.outcome(null, "調整済み")));
        assertEquals(new Allowed(ReferralState.COMPLETED),
                complete.apply(TransitionInput.outcome(OutcomeCode.INFORMATION_PROVIDED, null)));
        assertEquals(new Allowed(ReferralState.COMPLETED),
                complete.apply(TransitionInput.outcome(OutcomeCode.INFORMATION_PROVIDED, " ")));
    }

    @Test
    void failNeedsOutcomeCodeAndText() {
        Function<TransitionInput, Decision> fail = in -> ReferralTransitions.decide(ReferralState.IN_PROGRESS,
                ReferralAction.FAIL, Party.RECEIVER, Set.of("center-admin"), in);

        assertRejected(Rejection.MISSING_OUTCOME, fail.apply(TransitionInput.none()));
        assertRejected(Rejection.MISSING_OUTCOME, fail.apply(TransitionInput.outcome(null, "連絡不通が続いた")));
        assertRejected(Rejection.MISSING_OUTCOME, fail.apply(TransitionInput.outcome(OutcomeCode.UNREACHABLE, null)));
        assertRejected(Rejection.MISSING_OUTCOME, fail.apply(TransitionInput.outcome(OutcomeCode.UNREACHABLE, "   ")));
        assertRejected(Rejection.MISSING_OUTCOME, fail.apply(TransitionInput.outcome(OutcomeCode.UNREACHABLE, "\u3000")));
        assertEquals(new Allowed(ReferralState.FAILED),
                fail.apply(TransitionInput.outcome(OutcomeCode.UNREACHABLE, "3週間連絡が取れない")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "\u3000"})
    void reopenNeedsQuestion(String blank) {
        Function<TransitionInput, Decision> reopen = in -> ReferralTransitions.decide(ReferralState.COMPLETED,
                ReferralAction.REOPEN, Party.SENDER, Set.of("center-staff"), in);

        assertRejected(Rejection.MISSING_QUESTION, reopen.apply(TransitionInput.question(blank)));
        assertRejected(Rejection.MISSING_QUESTION, reopen.apply(TransitionInput.none()));
        assertEquals(new Allowed(ReferralState.IN_PROGRESS),
                reopen.apply(TransitionInput.question("訪問看護の開始日は決まりましたか？")));
    }

    @Test
    void requirementsAreOnlyCheckedForTheRightParty() {
        // The sender cannot decline even with a perfect reason: the turn check comes first.
        assertRejected(Rejection.NOT_YOUR_TURN, ReferralTransitions.decide(ReferralState.REQUESTED,
                ReferralAction.DECLINE, Party.SENDER, Set.of("center-staff"), TransitionInput.none()));
    }

    // --- messages ----------------------------------------------------------------------------

    @Test
    void illegalTransitionMessageListsWhatIsAllowed() {
        Rejected r = assertInstanceOf(Rejected.class, ReferralTransitions.decide(ReferralState.ACCEPTED,
                ReferralAction.DECLINE, Party.RECEIVER, Set.of("center-staff"), null));
        assertEquals("ACCEPTED cannot be declined; allowed now: START, CANCEL", r.message());
        assertEquals(List.of(ReferralAction.START), r.allowedForCaller());

        Rejected terminal = assertInstanceOf(Rejected.class, ReferralTransitions.decide(ReferralState.CLOSED,
                ReferralAction.REOPEN, Party.SENDER, Set.of("center-staff"), null));
        assertEquals("CLOSED cannot be reopened; allowed now: none (CLOSED is final)", terminal.message());
    }

    @Test
    void notYourTurnMessageNamesTheRightParty() {
        Rejected r = assertInstanceOf(Rejected.class, ReferralTransitions.decide(ReferralState.REQUESTED,
                ReferralAction.ACCEPT, Party.SENDER, Set.of("center-staff"), null));
        assertEquals("Only the receiver may ACCEPT a referral in state REQUESTED; the caller is the sender"
                + " (allowed for the caller now: CANCEL)", r.message());
    }

    private static void assertRejected(Rejection why, Decision decision) {
        Rejected r = assertInstanceOf(Rejected.class, decision);
        assertEquals(why, r.why(), r.message());
    }

    // --- diagram -----------------------------------------------------------------------------

    @Test
    void mermaidShowsEveryTransition() {
        String mermaid = ReferralTransitions.mermaidDiagram();
        List<String> lines = mermaid.lines().map(String::strip).toList();
        assertEquals("stateDiagram-v2", lines.get(0));
        assertTrue(lines.contains("[*] --> REQUESTED"), mermaid);

        for (Row row : ROWS) {
            String edge = row.from() + " --> " + row.to() + " : " + row.action() + " by "
                    + row.by().name().toLowerCase();
            assertEquals(1, lines.stream().filter(l -> l.startsWith(edge)).count(), "missing " + edge + " in\n" + mermaid);
        }
        List<String> edges = lines.stream().filter(l -> l.contains(" --> ") && !l.contains("[*]")).toList();
        assertEquals(ROWS.size(), edges.size(), mermaid);

        Set<ReferralState> endStates = EnumSet.noneOf(ReferralState.class);
        lines.stream().filter(l -> l.endsWith(" --> [*]"))
                .forEach(l -> endStates.add(ReferralState.valueOf(l.substring(0, l.indexOf(' ')))));
        assertEquals(EnumSet.of(ReferralState.DECLINED, ReferralState.CANCELLED, ReferralState.FAILED,
                ReferralState.CLOSED), endStates);

        // Mermaid ends a description at ':' or ';', so labels must not contain them.
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(" : ");
            if (colon >= 0) {
                String label = line.substring(colon + 3);
                assertFalse(label.contains(":") || label.contains(";"), line);
            }
        }
    }

    // --- enums -------------------------------------------------------------------------------

    @Test
    void stateFlagsAndLabels() {
        assertEquals(EnumSet.of(ReferralState.DECLINED, ReferralState.CANCELLED, ReferralState.FAILED,
                ReferralState.CLOSED), states(ReferralState::terminal));
        assertEquals(EnumSet.of(ReferralState.REQUESTED, ReferralState.ACCEPTED, ReferralState.IN_PROGRESS,
                ReferralState.COMPLETED), states(ReferralState::active));
        assertEquals(List.of("依頼中", "受諾", "辞退", "取消", "対応中", "完了", "不成立", "終結"),
                Arrays.stream(ReferralState.values()).map(ReferralState::labelJa).toList());
    }

    private static Set<ReferralState> states(java.util.function.Predicate<ReferralState> p) {
        Set<ReferralState> out = EnumSet.noneOf(ReferralState.class);
        for (ReferralState s : ReferralState.values()) {
            if (p.test(s)) {
                out.add(s);
            }
        }
        return out;
    }

    @Test
    void everyCodeHasBothLabels() {
        List<String[]> labels = new ArrayList<>();
        Arrays.stream(ReferralState.values()).forEach(v -> labels.add(new String[] {v.labelJa(), v.labelEn()}));
        Arrays.stream(ReferralAction.values()).forEach(v -> labels.add(new String[] {v.labelJa(), v.labelEn()}));
        Arrays.stream(Party.values()).forEach(v -> labels.add(new String[] {v.labelJa(), v.labelEn()}));
        Arrays.stream(ReasonCode.values()).forEach(v -> labels.add(new String[] {v.labelJa(), v.labelEn()}));
        Arrays.stream(OutcomeCode.values()).forEach(v -> labels.add(new String[] {v.labelJa(), v.labelEn()}));
        Arrays.stream(ReportStatus.values()).forEach(v -> labels.add(new String[] {v.labelJa(), v.labelEn()}));
        for (String[] pair : labels) {
            assertFalse(pair[0] == null || pair[0].isBlank());
            assertFalse(pair[1] == null || pair[1].isBlank());
        }
        assertEquals(8 + 8 + 3 + 8 + 8 + 6, labels.size());
    }
}
