package rolecraft.adapters.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rolecraft.adapters.admin.AdminRoutes;
import rolecraft.adapters.slack.SlackSettings;
import rolecraft.adapters.slack.SlackSurface;
import rolecraft.adapters.teams.TeamsConfig;
import rolecraft.adapters.teams.TeamsSurface;
import rolecraft.adapters.web.WebChat;
import rolecraft.bot.Conversations;
import rolecraft.bot.Prompts;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.store.Store;

/**
 * Thousands of malformed, truncated, oversized and wrongly typed requests to every public route, Slack ones
 * correctly signed so that they get past the signature: none may get a 5xx or show an exception, and the
 * server still holds a normal conversation afterwards. The requests come from a seeded Random: a failure
 * names its request number, and the same seed makes the same requests again.
 */
class BadInputTest {

    static final long SEED = 8_2026L;
    static final int REQUESTS = 3_000;
    static final String SECRET = "bad-input-signing-secret";
    static final String ADMIN = "bad-input-admin-token";
    static final String APP_ID = "00000000-0000-0000-0000-00000bad1npt";
    /** What a response must never show: exception names, stack frames, our or our libraries' packages. */
    static final Pattern LEAK = Pattern.compile("Exception|Error:|\\tat |\\.java:\\d+|\\b(java|javax|jakarta|"
            + "rolecraft|io\\.javalin|org\\.eclipse|com\\.slack|com\\.microsoft|com\\.fasterxml|com\\.google)\\.[a-z]");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TempDir
    Path dir;
    private Fakes fakes;
    private Server server;
    private Server appIdServer;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Slack's Web API, a Bot Connector and the Bot Framework's OpenID metadata, on one loopback port. */
    static final class Fakes implements AutoCloseable {
        final HttpServer server;
        final List<String> slackPosts = new CopyOnWriteArrayList<>();
        final List<String> teamsPosts = new CopyOnWriteArrayList<>();

