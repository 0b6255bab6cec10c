package rolecraft.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import rolecraft.bot.Conversations;
import rolecraft.bot.Conversations.Message;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.domain.Action;
import rolecraft.bot.domain.DecisionKind;
import rolecraft.bot.domain.Say;
import rolecraft.bot.domain.Stage;
import rolecraft.bot.domain.Status;
import rolecraft.bot.domain.VersionRef;

/**
 * The store's behaviour, run on SQLite and on PostgreSQL alike. Opening the same name twice in one test gives
 * two stores on one database: two instances.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class StoreTest {

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path dir;

    private final Map<String, Database> databases = new HashMap<>();
    private final List<Store> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Store::close);
    }

    private Database database(String name) {
        return databases.computeIfAbsent(name, n -> TestDatabases.fresh(kind, dir, n));
    }

    private Store store(String name) {
        Store store = Store.open(database(name));
        opened.add(store);
        return store;
    }

    private Conversations open(String name) {
        return new Conversations(store(name), new RuleClassifier(), Clock.systemUTC());
    }

    private static void submitted(Conversations c, String employee, String manager) {
        for (String m : List.of("start", "Analyst " + employee, manager, "Prepare the monthly report - 30%",
                "Coach new hires 70%", "done", "ok", "a", "b", "c", "d", "e", "f", "submit")) {
            Conversations.Turn t = c.handle(Message.text("local:" + employee, m));
            assertThat(t.replies()).isNotEmpty();
            assertThat(t.replies()).noneMatch(r -> r.say() == Say.ERROR_GENERIC);
        }
    }

    @Test
    void a_new_redesign_after_a_first_version_approved_is_a_role_of_its_own() {
        Conversations c = open("anew");
        submitted(c, "nina", "bob");
        assertThat(c.handle(Message.text("local:bob", "approve 1 fine")).replies()).extracting(r -> r.say())
                .contains(Say.DECIDED);
        for (String m : List.of("start", "ICU charge nurse", "bob", "Staffing the shift 30%")) {
            Conversations.Turn t = c.handle(Message.text("local:nina", m));
            assertThat(t.replies()).as(m).noneMatch(r -> r.say() == Say.ERROR_GENERIC);
        }
        var draft = c.store().activeDraft("local:nina").orElseThrow();
        assertThat(draft.title()).isEqualTo("ICU charge nurse");
        assertThat(draft.version()).isEqualTo(1);
        assertThat(draft.tasks()).hasSize(1);
        assertThat(draft.status()).isEqualTo(Status.DRAFTING);
    }

    @Test
    void a_conversation_survives_reopening_the_store() {
        Conversations first = open("resume");
        for (String m : List.of("start", "Designer", "bob", "Sketch concepts 40%")) {
            first.handle(Message.text("local:alice", m));
        }
        Conversations second = open("resume");
        Conversations.Turn t = second.handle(Message.text("local:alice", "list"));
        assertThat(t.replies()).extracting(r -> r.say()).containsExactly(Say.TASK_LIST);
        Store.Peek peek = second.store().peek("local:alice");
        assertThat(peek.state().stage()).isEqualTo(Stage.TASKS);
        assertThat(peek.status()).isEqualTo(Status.DRAFTING);
        var draft = second.store().activeDraft("local:alice").orElseThrow();
        assertThat(draft.title()).isEqualTo("Designer");
        assertThat(draft.tasks()).hasSize(1);
        assertThat(draft.manager()).isEqualTo("local:bob");
    }

    @Test
    void a_task_keeps_the_employees_side_of_its_call_across_reopening_the_store() {
        Conversations first = open("calls");
        for (String m : List.of("start", "Developer", "bob", "Code reviews 40%", "Writing features 60%", "done",
                "1 augment: every PR needs a human approver", "2 augment", "ok", "a", "b", "c", "d", "e", "f", "1 10%")) {
            first.handle(Message.text("local:alice", m));
        }
        var draft = open("calls").store().activeDraft("local:alice").orElseThrow();
        assertThat(draft.tasks().get(0).note()).isEqualTo("every PR needs a human approver");
        assertThat(draft.tasks().get(0).after()).isEqualTo(rolecraft.bot.domain.Share.percent(10));
        assertThat(draft.tasks()).allSatisfy(t -> assertThat(t.settled()).isTrue());
        assertThat(draft.tasks().get(1).note()).isNull();
        assertThat(draft.tasks().get(1).after()).isNull();
    }

    @Test
    void the_questions_a_person_is_asked_and_those_already_answered_survive_reopening_the_store() {
        Conversations first = open("plan");
        for (String m : List.of("start", "Buyer", "bob", "Meet vendors about new lines 60%", "Plan the budget 40%",
                "done", "ok", "15 years of knowing the vendors' quirks")) {
            first.handle(Message.text("local:alice", m));
        }
        Conversations second = open("plan");
        assertThat(second.store().peek("local:alice").state().questions()).containsExactly(
                rolecraft.bot.domain.Question.IDENTITY, rolecraft.bot.domain.Question.STAKEHOLDERS,
                rolecraft.bot.domain.Question.DECISIONS, rolecraft.bot.domain.Question.CLEAN_SHEET,
                rolecraft.bot.domain.Question.SKILLS);
        Conversations.Turn t = second.handle(Message.text("local:alice", "the buyers at head office"));
        assertThat(t.replies()).extracting(r -> r.say()).containsExactly(Say.QUESTION_DECISIONS);
        assertThat(t.replies().get(0).params()).containsEntry("n", 3).containsEntry("of", 5);
        var draft = second.store().activeDraft("local:alice").orElseThrow();
        assertThat(draft.answer(rolecraft.bot.domain.Question.TACIT_KNOWLEDGE).orElseThrow().text())
                .isEqualTo("15 years of knowing the vendors' quirks");
        assertThat(draft.answer(rolecraft.bot.domain.Question.STAKEHOLDERS).orElseThrow().text())
                .isEqualTo("vendors; the buyers at head office");
    }

    @Test
    void tables_hold_people_roles_versions_tasks_answers_decisions_and_audit() {
        Conversations c = open("tables");
        submitted(c, "alice", "bob");
        Conversations.Turn decided = c.handle(Message.text("local:bob", "approve 1 Well done"));
        assertThat(decided.notifications()).hasSize(1);
        c.store().jdbi().useHandle(h -> {
            assertThat(h.createQuery("SELECT count(*) FROM people").mapTo(Integer.class).one()).isEqualTo(2);
            assertThat(h.createQuery("SELECT status FROM role_versions").mapTo(String.class).one())
                    .isEqualTo("approved");
            assertThat(h.createQuery("SELECT count(*) FROM tasks").mapTo(Integer.class).one()).isEqualTo(2);
            assertThat(h.createQuery("SELECT sum(share_percent) FROM tasks").mapTo(Double.class).one())
                    .isEqualTo(100.0);
            assertThat(h.createQuery("SELECT count(*) FROM answers").mapTo(Integer.class).one()).isEqualTo(6);
            assertThat(h.createQuery("SELECT comment FROM decisions").mapTo(String.class).one())
                    .isEqualTo("Well done");
            assertThat(h.createQuery("SELECT action FROM audit_log ORDER BY id").mapTo(String.class).list())
                    .containsExactly("started", "submitted", "approved");
            assertThat(h.createQuery("SELECT count(*) FROM outbox WHERE delivered_at IS NULL")
                    .mapTo(Integer.class).one()).isEqualTo(2);
        });
        assertThat(c.takePending("local:alice")).hasSize(1);
        assertThat(c.takePending("local:alice")).isEmpty();
    }

    @Test
    void a_repeated_message_id_is_applied_once() {
        Conversations c = open("repeat");
        c.handle(Message.text("local:alice", "start"));
        c.handle(Message.text("local:alice", "Designer"));
        c.handle(Message.text("local:alice", "bob"));
        Message m = new Message("local:alice", null, "Sketch concepts 40%", List.of(), "local:msg-1", null);
        assertThat(c.handle(m).duplicate()).isFalse();
        assertThat(c.handle(m).duplicate()).isTrue();
        assertThat(c.handle(m).replies()).isEmpty();
        assertThat(c.store().activeDraft("local:alice").orElseThrow().tasks()).hasSize(1);
    }

    @Test
    void two_threads_writing_at_once_lose_nothing() throws Exception {
        Conversations c = open("threads");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (String who : List.of("alice", "carol")) {
            runs.add(pool.submit(() -> {
                go.await();
                c.handle(Message.text("local:" + who, "start"));
                c.handle(Message.text("local:" + who, "Analyst"));
                c.handle(Message.text("local:" + who, "bob"));
                for (int i = 1; i <= 30; i++) {
                    c.handle(Message.text("local:" + who, "Task " + who + " number " + i + " 2%"));
                }
                return 0;
            }));
        }
        go.countDown();
        for (Future<Integer> f : runs) {
            f.get();
        }
        pool.shutdown();
        assertThat(c.store().activeDraft("local:alice").orElseThrow().tasks()).hasSize(30);
        assertThat(c.store().activeDraft("local:carol").orElseThrow().tasks()).hasSize(30);
    }

    @Test
    void two_stores_on_one_database_wait_for_each_other_instead_of_failing() throws Exception {
        Conversations a = open("two");
        Conversations b = open("two");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<Long>> jobs = List.of(
            () -> run(a, "alice"),
            () -> run(b, "carol"));
        long errors = 0;
        for (Future<Long> f : pool.invokeAll(jobs)) {
            errors += f.get();
        }
        pool.shutdown();
        assertThat(errors).isZero();
        assertThat(a.store().activeDraft("local:carol").orElseThrow().tasks()).hasSize(25);
        assertThat(b.store().activeDraft("local:alice").orElseThrow().tasks()).hasSize(25);
    }

    private static long run(Conversations c, String who) {
        long errors = 0;
        for (String m : List.of("start", "Analyst", "bob")) {
            errors += c.handle(Message.text("local:" + who, m)).replies().stream()
                    .filter(r -> r.say() == Say.ERROR_GENERIC).count();
        }
        for (int i = 1; i <= 25; i++) {
            errors += c.handle(Message.text("local:" + who, "Work item " + i + " 4%")).replies().stream()
                    .filter(r -> r.say() == Say.ERROR_GENERIC).count();
        }
        return errors;
    }

    @Test
    void concurrent_decisions_on_one_version_decide_once() throws Exception {
        Conversations a = open("race");
        Conversations b = open("race");
        submitted(a, "alice", "bob");
        VersionRef ref = new VersionRef(a.store().peek("local:alice").state().roleId(), 1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Message approve = new Message("local:bob", null, "", List.of(), null,
                new Action.Decide(ref, DecisionKind.APPROVED, "ok"));
        Message changes = new Message("local:bob", null, "", List.of(), null,
                new Action.Decide(ref, DecisionKind.CHANGES_REQUESTED, "redo"));
        List<Future<Conversations.Turn>> turns = pool.invokeAll(List.of(() -> a.handle(approve),
                () -> b.handle(changes)));
        pool.shutdown();
        List<Say> said = new ArrayList<>();
        for (Future<Conversations.Turn> t : turns) {
            said.add(t.get().replies().get(0).say());
        }
        assertThat(said).containsExactlyInAnyOrder(Say.DECIDED, Say.DECIDE_STALE);
        a.store().jdbi().useHandle(h -> assertThat(
                h.createQuery("SELECT count(*) FROM decisions").mapTo(Integer.class).one()).isEqualTo(1));
    }

    @Test
    void a_locked_version_cannot_be_rewritten() {
        Conversations c = open("locked");
        submitted(c, "alice", "bob");
        long roleId = c.store().peek("local:alice").state().roleId();
        c.store().jdbi().useHandle(h -> {
            TurnDao dao = h.attach(TurnDao.class);
            var draft = dao.draft(dao.version(roleId, 1).orElseThrow());
            assertThat(draft.status()).isEqualTo(Status.SUBMITTED);
            assertThatThrownBy(() -> dao.writeDraft(draft.withTitle("Sneaky"), null, "2026-01-01T00:00:00Z"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("locked");
        });
    }

    @Test
    void surfaces_keep_addresses_and_posted_messages() {
        Conversations c = open("addresses");
        submitted(c, "alice", "bob");
        Store store = c.store();
        assertThat(store.address("local:bob")).isEmpty();
        store.saveAddress("local:bob", "{\"channel\":\"D1\"}");
        store.saveAddress("local:bob", "{\"channel\":\"D2\"}");
        assertThat(store.address("local:bob")).contains("{\"channel\":\"D2\"}");
        VersionRef ref = new VersionRef(store.peek("local:alice").state().roleId(), 1);
        store.savePosted(ref, "local:bob", "D2:1700000000.000100");
        assertThat(store.posted(ref, "local:bob")).containsExactly("D2:1700000000.000100");
        assertThat(store.posted(ref, "local:carol")).isEmpty();
    }

    @Test
    void a_person_s_roles_show_their_latest_version_and_a_manager_sees_what_waits_for_them() {
        Conversations c = open("roles");
        Store store = c.store();
        assertThat(store.roles("local:alice")).isEmpty();
        submitted(c, "alice", "bob");
        c.handle(Message.text("local:bob", "changes 1 Add the budget work"));
        c.handle(Message.text("local:alice", "status"));
        assertThat(store.roles("local:alice")).singleElement().satisfies(d -> {
            assertThat(d.version()).isEqualTo(2);
            assertThat(d.status()).isEqualTo(Status.DRAFTING);
            assertThat(d.title()).isEqualTo("Analyst alice");
        });
        assertThat(store.waitingFor("local:bob")).isEmpty();
        submitted(c, "carol", "bob");
        assertThat(store.waitingFor("local:bob")).singleElement()
                .satisfies(item -> assertThat(item.draft().employee()).isEqualTo("local:carol"));
        assertThat(store.waitingFor("local:alice")).isEmpty();
    }

    @Test
    void one_version_is_read_with_its_decision_and_the_version_before_it() {
        Conversations c = open("version");
        Store store = c.store();
        submitted(c, "alice", "bob");
        VersionRef first = new VersionRef(store.peek("local:alice").state().roleId(), 1);
        assertThat(store.version(first)).hasValueSatisfying(item -> {
            assertThat(item.draft().status()).isEqualTo(Status.SUBMITTED);
            assertThat(item.draft().decision()).isNull();
            assertThat(item.previous()).isNull();
        });
        c.handle(Message.text("local:bob", "changes 1 Add the budget work"));
        c.handle(Message.text("local:alice", "status"));
        assertThat(store.version(first)).hasValueSatisfying(item -> {
            assertThat(item.draft().decision().kind()).isEqualTo(DecisionKind.CHANGES_REQUESTED);
            assertThat(item.draft().decision().comment()).isEqualTo("Add the budget work");
            assertThat(item.draft().decision().decidedBy()).isEqualTo("local:bob");
        });
        assertThat(store.version(new VersionRef(first.roleId(), 2))).hasValueSatisfying(item -> {
            assertThat(item.draft().version()).isEqualTo(2);
            assertThat(item.previous().version()).isEqualTo(1);
            assertThat(item.previous().decision()).isNotNull();
        });
        assertThat(store.version(new VersionRef(first.roleId(), 3))).isEmpty();
    }

    @Test
    void a_message_kept_before_its_acknowledgement_survives_until_its_turn_and_only_once() {
        Conversations c = open("taken");
        Message start = new Message("slack:T1:U1", null, "start", List.of(), "slack:Ev1", null);
        Message click = new Message("slack:T1:U2", null, "", List.of(), "slack:trigger-9",
                new Action.Decide(new VersionRef(1, 1), DecisionKind.APPROVED, "fine"));
        assertThat(c.accept(start, "D1 U1")).isTrue();
        assertThat(c.accept(click, " U2")).isTrue();
        // A retry while the first is still waiting for its turn: on SQLite this process has it and runs it once; on
        // PostgreSQL another instance may be the one to run it, so it is taken again (and found a repeat there).
        assertThat(c.accept(start, "D1 U1")).as("kept once").isEqualTo(c.store().shared());
        // The process stops here; a new one finds both, in order, with their action intact.
        Conversations again = open("taken");
        List<Conversations.Accepted> taken = again.acceptedOn("slack");
        assertThat(taken).extracting(Conversations.Accepted::message).containsExactly(start, click);
        assertThat(taken.get(0).route()).isEqualTo("D1 U1");
        again.handle(taken.get(0).message());
        assertThat(again.acceptedOn("slack")).extracting(a -> a.message().messageId()).containsExactly("slack:trigger-9");
        assertThat(again.accept(start, "D1 U1")).as("a retry after the turn").isFalse();
        assertThat(again.acceptedOn("local")).isEmpty();
    }

    @Test
    void a_task_added_right_after_changes_were_requested_is_classified() {
        Conversations c = open("reopen");
        submitted(c, "alice", "bob");
        c.handle(Message.text("local:bob", "changes 1 Add the vendor calls"));
        c.handle(Message.text("local:alice", "Call vendors to negotiate prices 10%"));
        var task = c.store().activeDraft("local:alice").orElseThrow().tasks().get(2);
        assertThat(task.text()).isEqualTo("Call vendors to negotiate prices");
        assertThat(task.proposed().reason()).isNotEqualTo(rolecraft.bot.domain.Classification.unknown().reason());
    }


    // --- several instances on one database -------------------------------------------------------------------

    @Test
    void one_person_s_messages_taken_by_two_instances_apply_once_and_in_the_order_taken() throws Exception {
        Conversations a = open("order");
        Conversations b = open("order");
        String who = "local:alice";
        for (String m : List.of("start", "Analyst", "bob")) {
            a.handle(Message.text(who, m));
        }
        List<Message> sent = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            Message m = new Message(who, null, "Task number " + i + " 5%", List.of(), "local:Ev" + i, null);
            // Taken alternately by the two instances, as a load balancer spreads them.
            assertThat((i % 2 == 0 ? b : a).accept(m, "D1 U9")).isTrue();
            sent.add(m);
        }
        // Each instance runs its own messages, newest first, each after what the person sent before it; a
        // platform's retry of every message reaches the other instance too.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> runs = new ArrayList<>();
        for (Conversations instance : List.of(a, b)) {
            runs.add(pool.submit(() -> {
                int applied = 0;
                for (int i = sent.size() - 1; i >= 0; i--) {
                    Message m = sent.get(i);
                    for (Conversations.Accepted before : instance.takenBefore(m)) {
                        applied += instance.handle(before.message()).duplicate() ? 0 : 1;
                    }
                    applied += instance.handle(m).duplicate() ? 0 : 1;
                }
                return applied;
            }));
        }
        int applied = 0;
        for (Future<Integer> f : runs) {
            applied += f.get();
        }
        pool.shutdown();
        assertThat(applied).as("turns applied across both instances").isEqualTo(12);
        assertThat(b.store().activeDraft(who).orElseThrow().tasks()).extracting(t -> t.text())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 12)
                        .mapToObj(i -> "Task number " + i).toList());
        assertThat(a.acceptedOn("local")).isEmpty();
    }

    @Test
    void the_same_message_on_two_instances_at_once_is_applied_once() throws Exception {
        Conversations a = open("twice");
        Conversations b = open("twice");
        for (String m : List.of("start", "Analyst", "bob")) {
            a.handle(Message.text("local:alice", m));
        }
        for (int round = 0; round < 10; round++) {
            Message m = new Message("local:alice", null, "Review contract " + round + " 2%", List.of(),
                    "local:m" + round, null);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Conversations.Turn>> turns = pool.invokeAll(List.of(() -> a.handle(m), () -> b.handle(m)));
            pool.shutdown();
            long applied = 0;
            for (Future<Conversations.Turn> t : turns) {
                applied += t.get().duplicate() ? 0 : 1;
                assertThat(t.get().replies()).noneMatch(r -> r.say() == Say.ERROR_GENERIC);
            }
            assertThat(applied).isEqualTo(1);
        }
        assertThat(a.store().activeDraft("local:alice").orElseThrow().tasks()).hasSize(10);
    }

    @Test
    void a_notification_is_delivered_by_one_instance() throws Exception {
        Conversations a = open("claims");
        Store other = store("claims");
        submitted(a, "alice", "bob");
        submitted(a, "carol", "bob");
        Notification n = a.store().pendingOn("local").get(0);
        assertThat(a.store().claim(n.id(), java.time.Duration.ofMinutes(2))).isTrue();
        assertThat(other.claim(n.id(), java.time.Duration.ofMinutes(2))).as("claimed elsewhere").isFalse();
        a.store().release(n.id());
        assertThat(other.claim(n.id(), java.time.Duration.ofMinutes(2))).as("released").isTrue();
        other.markDelivered(List.of(n.id()));
        assertThat(a.store().claim(n.id(), java.time.Duration.ofMinutes(2))).as("delivered").isFalse();
        assertThat(other.claim(a.store().pendingOn("local").get(0).id(), java.time.Duration.ZERO))
                .as("a claim that runs out at once").isTrue();
        assertThat(a.store().claim(a.store().pendingOn("local").get(0).id(), java.time.Duration.ofMinutes(2)))
                .as("taken over after it ran out").isTrue();
    }

    @Test
    void notifications_taken_by_two_instances_at_once_are_each_taken_once() throws Exception {
        Conversations a = open("take");
        Store other = store("take");
        for (String e : List.of("alice", "carol", "dan", "erin")) {
            submitted(a, e, "bob");
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<List<Notification>>> takes = pool.invokeAll(List.of(() -> a.takePending("local:bob"),
                () -> other.takePending("local:bob")));
        pool.shutdown();
        List<Long> ids = new ArrayList<>();
        for (Future<List<Notification>> f : takes) {
            f.get().forEach(n -> ids.add(n.id()));
        }
        assertThat(ids).hasSize(4).doesNotHaveDuplicates();
    }
}
