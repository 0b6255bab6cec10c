package rolecraft.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import rolecraft.adapters.server.Deliveries;
import rolecraft.adapters.server.Routes;
import rolecraft.adapters.server.Server;
import rolecraft.bot.Conversations;
import rolecraft.bot.Prompts;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.store.Store;

/** What serve mounts for Teams, by the address it binds: unauthenticated Teams never faces the network. */
class ServeTeamsTest {

    @TempDir
    Path dir;
    private Server server;
    private Store store;
    private HttpServer connector;
    private final List<String> replies = new CopyOnWriteArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (connector != null) {
            connector.stop(0);
        }
        if (store != null) {
            store.close();
        }
    }

    /** A Bot Framework connector on this machine that records what the bot sends and answers 200. */
    private String connector() throws Exception {
        connector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        connector.createContext("/", ex -> {
            replies.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " "
                    + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        connector.start();
        return "http://127.0.0.1:" + connector.getAddress().getPort() + "/";
    }

    /** Serve's own choice of routes for this environment and address, on a free port of that address. */
    private void serve(Map<String, String> env, String bind, boolean local) {
        store = Store.sqlite(dir.resolve("serve.db"));
        Prompts prompts = Prompts.builtIn();
        Setup setup = new Setup(store, new Conversations(store, new RuleClassifier(), Clock.systemUTC()), prompts);
        Deliveries deliveries = new Deliveries(store, List.of(), 0);
        List<Routes> routes = ServeCommand.routes(setup, env, bind, local, deliveries, notes);
        server = Server.start(new Server.Config(bind, 0), setup.conversations(), prompts, routes, deliveries);
    }

    /** A Teams message whose service URL is a port of this machine, sent to 127.0.0.1 with no token. */
    private HttpResponse<String> activity() throws Exception {
        return activity(connector());
    }

    private HttpResponse<String> activity(String serviceUrl) throws Exception {
        ObjectNode a = new ObjectMapper().createObjectNode();
        a.put("type", "message").put("id", "1714557600001").put("channelId", "msteams")
                .put("serviceUrl", serviceUrl).put("text", "start");
        a.putObject("from").put("id", "29:forged").put("name", "Mallory").put("aadObjectId", "aad-forged");
        a.putObject("conversation").put("conversationType", "personal").put("tenantId", "t1").put("id", "a:forged");
        a.putObject("recipient").put("id", "28:bot").put("name", "rolecraft");
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(a.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void without_an_app_id_on_every_address_teams_is_not_mounted_and_serve_says_so() throws Exception {
        serve(Map.of(), "0.0.0.0", false);
        assertThat(activity().statusCode()).isEqualTo(404);
        assertThat(notes).anyMatch(n -> n.startsWith("Teams: off"));
    }

    @Test
    void with_an_app_id_on_every_address_an_activity_without_a_token_is_refused() throws Exception {
        serve(Map.of("MICROSOFT_APP_ID", "00000000-0000-0000-0000-000000000001", "MICROSOFT_APP_PASSWORD", "pw"),
                "0.0.0.0", false);
        assertThat(activity().statusCode()).isEqualTo(401);
        assertThat(notes).anyMatch(n -> n.startsWith("Teams: POST /api/messages (tokens checked"));
    }

    @Test
    void on_loopback_teams_runs_in_local_mode() throws Exception {
        serve(Map.of(), "127.0.0.1", true);
        assertThat(activity().statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (replies.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(replies).as("the turn ran and its reply went to the connector")
                .anyMatch(r -> r.startsWith("POST /v3/conversations/a:forged/activities") && r.contains("job title"));
        assertThat(notes).anyMatch(n -> n.startsWith("Teams: POST /api/messages in local mode"));
    }

    @Test
    void an_explicit_loopback_host_is_loopback_and_a_wildcard_or_a_name_is_not() {
        var local = rolecraft.adapters.teams.TeamsConfig.localMode();
        assertThat(ServeCommand.TeamsMode.of(local, "::1")).isEqualTo(ServeCommand.TeamsMode.LOCAL);
        assertThat(ServeCommand.TeamsMode.of(local, "localhost")).isEqualTo(ServeCommand.TeamsMode.LOCAL);
        assertThat(ServeCommand.TeamsMode.of(local, "127.0.0.2")).isEqualTo(ServeCommand.TeamsMode.LOCAL);
        assertThat(ServeCommand.TeamsMode.of(local, "::")).isEqualTo(ServeCommand.TeamsMode.OFF);
        assertThat(ServeCommand.TeamsMode.of(local, "10.1.2.3")).isEqualTo(ServeCommand.TeamsMode.OFF);
        assertThat(ServeCommand.TeamsMode.of(local, "localhost.example.com")).isEqualTo(ServeCommand.TeamsMode.OFF);
    }

    @Test
    void serve_refuses_an_admin_token_under_sixteen_characters_with_one_sentence() {
        CommandLine cmd = Main.commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        cmd.setOut(new PrintWriter(new StringWriter()));
        ((ServeCommand) cmd.getSubcommands().get("serve").getCommand()).env =
                Map.of("ROLECRAFT_ADMIN_TOKEN", "q7-short-token1");
        int exit = cmd.execute("serve", "--port", "0", "--db", dir.resolve("never.db").toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).contains("at least 16 characters").doesNotContain("Exception", "\tat ")
                .hasLineCount(1);
        assertThat(dir.resolve("never.db")).doesNotExist();
    }
}
