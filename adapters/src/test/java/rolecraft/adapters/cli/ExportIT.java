package rolecraft.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rolecraft.bot.store.Store;

/** The export streams: 100,000 task rows go out through a JVM whose heap could not hold them. */
class ExportIT {

    @TempDir
    Path dir;

    @Test
    void a_hundred_thousand_rows_export_within_a_small_heap() throws Exception {
        Path db = dir.resolve("big.db");
        Jdbi jdbi = Store.sqlite(db).jdbi();
        int versions = 10_000;
        int tasksPerVersion = 10;
        jdbi.useTransaction(h -> {
            h.execute("INSERT INTO people (id, surface, created_at) VALUES ('local:boss', 'local', '2026-01-01T00:00:00Z')");
            var people = h.prepareBatch("INSERT INTO people (id, surface, created_at) VALUES (?, 'local', '2026-01-01T00:00:00Z')");
            var roles = h.prepareBatch("INSERT INTO roles (id, employee_id, created_at) VALUES (?, ?, '2026-01-01T00:00:00Z')");
            var vers = h.prepareBatch("INSERT INTO role_versions (id, role_id, version, status, title, manager_id, "
                    + "created_at, updated_at) VALUES (?, ?, 1, 'drafting', ?, 'local:boss', '2026-01-01T00:00:00Z', "
                    + "'2026-01-01T00:00:00Z')");
            var tasks = h.prepareBatch("INSERT INTO tasks (version_id, position, text, share_percent, "
                    + "proposed_exposure, proposed_ai_role, proposed_capability, confidence, reason, ai_role, "
                    + "capability, changed_by_employee) VALUES (?, ?, ?, 10, 'E1', 'augment', 'judgment', 0.5, "
                    + "'a reason of moderate length to make rows realistic', 'augment', 'judgment', 0)");
            for (int v = 1; v <= versions; v++) {
                people.add("local:e" + v);
                roles.add(v, "local:e" + v);
                vers.add(v, v, "Analyst " + v);
                for (int t = 1; t <= tasksPerVersion; t++) {
                    tasks.add(v, t, "Task " + t + " of role " + v + " with some words to make it longer");
                }
            }
            people.execute();
            roles.execute();
            vers.execute();
            tasks.execute();
        });
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
