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
    void urgent_writes_go_before_the_turns_waiting() throws Exception {
        CountDownLatch release = holdWriter();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "turn" + i;
            all.add(callers.submit(() -> writer.run(h -> order.add(name))));
        }
        waitQueued(5);
        all.add(callers.submit(() -> writer.urgent(h -> order.add("ack"))));
        waitQueued(1);
        release.countDown();
        for (Future<?> f : all) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(order).hasSize(6);
        assertThat(order.get(0)).isEqualTo("ack");
    }

    @Test
    void urgent_work_that_comes_while_a_group_runs_commits_after_at_most_one_more_job() throws Exception {
        CountDownLatch release = holdWriter();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> all = new ArrayList<>();
        Future<?>[] ack = new Future<?>[1];
        CountDownLatch ackQueued = new CountDownLatch(1);
        for (int i = 0; i < 10; i++) {
            String name = "turn" + i;
            boolean first = i == 0;
            all.add(callers.submit(() -> writer.run(h -> {
                order.add(name);
                insert(h, name);
                if (first) {
                    ack[0] = callers.submit(() -> {
                        ackQueued.countDown();
                        return writer.urgent(h2 -> {
                            order.add("ack");
                            // What the group ran before it is in the same transaction; the rest is not.
                            return h2.createQuery("SELECT count(*) FROM t").mapTo(Integer.class).one();
                        });
                    });
                    try {
                        ackQueued.await(5, TimeUnit.SECONDS);
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return null;
            })));
            waitQueued(1);
        }
        release.countDown();
        for (Future<?> f : all) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(ack[0].get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(order).hasSize(11);
        assertThat(order.subList(0, 3)).containsExactly("turn0", "ack", "turn1");
        assertThat(order.subList(2, 11)).containsExactly("turn1", "turn2", "turn3", "turn4", "turn5", "turn6",
                "turn7", "turn8", "turn9");
        assertThat(names()).hasSize(10);
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
