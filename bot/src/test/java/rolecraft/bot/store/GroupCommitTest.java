package rolecraft.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's group-committing writer on a real file: batching, savepoints, order, and what a caller is told. */
class GroupCommitTest {

    @TempDir
    Path dir;

    private DataSource source;
    private GroupCommit writer;
    private final AtomicInteger rollbacks = new AtomicInteger();
    private final ExecutorService callers = Executors.newFixedThreadPool(32);

    @BeforeEach
    void open() throws Exception {
        source = Store.dataSource(dir.resolve("w.db"));
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (name TEXT PRIMARY KEY)");
        }
        writer = new GroupCommit(source, "test", rollbacks::incrementAndGet);
    }

    @AfterEach
    void close() {
        callers.shutdownNow();
        writer.close();
    }

    private static Integer insert(Handle h, String name) {
        return h.createUpdate("INSERT INTO t (name) VALUES (:n)").bind("n", name).execute();
    }

    private List<String> names() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = source.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM t ORDER BY name")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Holds the writer busy until the returned latch is counted down, so that what is queued meanwhile batches. */
    private CountDownLatch holdWriter() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        callers.submit(() -> writer.run(h -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    private void waitQueued(int jobs) throws InterruptedException {
        // The callers submit from their own threads: give them a moment to reach the queue.
        Thread.sleep(200L + jobs);
    }

    @Test
    void many_callers_share_few_commits_and_each_sees_its_row_on_disk_when_told() throws Exception {
        int jobs = 400;
        long before = writer.transactions();
        List<Future<Boolean>> done = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            String name = String.format("n%04d", i);
            done.add(callers.submit(() -> {
                writer.run(h -> insert(h, name));
                // Told once committed: another connection sees it at once.
                try (Connection c = source.getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*) FROM t WHERE name = '" + name + "'")) {
                    return rs.next() && rs.getInt(1) == 1;
                }
            }));
        }
        for (Future<Boolean> f : done) {
            assertThat(f.get(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(names()).hasSize(jobs);
        long commits = writer.transactions() - before;
        assertThat(commits).as("transactions for %d writes", jobs).isLessThan(jobs);
    }

    @Test
    void a_failing_write_rolls_back_alone_and_its_caller_gets_the_error() throws Exception {
        CountDownLatch release = holdWriter();
        Future<Integer> a = callers.submit(() -> writer.run(h -> insert(h, "a")));
        Future<Integer> bad = callers.submit(() -> writer.run(h -> {
            insert(h, "b");
            throw new IllegalStateException("the engine refused");
        }));
        Future<Integer> c = callers.submit(() -> writer.run(h -> insert(h, "c")));
        waitQueued(3);
        long before = writer.transactions();
        release.countDown();
        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(c.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("the engine refused");
        assertThat(names()).containsExactly("a", "c");
        assertThat(writer.transactions() - before).as("the hold and the three in one more").isEqualTo(2);
        assertThat(rollbacks.get()).isZero();
    }

    @Test
    void when_the_transaction_itself_fails_each_write_is_run_again_alone() throws Exception {
        CountDownLatch release = holdWriter();
        Future<Integer> a = callers.submit(() -> writer.run(h -> insert(h, "a")));
        Future<Integer> breaker = callers.submit(() -> writer.run(h -> {
            // Ends the writer's transaction under it: the group cannot commit as one.
            h.execute("ROLLBACK");
            return 0;
        }));
        Future<Integer> c = callers.submit(() -> writer.run(h -> insert(h, "c")));
        waitQueued(3);
        release.countDown();
        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(c.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> breaker.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(names()).containsExactly("a", "c");
        assertThat(rollbacks.get()).as("what was known of the group is dropped").isPositive();
        // The writer goes on.
        assertThat((int) writer.run(h -> insert(h, "d"))).isEqualTo(1);
        assertThat(names()).containsExactly("a", "c", "d");
    }

    @Test
    void work_queued_without_waiting_is_told_once_its_group_has_committed() throws Exception {
        CountDownLatch release = holdWriter();
        java.util.concurrent.CompletableFuture<Integer> later = writer.later(h -> insert(h, "later"));
        waitQueued(1);
        assertThat(later).as("not before the writer has run it").isNotDone();
        release.countDown();
        assertThat(later.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(names()).contains("later");
    }

    @Test
    void a_write_by_another_process_makes_what_was_known_stale() throws Exception {
        writer.run(h -> insert(h, "mine"));
        writer.run(h -> insert(h, "mine again"));
        assertThat(rollbacks.get()).as("its own writes change nothing it knows").isZero();
        try (Connection other = source.getConnection(); Statement s = other.createStatement()) {
            s.execute("INSERT INTO t (name) VALUES ('theirs')");
        }
        writer.run(h -> insert(h, "after"));
        assertThat(rollbacks.get()).isEqualTo(1);
        writer.run(h -> insert(h, "after again"));
        assertThat(rollbacks.get()).isEqualTo(1);
    }

    @Test
    void the_wal_is_copied_into_the_database_by_a_thread_of_its_own_not_by_a_commit() throws Exception {
        assertThat((int) writer.run(h -> h.createQuery("PRAGMA wal_autocheckpoint").mapTo(Integer.class).one()))
                .as("no checkpoint on the writer's commits").isZero();
        for (int i = 0; i < 50; i++) {
            int from = i * 100;
            writer.run(h -> {
                for (int r = from; r < from + 100; r++) {
                    insert(h, "row " + r + " " + "x".repeat(200));
                }
                return null;
            });
        }
        Path db = dir.resolve("w.db");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (java.nio.file.Files.size(db) < 1_000_000 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(java.nio.file.Files.size(db)).as("the rows reached the database file").isGreaterThan(1_000_000);
        assertThat(names()).hasSize(5000);
    }

    @Test
    void a_closed_writer_refuses_new_work_after_finishing_what_was_queued() throws Exception {
        assertThat((int) writer.run(h -> insert(h, "kept"))).isEqualTo(1);
        writer.close();
        assertThatThrownBy(() -> writer.run(h -> insert(h, "late"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
        assertThat(names()).containsExactly("kept");
    }
}
