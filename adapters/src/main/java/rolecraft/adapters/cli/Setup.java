package rolecraft.adapters.cli;

import java.nio.file.Path;
import java.time.Clock;
import rolecraft.bot.Conversations;
import rolecraft.bot.Prompts;
import rolecraft.bot.classify.Classifier;
import rolecraft.bot.classify.LlmReasons;
import rolecraft.bot.classify.ModelClassifier;
import rolecraft.bot.store.Database;
import rolecraft.bot.store.Store;

/** The parts every command shares, built from the global options. */
record Setup(Store store, Conversations conversations, Prompts prompts) {

    static Setup open(Main options) {
        Store store = Store.open(database(options));
        Prompts prompts = Prompts.load(options.prompts);
        // The shipped model decides; with ROLECRAFT_LLM_* set, an LLM may phrase the reasons.
        Classifier classifier = LlmReasons.fromEnvironment(ModelClassifier.load(), prompts, System.getenv());
        return new Setup(store, new Conversations(store, classifier, Clock.systemUTC(),
                System.getenv("ROLECRAFT_CONTACT"), prompts), prompts);
    }

    static Path dbOf(Main options) {
        return options.db;
    }

    /** PostgreSQL when ROLECRAFT_DB_URL is set, else the SQLite file of --db (checked: a file in a folder that exists). */
    static Database database(Main options) {
        Database db = Database.of(System.getenv(), options.db);
        if (!db.postgres()) {
            Settings.sqliteFile(options.db, Settings.source(options.spec, "--db", "ROLECRAFT_DB"));
        }
        return db;
    }
}
