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

    /**
     * The engine's step runs first on the caller's thread, on what the person's last turn left; when another turn
     * of the same person commits in between, the writer does not use that outcome but runs the step again on
     * what the store now holds.
     */
    @Test
    void a_step_run_ahead_on_a_snapshot_that_moved_on_is_run_again_by_the_writer() {
        Store store = Store.sqlite(dir.resolve("ahead.db"));
        java.time.Instant now = java.time.Instant.parse("2026-11-25T10:00:00Z");
        java.util.function.Function<rolecraft.bot.domain.Snapshot, rolecraft.bot.domain.Outcome> toQuestion =
                s -> new rolecraft.bot.domain.Outcome(s.state().atQuestion(s.state().question() + 1), null,
                        List.of(), List.of());
        store.turn(new Store.TurnRequest("local:dee", null, null, null, now), toQuestion);
        List<Integer> seen = new java.util.ArrayList<>();
        List<String> threads = new java.util.ArrayList<>();
        store.turn(new Store.TurnRequest("local:dee", null, null, null, now), s -> {
            seen.add(s.state().question());
            threads.add(Thread.currentThread().getName());
            if (seen.size() == 1) {
                // Run ahead on the caller's thread; meanwhile another turn of dee's commits.
                store.turn(new Store.TurnRequest("local:dee", null, null, null, now), toQuestion);
            }
            return toQuestion.apply(s);
        });
        assertThat(seen).as("run ahead on question 1, then again on what the other turn left").containsExactly(1, 2);
        assertThat(threads.get(0)).doesNotStartWith("rolecraft-writer");
        assertThat(threads.get(1)).startsWith("rolecraft-writer");
        assertThat(store.jdbi().withHandle(h -> h.attach(TurnDao.class).state("local:dee")).question()).isEqualTo(3);
        // Nothing in between: the outcome run ahead is the one kept, and the step runs once.
        List<String> once = new java.util.ArrayList<>();
        store.turn(new Store.TurnRequest("local:dee", null, null, null, now), s -> {
            once.add(Thread.currentThread().getName());
            return toQuestion.apply(s);
        });
        assertThat(once).hasSize(1).allSatisfy(t -> assertThat(t).doesNotStartWith("rolecraft-writer"));
        assertThat(store.jdbi().withHandle(h -> h.attach(TurnDao.class).state("local:dee")).question()).isEqualTo(4);
        store.close();
    }

    private static void redesign(Conversations c, String who, String manager) {
        for (String m : List.of("start", "Analyst " + who, manager, "Prepare the monthly report - 30%",
                "Coach new hires 70%", "done", "ok", "a", "b", "c", "d", "e", "f", "submit")) {
            c.handle(Message.text("local:" + who, m));
        }
    }

    /**
     * The writer remembers each person between turns; what one person's turn changes for another (a draft
     * waiting for its manager, a decision on an employee's draft) is read anew. This suite runs with every
     * remembered turn checked against the file (rolecraft.store.checkKnown): a stale one fails the turn.
     */
    @Test
    void what_one_turn_changes_for_another_person_is_seen_by_their_next_turn() {
        Conversations c = new Conversations(Store.sqlite(dir.resolve("known.db")), new RuleClassifier(),
                Clock.systemUTC());
        assertThat(Store.CHECK_KNOWN).as("the check is on in tests").isTrue();
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
                .hasMessageContaining("cannot open or migrate");
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

    /** A copy of the store file and its inbox as they are on disk now: what a process killed now would leave. */
    private Path leftAsKilled(Path file, String name) throws java.io.IOException {
        Path copy = dir.resolve(name + ".db");
        for (String suffix : List.of("", "-wal")) {
            if (java.nio.file.Files.exists(Path.of(file + suffix))) {
                java.nio.file.Files.copy(Path.of(file + suffix), Path.of(copy + suffix));
            }
        }
        Path inbox = Store.inboxOf(file);
        java.nio.file.Files.createDirectories(Store.inboxOf(copy));
        try (var logs = java.nio.file.Files.list(inbox)) {
            for (Path f : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
                java.nio.file.Files.copy(f, Store.inboxOf(copy).resolve(f.getFileName()));
            }
        }
        return copy;
    }

    @Test
    void messages_kept_beside_the_store_outlive_a_kill_and_each_turn_runs_once() throws Exception {
        Path file = dir.resolve("kept.db");
        Conversations c = new Conversations(Store.sqlite(file), new RuleClassifier(), Clock.systemUTC());
        Message first = new Message("slack:T1:U1", null, "start", List.of(), "slack:Ev1", null);
        Message second = new Message("slack:T1:U1", null, "Analyst alice", List.of(), "slack:Ev2", null);
        Message other = new Message("slack:T1:U2", null, "start", List.of(), "slack:Ev3", null);
        assertThat(c.accept(first, "D1 U1", "D1")).isTrue();
        assertThat(c.accept(second, "D1 U1")).isTrue();
        assertThat(c.accept(other, "D2 U2", "D2")).isTrue();
        assertThat(Store.inboxOf(file)).isDirectory().isEqualTo(dir.resolve("kept.inbox"));
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
        // A retry of a message whose turn ran before the restart is kept again (nothing is read to know it), and
        // its turn is a repeat.
        assertThat(again.accept(first, "D1 U1")).isTrue();
        assertThat(again.handle(first).duplicate()).isTrue();
        assertThat(again.acceptedOn("slack")).isEmpty();
        assertThat(store.address("slack:T1:U1")).as("the DM channel, saved by the writer").contains("D1");
        assertThat(store.activeDraft("slack:T1:U1").orElseThrow().title()).isEqualTo("Analyst alice");
        store.close();
        c.store().close();
    }

    @Test
    void messages_an_earlier_version_kept_in_the_store_itself_are_run_once_after_an_upgrade() {
        Path file = dir.resolve("upgrade.db");
        Store old = Store.sqlite(file);
        String payload = Json.write(new Conversations.Accepted(
                new Message("slack:T1:U1", null, "start", List.of(), "slack:Ev1", null), "D1 U1"));
        old.jdbi().useHandle(h -> h.execute("INSERT INTO inbound_queue (message_id, surface, person_id, payload, "
                + "received_at) VALUES ('slack:Ev1', 'slack', 'slack:T1:U1', ?, '2026-01-01T00:00:00.000Z')", payload));
        old.close();
        Conversations c = new Conversations(Store.sqlite(file), new RuleClassifier(), Clock.systemUTC());
        List<Conversations.Accepted> left = c.acceptedOn("slack");
        assertThat(left).extracting(a -> a.message().messageId()).containsExactly("slack:Ev1");
        assertThat(c.handle(left.get(0).message()).duplicate()).isFalse();
        assertThat(c.acceptedOn("slack")).isEmpty();
        c.store().jdbi().useHandle(h -> assertThat(h.createQuery("SELECT count(*) FROM inbound_queue")
                .mapTo(Integer.class).one()).isZero());
        c.store().close();
    }
}
