package rolecraft.bot.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import rolecraft.bot.Conversations;
import rolecraft.bot.Conversations.Message;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.domain.Status;
import rolecraft.bot.store.Store;
import rolecraft.bot.store.TestDatabases;

/** The export, from a SQLite file and from PostgreSQL alike: the same records give the same bytes. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class ExporterTest {

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path dir;
    private Conversations c;
    private Exporter exporter;

    private void say(String who, String... messages) {
        for (String m : messages) {
            c.handle(Message.text("local:" + who, m));
        }
    }

    @BeforeEach
    void twoRoles() {
        c = new Conversations(Store.open(TestDatabases.fresh(kind, dir, "export")), new RuleClassifier(),
                Clock.systemUTC());
        exporter = new Exporter(c.store().jdbi());
        say("alice", "start", "=HYPERLINK(\"http://evil\")", "bob", "+Prepare the monthly report - 30%",
                "@Coach new hires 70%", "done", "1 human judgment",
                "2 human: new hires need someone who has done the job", "ok", "-1+2", "skip", "skip", "skip", "skip",
                "skip", "submit");
        say("bob", "changes 1 Please add the triage work");
        say("alice", "Triage tickets 10%", "done", "ok", "keep", "skip", "skip", "skip", "skip", "skip", "submit");
        say("bob", "approve 1 Good");
        say("dan", "start", "Designer", "erin");
    }

    @AfterEach
    void close() {
        c.store().close();
    }

    private List<CSVRecord> csv(Exporter.Filter filter) throws Exception {
        StringWriter out = new StringWriter();
        long n = exporter.csv(out, filter);
        List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString())).getRecords();
        assertThat(records).hasSize((int) n);
        return records;
    }

    @Test
    void csv_has_one_row_per_task_of_each_version_with_the_named_columns() throws Exception {
        StringWriter out = new StringWriter();
        exporter.csv(out, Exporter.Filter.all());
        String header = out.toString().lines().findFirst().orElseThrow();
        assertThat(header).startsWith("employee,manager,title,status,version,submitted_at,decided_at,task,"
                + "share_percent,ai_role,capability,reason,changed_by_employee");
        List<CSVRecord> rows = csv(Exporter.Filter.all());
        // alice v1: 2 tasks, alice v2: 3 tasks, dan: a draft with no task yet (one row).
        assertThat(rows).hasSize(6);
        List<CSVRecord> v1 = rows.stream().filter(r -> r.get("version").equals("1")
                && r.get("employee").equals("local:alice")).toList();
        assertThat(v1).hasSize(2);
        assertThat(v1).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("changes_requested");
            assertThat(r.get("manager")).isEqualTo("local:bob");
            assertThat(r.get("decision_comment")).isEqualTo("Please add the triage work");
            assertThat(r.get("submitted_at")).isNotEmpty();
            assertThat(r.get("decided_at")).isNotEmpty();
        });
        assertThat(v1.get(0).get("ai_role")).isEqualTo("human");
        assertThat(v1.get(0).get("capability")).isEqualTo("judgment");
        assertThat(v1.get(0).get("changed_by_employee")).isEqualTo("true");
        assertThat(v1.get(0).get("share_percent")).isEqualTo("30.0");
        assertThat(v1.get(0).get("employee_reason")).isEmpty();
        assertThat(v1.get(1).get("employee_reason")).isEqualTo("new hires need someone who has done the job");
        List<CSVRecord> v2 = rows.stream().filter(r -> r.get("version").equals("2")).toList();
        assertThat(v2).hasSize(3).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("approved"));
        assertThat(v2).extracting(r -> r.get("task")).contains("Triage tickets");
        // The reason stays with its task in the version after the manager asked for changes.
        assertThat(v2).extracting(r -> r.get("employee_reason"))
                .containsExactly("", "new hires need someone who has done the job", "");
        CSVRecord dan = rows.stream().filter(r -> r.get("employee").equals("local:dan")).findFirst().orElseThrow();
        assertThat(dan.get("status")).isEqualTo("drafting");
        assertThat(dan.get("task")).isEmpty();
    }

    @Test
    void the_time_a_task_takes_after_the_change_is_exported_as_the_employee_s_figure_or_marked_an_estimate()
            throws Exception {
        say("carol", "start", "Buyer", "bob", "Weekly reports 6h", "Plan the budget 10h", "Coach new hires 4h", "done",
                "ok", "a", "b", "c", "d", "reports more like 2h", "idk", "e", "f", "submit");
        List<CSVRecord> rows = csv(Exporter.Filter.all()).stream()
                .filter(r -> r.get("employee").equals("local:carol")).toList();
        assertThat(rows).extracting(r -> r.get("task"))
                .containsExactly("Weekly reports", "Plan the budget", "Coach new hires");
        assertThat(rows).extracting(r -> r.get("ai_role")).containsExactly("automate", "augment", "human");
        // 6h of 20 is 30% of the week; 2h after is a third of that, on the same base.
        assertThat(rows).extracting(r -> r.get("time_after_percent")).containsExactly("10.0", "", "");
        assertThat(rows).extracting(r -> r.get("time_after_by")).containsExactly("employee", "estimate", "");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.json(out, Exporter.Filter.all());
        JsonNode carol = new ObjectMapper().readTree(out.toByteArray()).get("roles").get(2);
        JsonNode tasks = carol.get("versions").get(0).get("tasks");
        assertThat(tasks.get(0).get("time_after_percent").asDouble()).isEqualTo(10.0);
        assertThat(tasks.get(0).get("time_after_by").asText()).isEqualTo("employee");
        assertThat(tasks.get(1).get("time_after_percent").isNull()).isTrue();
        assertThat(tasks.get(1).get("time_after_by").asText()).isEqualTo("estimate");
        assertThat(tasks.get(2).get("time_after_by").isNull()).isTrue();
    }

    @Test
    void cells_a_spreadsheet_would_run_are_neutralised() throws Exception {
        List<CSVRecord> rows = csv(Exporter.Filter.all());
        CSVRecord first = rows.get(0);
        assertThat(first.get("title")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(rows).extracting(r -> r.get("task"))
                .contains("'+Prepare the monthly report", "'@Coach new hires");
        for (CSVRecord r : rows) {
            for (String cell : r.values()) {
                assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@");
                if (cell.startsWith("-")) {
                    throw new AssertionError("formula-like cell: " + cell);
                }
            }
        }
        assertThat(Exporter.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(Exporter.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(Exporter.cell("plain")).isEqualTo("plain");
    }

    @Test
    void the_status_filter_keeps_only_that_status() throws Exception {
        assertThat(csv(new Exporter.Filter(Status.APPROVED, null)))
                .hasSize(3).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("approved"));
        assertThat(csv(new Exporter.Filter(Status.DRAFTING, null))).hasSize(1);
        assertThat(csv(new Exporter.Filter(Status.SUBMITTED, null))).isEmpty();
        assertThat(csv(new Exporter.Filter(null, Instant.now().plusSeconds(3600)))).isEmpty();
    }

    @Test
    void json_nests_roles_versions_tasks_answers_and_decisions() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long versions = exporter.json(out, Exporter.Filter.all());
        assertThat(versions).isEqualTo(3);
        JsonNode root = new ObjectMapper().readTree(out.toByteArray());
        assertThat(root.get("roles")).hasSize(2);
        JsonNode alice = root.get("roles").get(0);
        assertThat(alice.get("employee").asText()).isEqualTo("local:alice");
        JsonNode v1 = alice.get("versions").get(0);
        assertThat(v1.get("status").asText()).isEqualTo("changes_requested");
        assertThat(v1.get("tasks")).hasSize(2);
        assertThat(v1.get("tasks").get(0).get("changed_by_employee").asBoolean()).isTrue();
        assertThat(v1.get("tasks").get(0).get("proposed").get("ai_role").asText()).isNotEmpty();
        assertThat(v1.get("tasks").get(0).get("employee_reason").isNull()).isTrue();
        assertThat(v1.get("tasks").get(1).get("employee_reason").asText())
                .isEqualTo("new hires need someone who has done the job");
        assertThat(v1.get("answers")).hasSize(6);
        assertThat(v1.get("answers").get(0).get("answer").asText()).isEqualTo("-1+2");
        assertThat(v1.get("answers").get(1).get("skipped").asBoolean()).isTrue();
        assertThat(v1.get("decisions").get(0).get("comment").asText()).isEqualTo("Please add the triage work");
        assertThat(v1.get("decisions").get(0).get("decided_by").asText()).isEqualTo("local:bob");
        JsonNode v2 = alice.get("versions").get(1);
        assertThat(v2.get("tasks")).hasSize(3);
        assertThat(v2.get("decisions").get(0).get("decision").asText()).isEqualTo("approved");
        assertThat(v2.get("answers").get(0).get("answer").asText()).isEqualTo("-1+2");
        JsonNode dan = root.get("roles").get(1);
        assertThat(dan.get("versions").get(0).get("tasks")).isEmpty();
        assertThat(dan.get("versions").get(0).get("decisions")).isEmpty();
    }

    @Test
    void the_dashboard_figures_read_the_same_records() {
        java.util.Map<String, Object> figures = new Summary(c.store().jdbi()).compute(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(figures.get("roles_by_status")).isEqualTo(java.util.Map.of("drafting", 1, "submitted", 0,
                "changes_requested", 0, "approved", 1));
        assertThat(figures.get("waiting_over_7_days")).asList().isEmpty();
        // One person's answers are under the anonymity floor: no figure is drawn from them.
        assertThat(figures.get("tacit_knowledge_items")).isNull();
        assertThat(figures.get("approved")).isNull();
        assertThat(figures.get("by_title")).asList().isEmpty();
        assertThat(figures.get("top_ai_tasks")).asList().isEmpty();
    }

    @Test
    void roles_read_in_several_slices_come_out_in_order_each_row_once() throws Exception {
        // More roles than a few slices hold, with gaps between their ids; some with two versions.
        org.jdbi.v3.core.Jdbi jdbi = c.store().jdbi();
        int before = csv(Exporter.Filter.all()).size();
        List<Long> ids = new java.util.ArrayList<>();
        for (long id = 10_000; id < 10_000 + Exporter.SLICE_ROLES * 3L + 7; id++) {
            ids.add(id);
        }
        ids.add(10_000L + Exporter.SLICE_ROLES * 9L);
        // A sequence can leave wide gaps (PostgreSQL's caches them): a slice is so many roles, not so many ids.
        ids.add(1_000_000_000_000L);
        jdbi.useTransaction(h -> {
            h.execute("INSERT INTO people (id, surface, created_at) VALUES ('local:many', 'local', '2026-01-01T00:00:00Z')");
            for (long id : ids) {
                h.execute("INSERT INTO roles (id, employee_id, created_at) VALUES (?, 'local:many', '2026-01-01T00:00:00Z')",
                        id);
                int versions = id % 3 == 0 ? 2 : 1;
                for (int v = 1; v <= versions; v++) {
                    h.execute("INSERT INTO role_versions (role_id, version, status, title, created_at, updated_at) "
                            + "VALUES (?, ?, 'drafting', ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                            id, v, "Role " + id + " v" + v);
                }
            }
        });
        List<CSVRecord> rows = csv(Exporter.Filter.all());
        int added = ids.size() + (int) ids.stream().filter(id -> id % 3 == 0).count();
        assertThat(rows).hasSize(before + added);
        List<String> mine = rows.stream().filter(r -> r.get("employee").equals("local:many"))
                .map(r -> r.get("title")).toList();
        List<String> expected = new java.util.ArrayList<>();
        for (long id : ids) {
            expected.add("Role " + id + " v1");
            if (id % 3 == 0) {
                expected.add("Role " + id + " v2");
            }
        }
        assertThat(mine).containsExactlyElementsOf(expected);
        // The rows before them, from the other roles, are the same as before and still first.
        assertThat(rows.subList(0, before)).noneMatch(r -> r.get("employee").equals("local:many"));
    }
}