        Fakes() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/api/", ex -> {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (ex.getRequestURI().getPath().endsWith("chat.postMessage")) {
                    slackPosts.add(java.net.URLDecoder.decode(body, StandardCharsets.UTF_8));
                }
                String path = ex.getRequestURI().getPath();
                respond(ex, path.endsWith("auth.test")
                        ? "{\"ok\":true,\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}"
                        : path.endsWith("conversations.open")
                        ? "{\"ok\":true,\"channel\":{\"id\":\"D1\"}}"
                        : "{\"ok\":true,\"channel\":\"D1\",\"ts\":\"1700000000.1\"}");
            });
            server.createContext("/v3/", ex -> {
                teamsPosts.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                respond(ex, "{\"id\":\"activity-1\"}");
            });
            server.createContext("/openid", ex -> respond(ex, "{\"issuer\":\"https://api.botframework.com\","
                    + "\"jwks_uri\":\"" + url() + "keys\"}"));
            server.createContext("/keys", ex -> respond(ex, "{\"keys\":[]}"));
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        }

        private static void respond(HttpExchange ex, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @BeforeEach
    void start() throws IOException {
        fakes = new Fakes();
        Store store = Store.sqlite(dir.resolve("bad-input.db"));
        Conversations conversations = new Conversations(store, new RuleClassifier(), Clock.systemUTC());
        Prompts prompts = Prompts.builtIn();
        Deliveries deliveries = new Deliveries(store, List.of(), 0);
        SlackSurface slack = new SlackSurface(conversations, prompts, deliveries,
                new SlackSettings("xoxb-bad-input", SECRET, null, fakes.url() + "api/", Set.of("UADMIN")));
        TeamsSurface teams = new TeamsSurface(conversations, prompts, deliveries, TeamsConfig.localMode());
        deliveries.register(slack);
        deliveries.register(teams);
        server = Server.start(new Server.Config("127.0.0.1", 0), conversations, prompts, List.of(slack, teams,
                new AdminRoutes(store, ADMIN, Clock.systemUTC()), new WebChat(conversations, prompts)), deliveries);

        // Teams with an app id beside it: every activity needs a token signed by a key the (fake) channel names.
        Store other = Store.sqlite(dir.resolve("bad-input-app-id.db"));
        Conversations c2 = new Conversations(other, new RuleClassifier(), Clock.systemUTC());
        Deliveries d2 = new Deliveries(other, List.of(), 0);
        TeamsSurface authed = new TeamsSurface(c2, prompts, d2, new TeamsConfig(APP_ID, "not-used", null,
                TeamsConfig.AppType.MULTI_TENANT, fakes.url() + "openid"));
        d2.register(authed);
        appIdServer = Server.start(new Server.Config("127.0.0.1", 0), c2, prompts, List.of(authed), d2);
    }

    @AfterEach
    void stop() {
        server.stop();
        appIdServer.stop();
        fakes.close();
    }

    // --- well-formed payloads, to break ------------------------------------------------------------------

    private static ObjectNode slackDm(String user, String eventId, String text) {
        ObjectNode env = NODES.objectNode().put("token", "legacy").put("team_id", "T1").put("api_app_id", "A1")
                .put("type", "event_callback").put("event_id", eventId).put("event_time", 1700000001);
        env.putObject("event").put("type", "message").put("channel", "D" + user).put("user", user)
                .put("text", text).put("ts", "1700000001.000200").put("channel_type", "im");
        env.putArray("authorizations").addObject().put("team_id", "T1").put("user_id", "UBOT").put("is_bot", true);
        return env;
    }

    private static ObjectNode blockAction(String user) {
        ObjectNode p = NODES.objectNode().put("type", "block_actions").put("trigger_id", "1.2.3")
                .put("api_app_id", "A1");
        p.putObject("user").put("id", user).put("team_id", "T1");
        p.putObject("team").put("id", "T1");
        p.putObject("channel").put("id", "D" + user);
        p.putArray("actions").addObject().put("action_id", "rolecraft_approve").put("block_id", "b")
                .put("value", "1:1").put("type", "button");
        return p;
    }

    private static ObjectNode viewSubmission(String user) {
        ObjectNode p = NODES.objectNode().put("type", "view_submission").put("api_app_id", "A1");
        p.putObject("user").put("id", user).put("team_id", "T1");
        p.putObject("team").put("id", "T1");
        p.putObject("view").put("id", "V1").put("hash", "h").put("callback_id", "rolecraft_changes")
                .put("private_metadata", "1:1:D1").putObject("state").putObject("values");
        return p;
    }

    private static String slash(String user, String text) {
        return form(Map.of("token", "legacy", "team_id", "T1", "channel_id", "C1", "user_id", user,
                "command", "/rolecraft", "text", text, "api_app_id", "A1", "trigger_id", "4.5.6",
                "response_url", "https://hooks.slack.com/commands/T1/1/x"));
    }

    private ObjectNode teamsMessage(String user, String text) {
        ObjectNode a = NODES.objectNode().put("type", "message").put("id", "m" + user).put("channelId", "msteams")
                .put("serviceUrl", fakes.url()).put("text", text).put("timestamp", "2024-05-01T10:00:00.000Z");
        a.putObject("from").put("id", "29:" + user).put("name", "Someone").put("aadObjectId", "aad-" + user);
        a.putObject("conversation").put("conversationType", "personal").put("tenantId", "tenant-1")
                .put("id", "a:" + user);
        a.putObject("recipient").put("id", "28:bot").put("name", "rolecraft");
        a.putObject("value").put("rolecraft", "decide").put("role", 1).put("version", 1).put("decision", "approved");
        return a;
    }

    private static ObjectNode webMessage(String user, String text) {
        return NODES.objectNode().put("user", user).put("text", text);
    }

    private static String form(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    // --- ways to break them --------------------------------------------------------------------------------

    /** A JSON value of some type, often the wrong one: null, huge numbers, deep nesting, odd strings. */
    private static JsonNode oddValue(Random r, int depth) {
        switch (r.nextInt(12)) {
            case 0: return NODES.nullNode();
            case 1: return NODES.numberNode(r.nextLong());
            case 2: return NODES.numberNode(new java.math.BigInteger("9".repeat(1 + r.nextInt(400))));
            case 3: return NODES.numberNode(r.nextBoolean() ? Double.MAX_VALUE : -0.0);
            case 4: return NODES.booleanNode(r.nextBoolean());
            case 5: return NODES.textNode("");
            case 6: return NODES.textNode("\ud800 lone surrogate \u0000 nul <at>x</at> <@U1|x> %s {{x}}");
            case 7: return NODES.textNode("x".repeat(r.nextInt(5000)));
            case 8: {
                ArrayNode a = NODES.arrayNode();
                for (int i = 0; i < r.nextInt(4) && depth < 4; i++) {
                    a.add(oddValue(r, depth + 1));
                }
                return a;
            }
            case 9: {
                JsonNode n = NODES.textNode("deep");
                for (int i = 0; i < 50 + r.nextInt(900); i++) {
                    n = r.nextBoolean() ? NODES.arrayNode().add(n) : NODES.objectNode().set("k", n);
                }
                return n;
            }
            case 10: return NODES.textNode(String.valueOf(r.nextLong()));
            default: {
                ObjectNode o = NODES.objectNode();
                if (depth < 4) {
                    o.set("x", oddValue(r, depth + 1));
                }
                return o;
            }
        }
    }

    /** {@code node} with one field somewhere inside it replaced by an odd value (or removed). */
    private static JsonNode mutate(Random r, JsonNode node) {
        JsonNode copy = node.deepCopy();
        List<ObjectNode> objects = new ArrayList<>();
        collect(copy, objects);
        if (objects.isEmpty()) {
            return oddValue(r, 0);
        }
        ObjectNode target = objects.get(r.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() ? "x" : names.get(r.nextInt(names.size()));
        if (r.nextInt(6) == 0) {
            target.remove(name);
        } else {
            target.set(name, oddValue(r, 0));
        }
        return copy;
    }

    private static void collect(JsonNode n, List<ObjectNode> out) {
        if (n instanceof ObjectNode o) {
            out.add(o);
        }
        n.forEach(child -> collect(child, out));
    }

    /** Raw bytes broken one way or another. */
    private static byte[] broken(Random r, String valid) {
        byte[] b = valid.getBytes(StandardCharsets.UTF_8);
        switch (r.nextInt(8)) {
            case 0: return java.util.Arrays.copyOf(b, r.nextInt(Math.max(1, b.length)));     // truncated
            case 1: return new byte[0];                                                        // empty
            case 2: {                                                                          // random bytes
                byte[] x = new byte[r.nextInt(2000)];
                r.nextBytes(x);
                return x;
            }
            case 3: {                                                                          // invalid UTF-8
                byte[] x = b.clone();
                for (int i = 0; i < 1 + r.nextInt(5) && x.length > 0; i++) {
                    x[r.nextInt(x.length)] = (byte) (0x80 | r.nextInt(0x40));
                }
                return x;
            }
            case 4: return ("[" .repeat(1 + r.nextInt(20_000))).getBytes(StandardCharsets.US_ASCII); // deep
            case 5: return ("[" + valid + "," + valid + "]").getBytes(StandardCharsets.UTF_8);    // an array
            case 6: return "null".getBytes(StandardCharsets.US_ASCII);
            default: return ("payload=" + URLEncoder.encode(valid, StandardCharsets.UTF_8) + "&%zz=%E0%A4%A&=")
                    .getBytes(StandardCharsets.US_ASCII);                                          // a form
        }
    }

    private static final String[] TYPES = {"application/json", "application/x-www-form-urlencoded", "text/plain",
        "multipart/form-data; boundary=xyz", "application/json; charset=latin1", "", "*/*", "application/xml"};
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"};

    /** A request: where, how, what. */
    record Attempt(int n, String method, String path, String contentType, byte[] body, Map<String, String> headers,
                   boolean appIdServer) {

        String describe() {
            String shown = new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8)
                    .replaceAll("\\p{Cntrl}", "?");
            return "#" + n + " " + method + " " + path + " [" + contentType + "] " + headers.keySet() + " "
                    + body.length + " bytes: " + shown;
        }
    }

    private Attempt next(Random r, int n) throws Exception {
        String user = "U" + r.nextInt(50);
        int kind = r.nextInt(12);
        String path;
        String type = TYPES[r.nextInt(TYPES.length)];
        byte[] body;
        Map<String, String> headers = new java.util.HashMap<>();
        boolean authed = false;
        String valid;
        switch (kind) {
            case 0, 1, 2 -> {                                                   // signed Slack, broken inside
                path = "/slack/events";
                JsonNode base = switch (r.nextInt(4)) {
                    case 0 -> blockAction(user);
                    case 1 -> viewSubmission(user);
                    default -> slackDm(user, "EvBad" + n, "hello");
                };
                if (r.nextInt(3) == 0 && !(base.path("type").asText().equals("event_callback"))) {
                    String payload = r.nextBoolean() ? mutate(r, base).toString()
                            : new String(broken(r, base.toString()), StandardCharsets.UTF_8);
                    body = form(Map.of("payload", payload)).getBytes(StandardCharsets.UTF_8);
                    type = r.nextInt(4) == 0 ? type : "application/x-www-form-urlencoded";
                } else if (r.nextInt(6) == 0) {
                    body = slash(user, r.nextBoolean() ? "export" : "start").getBytes(StandardCharsets.UTF_8);
                    if (r.nextBoolean()) {
                        body = broken(r, new String(body, StandardCharsets.UTF_8));
                    }
                } else {
                    body = r.nextBoolean() ? mutate(r, base).toString().getBytes(StandardCharsets.UTF_8)
                            : broken(r, base.toString());
                    type = r.nextInt(4) == 0 ? type : "application/json";
                }
                sign(headers, body);
                if (r.nextInt(10) == 0) {
                    headers.put("X-Slack-Retry-Num", r.nextBoolean() ? "1" : "not-a-number");
                }
            }
            case 3 -> {                                                         // unsigned or badly signed Slack
                path = "/slack/events";
                body = broken(r, slackDm(user, "EvUnsigned" + n, "hi").toString());
                if (r.nextBoolean()) {
                    headers.put("X-Slack-Request-Timestamp", r.nextBoolean() ? "99999999999999999999" : "-1");
                    headers.put("X-Slack-Signature", "v0=" + "0".repeat(r.nextInt(80)));
                }
            }
            case 4, 5 -> {                                                      // Teams activities
                path = "/api/messages";
                authed = r.nextInt(3) == 0;
                ObjectNode a = teamsMessage(user, "start");
                body = r.nextInt(3) == 0 ? broken(r, a.toString())
                        : mutate(r, r.nextBoolean() ? a : mutate(r, a)).toString().getBytes(StandardCharsets.UTF_8);
                type = r.nextInt(4) == 0 ? type : "application/json";
                if (authed || r.nextInt(4) == 0) {
                    headers.put("Authorization", r.nextBoolean() ? "Bearer " + "eyJ".repeat(r.nextInt(50))
                            : "Bearer a.b.c");
                }
            }
            case 6, 7 -> {                                                      // the try-it chat
                path = r.nextInt(5) == 0 ? "/web/api/messages?user=" + URLEncoder.encode(
                        oddValue(r, 3).toString(), StandardCharsets.UTF_8) : "/web/api/messages";
                valid = webMessage("web" + r.nextInt(20), r.nextBoolean() ? "start" : "x".repeat(r.nextInt(5000)))
                        .toString();
                body = r.nextBoolean() ? mutate(r, JSON.readTree(valid)).toString().getBytes(StandardCharsets.UTF_8)
                        : broken(r, valid);
                type = r.nextInt(3) == 0 ? type : "application/json";
            }
            case 8, 9 -> {                                                      // admin
                String[] paths = {"/admin", "/admin/", "/admin/login", "/admin/logout", "/admin/api/summary",
                    "/admin/export?format=" + odd(r) + "&status=" + odd(r) + "&since=" + odd(r),
                    "/admin/export?since=" + odd(r), "/admin/assets/" + odd(r), "/admin/" + odd(r)};
                path = paths[r.nextInt(paths.length)];
                body = r.nextBoolean() ? ("token=" + odd(r)).getBytes(StandardCharsets.UTF_8)
                        : broken(r, "token=" + ADMIN);
                type = r.nextInt(3) == 0 ? type : "application/x-www-form-urlencoded";
                switch (r.nextInt(4)) {
                    case 0 -> headers.put("Authorization", "Bearer " + ADMIN);
                    case 1 -> headers.put("Authorization", "Bearer " + odd(r));
                    case 2 -> headers.put("Cookie", "rolecraft_admin=" + odd(r).replace(";", ""));
                    default -> { }
                }
            }
            case 10 -> {                                                        // health and the page
                path = new String[] {"/health", "/", "/web/chat.js", "/web/" + odd(r), "/" + odd(r)}[r.nextInt(5)];
                body = broken(r, "{}");
            }
            default -> {                                                        // oversized, anywhere
                path = new String[] {"/slack/events", "/api/messages", "/web/api/messages", "/admin/login",
                    "/health"}[r.nextInt(5)];
                valid = "{\"user\":\"big\",\"text\":\"" + "y".repeat(1_000_001 + r.nextInt(1_000_000)) + "\"}";
                body = valid.getBytes(StandardCharsets.US_ASCII);
                if (path.equals("/slack/events")) {
                    sign(headers, body);
                }
                type = "application/json";
            }
        }
        String method = kind == 10 || r.nextInt(8) == 0 ? METHODS[r.nextInt(METHODS.length)] : "POST";
        if (kind >= 8 && kind <= 10 && r.nextBoolean()) {
            method = "GET";
        }
        return new Attempt(n, method, path, type, body, headers, authed);
    }

    /** A short odd string for a query or a form: percent junk, huge dates, control bytes. */
    private static String odd(Random r) {
        String[] s = {"%", "%zz", "%E0%A4%A", "csv", "json", "XML", "9999999999-12-31", "+1000000000-01-01T00:00:00Z",
            "2026-02-30", "-999999999-01-01T00:00:00Z", "drafting", "", "..%2F..%2Fetc%2Fpasswd", "a%00b",
            "\u00e9t\u00e9", "x".repeat(3000), "2026-01-31T25:61:00Z", "1e999", "null", "[]"};
        // Encoded: the HTTP client sends no malformed escape in a URL (the bodies carry those).
        return URLEncoder.encode(s[r.nextInt(s.length)], StandardCharsets.UTF_8);
    }

    private static void sign(Map<String, String> headers, byte[] body) throws Exception {
        String ts = String.valueOf(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(("v0:" + ts + ":").getBytes(StandardCharsets.UTF_8));
        headers.put("X-Slack-Request-Timestamp", ts);
        headers.put("X-Slack-Signature", "v0=" + HexFormat.of().formatHex(mac.doFinal(body)));
    }

    private HttpResponse<String> send(Attempt a) throws Exception {
        int port = a.appIdServer() ? appIdServer.port() : server.port();
        // Some bodies go without a length (chunked), so that the size limit cannot lean on Content-Length.
        Supplier<java.io.InputStream> stream = () -> new ByteArrayInputStream(a.body());
        HttpRequest.BodyPublisher publisher = a.body().length > 0 && a.n() % 7 == 0
                ? HttpRequest.BodyPublishers.ofInputStream(stream) : HttpRequest.BodyPublishers.ofByteArray(a.body());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + a.path()))
                .timeout(Duration.ofSeconds(30))
                .method(a.method(), a.method().equals("GET") || a.method().equals("HEAD")
                        ? HttpRequest.BodyPublishers.noBody() : publisher);
        if (!a.contentType().isEmpty()) {
            b.header("Content-Type", a.contentType());
        }
        a.headers().forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- the test ------------------------------------------------------------------------------------------

    @Test
    void thousands_of_bad_requests_get_no_5xx_and_no_trace_and_the_server_still_chats() throws Exception {
        Random r = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int[] byClass = new int[6];
        for (int n = 0; n < REQUESTS; n++) {
            Attempt a = next(r, n);
            HttpResponse<String> resp;
            try {
                resp = send(a);
            } catch (IOException e) {
                // The server may close the connection on a body it will not read (over the size limit).
                if (a.body().length > Server.MAX_BODY) {
                    continue;
                }
                failures.add(a.describe() + " -> " + e);
                continue;
            }
            byClass[resp.statusCode() / 100]++;
            boolean asset = a.method().equals("GET") && resp.statusCode() == 200
                    && (a.path().startsWith("/admin/assets/") || a.path().startsWith("/web/chat.") || a.path().equals("/"));
            if (resp.statusCode() >= 500) {
                failures.add(a.describe() + " -> " + resp.statusCode() + " " + resp.body());
            } else if (!asset && LEAK.matcher(resp.body()).find()) {
                failures.add(a.describe() + " -> " + resp.statusCode() + " shows " + resp.body());
            }
        }
        System.out.printf("bad input: %d requests, by status class: 2xx %d, 3xx %d, 4xx %d, 5xx %d%n", REQUESTS,
                byClass[2], byClass[3], byClass[4], byClass[5]);
        assertThat(failures).as("requests answered with a 5xx or an exception").isEmpty();
        assertThat(byClass[4]).as("most bad requests are refused").isGreaterThan(REQUESTS / 3);

        // Afterwards: a signed Slack DM gets its reply, and a web chat turn works.
        ObjectNode dm = slackDm("UAFTER", "EvAfter", "start");
        Map<String, String> headers = new java.util.HashMap<>();
        byte[] body = dm.toString().getBytes(StandardCharsets.UTF_8);
        sign(headers, body);
        HttpResponse<String> ack = send(new Attempt(-1, "POST", "/slack/events", "application/json", body, headers,
                false));
        assertThat(ack.statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fakes.slackPosts.stream().noneMatch(p -> p.contains("DUAFTER") && p.contains("job title"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fakes.slackPosts).as("the Slack reply to a DM after the bad input")
                .anyMatch(p -> p.contains("DUAFTER") && p.contains("job title"));
        HttpResponse<String> picked = send(new Attempt(-2, "POST", "/web/api/session", "application/json",
                webMessage("after", "").toString().getBytes(StandardCharsets.UTF_8), Map.of(), false));
        assertThat(picked.statusCode()).isEqualTo(200);
        String cookie = picked.headers().firstValue("Set-Cookie").orElseThrow();
        HttpResponse<String> web = send(new Attempt(-2, "POST", "/web/api/messages", "application/json",
                webMessage("after", "start").toString().getBytes(StandardCharsets.UTF_8),
                Map.of("Cookie", cookie.substring(0, cookie.indexOf(';'))), false));
        assertThat(web.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(web.body()).path("replies").toString()).contains("job title");
        assertThat(send(new Attempt(-3, "GET", "/health", "", new byte[0], Map.of(), false)).statusCode())
                .isEqualTo(200);
    }
}
