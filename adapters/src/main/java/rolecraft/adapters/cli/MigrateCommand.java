package rolecraft.adapters.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import rolecraft.bot.store.Database;
import rolecraft.bot.store.Store;

/** Brings the store's schema up to date and exits: for deployments that migrate before rolling out. */
@Command(name = "migrate",
        mixinStandardHelpOptions = true,
        description = {
            "Run the store's schema migrations that have not run yet, then exit. `serve` does the same by itself "
                + "when it starts; run this first when several instances are rolled out on one PostgreSQL "
                + "database, so that the new schema is in place before any of them starts.",
            "",
            "The store is the SQLite file of --db, or the PostgreSQL database of ROLECRAFT_DB_URL "
                + "(with ROLECRAFT_DB_USER and ROLECRAFT_DB_PASSWORD). Exit code 2 when it cannot be reached."
        })
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        Database db = Setup.database(main);
        int ran = Store.migrateOnly(db);
        main.spec.commandLine().getErr().printf("rolecraft: %s is at schema version %d (%d migration(s) run now)%n",
                db.describe(), Store.schemaVersion(), ran);
        return 0;
    }
}
