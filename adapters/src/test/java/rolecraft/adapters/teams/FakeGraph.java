package rolecraft.adapters.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for Microsoft Graph and its token endpoint: hands out client-credentials tokens, knows
 * people (names, emails, managers) and the organisation's app catalog, installs the app for people, answers
 * 403, 404 and 409 as Graph does, and records every request the bot made.
 */
final class FakeGraph implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CATALOG_ID = "b1c5353a-7aca-41b3-830f-27d5218fe0e5";

    /** One request: method, path (decoded), query (decoded), body and Authorization header. */
    record Request(String method, String path, String query, String body, String authorization) {
    }

    /** A person in the directory. */
    record Person(String id, String name, String mail, String managerId) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Person> people = new ConcurrentHashMap<>();
    private final Map<String, String> installedFor = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final HttpServer server;
    /** How long a token lasts, in seconds, as the token endpoint says. */
    volatile long tokenSeconds = 3599;
    /** The status POST installedApps answers (201, or 403 without the permission). */
    volatile int installStatus = 201;
    /** The manifest id the catalog's app has as its externalId. */
    volatile String externalId;
    /** Told of each installation (the AAD object id), as Teams then makes the app reachable for them. */
    volatile Consumer<String> onInstall = id -> { };

    FakeGraph(String externalId) throws IOException {
        this.externalId = externalId;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    void person(Person p) {
        people.put(p.id(), p);
    }

    /** The app is installed for this person already (Graph answers 409 to another installation). */
    void alreadyInstalled(String id) {
        installedFor.put(id, "installed-before");
    }

    String loginUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/login";
    }

    String graphUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1.0";
    }

    List<Request> to(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    List<Request> tokenRequests() {
        return requests.stream().filter(r -> r.path().endsWith("/oauth2/v2.0/token")).toList();
    }

    private static final Pattern TOKEN = Pattern.compile("/login/([^/]+)/oauth2/v2\\.0/token");
    private static final Pattern MANAGER = Pattern.compile("/v1\\.0/users/([^/]+)/manager");
    private static final Pattern USER = Pattern.compile("/v1\\.0/users/([^/]+)");
    private static final Pattern INSTALL = Pattern.compile("/v1\\.0/users/([^/]+)/teamwork/installedApps");
    private static final Pattern FILTER_EMAIL = Pattern.compile("mail eq '([^']*)' or userPrincipalName eq '([^']*)'");

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String rawQuery = x.getRequestURI().getRawQuery();
        String query = rawQuery == null ? "" : URLDecoder.decode(rawQuery, StandardCharsets.UTF_8);
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String auth = x.getRequestHeaders().getFirst("Authorization");
        requests.add(new Request(x.getRequestMethod(), path, query, body, auth));
        Matcher m;
        if ((m = TOKEN.matcher(path)).matches() && x.getRequestMethod().equals("POST")) {
            Map<String, String> form = form(body);
            if (!"client_credentials".equals(form.get("grant_type"))
                    || !"https://graph.microsoft.com/.default".equals(form.get("scope"))) {
                answer(x, 400, JSON.createObjectNode().put("error", "invalid_request"));
                return;
            }
            answer(x, 200, JSON.createObjectNode().put("token_type", "Bearer").put("expires_in", tokenSeconds)
                    .put("access_token", "graph-token-" + tokens.incrementAndGet()));
            return;
        }
        if (auth == null || !auth.startsWith("Bearer graph-token-")) {
            answer(x, 401, error("InvalidAuthenticationToken"));
            return;
        }
        if ((m = INSTALL.matcher(path)).matches() && x.getRequestMethod().equals("POST")) {
            String bound = JSON.readTree(body).path("teamsApp@odata.bind").asText();
            if (!bound.endsWith("/appCatalogs/teamsApps/" + CATALOG_ID)) {
                answer(x, 400, error("BadRequest"));
            } else if (installStatus == 403) {
                answer(x, 403, error("Forbidden"));
            } else if (installedFor.containsKey(m.group(1))) {
                answer(x, 409, error("Conflict"));
            } else {
                installedFor.put(m.group(1), "installation-" + m.group(1));
                onInstall.accept(m.group(1));
                x.sendResponseHeaders(201, -1);
                x.close();
            }
            return;
        }
        if ((m = MANAGER.matcher(path)).matches()) {
            Person p = people.get(m.group(1));
            Person manager = p == null || p.managerId() == null ? null : people.get(p.managerId());
            if (manager == null) {
                answer(x, 404, error("Request_ResourceNotFound"));
            } else {
                answer(x, 200, node(manager));
            }
            return;
        }
        if (path.equals("/v1.0/users")) {
            Matcher f = FILTER_EMAIL.matcher(query);
            ArrayNode value = JSON.createArrayNode();
            if (f.find()) {
                people.values().stream().filter(p -> p.mail().equalsIgnoreCase(f.group(1)))
                        .forEach(p -> value.add(node(p)));
            }
            ObjectNode list = JSON.createObjectNode();
            list.set("value", value);
            answer(x, 200, list);
            return;
        }
        if ((m = USER.matcher(path)).matches()) {
            Person p = people.get(m.group(1));
            if (p == null) {
                answer(x, 404, error("Request_ResourceNotFound"));
            } else {
                answer(x, 200, node(p));
            }
            return;
        }
        if (path.equals("/v1.0/appCatalogs/teamsApps")) {
            ArrayNode value = JSON.createArrayNode();
            if (query.contains("externalId eq '" + externalId + "'")) {
                value.addObject().put("id", CATALOG_ID).put("externalId", externalId).put("displayName", "rolecraft")
                        .put("distributionMethod", "organization");
            }
            ObjectNode list = JSON.createObjectNode();
            list.set("value", value);
            answer(x, 200, list);
            return;
        }
        answer(x, 404, error("UnknownPath"));
    }

    private static ObjectNode node(Person p) {
        return JSON.createObjectNode().put("id", p.id()).put("displayName", p.name()).put("mail", p.mail())
                .put("userPrincipalName", p.mail());
    }

    private static ObjectNode error(String code) {
        ObjectNode e = JSON.createObjectNode();
        e.putObject("error").put("code", code).put("message", code);
        return e;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new ConcurrentHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The form fields of a token request. */
    static Map<String, String> formOf(Request r) {
        return form(r.body());
    }

    private static void answer(HttpExchange x, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private boolean closed;

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stop(0);
        }
    }
}
