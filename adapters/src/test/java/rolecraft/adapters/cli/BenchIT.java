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

    static final List<String> KEYS = List.of("sqlite_commits_per_s", "engine_turns_per_s", "engine_vs_sqlite",
            "engine_turns_unseen_tasks_per_s", "engine_turns_no_model_per_s", "classify_10_tasks_ms",
            "slack_ack_p50_ms", "slack_ack_p99_ms", "slack_reply_p50_ms", "slack_reply_p99_ms", "bare_ack_p50_ms",
            "bare_ack_p99_ms", "ack_ratio_p99", "export_rows_per_s", "export_peak_heap_mb",
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
        // The ratios are what their parts say (to the rounding of the printed figures).
        assertThat(figures.get("engine_vs_sqlite").asDouble()).isCloseTo(
                figures.get("engine_turns_per_s").asDouble() / figures.get("sqlite_commits_per_s").asDouble(),
                org.assertj.core.data.Offset.offset(0.002));
        double ack = figures.get("slack_ack_p99_ms").asDouble();
        double bare = figures.get("bare_ack_p99_ms").asDouble();
        // The milliseconds are printed to a tenth: the quotient of the printed figures is that much off at most.
        double rounding = (ack / bare) * (0.05 / ack + 0.05 / bare) + 0.001;
        assertThat(figures.get("ack_ratio_p99").asDouble()).isCloseTo(ack / bare,
                org.assertj.core.data.Offset.offset(rounding));
        assertThat(figures.get("slack_ack_p99_ms").asDouble())
                .isGreaterThanOrEqualTo(figures.get("slack_ack_p50_ms").asDouble());
        // Each figure is printed beside what it is, before the JSON line.
        assertThat(r.out()).contains("(baseline)", "target >= 0.5", "bare Bolt ack", "slack at concurrency 64",
                "target <= 512");
        assertThat(r.err()).doesNotContain("Exception");
    }
}
