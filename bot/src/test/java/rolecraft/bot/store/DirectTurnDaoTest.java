package rolecraft.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite writer's direct statements: which run without Jdbi, and that they do what Jdbi does. */
class DirectTurnDaoTest {

    @TempDir
    Path dir;

    @Test
    void simple_updates_batches_and_one_value_queries_run_directly_the_rest_through_jdbi() throws Exception {
        assertThat(DirectTurnDao.direct(TurnDao.class.getMethod("saveState", String.class, String.class,
                String.class))).isTrue();
        assertThat(DirectTurnDao.direct(TurnDao.class.getMethod("insertAnswers", long.class, List.class,
                List.class))).isTrue();
        assertThat(DirectTurnDao.direct(TurnDao.class.getMethod("stateJson", String.class))).isTrue();
        assertThat(DirectTurnDao.direct(TurnDao.class.getMethod("processedCount", String.class))).isTrue();
        // An insert whose id comes back with RETURNING is a one-value query.
        assertThat(DirectTurnDao.direct(TurnDao.class.getMethod("insertRole", String.class, String.class)))
                .isTrue();
        // A row mapper, a list spliced into the SQL: Jdbi's.
        assertThat(DirectTurnDao.direct(TurnDao.class.getMethod("tasks", long.class))).isFalse();
        assertThat(DirectTurnDao.direct(TurnDao.class.getMethod("markDelivered", List.class, String.class)))
                .isFalse();
    }

    @Test
    void direct_statements_write_and_read_what_jdbi_would_and_fail_as_jdbi_fails() {
        Path file = dir.resolve("d.db");
        Store.sqlite(file).close();
        GroupCommit writer = new GroupCommit(Store.dataSource(file), "direct", () -> { });
        try {
            String state = writer.run(h -> {
                TurnDao dao = writer.direct(h.attach(TurnDao.class));
                dao.ensurePerson("local:ann", "local", "Ann", "2026-11-25T10:00:00Z");
                dao.saveState("local:ann", "{\"stage\":\"IDLE\"}", "2026-11-25T10:00:00Z");
                assertThat(dao.markProcessed("local:m1", "local:ann", "2026-11-25T10:00:00Z")).isEqualTo(1);
                assertThat(dao.markProcessed("local:m1", "local:ann", "2026-11-25T10:00:00Z")).isZero();
                assertThat(dao.processedCount("local:m1")).isEqualTo(1);
                assertThat(dao.failures("local:nobody")).isEmpty();
                long first = dao.insertRole("local:ann", "2026-11-25T10:00:00Z");
                long second = dao.insertRole("local:ann", "2026-11-25T10:00:01Z");
                assertThat(second).isEqualTo(first + 1);
                // Jdbi's own run of the same method, on the same handle, gives the next id too.
                assertThat(h.attach(TurnDao.class).insertRole("local:ann", "2026-11-25T10:00:02Z"))
                        .isEqualTo(second + 1);
                return dao.stateJson("local:ann").orElseThrow();
            });
            assertThat(state).isEqualTo("{\"stage\":\"IDLE\"}");
            // Seen through Jdbi on another connection: the same rows.
            try (Store store = Store.sqlite(file)) {
                java.util.Optional<String> seen = store.jdbi().withHandle(h -> h.attach(TurnDao.class)
                        .stateJson("local:ann"));
                assertThat(seen).contains("{\"stage\":\"IDLE\"}");
            }
            // A conversation for someone who is not a person breaks a foreign key: a Jdbi exception, as before.
            assertThatThrownBy(() -> writer.run(h -> {
                writer.direct(h.attach(TurnDao.class)).saveState("local:ghost", "{}", "2026-11-25T10:00:00Z");
                return null;
            })).isInstanceOf(JdbiException.class).hasMessageContaining("FOREIGN KEY");
        } finally {
            writer.close();
        }
    }
}
