package rolecraft.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `rolecraft classify` through the built jar: standard input to standard output, progress on standard error. */
class ClassifyIT {

    private static final List<String> TASKS = List.of("do the weekly numbers", "answer customer emails",
            "1:1s with my team", "chase late invoices", "Coach new hires", "write up meeting notes",
            "negotiate contracts with suppliers", "design flyers for events");

    @Test
    void a_long_input_is_classified_line_for_line_in_order_with_progress_on_stderr() throws Exception {
        List<String> input = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            input.add(TASKS.get(i % TASKS.size()) + (i % 100 == 99 ? "\n" : ""));
        }
        Jar.Result r = Jar.run(String.join("\n", input) + "\n", "classify");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(1 + 1200);
        assertThat(lines.get(0)).isEqualTo("exposure\tai_role\tcapability\tconfidence\treason\ttask");
        for (int i = 0; i < 1200; i++) {
            String[] f = lines.get(i + 1).split("\t", -1);
            assertThat(f).hasSize(6);
            assertThat(f[5]).isEqualTo(TASKS.get(i % TASKS.size()));
        }
        assertThat(lines.get(3).split("\t")).as("1:1s with my team").contains("human", "relationships");
        assertThat(r.err()).contains("classified 1,000 lines (", "lines/s)", "classified 1,200 lines in ")
                .doesNotContain("Exception", "WARN");
    }

    @Test
    void json_lines_through_the_jar() throws Exception {
        Jar.Result r = Jar.run("Respond to customer inquiries\n", "classify", "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).singleElement().asString()
                .startsWith("{\"exposure\":\"E").contains("\"task\":\"Respond to customer inquiries\"",
                        "\"evidence\":{\"task\":");
    }
}
