package rolecraft.adapters.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import rolecraft.adapters.bench.Bench;
import rolecraft.bot.classify.ModelClassifier;

/** Measures rolecraft in one run and prints the figures, each beside its target, then one JSON line. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure how fast rolecraft is on this machine, in one run: whole conversation turns/s through the "
                + "engine with persistence (with the shipped classifier); Slack acknowledgement and reply times at 1, "
                + "16 and 64 concurrent employees; one chat message of 10 tasks through the "
                + "classifier, warm (median and p99 ms); export rows/s and the heap the export keeps at two sizes; the "
                + "cold start of serve to its first 200 on /health; serve's peak resident memory under 64 concurrent "
                + "chats that reach the task step, so that serve loads its classifier; and `classify` on 10,000 lines "
                + "as its own process, JVM start included (wall ms, lines/s).",
            "",
            "Every figure is warmed up, repeated, and reported as a median with its spread; the last line is "
                + "one JSON object with every figure. Takes a few minutes; --quick runs the same figures smaller, "
                + "in under a minute (`classify` then runs on 2,000 lines: classify_2k_*)."
        })
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--quick", description = "The same figures, smaller: under a minute.")
    boolean quick;

    @Option(names = "--postgres", paramLabel = "JDBC-URL", description = "Also measure turns/s on this "
            + "PostgreSQL database (jdbc:postgresql://HOST:5432/DB; user and password from ROLECRAFT_DB_USER and "
            + "ROLECRAFT_DB_PASSWORD) with one instance and with two sharing it. Its rolecraft tables are created "
            + "if missing and the benchmark's people are added to them: use a database of its own.")
    String postgres;

    @Option(names = "--only", split = ",", paramLabel = "GROUP", description = "Run only these groups of figures "
            + "(comma-separated): engine (turns/s, and on PostgreSQL with --postgres), "
            + "classify (10 tasks), slack (ack and reply latency), export, cold (cold start), serve (serve's "
            + "memory under load, and classify as a process). Default: all of them.")
    java.util.List<String> only;

    @Option(names = "--work", paramLabel = "DIR", description = "Folder for the benchmark's own databases "
            + "(default: a new folder under the system's temporary folder; it is removed at the end).")
    Path work;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = main.spec.commandLine().getOut();
        if (only != null) {
            // Checked before the classifier loads, so that a typo costs no wait.
            new Bench(Bench.Size.quick(), Path.of("."), null, null, out).only(only);
        }
        boolean temporary = work == null;
        Path dir = temporary ? Files.createTempDirectory("rolecraft-bench") : work;
        try {
            // The classifier production uses, fully loaded before anything is timed.
            ModelClassifier classifier = ModelClassifier.load();
            classifier.awaitEmbedder(Duration.ofSeconds(60));
            Bench bench = new Bench(quick ? Bench.Size.quick() : Bench.Size.full(), dir, ownJar(), classifier, out);
            if (only != null) {
                bench.only(only);
            }
            if (postgres != null) {
                java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
                env.put(rolecraft.bot.store.Database.URL_VARIABLE, postgres);
                bench.withPostgres(rolecraft.bot.store.Database.of(env, dir.resolve("unused.db")));
            }
            Map<String, Object> figures = bench.run();
            out.println(Bench.json(figures));
            out.flush();
            return 0;
        } finally {
            if (temporary) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** The jar this runs from, to start serve as its own process; null when run from classes. */
    static Path ownJar() {
        try {
            Path p = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") ? p : null;
        } catch (java.net.URISyntaxException | SecurityException e) {
            return null;
        }
    }
}
