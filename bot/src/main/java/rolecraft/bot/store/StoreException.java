package rolecraft.bot.store;

/** The database cannot be opened, migrated or reached; the message says which and why. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
