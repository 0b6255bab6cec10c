package rolecraft.adapters.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rolecraft.adapters.server.Deliveries;
import rolecraft.adapters.server.Server;
import rolecraft.bot.Conversations;
import rolecraft.bot.Prompts;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.store.Store;

/** DELETE /admin/api/people/{id}: forgetting a person over the admin API, and what is left afterwards. */
class AdminPeopleTest {

    static final String TOKEN = "s3cret-admin-token-for-people";

    @TempDir
    Path dir;
    private Server server;
    private Conversations conversations;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private PrintStream stderr;

    @BeforeEach
    void start() {
        // Everything logged while the test runs (slf4j-simple writes to the standard error of the moment).
        stderr = System.err;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        Store store = Store.sqlite(dir.resolve("admin.db"));
        conversations = new Conversations(store, new RuleClassifier(), Clock.systemUTC());
        server = Server.start(new Server.Config("127.0.0.1", 0), conversations, Prompts.builtIn(),
                List.of(new AdminRoutes(store, TOKEN, Clock.systemUTC())), new Deliveries(store, List.of(), 0));
        List<String> tasks = List.of("Prepare the monthly report - 40%", "Coach new hires 30%",
                "Answer customer emails 30%");
        for (int i = 1; i <= 6; i++) {
            Fixtures.redesign(conversations, "local", "analyst" + i, "boss", "Finance Analyst", tasks, true, null);
        }
        Fixtures.redesign(conversations, "local", "zoltan7", "boss", "Finance Analyst",
                List.of("Polish the xylophone inventory 60%", "Answer customer emails 40%"), true,
                "The quirks of the obsidian ledger");
    }

    @AfterEach
    void stop() {
        server.stop();
        System.setErr(stderr);
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String everything() throws Exception {
        StringBuilder all = new StringBuilder();
        for (String path : List.of("/admin/export", "/admin/export?format=json", "/admin/api/summary")) {
            HttpResponse<String> r = send("GET", path, "Authorization", "Bearer " + TOKEN);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            all.append(r.body()).append('\n');
        }
        return all.toString();
    }

    @Test
    void deleting_a_person_needs_the_token_and_leaves_nothing_of_them() throws Exception {
        assertThat(everything()).contains("local:zoltan7", "xylophone", "obsidian");

        assertThat(send("DELETE", "/admin/api/people/local:zoltan7").statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/admin/api/people/local:zoltan7", "Authorization", "Bearer wrong-token-x")
                .statusCode()).isEqualTo(401);
        assertThat(everything()).contains("xylophone");

        HttpResponse<String> r = send("DELETE", "/admin/api/people/local:zoltan7", "Authorization", "Bearer " + TOKEN);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode deleted = new ObjectMapper().readTree(r.body()).path("deleted");
        assertThat(deleted.path("roles").asInt()).isEqualTo(1);
        assertThat(deleted.path("tasks").asInt()).isEqualTo(2);
        assertThat(deleted.path("people").asInt()).isEqualTo(1);
        assertThat(everything()).doesNotContain("zoltan7", "xylophone", "obsidian").contains("local:analyst1");
        assertThat(send("DELETE", "/admin/api/people/local:zoltan7", "Authorization", "Bearer " + TOKEN)
                .statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/admin/api/people/zoltan7", "Authorization", "Bearer " + TOKEN).statusCode())
                .isEqualTo(404);
        // Neither what they typed nor, after the forget, their id was ever logged.
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("admin request refused: DELETE")
                .doesNotContain("zoltan7", "xylophone", "obsidian");
    }

    @Test
    void a_deleted_manager_leaves_their_decisions_to_a_placeholder() throws Exception {
        HttpResponse<String> r = send("DELETE", "/admin/api/people/local:boss", "Authorization", "Bearer " + TOKEN);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(r.body()).path("deleted").path("decisions_taken_anonymised").asInt())
                .isEqualTo(7);
        assertThat(everything()).doesNotContain("local:boss").contains("(deleted person)", "approved", "xylophone");
    }
}
