package rolecraft.bot.domain;

/** A structured request from a button or form, as opposed to typed text. */
public sealed interface Action {

    /** A manager's decision on a named version, from a button or card. */
    record Decide(VersionRef ref, DecisionKind kind, String comment) implements Action {
    }

    /** "Start a redesign" from a home screen. */
    record Start() implements Action {
    }
}
