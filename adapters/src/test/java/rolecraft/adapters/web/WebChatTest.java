package rolecraft.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

class WebChatTest {

    @TempDir
    Path dir;
    private Server server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        Store store = Store.sqlite(dir.resolve("web.db"));
        Conversations c = new Conversations(store, new RuleClassifier(), Clock.systemUTC());
        server = Server.start(new Server.Config("127.0.0.1", 0), c, Prompts.builtIn(),
                List.of(new WebChat(c, Prompts.builtIn())), new Deliveries(store, List.of(), 0));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/web/api/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode say(String user, String text) throws Exception {
        HttpResponse<String> r = post(json.writeValueAsString(java.util.Map.of("user", user, "text", text)));
        assertThat(r.statusCode()).isEqualTo(200);
        return json.readTree(r.body());
    }

    @Test
    void the_page_is_served_at_the_root() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<title>rolecraft: try it</title>", "/web/chat.js");
    }

    @Test
    void a_redesign_and_its_approval_work_through_the_web_api() throws Exception {
        for (String m : List.of("start", "Designer", "bob", "Design landing pages 60%\nMeet clients 40%", "done", "ok",
                "skip", "skip", "skip", "skip", "skip", "skip")) {
            assertThat(say("alice", m).get("replies")).isNotEmpty();
        }
        assertThat(say("alice", "submit").get("replies").get(0).asText()).contains("Sent to bob");
        JsonNode bob = say("bob", "review");
        assertThat(bob.get("messages").get(0).asText()).contains("alice sent you their role redesign");
        assertThat(bob.get("replies").get(0).asText()).contains("Drafts waiting for you (1)");
        assertThat(say("bob", "approve 1 Nice").get("replies").get(0).asText()).contains("Approved");
        HttpResponse<String> pending = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.port() + "/web/api/messages?user=alice")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.readTree(pending.body()).get("messages").get(0).asText())
                .contains("bob approved your redesign of Designer");
    }

    @Test
    void malformed_requests_get_a_400_and_a_sentence() throws Exception {
        for (String body : List.of("not json", "{}", "{\"user\":\"alice\"}", "{\"user\":\"Robert'); DROP\",\"text\":\"hi\"}",
                "{\"user\":5,\"text\":\"hi\"}", "[]", "")) {
            HttpResponse<String> r = post(body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.body()).contains("error").doesNotContain("Exception");
        }
    }

    @Test
    void only_loopback_addresses_count_as_this_machine() {
        assertThat(rolecraft.adapters.server.Loopback.host("127.0.0.1")).isTrue();
        assertThat(rolecraft.adapters.server.Loopback.host("::1")).isTrue();
        assertThat(rolecraft.adapters.server.Loopback.host("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(rolecraft.adapters.server.Loopback.host("10.0.0.5")).isFalse();
        assertThat(rolecraft.adapters.server.Loopback.host("192.168.1.2")).isFalse();
        assertThat(rolecraft.adapters.server.Loopback.host(null)).isFalse();
        assertThat(rolecraft.adapters.server.Loopback.host("localhost")).isTrue();
        assertThat(rolecraft.adapters.server.Loopback.host("evil.example")).isFalse();
        assertThat(rolecraft.adapters.server.Loopback.url("http://127.0.0.1:3978/")).isTrue();
        assertThat(rolecraft.adapters.server.Loopback.url("https://smba.trafficmanager.net/emea/")).isFalse();
        assertThat(rolecraft.adapters.server.Loopback.url("not a url")).isFalse();
    }
}
