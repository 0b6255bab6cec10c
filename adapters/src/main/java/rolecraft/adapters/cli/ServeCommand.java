package rolecraft.adapters.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import rolecraft.adapters.server.Deliveries;
import rolecraft.adapters.server.Server;
import rolecraft.adapters.server.Surface;
import rolecraft.adapters.slack.SlackSettings;
import rolecraft.adapters.slack.SlackSurface;

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
        List<Surface> surfaces = new ArrayList<>();
        Deliveries deliveries = new Deliveries(setup.store(), List.of(), 60);
        // Slack: SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode).
        Optional<SlackSettings> slack = SlackSettings.fromEnv(System.getenv());
        if (slack.isPresent()) {
            SlackSurface s = new SlackSurface(setup.conversations(), setup.prompts(), deliveries, slack.get());
            deliveries.register(s);
            surfaces.add(s);
        }
        Server server = Server.start(new Server.Config(host, port), setup.conversations(), setup.prompts(), surfaces,
                deliveries);
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
