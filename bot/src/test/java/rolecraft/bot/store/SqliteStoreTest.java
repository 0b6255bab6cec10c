package rolecraft.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rolecraft.bot.Conversations;
import rolecraft.bot.Conversations.Message;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.domain.Say;

/** What only the SQLite store has: its pragmas, its file, and skipping the migration tool when current. */
class SqliteStoreTest {

    @TempDir
    Path dir;

    @Test
    void the_store_uses_wal_normal_sync_and_foreign_keys() {
        Store store = Store.sqlite(dir.resolve("a.db"));
        store.jdbi().useHandle(h -> {
            assertThat(h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()).isEqualToIgnoringCase("wal");
            assertThat(h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one()).isEqualTo(1);
            assertThat(h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one()).isEqualTo(1);
            assertThat(h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one()).isGreaterThan(0);
        });
        assertThat(store.healthy()).isTrue();
    }

    @Test
    void migrating_an_existing_database_keeps_its_data() {
        Path file = dir.resolve("old.db");
        Conversations before = new Conversations(Store.sqlite(file), new RuleClassifier(), Clock.systemUTC());
        for (String m : List.of("start", "Analyst alice", "bob", "Prepare the monthly report - 30%",
                "Coach new hires 70%", "done", "ok", "a", "b", "c", "d", "e", "f", "submit")) {
            before.handle(Message.text("local:alice", m));
        }
        Store.migrate(Store.dataSource(file), "classpath:db/later");
        Store reopened = Store.sqlite(file);
        reopened.jdbi().useHandle(h -> {
            assertThat(h.createQuery("SELECT count(*) FROM role_versions WHERE team IS NULL")
                    .mapTo(Integer.class).one()).isEqualTo(1);
            assertThat(h.createQuery("SELECT max(version) FROM flyway_schema_history")
                    .mapTo(String.class).one()).isEqualTo("999");
        });
        Conversations after = new Conversations(reopened, new RuleClassifier(), Clock.systemUTC());
        assertThat(after.handle(Message.text("local:alice", "status")).replies().get(0).params())
                .containsEntry("status", "submitted");
        assertThat(after.handle(Message.text("local:bob", "approve 1")).replies().get(0).say())
                .isEqualTo(Say.DECIDED);
    }

    /** A step that throws rolls its turn back whole and its caller hears of it; the next turn writes as usual. */
    @Test
    void a_failing_turn_rolls_back_alone_and_its_caller_gets_the_error() {
        Store store = Store.sqlite(dir.resolve("fails.db"));
        java.time.Instant now = java.time.Instant.parse("2026-11-25T10:00:00Z");
        java.util.function.Function<rolecraft.bot.domain.Snapshot, rolecraft.bot.domain.Outcome> toQuestion =
                s -> new rolecraft.bot.domain.Outcome(s.state().atQuestion(s.state().question() + 1), null,
                        List.of(), List.of());
        store.turn(new Store.TurnRequest("local:dee", null, "m1", null, now), toQuestion);
        assertThatThrownBy(() -> store.turn(new Store.TurnRequest("local:dee", null, "m2", null, now), s -> {
            toQuestion.apply(s);
            throw new IllegalStateException("the step fails");
        })).hasMessageContaining("the step fails");
        assertThat(store.peek("local:dee").state().question()).as("nothing of the failed turn").isEqualTo(1);
        assertThat(store.turn(new Store.TurnRequest("local:dee", null, "m2", null, now), toQuestion).duplicate())
                .as("its message id was not recorded either").isFalse();
        assertThat(store.peek("local:dee").state().question()).isEqualTo(2);
        store.close();
    }

    /**
     * A message a platform waits for is kept after the write under way, before the turns queued behind that write:
     * the turn queued first sees it kept when its step runs.
     */
    @Test
    void a_message_to_keep_goes_before_the_turns_queued() throws Exception {
        Store store = Store.sqlite(dir.resolve("first.db"));
        java.time.Instant now = java.time.Instant.parse("2026-11-25T10:00:00Z");
        List<List<String>> keptWhenQueuedTurnRan = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread underWay = turnHeldUntil(store, release);
        Thread queued = new Thread(() -> store.turn(new Store.TurnRequest("local:bob", null, null, null, now), s -> {
            keptWhenQueuedTurnRan.add(store.acceptedOn("slack"));
            return new rolecraft.bot.domain.Outcome(s.state(), null, List.of(), List.of());
        }));
        queued.start();
        waitUntilBlocked(queued);
        Thread keeping = new Thread(() -> store.accept("slack", "slack:Ev9", "slack:T1:U9", "{}", null));
        keeping.start();
        waitUntilBlocked(keeping);
        release.countDown();
        for (Thread t : List.of(underWay, queued, keeping)) {
            t.join(10_000);
        }
        assertThat(keptWhenQueuedTurnRan).containsExactly(List.of("{}"));
        store.close();
    }

