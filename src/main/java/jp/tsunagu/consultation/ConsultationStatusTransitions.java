package jp.tsunagu.consultation;

import static jp.tsunagu.consultation.ConsultationEnums.Status.CLOSED;
import static jp.tsunagu.consultation.ConsultationEnums.Status.IN_PROGRESS;
import static jp.tsunagu.consultation.ConsultationEnums.Status.OPEN;

import java.util.List;
import java.util.Optional;

import jp.tsunagu.consultation.ConsultationEnums.Status;

/**
 * The consultation's status machine in one table, like the referral's: every allowed change, what it needs,
 * and what it does to the closure reason. Anything not listed is a 409.
 */
public final class ConsultationStatusTransitions {

    /** What a change must carry. */
    public enum Requires {
        NOTHING, CLOSURE_REASON, NOTE
    }

    public record Transition(Status from, Status to, Requires requires) {
    }

    private static final List<Transition> TABLE = List.of(
            //             from         to           requires
            new Transition(OPEN,        IN_PROGRESS, Requires.NOTHING),
            new Transition(OPEN,        CLOSED,      Requires.CLOSURE_REASON),
            new Transition(IN_PROGRESS, CLOSED,      Requires.CLOSURE_REASON),
            new Transition(CLOSED,      OPEN,        Requires.NOTE));

    private ConsultationStatusTransitions() {
    }

    public static Optional<Transition> find(Status from, Status to) {
        return TABLE.stream().filter(t -> t.from() == from && t.to() == to).findFirst();
    }

    public static List<Transition> table() {
        return TABLE;
    }

    /** The effect on the consultation: a closure reason while CLOSED, none otherwise. */
    static void apply(Consultation c, Transition t, ConsultationEnums.ClosureReason reason) {
        c.status = t.to();
        c.closureReason = t.to() == CLOSED ? reason : null;
    }
}
