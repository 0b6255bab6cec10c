package rolecraft.bot.store;

/** A decision lost a race with another decision on the same version; the turn is rolled back and rerun. */
public final class StaleDecisionException extends ConflictException {

    private static final long serialVersionUID = 1L;

    StaleDecisionException(String message) {
        super(message);
    }
}
