package rolecraft.adapters.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import rolecraft.adapters.server.Server;

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
        Server server = Server.start(new Server.Config(host, port), setup.conversations(), setup.prompts());
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
