package rolecraft.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import rolecraft.adapters.admin.Fixtures;
import rolecraft.bot.Conversations;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.store.Store;

/** export --person, forget, and serve's retention setting, on the command line. */
class PeopleCommandsTest {

    @TempDir
    Path dir;
    private Path db;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(Main.commandLine(), args);
    }

    @BeforeEach
    void someone_redesigned_their_role() {
        db = dir.resolve("people.db");
        try (Store store = Store.sqlite(db)) {
            Conversations c = new Conversations(store, new RuleClassifier(), Clock.systemUTC());
            Fixtures.redesign(c, "local", "quintessa", "boss", "Archivist",
                    List.of("Catalogue the papyrus scrolls 60%", "+cmd|' /C calc'!A0 40%"), true,
                    "Where the vellum maps hide");
            Fixtures.redesign(c, "local", "other", "boss", "Analyst",
                    List.of("Prepare the monthly report 50%", "Coach new hires 50%"), false, null);
        }
    }

    private String read(Path f) throws Exception {
        return Files.readString(f, StandardCharsets.UTF_8);
    }

    @Test
    void export_person_gives_their_records_as_json_and_csv() throws Exception {
        Path json = dir.resolve("q.json");
        Path csv = dir.resolve("q.csv");

        Run j = run("export", "--db", db.toString(), "--person", "local:quintessa", "--format", "json",
                "--out", json.toString());
        Run c = run("export", "--db", db.toString(), "--person", "local:quintessa", "--out", csv.toString());

        assertThat(j.exit()).as(j.err()).isZero();
        assertThat(c.exit()).as(c.err()).isZero();
        JsonNode records = new ObjectMapper().readTree(json.toFile());
        assertThat(records.path("person_id").asText()).isEqualTo("local:quintessa");
        assertThat(records.path("versions").get(0).path("title").asText()).isEqualTo("Archivist");
        assertThat(records.path("tasks").findValuesAsText("text")).contains("Catalogue the papyrus scrolls");
        assertThat(records.path("answers").findValuesAsText("answer")).contains("Where the vellum maps hide");
        assertThat(records.path("decisions_on_their_drafts").get(0).path("decision").asText()).isEqualTo("approved");
        assertThat(read(json)).doesNotContain("Prepare the monthly report");
        assertThat(read(csv)).startsWith("kind,item,field,value\r\n")
                .contains("tasks,1,text,Catalogue the papyrus scrolls\r\n", "versions,1,title,Archivist\r\n")
                .contains("tasks,2,text,'+cmd|' /C calc'!A0")
                .doesNotContain("monthly report");

        Run boss = run("export", "--db", db.toString(), "--person", "local:boss", "--format", "json", "--out",
                dir.resolve("b.json").toString());
        assertThat(boss.exit()).isZero();
        assertThat(new ObjectMapper().readTree(dir.resolve("b.json").toFile()).path("decisions_taken").size())
                .isEqualTo(1);
    }

    @Test
    void an_unknown_id_is_said_and_is_no_success() {
        Path out = dir.resolve("nobody.json");
        Run r = run("export", "--db", db.toString(), "--person", "quintessa", "--out", out.toString());
        Run f = run("forget", "--db", db.toString(), "--person", "local:nobody", "--yes");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("nobody with the id 'quintessa' is stored", "local:alice").doesNotContain(
                "Exception");
        assertThat(out).doesNotExist();
        assertThat(f.exit()).isEqualTo(1);
        assertThat(f.err()).contains("nobody with the id 'local:nobody'");
    }

    @Test
    void forget_without_yes_counts_and_deletes_nothing_then_with_yes_deletes() throws Exception {
        Run dry = run("forget", "--db", db.toString(), "--person", "local:quintessa");

        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Would delete", "tasks", "Nothing was deleted", "--yes")
                .containsPattern("tasks\\s+2");
        assertThat(run("export", "--db", db.toString(), "--person", "local:quintessa", "--out",
                dir.resolve("still.csv").toString()).exit()).isZero();

        Run yes = run("forget", "--db", db.toString(), "--person", "local:quintessa", "--yes");

        assertThat(yes.exit()).as(yes.err()).isZero();
        assertThat(yes.out()).contains("Deleted").containsPattern("versions\\s+1");
        assertThat(run("export", "--db", db.toString(), "--person", "local:quintessa", "--out",
                dir.resolve("gone.csv").toString()).exit()).isEqualTo(1);
        Path all = dir.resolve("all.csv");
        Path allJson = dir.resolve("all.json");
        assertThat(run("export", "--db", db.toString(), "--out", all.toString()).exit()).isZero();
        assertThat(run("export", "--db", db.toString(), "--format", "json", "--out", allJson.toString()).exit())
                .isZero();
        assertThat(read(all) + read(allJson)).doesNotContain("quintessa", "papyrus", "vellum", "Archivist")
                .contains("monthly report");
        assertThat(new String(Files.readAllBytes(db), StandardCharsets.ISO_8859_1))
                .doesNotContain("quintessa", "papyrus", "vellum");
    }

    @Test
    void the_commands_explain_themselves() {
        assertThat(run("forget", "--help").out().replaceAll("\\s+", " "))
                .contains("--person", "--yes", "(deleted person)", "nothing", "DELETE /admin/api/people/ID");
        assertThat(run("export", "--help").out().replaceAll("\\s+", " "))
                .contains("--person", "kind,item,field,value", "decisions they took");
        assertThat(run("--help").out()).contains("forget", "ROLECRAFT_RETENTION_DAYS");
    }

    @Test
    void serve_refuses_a_retention_that_is_no_number_of_days() {
        for (String bad : List.of("thirty", "0", "-5", "1.5")) {
            CommandLine cmd = Main.commandLine();
            ServeCommand serve = cmd.getSubcommands().get("serve").getCommand();
            serve.env = Map.of("ROLECRAFT_RETENTION_DAYS", bad);

            Run r = run(cmd, "serve", "--db", db.toString(), "--port", "0", "--check");

            assertThat(r.exit()).as(bad).isEqualTo(2);
            assertThat(r.err().strip()).as(bad).contains("ROLECRAFT_RETENTION_DAYS", "'" + bad + "'")
                    .doesNotContain("Exception").hasLineCount(1);
        }
    }
}
