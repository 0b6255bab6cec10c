package rolecraft.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export streams: 100,000 task rows go out through a JVM whose heap could not hold them. */
class ExportIT {

    @TempDir
    Path dir;

    @Test
    void a_hundred_thousand_rows_export_within_a_small_heap() throws Exception {
        Path db = dir.resolve("big.db");
        BigDb.seed(db, 10_000, 10);
        Path out = dir.resolve("big.csv");
        Jar.Result r = Jar.run(List.of("-Xmx40m"), null, "export", "--db", db.toString(), "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("Exported 100000 rows");
        try (var lines = Files.lines(out)) {
            assertThat(lines.count()).isEqualTo(100_001);
        }
        Path json = dir.resolve("big.json");
        Jar.Result j = Jar.run(List.of("-Xmx40m"), null, "export", "--db", db.toString(), "--format", "json",
                "--out", json.toString());
        assertThat(j.exit()).as(j.err()).isZero();
        assertThat(j.err()).contains("Exported 10000 role versions");
        assertThat(Files.size(json)).isGreaterThan(10_000_000L);
    }
}
