package rolecraft.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * `rolecraft bench --quick` through the built jar runs every group and ends with one JSON line holding every figure
 * the README names. Nothing here is timed: the figures are checked for being there and consistent, not for speed.
 */
class BenchIT {

    static final List<String> KEYS = List.of("engine_turns_per_s", "classify_10_tasks_ms", "slack_ack_p50_ms",
            "slack_ack_p99_ms", "slack_reply_p50_ms", "slack_reply_p99_ms", "export_rows_per_s", "export_peak_heap_mb",
            "export_peak_heap_mb_small", "cold_start_ms", "rss_mb", "classify_2k_wall_ms", "classify_2k_lines_per_s");

    @Test
    void a_quick_run_prints_every_figure_and_one_json_line() throws Exception {
        Jar.Result r = Jar.run(600, List.of(), null, "bench", "--quick");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
        String last = lines.get(lines.size() - 1);
        JsonNode figures = new ObjectMapper().readTree(last);
        for (String key : KEYS) {
            assertThat(figures.has(key)).as(key + " in " + last).isTrue();
            assertThat(figures.get(key).isNumber()).as(key).isTrue();
            assertThat(figures.get(key).asDouble()).as(key).isPositive();
        }
        assertThat(figures.get("slack_ack_p99_ms").asDouble())
                .isGreaterThanOrEqualTo(figures.get("slack_ack_p50_ms").asDouble());
        // Each figure is printed beside what it is, before the JSON line.
        assertThat(r.out()).contains("slack at concurrency 64", "target ack p99 < 100, reply p99 < 250",
                "target <= 512");
        assertThat(figures.has("engine_vs_sqlite")).as("a retired figure").isFalse();
        assertThat(r.err()).doesNotContain("Exception");
    }
}
