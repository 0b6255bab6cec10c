package rolecraft.adapters.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import rolecraft.adapters.server.Deliveries;
import rolecraft.adapters.server.Server;
import rolecraft.adapters.server.Surface;
import rolecraft.adapters.teams.TeamsConfig;
import rolecraft.adapters.teams.TeamsSurface;

/** Runs the HTTP server that hosts every surface. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Start the HTTP server: GET /health answers with the version and the store's state. "
                + "It runs until stopped (Ctrl-C or SIGTERM)."
        })
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = {"-p", "--port"}, defaultValue = "${env:PORT:-3000}", paramLabel = "PORT",
            description = "Port to listen on (env PORT, default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "${env:ROLECRAFT_HOST:-0.0.0.0}", paramLabel = "ADDRESS",
            description = "Address to bind (env ROLECRAFT_HOST, default: ${DEFAULT-VALUE}).")
    String host;

    @Override
    public Integer call() throws Exception {
        Setup setup = Setup.open(main);
        Deliveries deliveries = new Deliveries(setup.store(), List.of(), 60);
        List<Surface> surfaces = new ArrayList<>();
        // Teams: always at POST /api/messages; without MICROSOFT_APP_ID it runs in local mode (loopback only).
        TeamsSurface teams = new TeamsSurface(setup.conversations(), setup.prompts(), deliveries,
                TeamsConfig.fromEnv(System.getenv()));
        deliveries.register(teams);
        surfaces.add(teams);
        Server server = Server.start(new Server.Config(host, port), setup.conversations(), setup.prompts(), surfaces,
                deliveries);
        deliveries.retryPending();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "rolecraft-shutdown"));
        main.spec.commandLine().getErr().printf("rolecraft %s listening on http://%s:%d (store: %s)%n",
                Version.current(), host, server.port(), main.db);
        stopped.await();
        return 0;
    }
}
