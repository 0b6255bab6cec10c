package rolecraft.adapters.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.jdbi.v3.core.Jdbi;
import rolecraft.adapters.server.Deliveries;
import rolecraft.adapters.server.Server;
import rolecraft.adapters.slack.SlackSettings;
import rolecraft.adapters.slack.SlackSurface;
import rolecraft.bot.Conversations;
import rolecraft.bot.Prompts;
import rolecraft.bot.classify.Classifier;
import rolecraft.bot.export.Exporter;
import rolecraft.bot.store.Store;

/**
 * rolecraft's benchmark: each figure beside its baseline, measured in the same run on the same machine,
 * warmed up and repeated, reported as medians with their spread, then as one JSON line.
 */
public final class Bench {

    /** How big a run is: --quick runs the same figures smaller. */
    public record Size(int repeats, int users, int threads, int exportSmall, int exportLarge,
                       int coldStarts, int loadRequests, int classifyRepeats, int classifyLines,
                       int classifyRuns, int engineUsers, double warmSeconds) {

        public static Size full() {
            return new Size(5, 64, 16, 10_000, 100_000, 5, 3000, 1000, 10_000, 3, 512, 5);
        }

        public static Size quick() {
            // classify on 2,000 lines, not 10,000, to stay under a minute: its keys say classify_2k.
            return new Size(3, 16, 8, 2_000, 20_000, 3, 600, 200, 2_000, 1, 64, 1);
        }
    }


    private final Size size;
    private final Path work;
    private final Path jar;
    private final Classifier classifier;
    private final PrintWriter out;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    public Bench(Size size, Path work, Path jar, Classifier classifier, PrintWriter out) {
        this.size = size;
        this.work = work;
        this.jar = jar;
        this.classifier = classifier;
        this.out = out;
    }

    /** The groups of figures a run can be limited to, in the order they run. */
    public static final List<String> GROUPS = List.of("engine", "classify", "slack", "export", "cold", "serve");

    private java.util.Set<String> only = new java.util.HashSet<>(GROUPS);

    /** Limits the run to these groups (see {@link #GROUPS}). */
    public Bench only(java.util.Collection<String> groups) {
        for (String g : groups) {
            if (!GROUPS.contains(g)) {
                throw new IllegalArgumentException("no group of figures called '" + g + "'; the groups are "
                        + String.join(", ", GROUPS));
            }
        }
        this.only = new java.util.HashSet<>(groups);
        return this;
    }

    /** Runs every measure and returns the figures by key. */
    public Map<String, Object> run() throws Exception {
        Files.createDirectories(work);
        out.printf("rolecraft bench: %d repeats, work folder %s%n%n", size.repeats(), work);
        if (only.contains("engine")) {
            double engine = measure("engine_turns_per_s", "whole turns/s through the engine and the store",
                    r -> engineTurns(r, classifier));
            if (postgres != null) {
                postgresTurns(engine);
            }
        }
        if (only.contains("classify")) {
            classifyTenTasks();
        }
        if (only.contains("slack")) {
            slackFigures();
        }
        if (only.contains("export")) {
            exportFigures();
        }
        if (only.contains("cold")) {
            coldStart();
        }
        if (jar != null && only.contains("serve")) {
            serveUnderLoad();
            classifyLines();
        }
        out.println();
        return figures;
    }