    /**
     * Messages that queue up behind a write are kept once it ends, and each caller hears of its own message: kept,
     * a repeat of one kept already, or (a message the store cannot take) an error of its own that costs the others
     * nothing.
     */
    @Test
    void messages_kept_behind_a_write_each_get_their_own_answer() throws Exception {
        Store store = Store.sqlite(dir.resolve("together.db"));
        java.time.Instant now = java.time.Instant.parse("2026-11-25T10:00:00Z");
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread underWay = turnHeldUntil(store, release);
        java.util.Map<String, Object> answers = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> keeping = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // Two callers keep Ev0 (a platform's retry); Ev5 has no payload, which the table refuses.
            String id = i == 11 ? "slack:Ev0" : "slack:Ev" + i;
            String payload = i == 5 ? null : "{\"n\":" + i + "}";
            String key = i == 11 ? "retry" : id;
            Thread t = new Thread(() -> {
                try {
                    answers.put(key, store.accept("slack", id, "slack:T1:U" + key.hashCode(), payload, "D1"));
                } catch (RuntimeException e) {
                    answers.put(key, e);
                }
            });
            keeping.add(t);
            t.start();
            waitUntilBlocked(t);
        }
        release.countDown();
        for (Thread t : keeping) {
            t.join(10_000);
        }
        underWay.join(10_000);
        assertThat(answers).hasSize(12);
        assertThat(answers.get("slack:Ev5")).isInstanceOf(RuntimeException.class);
        assertThat(List.of(answers.get("slack:Ev0"), answers.get("retry"))).containsExactlyInAnyOrder(true, false);
        for (int i = 1; i < 11; i++) {
            if (i != 5) {
                assertThat(answers.get("slack:Ev" + i)).as("Ev" + i).isEqualTo(true);
            }
        }
        assertThat(store.acceptedOn("slack")).hasSize(10);
        assertThat(store.turn(new Store.TurnRequest("local:cy", null, "slack:Ev1", null, now),
                s -> new rolecraft.bot.domain.Outcome(s.state(), null, List.of(), List.of())).duplicate())
                .as("the store writes on after the refused message").isFalse();
        assertThat(store.acceptedOn("slack")).hasSize(9);
        store.close();
    }

    /** A write whose work writes through the store again joins its transaction: all of it or none of it. */
    @Test
    void a_write_inside_a_write_joins_it() {
        Store store = Store.sqlite(dir.resolve("nested.db"));
        store.writing(h -> {
            store.saveAddress("local:ann", "D1");
            return null;
        });
        assertThat(store.address("local:ann")).contains("D1");
        assertThatThrownBy(() -> store.writing(h -> {
            store.saveAddress("local:bob", "D2");
            throw new IllegalStateException("the outer write fails");
        })).hasMessageContaining("the outer write fails");
        assertThat(store.address("local:bob")).as("rolled back with the write it joined").isEmpty();
        store.close();
    }

    /** Once closed, a write is refused with a sentence rather than waiting for a writer that is gone. */
    @Test
    void a_write_after_close_is_refused() {
        Store store = Store.sqlite(dir.resolve("closed.db"));
        store.saveAddress("local:ann", "D1");
        store.close();
        assertThatThrownBy(() -> store.saveAddress("local:ann", "D2")).isInstanceOf(StoreException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.accept("slack", "slack:Ev1", "slack:T1:U1", "{}", null))
                .isInstanceOf(StoreException.class);
    }

    /** A turn of local:ann's, started on a thread of its own, whose step waits for {@code release}. */
    private static Thread turnHeldUntil(Store store, java.util.concurrent.CountDownLatch release)
            throws InterruptedException {
        java.util.concurrent.CountDownLatch inStep = new java.util.concurrent.CountDownLatch(1);
        java.time.Instant now = java.time.Instant.parse("2026-11-25T10:00:00Z");
        Thread underWay = new Thread(() -> store.turn(new Store.TurnRequest("local:ann", null, null, null, now), s -> {
            inStep.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new rolecraft.bot.domain.Outcome(s.state(), null, List.of(), List.of());
        }));
        underWay.start();
        inStep.await();
        return underWay;
    }

    private static void waitUntilBlocked(Thread t) throws InterruptedException {
        while (t.getState() != Thread.State.WAITING && t.isAlive()) {
            Thread.sleep(5);
        }
    }

    private static void redesign(Conversations c, String who, String manager) {
        for (String m : List.of("start", "Analyst " + who, manager, "Prepare the monthly report - 30%",
                "Coach new hires 70%", "done", "ok", "a", "b", "c", "d", "e", "f", "submit")) {
            c.handle(Message.text("local:" + who, m));
        }
    }

    /**
     * What one person's turn changes for another (a draft waiting for its manager, a decision on an employee's
     * draft) is what the other's next turn sees.
     */
    @Test
    void what_one_turn_changes_for_another_person_is_seen_by_their_next_turn() {
        Conversations c = new Conversations(Store.sqlite(dir.resolve("known.db")), new RuleClassifier(),
                Clock.systemUTC());
        redesign(c, "ann", "bob");
        assertThat(c.handle(Message.text("local:bob", "inbox")).replies().get(0).params())
                .containsEntry("count", 1);
        // bob's inbox was remembered with one draft; cat's submission adds a second.
        redesign(c, "cat", "bob");
        var inbox = c.handle(Message.text("local:bob", "inbox")).replies().get(0);
        assertThat(inbox.params()).containsEntry("count", 2);
        assertThat(c.handle(Message.text("local:ann", "status")).replies().get(0).params())
                .containsEntry("status", "submitted");
        assertThat(c.handle(Message.text("local:bob", "approve 1")).replies().get(0).say()).isEqualTo(Say.DECIDED);
        // ann was remembered with her draft submitted: she now sees it approved.
        assertThat(c.handle(Message.text("local:ann", "status")).replies().get(0).params())
                .containsEntry("status", "approved");
        assertThat(c.handle(Message.text("local:bob", "inbox")).replies().get(0).params())
                .containsEntry("count", 1);
        assertThat(c.handle(Message.text("local:cat", "status")).replies().get(0).params())
                .containsEntry("status", "submitted");
    }

    @Test
    void an_unreadable_database_is_a_clear_error() throws Exception {
        Path file = dir.resolve("junk.db");
        java.nio.file.Files.writeString(file, "this is not a database, just text that is long enough ".repeat(50));
        assertThatThrownBy(() -> Store.sqlite(file)).isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("is not a SQLite database");
    }

    @Test
    void the_schema_version_the_store_knows_is_the_newest_migration_shipped() throws Exception {
        int newest = 0;
        try (var files = java.nio.file.Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path f : files.toList()) {
                var m = java.util.regex.Pattern.compile("^V(\\d+)__.*\\.sql$").matcher(f.getFileName().toString());
                if (m.matches()) {
                    newest = Math.max(newest, Integer.parseInt(m.group(1)));
                }
            }
        }
        assertThat(Store.SCHEMA_VERSION).isEqualTo(newest);
        Path file = dir.resolve("current.db");
        assertThat(Store.current(Store.dataSource(file))).as("a new file").isFalse();
        Store.sqlite(file).close();
        assertThat(Store.current(Store.dataSource(file))).as("after the migrations").isTrue();
    }

    /** A copy of the store file and its WAL as they are on disk now: what a process killed now would leave. */
    private Path leftAsKilled(Path file, String name) throws java.io.IOException {
        Path copy = dir.resolve(name + ".db");
        for (String suffix : List.of("", "-wal")) {
            if (java.nio.file.Files.exists(Path.of(file + suffix))) {
                java.nio.file.Files.copy(Path.of(file + suffix), Path.of(copy + suffix));
            }
        }
        return copy;
    }

    @Test
    void messages_kept_in_the_store_outlive_a_kill_and_each_turn_runs_once() throws Exception {
        Path file = dir.resolve("kept.db");
        Conversations c = new Conversations(Store.sqlite(file), new RuleClassifier(), Clock.systemUTC());
        Message first = new Message("slack:T1:U1", null, "start", List.of(), "slack:Ev1", null);
        Message second = new Message("slack:T1:U1", null, "Analyst alice", List.of(), "slack:Ev2", null);
        Message other = new Message("slack:T1:U2", null, "start", List.of(), "slack:Ev3", null);
        assertThat(c.accept(first, "D1 U1", "D1")).isTrue();
        assertThat(c.accept(second, "D1 U1")).isTrue();
        assertThat(c.accept(other, "D2 U2", "D2")).isTrue();
        assertThat(c.accept(second, "D1 U1")).as("a retry while its turn is coming").isFalse();
        assertThat(c.takenBefore(second)).extracting(a -> a.message().messageId()).containsExactly("slack:Ev1");
        assertThat(c.handle(first).duplicate()).isFalse();
        assertThat(c.accept(first, "D1 U1")).as("a retry after its turn").isFalse();
        assertThat(c.takenBefore(second)).isEmpty();
        Path killed = leftAsKilled(file, "killed");

        // The next process finds the two whose turns had not run, in order, and runs each once.
        Store store = Store.sqlite(killed);
        Conversations again = new Conversations(store, new RuleClassifier(), Clock.systemUTC());
        List<Conversations.Accepted> left = again.acceptedOn("slack");
        assertThat(left).extracting(a -> a.message().messageId()).containsExactly("slack:Ev2", "slack:Ev3");
        for (Conversations.Accepted a : left) {
            assertThat(again.handle(a.message()).duplicate()).isFalse();
        }
        assertThat(again.acceptedOn("slack")).isEmpty();
        // A retry of a message whose turn ran before the restart is refused, and its turn would be a repeat.
        assertThat(again.accept(first, "D1 U1")).isFalse();
        assertThat(again.handle(first).duplicate()).isTrue();
        assertThat(again.acceptedOn("slack")).isEmpty();
        assertThat(store.address("slack:T1:U1")).as("the DM channel, saved with the kept message").contains("D1");
        assertThat(store.activeDraft("slack:T1:U1").orElseThrow().title()).isEqualTo("Analyst alice");
        store.close();
        c.store().close();
    }
}
