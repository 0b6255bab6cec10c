package rolecraft.adapters.cli;

import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import rolecraft.bot.store.Store;

/** A store holding many role versions, written in one transaction, for export tests. */
final class BigDb {

    private BigDb() {
    }

    static void seed(Path db, int versions, int tasksPerVersion) {
        Jdbi jdbi = Store.sqlite(db).jdbi();
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
    }
}
