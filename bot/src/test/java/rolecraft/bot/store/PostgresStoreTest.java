package rolecraft.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What only the PostgreSQL store has: its connection settings, explicit migrations, a clear error at start. */
class PostgresStoreTest {

    @Test
    void the_environment_switches_the_store_to_postgresql_and_keeps_the_password_out_of_what_it_prints() {
        Database db = Database.of(Map.of("ROLECRAFT_DB_URL", "jdbc:postgresql://db.internal:5432/rolecraft",
                "ROLECRAFT_DB_USER", "app", "ROLECRAFT_DB_PASSWORD", "s3cret"), java.nio.file.Path.of("x.db"));
        assertThat(db.postgres()).isTrue();
        assertThat(db.toString()).isEqualTo("jdbc:postgresql://db.internal:5432/rolecraft as app")
                .doesNotContain("s3cret");
        assertThat(new Database("jdbc:postgresql://h/db?user=a&password=s3cret&ssl=true", null, null).describe())
                .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
        assertThat(Database.of(Map.of(), java.nio.file.Path.of("x.db")).postgres()).isFalse();
        assertThatThrownBy(() -> Database.of(Map.of("ROLECRAFT_DB_URL", "mysql://h/db?password=s3cret"),
                java.nio.file.Path.of("x.db"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql:").hasMessageNotContaining("s3cret");
    }

    @Test
    void a_database_that_cannot_be_reached_is_a_clear_error_at_start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Database nowhere = new Database("jdbc:postgresql://127.0.0.1:" + port + "/rolecraft", "app", "s3cret");
        assertThatThrownBy(() -> Store.open(nowhere)).isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot reach the database at jdbc:postgresql://127.0.0.1:" + port
                        + "/rolecraft as app")
                .hasMessageNotContaining("s3cret");
        // The embedded server trusts local connections; a role that does not exist is refused all the same.
        Database unknownRole = new Database(TestDatabases.postgres("refused").url(), "nobody", "wrong");
        assertThatThrownBy(() -> Store.open(unknownRole)).isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot reach the database").hasMessageContaining("nobody")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void migrate_runs_each_migration_once_and_the_store_then_starts_on_it() {
        Database db = TestDatabases.postgres("migrate");
        assertThat(Store.migrateOnly(db)).isGreaterThanOrEqualTo(Store.SCHEMA_VERSION);
        assertThat(Store.migrateOnly(db)).as("nothing left to run").isZero();
        try (Store store = Store.open(db)) {
            assertThat(store.kind()).isEqualTo("postgresql");
            assertThat(store.shared()).isTrue();
            assertThat(store.healthy()).isTrue();
            List<String> versions = store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                    .mapTo(String.class).list());
            assertThat(versions).contains("1", "3.1", String.valueOf(Store.SCHEMA_VERSION));
        }
    }

    @Test
    void ids_are_identities_numbers_keep_their_precision_and_long_texts_fit() {
        try (Store store = Store.open(TestDatabases.postgres("types"))) {
            store.jdbi().useHandle(h -> {
                h.execute("INSERT INTO people (id, surface, created_at) VALUES ('local:a', 'local', 'x')");
                long first = h.createQuery("INSERT INTO roles (employee_id, created_at) VALUES ('local:a', 'x') "
                        + "RETURNING id").mapTo(Long.class).one();
                long second = h.createQuery("INSERT INTO roles (employee_id, created_at) VALUES ('local:a', 'x') "
                        + "RETURNING id").mapTo(Long.class).one();
                assertThat(second).isGreaterThan(first);
                assertThat(h.createQuery("SELECT data_type FROM information_schema.columns WHERE table_name = "
                        + "'tasks' AND column_name = 'confidence'").mapTo(String.class).one())
                        .isEqualTo("double precision");
                assertThat(h.createQuery("SELECT data_type FROM information_schema.columns WHERE table_name = "
                        + "'tasks' AND column_name = 'text'").mapTo(String.class).one()).isEqualTo("text");
            });
        }
    }
}