    /** The closing JSON line. */
    public static String json(Map<String, Object> figures) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(figures);
    }

    private interface Measure {
        double once(int repeat) throws Exception;
    }

    /**
     * Warms up (runs of {@code m} until {@link Size#warmSeconds} have passed, one at least: the JIT compiles on
     * the same two cores the work runs on), then repeats and keeps the median.
     */
    private double measure(String key, String what, Measure m) throws Exception {
        long warmStart = System.nanoTime();
        int warm = 0;
        do {
            m.once(-1 - warm);
            warm++;
        } while (seconds(warmStart) < size.warmSeconds());
        double[] values = new double[size.repeats()];
        for (int i = 0; i < values.length; i++) {
            values[i] = m.once(i);
        }
        double median = Stats.median(values);
        figures.put(key, round(median));
        out.printf("%-32s %12.1f  (min %.1f, max %.1f, after %d warm-up runs)  %s%n", key, median, Stats.min(values),
                Stats.max(values), warm, what);
        out.flush();
        return median;
    }

    private void ratio(String key, double ours, double baseline, String target) {
        double r = ours / baseline;
        figures.put(key, Math.round(r * 1000) / 1000.0);
        out.printf("%-32s %12.3f  target %s%n", key, r, target);
        out.flush();
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    // --- 2. whole turns through the engine with persistence ---------------------------------------------------

    /**
     * A redesign as people type it: sixteen turns from start to submit. Everyone lists the same four tasks in the
     * same words, as people in one job do.
     */
    static List<String> script(int user) {
        return List.of("start", "Analyst " + user, "boss" + (user % 8), "Prepare the monthly report - 30%",
                "Coach new hires 20%", "Answer customer emails 25%", "Plan the quarterly budget 25%", "done", "ok",
                "What I know best", "skip", "The finance team", "Where the data is odd", "More forecasting", "skip",
                "submit");
    }

    /** Turns/s of {@link #script} for {@link Size#engineUsers} people on a new SQLite file through {@code c}. */
    private double engineTurns(int repeat, Classifier c) throws Exception {
        Path file = work.resolve("engine-" + (repeat < 0 ? "warm" + -repeat : String.valueOf(repeat + 1)) + ".db");
        deleteDb(file);
        try (Store store = Store.sqlite(file)) {
            return turns(List.of(new Conversations(store, c, Clock.systemUTC())), "u", size.engineUsers());
        } finally {
            deleteDb(file);
        }
    }

    /**
     * Turns/s of {@link #script} for every user, spread over {@code instances} (one user's messages go to each
     * instance in turn, as a load balancer spreads them).
     */
    private double turns(List<Conversations> instances, String prefix) throws Exception {
        return turns(instances, prefix, size.users());
    }

    /** Turns/s of {@link #script} for {@code users} people, spread over {@code instances}. */
    private double turns(List<Conversations> instances, String prefix, int users)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(size.threads());
        AtomicLong turns = new AtomicLong();
        try {
            List<Future<?>> runs = new ArrayList<>();
            long start = System.nanoTime();
            for (int u = 0; u < users; u++) {
                int user = u;
                runs.add(pool.submit(() -> {
                    int i = user;
                    List<String> script = script(user);
                    for (String m : script) {
                        instances.get(i++ % instances.size())
                                .handle(Conversations.Message.text("local:" + prefix + user, m));
                        turns.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
            return turns.get() / seconds(start);
        } finally {
            pool.shutdown();
        }
    }

    // --- 2b. the same turns on PostgreSQL: one instance, then two sharing the database --------------------------

    private rolecraft.bot.store.Database postgres;

    /** Adds the PostgreSQL figures, on {@code db} (its rolecraft tables are created if missing). */
    public Bench withPostgres(rolecraft.bot.store.Database db) {
        this.postgres = db;
        return this;
    }

    private void postgresTurns(double sqliteTurns) throws Exception {
        double one = measure("pg_engine_turns_per_s", "whole turns/s on PostgreSQL, one instance",
                r -> postgresTurns(r, 1));
        double two = measure("pg2_engine_turns_per_s", "whole turns/s on PostgreSQL, two instances (each its own "
                + "store and pool) sharing the database, each user's messages alternating between them",
                r -> postgresTurns(r, 2));
        ratio("pg_vs_sqlite_turns", one, sqliteTurns, "(none: beside SQLite's engine_turns_per_s)");
        ratio("pg2_vs_pg1_turns", two, one, "(none: what a second instance adds on this machine)");
    }

    private int postgresRun;

    private double postgresTurns(int repeat, int instances) throws Exception {
        List<Store> stores = new ArrayList<>();
        try {
            List<Conversations> all = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                Store store = Store.open(postgres);
                stores.add(store);
                all.add(new Conversations(store, classifier, Clock.systemUTC()));
            }
            // New people every run: the database is kept, and nobody's conversation is continued.
            return turns(all, "pg" + instances + "r" + (++postgresRun) + "-" + System.nanoTime() + "u");
        } finally {
            stores.forEach(Store::close);
        }
    }

    // --- 3. Slack over HTTP: acks and replies ----------------------------------------------------------------

    private void slackFigures() throws Exception {
        Path file = work.resolve("slack.db");
        deleteDb(file);
        try (SlackLoad load = new SlackLoad()) {
            SlackSettings settings = new SlackSettings(SlackLoad.TOKEN, SlackLoad.SECRET, null, load.apiUrl(),
                    java.util.Set.of());
            Store store = Store.sqlite(file);
            Conversations c = new Conversations(store, classifier, Clock.systemUTC());
            Deliveries deliveries = new Deliveries(store, List.of(), 0);
            SlackSurface slack = new SlackSurface(c, Prompts.builtIn(), deliveries, settings);
            deliveries.register(slack);
            Server ours = Server.start(new Server.Config("127.0.0.1", 0), c, Prompts.builtIn(), List.of(slack),
                    deliveries);
            try {
                String oursUrl = "http://127.0.0.1:" + ours.port() + "/slack/events";
                load.round(oursUrl, users("warm", 16), true);
                for (int concurrency : new int[] {1, 16, 64}) {
                    List<Double> ack = new ArrayList<>();
                    List<Double> reply = new ArrayList<>();
                    // A p99 wants more than a few hundred events: four times as many at 16 and 64 at once.
                    int rounds = Math.max(1, (concurrency > 1 ? 4 : 1) * size.users() * size.repeats() / concurrency);
                    for (int r = 0; r < rounds; r++) {
                        SlackLoad.Round ro = load.round(oursUrl, users("c" + concurrency + "r" + r, concurrency), true);
                        ack.addAll(ro.ack());
                        reply.addAll(ro.reply());
                    }
                    double[] a = Stats.of(ack);
                    double[] re = Stats.of(reply);
                    out.printf("slack at concurrency %-3d ack p50 %.1f ms, p99 %.1f ms | reply p50 %.1f ms, p99 %.1f ms"
                                    + " (%d events)%s%n", concurrency, Stats.percentile(a, 50), Stats.percentile(a, 99),
                            Stats.percentile(re, 50), Stats.percentile(re, 99), a.length,
                            concurrency == 64 ? "; target ack p99 < 100, reply p99 < 250" : "");
                    out.flush();
                    if (concurrency == 64) {
                        figures.put("slack_ack_p50_ms", round(Stats.percentile(a, 50)));
                        figures.put("slack_ack_p99_ms", round(Stats.percentile(a, 99)));
                        figures.put("slack_reply_p50_ms", round(Stats.percentile(re, 50)));
                        figures.put("slack_reply_p99_ms", round(Stats.percentile(re, 99)));
                    }
                }
            } finally {
                ours.stop();
                store.close();
            }
        } finally {
            deleteDb(file);
        }
    }

    private static List<String> users(String prefix, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add("U" + prefix.toUpperCase(java.util.Locale.ROOT) + "X" + i);
        }
        return out;
    }

    // --- 3. the classifier: one chat message warm, and the classify command on a long input --------------------

    /** One chat message of ten tasks, as people type them. */
    static final List<String> TEN_TASKS = List.of("do the weekly numbers", "answer customer emails",
            "sort out the weekly rota", "1:1s with my team", "chase late invoices", "write up meeting notes",
            "update the CRM after calls", "book travel for the sales team", "review pull requests",
            "plan the team offsite");

    /**
     * The ten tasks as a message nobody sent before ({@code n} names a region): the classifier keeps the results
     * of tasks it has seen, and a figure of repeats would measure that, not the model.
     */
    static List<String> tenNewTasks(int n) {
        return TEN_TASKS.stream().map(t -> t + " in region " + n).toList();
    }

    private int tenTasksRun;

    private void classifyTenTasks() {
        for (int i = 0; i < Math.max(20, size.classifyRepeats() / 10); i++) {
            classifier.classifyAll(tenNewTasks(++tenTasksRun));
        }
        double[] ms = new double[size.classifyRepeats()];
        for (int i = 0; i < ms.length; i++) {
            List<String> message = tenNewTasks(++tenTasksRun);
            long start = System.nanoTime();
            classifier.classifyAll(message);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        figures.put("classify_10_tasks_ms", round(Stats.median(ms)));
        figures.put("classify_10_tasks_p99_ms", round(Stats.percentile(ms, 99)));
        out.printf("%-32s %12.1f  (p99 %.1f, min %.1f, max %.1f)  one chat message of 10 new tasks, warm, %,d times; "
                + "target < 50%n", "classify_10_tasks_ms", Stats.median(ms), Stats.percentile(ms, 99), Stats.min(ms),
                Stats.max(ms), ms.length);
        out.flush();
    }

    /** `rolecraft classify` on 10,000 lines (2,000 with --quick) as its own process, JVM start and loading included. */
    private void classifyLines() throws Exception {
        Path input = work.resolve("classify-input.txt");
        Path output = work.resolve("classify-output.tsv");
        int count = size.classifyLines();
        String key = "classify_" + count / 1000 + "k_";
        List<String> lines = new ArrayList<>(count);
        String[] teams = {"sales", "finance", "support", "marketing", "product", "HR", "legal", "ops"};
        for (int i = 0; i < count; i++) {
            // Every line different (team and region), so none is answered from a result kept earlier.
            int group = i / TEN_TASKS.size();
            lines.add(TEN_TASKS.get(i % TEN_TASKS.size()) + " for the " + teams[group % teams.length]
                    + " team in region " + (group / teams.length + 1));
        }
        Files.write(input, lines);
        double[] ms = new double[size.classifyRuns()];
        try {
            for (int i = 0; i < ms.length; i++) {
                long start = System.nanoTime();
                Process p = new ProcessBuilder(javaBin(), "-jar", jar.toString(), "classify")
                        .redirectInput(input.toFile()).redirectOutput(output.toFile())
                        .redirectError(work.resolve("classify.log").toFile()).start();
                if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException("classify failed; see " + work.resolve("classify.log"));
                }
                ms[i] = (System.nanoTime() - start) / 1e6;
                try (var written = Files.lines(output)) {
                    long n = written.count();
                    if (n != count + 1) {
                        throw new IllegalStateException("classify wrote " + n + " lines for " + count);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(output);
        }
        double wall = Stats.median(ms);
        figures.put(key + "wall_ms", round(wall));
        figures.put(key + "lines_per_s", round(count / (wall / 1000)));
        out.printf("%-32s %12.1f  (min %.1f, max %.1f)  `classify` on %,d lines, JVM start included%n",
                key + "wall_ms", wall, Stats.min(ms), Stats.max(ms), count);
        out.printf("%-32s %12.1f  lines/s of the same runs%n", key + "lines_per_s", count / (wall / 1000));
        out.flush();
    }

    // --- 4. export: rows per second and the heap it keeps -----------------------------------------------------

    private void exportFigures() throws Exception {
        Path file = work.resolve("export.db");
        deleteDb(file);
        try {
            Store store = Store.sqlite(file);
            seed(store.jdbi(), 0, size.exportSmall());
            double smallHeap = peakHeap(store, 1);
            seed(store.jdbi(), size.exportSmall(), size.exportLarge());
            double[] rate = new double[size.repeats()];
            exportOnce(store);
            for (int i = 0; i < rate.length; i++) {
                rate[i] = exportOnce(store);
            }
            double largeHeap = peakHeap(store, 1);
            figures.put("export_rows_per_s", round(Stats.median(rate)));
            figures.put("export_peak_heap_mb", round(largeHeap));
            figures.put("export_peak_heap_mb_small", round(smallHeap));
            out.printf("%-32s %12.1f  (min %.1f, max %.1f)  %,d role versions to CSV; target >= 150,000%n",
                    "export_rows_per_s", Stats.median(rate), Stats.min(rate), Stats.max(rate), size.exportLarge());
            out.printf("%-32s %12.1f  live heap after GC at %,d rows; %.1f MB at %,d rows (flat is the target)%n",
                    "export_peak_heap_mb", largeHeap, size.exportLarge(), smallHeap, size.exportSmall());
            out.flush();
        } finally {
            deleteDb(file);
        }
    }

    private double exportOnce(Store store) {
        long start = System.nanoTime();
        long rows = new Exporter(store.jdbi()).csv(Writer.nullWriter(), Exporter.Filter.all());
        return rows / seconds(start);
    }

    /** Highest heap in use right after a collection while exporting: what the export keeps, not its garbage. */
    private double peakHeap(Store store, int times) throws Exception {
        AtomicLong peak = new AtomicLong();
        NotificationListener listener = (n, h) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                        .mapToLong(MemoryUsage::getUsed).sum();
                peak.accumulateAndGet(used, Math::max);
            }
        };
        List<NotificationEmitter> emitters = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(listener, null, null);
                emitters.add(e);
            }
        }
        try {
            System.gc();
            Thread.sleep(100);
            peak.set(0);
            for (int i = 0; i < times; i++) {
                // Collections during the export see what it holds on to, one every million chars written, so that
                // the export of 10,000 rows (2.6 million chars) is seen while it runs as well as that of 100,000;
                // one more at the end, while its last rows may still be referenced, closes the measure.
                new Exporter(store.jdbi()).csv(new Writer() {
                    private long written;

                    @Override
                    public void write(char[] cbuf, int off, int len) {
                        written += len;
                        if (written > 1_000_000) {
                            written = 0;
                            System.gc();
                        }
                    }

                    @Override
                    public void flush() {
                    }

                    @Override
                    public void close() {
                    }
                }, Exporter.Filter.all());
            }
            System.gc();
            Thread.sleep(100);
        } finally {
            for (NotificationEmitter e : emitters) {
                e.removeNotificationListener(listener);
            }
        }
        return peak.get() / (1024.0 * 1024.0);
    }

    private static void seed(Jdbi jdbi, int from, int to) {
        jdbi.useTransaction(h -> {
            if (from == 0) {
                h.execute("INSERT INTO people (id, surface, created_at) VALUES ('local:boss', 'local', "
                        + "'2026-01-01T00:00:00.000Z')");
            }
            var people = h.prepareBatch("INSERT INTO people (id, surface, created_at) VALUES (?, 'local', "
                    + "'2026-01-01T00:00:00.000Z')");
            var roles = h.prepareBatch("INSERT INTO roles (id, employee_id, created_at) VALUES (?, ?, "
                    + "'2026-01-01T00:00:00.000Z')");
            var versions = h.prepareBatch("INSERT INTO role_versions (id, role_id, version, status, title, "
                    + "manager_id, created_at, updated_at, submitted_at, decided_at) VALUES (?, ?, 1, 'approved', ?, "
                    + "'local:boss', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', "
                    + "'2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z')");
            var tasks = h.prepareBatch("INSERT INTO tasks (version_id, position, text, share_percent, "
                    + "proposed_exposure, proposed_ai_role, proposed_capability, confidence, reason, ai_role, "
                    + "capability, changed_by_employee) VALUES (?, 1, ?, 100, 'E1', 'augment', 'judgment', 0.62, "
                    + "'AI can draft and check parts; your judgment leads', 'augment', 'judgment', 0)");
            for (int v = from + 1; v <= to; v++) {
                people.add("local:e" + v);
                roles.add(v, "local:e" + v);
                versions.add(v, v, "Analyst " + (v % 50));
                tasks.add(v, "Prepare the monthly report for business unit " + v);
            }
            people.execute();
            roles.execute();
            versions.execute();
            tasks.execute();
        });
    }

    // --- 5. cold start, and resident memory under load --------------------------------------------------------

    private void coldStart() throws Exception {
        if (jar == null) {
            out.println("cold_start_ms             skipped: run the bench from rolecraft.jar");
            return;
        }
        double[] ms = new double[size.coldStarts()];
        // A restart of an existing deployment: the first run creates the store, the measured ones reopen it.
        Process first = startAndWait(-1);
        first.destroy();
        first.waitFor(20, TimeUnit.SECONDS);
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            Process p = startAndWait(-1);
            ms[i] = (System.nanoTime() - start) / 1e6;
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
        figures.put("cold_start_ms", round(Stats.median(ms)));
        out.printf("%-32s %12.1f  (min %.1f, max %.1f)  start of serve (existing store) to the first 200 on /health, %s; "
                        + "target <= 1,500%n",
                "cold_start_ms", Stats.median(ms), Stats.min(ms), Stats.max(ms),
                classDataArchive() != null ? "with the build's class data archive" : "NO CLASS DATA ARCHIVE beside the jar");
        out.flush();
    }

    /**
     * The JVM options serve runs with, as the README's Performance section gives them: a heap that starts small and
     * stops at 384 MB (serve keeps well under 100 MB live) with the serial collector, which needs no memory of its
     * own. Without them a JVM on a large machine may let the heap grow to a quarter of its memory.
     */
    static final List<String> SERVE_JVM = List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx384m");

    /**
     * {@link #SERVE_JVM}, and the class data archive the build leaves beside the jar ({@code rolecraft.jsa}) when it
     * is there, as the README's serve command has it.
     */
    private List<String> serveJvm() {
        List<String> options = new ArrayList<>(SERVE_JVM);
        Path archive = classDataArchive();
        if (archive != null) {
            options.add("-XX:SharedArchiveFile=" + archive);
        }
        return options;
    }

    /** The class data archive beside the jar, or null. */
    private Path classDataArchive() {
        Path archive = jar == null ? null : jar.toAbsolutePath().resolveSibling("rolecraft.jsa");
        return archive != null && Files.isRegularFile(archive) ? archive : null;
    }

    private int port;

    private Process startAndWait(int i) throws Exception {
        return startAndWait(i, Map.of());
    }

    private Process startAndWait(int i, Map<String, String> env) throws Exception {
        port = freePort();
        Path db = work.resolve("serve-" + (i + 2) + ".db");
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(serveJvm());
        command.addAll(List.of("-jar", jar.toString(), "serve", "--local", "--port", String.valueOf(port), "--db",
                db.toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(work.resolve("serve.log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/health")).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return p;
                }
            } catch (IOException notYet) {
                Thread.sleep(5);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("serve did not answer /health within 60 s; see " + work.resolve("serve.log"));
    }

    /**
     * What each person sends serve, in order, waiting for every reply before the next: the way to the task step,
     * then four task lines, which serve classifies (loading the embedder on the first of them).
     */
    static final List<String> RSS_CHAT = List.of("start", "Analyst", "<@UBOSS>",
            "Prepare the monthly report - 30%\nAnswer customer emails 25%\nCoach new hires 20%\n"
                    + "Plan the quarterly budget 25%");

    private void serveUnderLoad() throws Exception {
        try (SlackLoad load = new SlackLoad()) {
            Process p = startAndWait(100, Map.of("SLACK_BOT_TOKEN", SlackLoad.TOKEN,
                    "SLACK_SIGNING_SECRET", SlackLoad.SECRET, "SLACK_API_URL", load.apiUrl()));
            try {
                String url = "http://127.0.0.1:" + port + "/slack/events";
                int rounds = Math.max(2, size.loadRequests() / (64 * RSS_CHAT.size()));
                List<Double> reply = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    List<String> people = users("rss" + r, 64);
                    for (int m = 0; m < RSS_CHAT.size(); m++) {
                        SlackLoad.Round ro = load.round(url, people, RSS_CHAT.get(m), true);
                        // The task lines' replies, once the first round has loaded the embedder.
                        if (m == RSS_CHAT.size() - 1 && r > 0) {
                            reply.addAll(ro.reply());
                        }
                    }
                }
                // The peak the kernel saw, not a sample: the embedder's first load and each burst of classifying
                // are short.
                double mb = peakRssKb(p.pid()) / 1024.0;
                boolean loaded = mapsOnnxRuntime(p.pid());
                double[] re = Stats.of(reply);
                figures.put("rss_mb", round(mb));
                out.printf("%-32s %12.1f  peak resident memory of serve under Slack DMs at concurrency 64, %s: "
                                + "%d people each send start, a title, a manager, then 4 task lines (%d events; reply "
                                + "to the task lines p50 %.1f ms, p99 %.1f ms, after the first round); target <= 512%n",
                        "rss_mb", mb, loaded ? "classifier loaded" : "CLASSIFIER NOT LOADED (no ONNX Runtime in serve)",
                        rounds * 64, rounds * 64 * RSS_CHAT.size(), Stats.percentile(re, 50), Stats.percentile(re, 99));
                out.flush();
            } finally {
                p.destroy();
                p.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /** True when the process has ONNX Runtime mapped: its sentence embedder is loaded. */
    private static boolean mapsOnnxRuntime(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/maps")).contains("onnxruntime");
        } catch (IOException e) {
            return false;
        }
    }

    /** The highest resident memory of a process so far (VmHWM), in kB; 0 when it cannot be read. */
    private static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Deletes a store file with its WAL and shared memory. */
    private static void deleteDb(Path file) throws IOException {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }
}
