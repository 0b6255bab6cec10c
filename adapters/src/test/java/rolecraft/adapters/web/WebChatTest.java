package rolecraft.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** One browser: its own cookie jar. */
    private final Map<String, HttpClient> browsers = new HashMap<>();

    private HttpClient browser(String user) {
        return browsers.computeIfAbsent(user, u -> HttpClient.newBuilder().cookieHandler(new CookieManager()).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    private static HttpRequest.BodyPublisher body(String text) {
        return HttpRequest.BodyPublishers.ofString(text);
    }

    private HttpResponse<String> send(HttpClient client, HttpRequest.Builder b) throws Exception {
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return send(browser("alice"), request("/web/api/messages").header("Content-Type", "application/json")
                .POST(body(body)));
    }

    /** The browser of {@code user} picks that id (as the page does when they choose it). */
    private HttpResponse<String> pick(HttpClient client, String user) throws Exception {
        return send(client, request("/web/api/session").header("Content-Type", "application/json")
                .POST(body(json.writeValueAsString(Map.of("user", user)))));
    }

    private JsonNode say(String user, String text) throws Exception {
        HttpClient b = browser(user);
        if (json.readTree(send(b, request("/web/api/session")).body()).path("user").isNull()) {
            assertThat(pick(b, user).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> r = send(b, request("/web/api/messages").header("Content-Type", "application/json")
                .POST(body(json.writeValueAsString(Map.of("text", text)))));
        assertThat(r.statusCode()).isEqualTo(200);
        return json.readTree(r.body());
    }

    /** A request written by hand, for headers the HTTP client will not let a caller set (Host). */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
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
        HttpResponse<String> pending = send(browser("alice"), request("/web/api/messages"));
        assertThat(json.readTree(pending.body()).get("messages").get(0).asText())
                .contains("bob approved your redesign of Designer");
    }

    @Test
    void malformed_requests_get_a_400_and_a_sentence() throws Exception {
        assertThat(pick(browser("alice"), "alice").statusCode()).isEqualTo(200);
        for (String body : List.of("not json", "{}", "{\"user\":\"alice\"}", "{\"user\":[1],\"text\":\"hi\"}",
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

    @Test
    void the_page_and_every_answer_carry_a_policy_without_inline_script_and_no_framing() throws Exception {
        for (String path : List.of("/", "/web/chat.js", "/web/api/session")) {
            HttpResponse<String> r = send(http, request(path));
            assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).as(path)
                    .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).contains("DENY");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
        }
        String page = send(http, request("/")).body();
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void a_page_on_another_origin_cannot_post_or_read() throws Exception {
        HttpClient alice = browser("alice");
        assertThat(pick(alice, "alice").statusCode()).isEqualTo(200);
        String message = json.writeValueAsString(Map.of("text", "start"));
        for (String[] h : List.of(new String[] {"Origin", "http://evil.example"},
                new String[] {"Origin", "null"},
                new String[] {"Origin", "http://127.0.0.1:" + (server.port() + 1)},
                new String[] {"Origin", "http://localhost.evil.example:" + server.port()},
                new String[] {"Sec-Fetch-Site", "cross-site"},
                new String[] {"Sec-Fetch-Site", "same-site"})) {
            HttpResponse<String> r = send(alice, request("/web/api/messages").header("Content-Type", "application/json")
                    .header(h[0], h[1]).POST(body(message)));
            assertThat(r.statusCode()).as(h[0] + ": " + h[1]).isEqualTo(403);
            assertThat(send(alice, request("/web/api/messages").header(h[0], h[1])).statusCode()).isEqualTo(403);
        }
        // A form or a "simple" fetch can post without a preflight; only JSON is taken.
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            HttpResponse<String> r = send(alice, request("/web/api/messages").header("Content-Type", type)
                    .POST(body(message)));
            assertThat(r.statusCode()).as(type).isEqualTo(415);
        }
        HttpResponse<String> own = send(alice, request("/web/api/messages").header("Content-Type", "application/json")
                .header("Origin", "http://127.0.0.1:" + server.port()).header("Sec-Fetch-Site", "same-origin")
                .POST(body(message)));
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("job title");
    }

    @Test
    void a_foreign_host_header_is_refused_so_a_rebound_name_reads_nothing() throws Exception {
        String rebound = raw("GET / HTTP/1.1\r\nHost: attacker.example:" + server.port()
                + "\r\nConnection: close\r\n\r\n");
        assertThat(rebound).startsWith("HTTP/1.1 403").doesNotContain("rolecraft: try it");
        String otherPort = raw("GET /web/api/session HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: close\r\n\r\n");
        assertThat(otherPort).startsWith("HTTP/1.1 403");
        for (String host : List.of("127.0.0.1:" + server.port(), "localhost:" + server.port())) {
            String own = raw("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertThat(own).as(host).startsWith("HTTP/1.1 200").contains("rolecraft: try it");
        }
    }

    @Test
    void a_browser_keeps_its_id_in_a_strict_http_only_cookie_and_cannot_act_as_another() throws Exception {
        HttpClient alice = browser("alice");
        HttpResponse<String> picked = pick(alice, "alice");
        String cookie = picked.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(WebChat.COOKIE + "=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .doesNotContain("=alice;");
        for (String m : List.of("start", "Designer", "bob", "Design landing pages 60%\nMeet clients 40%", "done", "ok",
                "skip", "skip", "skip", "skip", "skip", "skip")) {
            say("alice", m);
        }
        assertThat(say("alice", "submit").get("replies").get(0).asText()).contains("Sent to bob");

        // Alice's browser names bob: refused, and bob's notice stays his.
        HttpResponse<String> asBob = send(alice, request("/web/api/messages").header("Content-Type", "application/json")
                .POST(body(json.writeValueAsString(Map.of("user", "bob", "text", "approve 1")))));
        assertThat(asBob.statusCode()).isEqualTo(403);
        assertThat(send(alice, request("/web/api/messages?user=bob")).statusCode()).isEqualTo(403);
        // No cookie, no id: nothing is read or marked delivered.
        assertThat(send(http, request("/web/api/messages?user=bob")).statusCode()).isEqualTo(401);
        assertThat(send(http, request("/web/api/messages").header("Content-Type", "application/json")
                .POST(body(json.writeValueAsString(Map.of("user", "bob", "text", "review"))))).statusCode())
                .isEqualTo(401);
        // Switching is explicit: picking bob while signed in as alice is refused until she signs out.
        assertThat(pick(alice, "bob").statusCode()).isEqualTo(403);
        assertThat(json.readTree(send(alice, request("/web/api/session")).body()).get("user").asText())
                .isEqualTo("alice");
        assertThat(send(alice, request("/web/api/session").DELETE()).statusCode()).isEqualTo(204);
        assertThat(send(alice, request("/web/api/messages")).statusCode()).isEqualTo(401);
        assertThat(pick(alice, "bob").statusCode()).isEqualTo(200);
        JsonNode bob = json.readTree(send(alice, request("/web/api/messages")).body());
        assertThat(bob.get("messages").get(0).asText()).contains("alice sent you their role redesign");
    }

    @Test
    void a_cookie_value_made_up_by_the_caller_is_no_id() throws Exception {
        HttpResponse<String> r = send(http, request("/web/api/messages").header("Cookie", WebChat.COOKIE + "=alice"));
        assertThat(r.statusCode()).isEqualTo(401);
    }
}
