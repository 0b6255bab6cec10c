package rolecraft.bot.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the store lives: a SQLite file (the default, one instance) or a PostgreSQL database that several
 * instances share. The password is never part of what this prints.
 */
public record Database(String url, String user, String password) {

    /** The environment variable that switches the store to PostgreSQL. */
    public static final String URL_VARIABLE = "ROLECRAFT_DB_URL";
    public static final String USER_VARIABLE = "ROLECRAFT_DB_USER";
    public static final String PASSWORD_VARIABLE = "ROLECRAFT_DB_PASSWORD";

    private static final String SQLITE = "jdbc:sqlite:";
    private static final String POSTGRES = "jdbc:postgresql:";

    public Database {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("no database URL");
        }
        if (!url.startsWith(SQLITE) && !url.startsWith(POSTGRES)) {
            throw new IllegalArgumentException(URL_VARIABLE + " must start with " + POSTGRES + " (PostgreSQL) or "
                    + SQLITE + " (a SQLite file); got " + redact(url));
        }
    }

    /** The SQLite file at {@code file}. */
    public static Database sqlite(Path file) {
        return new Database(SQLITE + file.toAbsolutePath(), null, null);
    }

    /**
     * PostgreSQL when {@code ROLECRAFT_DB_URL} is set in {@code env} (with {@code ROLECRAFT_DB_USER} and
     * {@code ROLECRAFT_DB_PASSWORD}), else the SQLite file {@code file}.
     */
    public static Database of(Map<String, String> env, Path file) {
        String url = env.get(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return sqlite(file);
        }
        return new Database(url.strip(), blankToNull(env.get(USER_VARIABLE)), blankToNull(env.get(PASSWORD_VARIABLE)));
    }

    public boolean postgres() {
        return url.startsWith(POSTGRES);
    }

    /** The SQLite file this names (only for SQLite). */
    public Path file() {
        if (postgres()) {
            throw new IllegalStateException("not a SQLite database");
        }
        return Path.of(url.substring(SQLITE.length()));
    }

    /** What to show people and logs: the URL with any password in it blanked, and the user. */
    public String describe() {
        return redact(url) + (user == null ? "" : " as " + user);
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Blanks a password written into a JDBC URL's query or its user-info part. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
