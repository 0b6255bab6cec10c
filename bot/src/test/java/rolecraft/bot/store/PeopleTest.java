package rolecraft.bot.store;

import rolecraft.bot.privacy.People;
import rolecraft.bot.privacy.PeopleDao;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import rolecraft.bot.Conversations;
import rolecraft.bot.Conversations.Message;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.domain.Say;
import rolecraft.bot.export.Exporter;
import rolecraft.bot.export.Summary;

/** A person's export, forgetting them, and retention, on SQLite and on PostgreSQL alike. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class PeopleTest {

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path dir;

    private Database db;
    private final List<Store> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Store::close);
    }

    private Store store() {
        if (db == null) {
            db = TestDatabases.fresh(kind, dir, "people");
        }
        Store store = Store.open(db);
        opened.add(store);
        return store;
    }

    private static void say(Conversations c, String who, String... messages) {
        for (String m : messages) {
            Conversations.Turn t = c.handle(Message.text(who, m));
            assertThat(t.replies()).as(m).noneMatch(r -> r.say() == Say.ERROR_GENERIC);
        }
    }

    /** Alice sends a role with words of her own to Bob, who asks for changes in words of his. */
    private static void aliceAndBob(Conversations c) {
        say(c, "local:alizarin", "start", "Zephyrologist", "bobolink", "Calibrate the quixotic anemometers - 30%",
                "Coach new hires 70%", "done", "ok", "a", "b", "c", "d", "e", "Marmalade forecasting", "submit");
        say(c, "local:bobolink", "changes 1 Mention the borogove audit");
        say(c, "local:carol", "start", "Analyst", "bobolink", "Prepare the monthly report - 30%", "Coach new hires 70%",
                "done", "ok", "a", "b", "c", "d", "e", "f", "submit");
    }

    /** Every export of everything, and the dashboard's summary, as one text. */
    private static String everything(Store store) {
        StringWriter csv = new StringWriter();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        Exporter exporter = new Exporter(store.jdbi());
        exporter.csv(csv, Exporter.Filter.all());
        exporter.json(json, Exporter.Filter.all());
        String all = csv + "\n" + json.toString(StandardCharsets.UTF_8) + "\n"
                + Json.write(new Summary(store.jdbi()).compute(Instant.now()));
        // When it was made is no record.
        return all.replaceAll("\"(exported_at|generated_at)\":\"[^\"]*\"", "");
    }

    /** The bytes of every file in the store's folder (the SQLite file and its WAL), as text. */
    private String rawFiles() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    @Test
    void an_export_holds_everything_stored_about_one_person() {
        Store store = store();
        aliceAndBob(new Conversations(store, new RuleClassifier(), Clock.systemUTC()));

        var alice = new People(store).export("local:alizarin").orElseThrow();
        assertThat(alice.get("person")).singleElement().extracting(r -> r.get("id")).isEqualTo("local:alizarin");
        assertThat(alice.get("versions")).singleElement().satisfies(v -> {
            assertThat(v.get("title")).isEqualTo("Zephyrologist");
            assertThat(v.get("status")).isEqualTo("changes_requested");
        });
        assertThat(alice.get("tasks")).extracting(r -> r.get("text"))
                .contains("Calibrate the quixotic anemometers", "Coach new hires");
        assertThat(alice.get("answers")).extracting(r -> r.get("answer")).contains("Marmalade forecasting");
        assertThat(alice.get("decisions_on_their_drafts")).singleElement()
                .satisfies(d -> assertThat(d.get("comment")).isEqualTo("Mention the borogove audit"));
        assertThat(alice.get("conversation")).hasSize(1);
        assertThat(alice.get("notifications")).extracting(r -> r.get("payload").toString())
                .anyMatch(p -> p.contains("borogove"));

        var bob = new People(store).export("local:bobolink").orElseThrow();
        assertThat(bob.get("decisions_taken")).singleElement()
                .satisfies(d -> assertThat(d.get("comment")).isEqualTo("Mention the borogove audit"));
        assertThat(bob.get("drafts_sent_to_them")).hasSize(2);
        assertThat(bob.get("tasks")).isEmpty();

        assertThat(new People(store).export("local:nobody")).isEmpty();
        assertThat(new People(store).export("alizarin")).as("ids are taken as stored").isEmpty();
    }

    @Test
    void without_applying_a_forget_only_counts() {
        Store store = store();
        aliceAndBob(new Conversations(store, new RuleClassifier(), Clock.systemUTC()));
        String before = everything(store);

        Map<String, Integer> n = new People(store).preview("local:alizarin").orElseThrow();

        assertThat(n).containsEntry("roles", 1).containsEntry("versions", 1).containsEntry("tasks", 2)
                .containsEntry("decisions_on_their_drafts", 1).containsEntry("people", 1);
        assertThat(everything(store)).isEqualTo(before);
        assertThat(new People(store).preview("local:nobody")).isEmpty();
    }

    @Test
    void a_forgotten_employee_is_in_no_export_summary_or_file() throws IOException {
        Store store = store();
        Conversations c = new Conversations(store, new RuleClassifier(), Clock.systemUTC());
        aliceAndBob(c);
        assertThat(store.accept("slack", "slack:m1", "local:alizarin", "{\"text\":\"kept quixotic words\"}", null))
                .isTrue();
        assertThat(everything(store)).contains("local:alizarin", "quixotic");

        Map<String, Integer> n = new People(store).forget("local:alizarin").orElseThrow();

        assertThat(n).containsEntry("roles", 1).containsEntry("versions", 1).containsEntry("tasks", 2)
                .containsEntry("answers", 6).containsEntry("kept_messages", 1).containsEntry("people", 1);
        String after = everything(store);
        assertThat(after).doesNotContain("local:alizarin", "alizarin", "quixotic", "anemometers", "Marmalade",
                "Zephyrologist", "borogove");
        assertThat(after).as("Carol's role stays").contains("Prepare the monthly report", "local:carol");
        assertThat(new People(store).export("local:alizarin")).isEmpty();
        assertThat(store.keptOf("local:alizarin")).isEmpty();
        // Bob's notice of her draft named her: it went too; Carol's is still his.
        assertThat(new People(store).export("local:bobolink").orElseThrow().get("notifications"))
                .extracting(r -> r.get("payload").toString()).noneMatch(p -> p.contains("local:alizarin"))
                .anyMatch(p -> p.contains("local:carol"));
        if (kind == TestDatabases.Kind.SQLITE) {
            assertThat(rawFiles()).doesNotContain("local:alizarin", "quixotic", "anemometers", "Marmalade",
                    "borogove");
        }
        // The conversation starts anew for her, and the others' go on.
        say(c, "local:alizarin", "start");
        say(c, "local:bobolink", "approve 1 Good");
        assertThat(everything(store)).contains("approved");
    }

    @Test
    void a_forgotten_manager_leaves_the_decision_and_the_draft_to_a_placeholder() throws IOException {
        Store store = store();
        Conversations c = new Conversations(store, new RuleClassifier(), Clock.systemUTC());
        aliceAndBob(c);

        Map<String, Integer> n = new People(store).forget("local:bobolink").orElseThrow();

        assertThat(n).containsEntry("decisions_taken_anonymised", 1).containsEntry("drafts_sent_to_them_anonymised", 2)
                .containsEntry("roles", 0);
        var alice = new People(store).export("local:alizarin").orElseThrow();
        assertThat(alice.get("versions")).singleElement()
                .satisfies(v -> assertThat(v.get("manager_id")).isEqualTo(PeopleDao.DELETED));
        assertThat(alice.get("decisions_on_their_drafts")).singleElement().satisfies(d -> {
            assertThat(d.get("decided_by")).isEqualTo(PeopleDao.DELETED);
            assertThat(d.get("comment")).isNull();
        });
        String after = everything(store);
        assertThat(after).doesNotContain("local:bobolink", "borogove").contains("quixotic", PeopleDao.DELETED);
        if (kind == TestDatabases.Kind.SQLITE) {
            assertThat(rawFiles()).doesNotContain("local:bobolink", "borogove");
        }
        assertThat(new People(store).forget("local:bobolink")).isEmpty();
    }

    @Test
    void retention_deletes_old_unsubmitted_drafts_and_kept_messages_only() {
        Store store = store();
        Instant long_ago = Instant.parse("2026-01-01T09:00:00Z");
        Instant today = long_ago.plus(Duration.ofDays(40));
        Conversations then = new Conversations(store, new RuleClassifier(), Clock.fixed(long_ago, ZoneOffset.UTC));
        say(then, "local:dora", "start", "Gardener", "bobolink", "Prune the oleander hedges 60%");
        aliceAndBob(then);
        Conversations now = new Conversations(store, new RuleClassifier(), Clock.fixed(today, ZoneOffset.UTC));
        say(now, "local:erin", "start", "Baker", "bobolink", "Knead the sourdough 50%");
        store.jdbi().useHandle(h -> h.execute("INSERT INTO inbound_queue (message_id, surface, payload, received_at, "
                + "person_id) VALUES ('teams:old', 'teams', 'old words', ?, 'local:dora')", Times.format(long_ago)));

        People.Expired e = new People(store).expire(today.minus(Duration.ofDays(30)));

        assertThat(e.drafts()).isEqualTo(1);
        assertThat(e.keptMessages()).isEqualTo(1);
        String after = everything(store);
        assertThat(after).doesNotContain("oleander").contains("sourdough", "quixotic", "monthly report");
        assertThat(store.keptOf("local:dora")).isEmpty();
        // Dora starts over rather than meeting a draft that is gone.
        say(now, "local:dora", "start", "Gardener", "bobolink", "Water the ferns 40%");
        assertThat(everything(store)).contains("ferns");
    }

    @Test
    void a_failed_statement_tells_nothing_of_the_words_bound_to_it() {
        Store store = store();

        assertThatThrownBy(() -> store.jdbi().useHandle(h -> h.createUpdate(
                        "INSERT INTO roles (employee_id, created_at) VALUES (:e, :at)")
                .bind("e", "local:unicorn-tamer").bind("at", "secret tapestry words").execute()))
                .satisfies(e -> {
                    StringWriter trace = new StringWriter();
                    e.printStackTrace(new java.io.PrintWriter(trace));
                    assertThat(trace.toString()).containsIgnoringCase("foreign key")
                            .doesNotContain("unicorn", "tapestry");
                });
    }

    @Test
    void forgetting_one_id_leaves_the_notices_of_a_lookalike_id() {
        Store store = store();
        Conversations c = new Conversations(store, new RuleClassifier(), Clock.systemUTC());
        say(c, "local:a_b", "start");
        say(c, "local:aXb", "start", "Analyst", "bobolink", "Prepare the monthly report - 30%", "Coach new hires 70%",
                "done", "ok", "a", "b", "c", "d", "e", "f", "submit");

        new People(store).forget("local:a_b").orElseThrow();

        assertThat(new People(store).export("local:bobolink").orElseThrow().get("notifications"))
                .extracting(r -> r.get("payload").toString()).anyMatch(p -> p.contains("local:aXb"));
    }
}
