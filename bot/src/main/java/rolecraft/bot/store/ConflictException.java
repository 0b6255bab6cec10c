package rolecraft.bot.store;

/**
 * A write lost to another transaction that changed the same rows first (another instance, a double click):
 * the turn is rolled back, and running it again sees what the other did.
 */
public class ConflictException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    ConflictException(String message) {
        super(message);
    }

    ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
