package rolecraft.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cmd = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString().replaceAll("\\s+", " "), err.toString());
    }

    @Test
    void help_lists_the_commands_and_the_environment() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("serve", "chat", "export", "classify", "bench", "--db", "ROLECRAFT_DB",
                "ROLECRAFT_PROMPTS", "ROLECRAFT_LLM_URL", "redesign");
    }

    @Test
    void each_command_explains_itself() {
        assertThat(run("chat", "--help").out()).contains("--user", "one message per line", "approve N", "30%");
        assertThat(run("export", "--help").out()).contains("--format", "csv, json", "--status",
                "changes_requested", "apostrophe", "streamed");
        assertThat(run("serve", "--help").out()).contains("--port", "PORT", "/health", "--local", "ROLECRAFT_ADMIN_TOKEN");
        assertThat(run("bench", "--help").out()).contains("--quick", "median", "JSON", "--only", "engine");
    }

    @Test
    void bench_refuses_a_group_it_does_not_have_before_it_loads_anything() {
        Run r = run("bench", "--only", "engine,speed");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no group of figures called 'speed'", "engine, classify, slack")
                .doesNotContain("Exception");
    }

    @Test
    void the_global_db_option_is_taken_after_the_command_too() {
        Run r = run("export", "--db", dir.resolve("x.db").toString(), "--out", dir.resolve("x.csv").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(dir.resolve("x.db")).exists();
    }

    @Test
    void bad_options_get_a_sentence_and_a_non_zero_exit() {
        Run format = run("export", "--format", "xml");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("Invalid value for option '--format'");
        Run since = run("export", "--db", dir.resolve("y.db").toString(), "--since", "yesterday");
        assertThat(since.exit()).isEqualTo(2);
        assertThat(since.err()).contains("--since takes a date");
        Run farFuture = run("export", "--db", dir.resolve("y.db").toString(), "--since", "+1000000000-01-01T00:00:00Z");
        assertThat(farFuture.exit()).isEqualTo(2);
        assertThat(farFuture.err()).contains("--since takes a date");
        Run user = run("chat", "--db", dir.resolve("z.db").toString(), "--user", "Robert'); DROP TABLE");
        assertThat(user.exit()).isEqualTo(2);
        assertThat(user.err()).contains("--user takes a plain id");
        Run prompts = run("export", "--db", dir.resolve("w.db").toString(), "--prompts",
                dir.resolve("none").toString(), "--out", dir.resolve("w.csv").toString());
        assertThat(prompts.exit()).isZero();
    }
}
