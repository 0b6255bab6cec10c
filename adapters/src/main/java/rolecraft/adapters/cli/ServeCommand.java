package rolecraft.adapters.cli;

import rolecraft.bot.privacy.People;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import rolecraft.adapters.admin.AdminRoutes;
import rolecraft.adapters.server.Deliveries;
import rolecraft.adapters.server.Routes;
import rolecraft.adapters.server.Retention;
import rolecraft.adapters.server.Server;
import rolecraft.adapters.slack.SlackSettings;
import rolecraft.adapters.slack.SlackSurface;
import rolecraft.adapters.teams.GraphConfig;
import rolecraft.adapters.teams.TeamsConfig;
import rolecraft.adapters.teams.TeamsSurface;
import rolecraft.adapters.web.WebChat;

/** Runs the HTTP server that hosts every surface. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Start the HTTP server: GET /health answers with the version and the store's state. "
                + "It runs until stopped (Ctrl-C or SIGTERM).",
            "",
            "With no chat platform configured (or with --local) it listens on 127.0.0.1 and serves a try-it "
                + "chat at / in the browser. With ROLECRAFT_ADMIN_TOKEN set it serves the admin dashboard at "
                + "/admin and the admin API (/admin/export, /admin/api/summary, DELETE /admin/api/people/ID).",
            "",
            "With ROLECRAFT_RETENTION_DAYS=N it deletes drafts never submitted and messages kept for a turn whose "
                + "last change is more than N days old, at start and then daily; submitted and approved versions "
                + "are kept. Unset, everything is kept.",
            "",
            "--check starts everything as configured, asks its own /health once, prints the answer and stops: "
                + "exit 0 when healthy, 1 when not (a deployment's smoke test).",
            "",
            "One serve at a time uses a SQLite file (a second is refused); on PostgreSQL (ROLECRAFT_DB_URL) "
                + "several may share the database."
        })
final class ServeCommand implements Callable<Integer> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServeCommand.class);

    /** Seconds between two attempts to deliver what is still queued for people on chat platforms. */
    static final long RETRY_SECONDS = 60;

    @ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-p", "--port"}, defaultValue = "${env:PORT:-3000}", paramLabel = "PORT",
            description = "Port to listen on (env PORT, default: ${DEFAULT-VALUE}; 0 picks a free one).")
    String port;

    @Option(names = "--host", defaultValue = "${env:ROLECRAFT_HOST}", paramLabel = "ADDRESS",
            description = "Address to bind (env ROLECRAFT_HOST). Default: 127.0.0.1 when no chat platform "
                    + "is configured or with --local, else 0.0.0.0.")
    String host;

    @Option(names = "--local", description = "Try rolecraft on this machine: listen on 127.0.0.1 (unless --host "
            + "says otherwise) and serve the try-it chat at /.")
    boolean local;

    @Option(names = "--check", description = "Start, ask /health once, print the answer and stop (exit 0 when "
            + "healthy, 1 when not).")
    boolean check;

    /** Where the settings come from: the process's environment (tests give their own). */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws Exception {
        int listenPort = Settings.port(port, Settings.source(spec, "--port", "PORT"));
        Optional<Duration> retention = Retention.parse(env.get(Retention.VARIABLE));
        String adminToken = env.get("ROLECRAFT_ADMIN_TOKEN");
        if (adminToken != null && !adminToken.isBlank() && adminToken.length() < AdminRoutes.MIN_TOKEN) {
            // Before anything is opened: one sentence and exit 2 (see Failures).
            throw new IllegalArgumentException(AdminRoutes.tooShort());
        }
        boolean platform = platformConfigured(env);
        String bind = host != null && !host.isBlank() ? Settings.host(host, Settings.source(spec, "--host",
                "ROLECRAFT_HOST")) : (local || !platform ? "127.0.0.1" : "0.0.0.0");
        rolecraft.bot.store.Database database = Setup.database(main);
        ServeLock lock = database.postgres() ? null : ServeLock.take(database.file());
        Setup setup = Setup.open(main);
        Deliveries deliveries = new Deliveries(setup.store(), List.of(), RETRY_SECONDS);
        List<String> notes = new ArrayList<>();
        List<Routes> routes = routes(setup, env, bind, local, deliveries, notes);

        ScheduledExecutorService retentionRuns = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rolecraft-retention");
            t.setDaemon(true);
            return t;
        });
        if (retention.isPresent()) {
            new Retention(new People(setup.store()), retention.get(), Clock.systemUTC()).schedule(retentionRuns);
            notes.add("retention: drafts never submitted and kept messages older than " + retention.get().toDays()
                    + " days are deleted daily");
        }
        Server server = Server.start(new Server.Config(bind, listenPort), setup.conversations(), setup.prompts(),
                routes, deliveries);
        if (check) {
            retentionRuns.shutdownNow();
            int healthy = check(server, bind, setup);
            release(lock);
            return healthy;
        }
        deliveries.retryPending();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGTERM or Ctrl-C: stop taking requests, finish the turns and deliveries under way, then close.
            LOG.info("stopping: finishing the turns and deliveries under way");
            server.stop();
            retentionRuns.shutdownNow();
            setup.store().close();
            LOG.info("stopped");
            stopped.countDown();
        }, "rolecraft-shutdown"));
        var err = main.spec.commandLine().getErr();
        err.printf("rolecraft %s listening on http://%s:%d (store: %s)%n", Version.current(), hostForUrl(bind),
                server.port(), Setup.database(main).describe());
        for (String note : notes) {
            err.println("  " + note.replace("%d", String.valueOf(server.port())));
        }
        err.flush();
        stopped.await();
        release(lock); // held to here: the lock is let go only when serve stops
        return 0;
    }

    private static void release(ServeLock lock) {
        if (lock != null) {
            lock.close();
        }
    }

    /** How Teams is served: tokens checked, unauthenticated on a server bound to loopback only, or not at all. */
    enum TeamsMode {
        AUTHENTICATED, LOCAL, OFF;

        /**
         * Unauthenticated Teams lets its caller act as anyone and pick where the server sends requests, so it
         * exists only when nothing but this machine can reach the server.
         */
        static TeamsMode of(TeamsConfig config, String bind) {
            if (!config.isLocal()) {
                return AUTHENTICATED;
            }
            return rolecraft.adapters.server.Loopback.host(bind) ? LOCAL : OFF;
        }
    }

    /** The route groups serve mounts for this environment and address, each with a line in {@code notes}. */
    static List<Routes> routes(Setup setup, Map<String, String> env, String bind, boolean local,
                               Deliveries deliveries, List<String> notes) {
        List<Routes> routes = new ArrayList<>();
        boolean platform = platformConfigured(env);

        // Slack: SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode).
        Optional<SlackSettings> slack = SlackSettings.fromEnv(env);
        if (slack.isPresent()) {
            SlackSurface s = new SlackSurface(setup.conversations(), setup.prompts(), deliveries, slack.get());
            deliveries.register(s);
            routes.add(s);
            notes.add(slack.get().mode() == SlackSettings.Mode.HTTP
                    ? "Slack: events, actions and /rolecraft at POST /slack/events" : "Slack: Socket Mode");
        }

        // Teams: with MICROSOFT_APP_ID every activity's token is checked; without one, only on loopback.
        TeamsConfig teamsConfig = TeamsConfig.fromEnv(env);
        TeamsMode mode = TeamsMode.of(teamsConfig, bind);
        if (mode == TeamsMode.OFF) {
            notes.add("Teams: off (no MICROSOFT_APP_ID; unauthenticated Teams is served only when bound to "
                    + "loopback: --local or --host 127.0.0.1)");
        } else {
            // Optional Microsoft Graph (MICROSOFT_GRAPH_ENABLED=true), asked with the same app registration.
            GraphConfig graph = GraphConfig.fromEnv(env);
            TeamsSurface teams = new TeamsSurface(setup.conversations(), setup.prompts(), deliveries, teamsConfig,
                    graph);
            deliveries.register(teams);
            routes.add(teams);
            notes.add(mode == TeamsMode.AUTHENTICATED
                    ? "Teams: POST /api/messages (tokens checked for app " + teamsConfig.appId() + ")"
                    : "Teams: POST /api/messages in local mode (no MICROSOFT_APP_ID: unauthenticated, this machine "
                            + "only)");
            notes.add(graph == null ? "Teams: Microsoft Graph off (MICROSOFT_GRAPH_ENABLED)"
                    : "Teams: Microsoft Graph on (the manager proposed from the directory, the app installed for "
                            + "managers who never opened it)");
        }

        boolean loopback = rolecraft.adapters.server.Loopback.host(bind);
        if (local || (!platform && loopback)) {
            routes.add(new WebChat(setup.conversations(), setup.prompts()));
            notes.add("try-it chat: http://" + hostForUrl(bind) + ":%d/");
        }
        String adminToken = env.get("ROLECRAFT_ADMIN_TOKEN");
        if (adminToken != null && !adminToken.isBlank()) {
            routes.add(new AdminRoutes(setup.store(), adminToken, Clock.systemUTC()));
            notes.add("admin dashboard: http://" + hostForUrl(bind) + ":%d/admin");
        } else {
            notes.add("admin routes are off: set ROLECRAFT_ADMIN_TOKEN to turn on /admin and the admin API");
        }
        return routes;
    }

    /** --check: one request to /health, its answer printed, then everything stopped. */
    private int check(Server server, String bind, Setup setup) {
        var out = main.spec.commandLine().getOut();
        String address = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : hostForUrl(bind);
        int status;
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(java.time.Duration.ofSeconds(5)).build()
                    .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + address + ":"
                                    + server.port() + "/health")).timeout(java.time.Duration.ofSeconds(10)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            status = r.statusCode();
            out.println("GET /health: " + status + " " + r.body());
        } catch (java.io.IOException | InterruptedException e) {
            status = 0;
            out.println("GET /health: no answer (" + e.getMessage() + ")");
        } finally {
            server.stop();
            setup.store().close();
        }
        out.flush();
        return status == 200 ? 0 : 1;
    }

    /** True when a chat platform has credentials in the environment. */
    static boolean platformConfigured(Map<String, String> env) {
        return set(env, "SLACK_BOT_TOKEN") || set(env, "SLACK_APP_TOKEN") || set(env, "MICROSOFT_APP_ID");
    }

    private static boolean set(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    private static String hostForUrl(String bind) {
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }
}
