package rolecraft.adapters.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rolecraft.bot.Conversations;
import rolecraft.bot.Prompts;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.store.Store;

class ServerTest {

    @TempDir
    Path dir;
    private Server server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        Conversations c = new Conversations(Store.sqlite(dir.resolve("s.db")), new RuleClassifier(),
                Clock.systemUTC());
        server = Server.start(new Server.Config("127.0.0.1", 0), c, Prompts.builtIn());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void health_reports_version_and_store() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.get("version").asText()).isNotBlank();
        assertThat(body.get("store").get("kind").asText()).isEqualTo("sqlite");
        assertThat(body.get("store").get("status").asText()).isEqualTo("ok");
    }

    @Test
    void an_unknown_route_is_a_json_404() throws Exception {
        HttpResponse<String> r = get("/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.");
    }
}
