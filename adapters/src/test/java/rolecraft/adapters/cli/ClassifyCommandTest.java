package rolecraft.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `rolecraft classify` in process, on a file of task statements. */
class ClassifyCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String input, String... args) throws Exception {
        Path tasks = dir.resolve("tasks.txt");
        Files.writeString(tasks, input);
        List<String> all = new ArrayList<>(List.of("classify"));
        all.addAll(List.of(args));
        all.add(tasks.toString());
        CommandLine cmd = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void tsv_has_the_header_and_one_row_per_task_in_input_order_skipping_blank_lines() throws Exception {
        Run r = run("Coach new hires\n\n  Enter invoices into the ledger\t\n   \nDesign flyers for events\n");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("exposure\tai_role\tcapability\tconfidence\treason\ttask");
        List<String[]> rows = lines.subList(1, 4).stream().map(l -> l.split("\t", -1)).toList();
        assertThat(rows).allSatisfy(f -> {
            assertThat(f).hasSize(6);
            assertThat(f[0]).isIn("E0", "E1", "E2");
            assertThat(f[1]).isIn("automate", "augment", "human");
            assertThat(f[1].equals("automate") ? f[2].isEmpty() : f[2].matches("judgment|creativity|relationships"))
                    .as(String.join(" | ", f)).isTrue();
            assertThat(Double.parseDouble(f[3])).isBetween(0.33, 1.0);
            assertThat(f[4]).isNotBlank();
        });
        assertThat(rows).extracting(f -> f[5])
                .containsExactly("Coach new hires", "Enter invoices into the ledger", "Design flyers for events");
        assertThat(rows.get(0)[1]).isEqualTo("human");
        assertThat(rows.get(0)[2]).isEqualTo("relationships");
        assertThat(rows.get(2)[2]).isEqualTo("creativity");
    }

    @Test
    void json_lines_carry_the_same_fields_and_the_evidence() throws Exception {
        Run r = run("Respond to customer inquiries\nqwxz\n", "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.fieldNames()).toIterable()
                .containsExactly("exposure", "ai_role", "capability", "confidence", "reason", "task", "evidence");
        assertThat(first.get("task").asText()).isEqualTo("Respond to customer inquiries");
        assertThat(first.get("confidence").isNumber()).isTrue();
        assertThat(first.get("evidence").get("task").asText().toLowerCase()).contains("inquir");
        assertThat(first.get("evidence").get("human_label").asText()).matches("E[012]");
        assertThat(first.get("evidence").get("occupation").asText()).isNotBlank();
        JsonNode second = json.readTree(lines.get(1));
        assertThat(second.get("task").asText()).isEqualTo("qwxz");
        assertThat(second.has("evidence")).isTrue();
    }

    @Test
    void no_input_gives_only_the_header() throws Exception {
        Run r = run("");
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().toList()).containsExactly("exposure\tai_role\tcapability\tconfidence\treason\ttask");
    }

    @Test
    void help_explains_the_formats_columns_and_blank_lines() {
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        assertThat(cmd.execute("classify", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--format", "tsv, json", "exposure, ai_role, "
                + "capability, confidence, reason, task", "JSON Lines", "evidence", "Blank lines are skipped",
                "standard error");
    }

    @Test
    void a_missing_file_gets_a_sentence_and_a_non_zero_exit() {
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err));
        assertThat(cmd.execute("classify", dir.resolve("none.txt").toString())).isEqualTo(Failures.SETUP);
        assertThat(err.toString()).contains("none.txt");
    }
}
