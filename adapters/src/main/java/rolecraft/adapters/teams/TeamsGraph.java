package rolecraft.adapters.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Microsoft Graph as the app itself: a person's manager and name, a person found by their work email, and the
 * app installed for someone who never opened it. Tokens (client credentials) are kept until shortly before
 * they run out; every call has a timeout; what fails is a {@link Failure} with Graph's status, never a secret.
 */
final class TeamsGraph {

    private static final Logger LOG = LoggerFactory.getLogger(TeamsGraph.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration CALL = Duration.ofSeconds(10);
    /** A token is renewed this long before it runs out, so that none runs out on its way to Graph. */
    private static final Duration MARGIN = Duration.ofMinutes(5);

    /** A person in the directory. */
    record Person(String id, String name) {
    }

    /** What installing the app for someone did. */
    enum Installed { NOW, ALREADY }

    /** Graph or the token endpoint answered with an error, or not at all (status 0). */
    static final class Failure extends Exception {
        final int status;

        Failure(int status, String what) {
            super(what);
            this.status = status;
        }
    }

    private record Token(String value, Instant renewAt) {
    }

    private final GraphConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT).build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private volatile String catalogId;

    TeamsGraph(GraphConfig config) {
        this.config = config;
        this.catalogId = config.catalogAppId();
    }

    /** The person's manager in the directory, if they have one. */
    Optional<Person> manager(String tenant, String objectId) throws Failure {
        return person(get(tenant, "/users/" + id(objectId) + "/manager?$select=id,displayName"));
    }

    /** The person with this object id. */
    Optional<Person> user(String tenant, String objectId) throws Failure {
        return person(get(tenant, "/users/" + id(objectId) + "?$select=id,displayName"));
    }

    /** The one person whose work email or sign-in name this is. */
    Optional<Person> byEmail(String tenant, String email) throws Failure {
        if (!TeamsSurface.EMAIL.matcher(email).matches()) {
            return Optional.empty();
        }
        String filter = "mail eq '" + email + "' or userPrincipalName eq '" + email + "'";
        JsonNode found = get(tenant, "/users?$select=id,displayName&$filter=" + encode(filter));
        JsonNode list = found == null ? null : found.path("value");
        return list != null && list.size() == 1 ? person(list.get(0)) : Optional.empty();
    }

    /**
     * Installs the app (from the organisation's catalog) in the person's personal scope; 403 when the app lacks
     * TeamsAppInstallation.ReadWriteSelfForUser.All (or the app is not in the catalog for them).
     */
    Installed install(String tenant, String objectId) throws Failure {
        String app = catalogApp(tenant);
        String body = JSON.createObjectNode()
                .put("teamsApp@odata.bind", config.graphUrl() + "/appCatalogs/teamsApps/" + app).toString();
        HttpResponse<String> r = send(tenant, HttpRequest.newBuilder(uri("/users/" + id(objectId)
                        + "/teamwork/installedApps")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "install the app");
        if (r.statusCode() == 409) {
            return Installed.ALREADY;
        }
        if (r.statusCode() / 100 != 2) {
            throw failure(r, "install the app");
        }
        return Installed.NOW;
    }

    /** The app's id in the organisation's catalog: set, or found by the manifest's id (its externalId). */
    private String catalogApp(String tenant) throws Failure {
        String known = catalogId;
        if (known != null) {
            return known;
        }
        JsonNode found = get(tenant, "/appCatalogs/teamsApps?$filter="
                + encode("externalId eq '" + config.appId() + "'"));
        JsonNode first = found == null ? null : found.path("value").path(0);
        if (first == null || !first.hasNonNull("id")) {
            throw new Failure(404, "the app " + config.appId() + " is not in the organisation's app catalog");
        }
        catalogId = first.get("id").asText();
        return catalogId;
    }

    /** GET as the app: the body, or null for 404. */
    private JsonNode get(String tenant, String path) throws Failure {
        HttpResponse<String> r = send(tenant, HttpRequest.newBuilder(uri(path)).GET(), "read " + pathOnly(path));
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() / 100 != 2) {
            throw failure(r, "read " + pathOnly(path));
        }
        return read(r.body());
    }

    private HttpResponse<String> send(String tenant, HttpRequest.Builder request, String what) throws Failure {
        try {
            return http.send(request.timeout(CALL).header("Authorization", "Bearer " + token(tenant))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure(0, "Graph did not answer to " + what + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(0, "interrupted");
        }
    }

    /** A token for Graph from the app's tenant (or the person's, for an app of many tenants), kept for reuse. */
    private String token(String tenant) throws Failure {
        String from = config.tenantId() != null ? config.tenantId() : tenant;
        if (from == null || !TeamsSurface.OBJECT_ID.matcher(from).matches()) {
            throw new Failure(0, "no tenant to ask for a Graph token");
        }
        Token t = tokens.get(from);
        if (t != null && Instant.now().isBefore(t.renewAt())) {
            return t.value();
        }
        String form = "client_id=" + encode(config.appId()) + "&client_secret=" + encode(config.appPassword())
                + "&scope=" + encode("https://graph.microsoft.com/.default") + "&grant_type=client_credentials";
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(config.loginUrl() + "/" + from + "/oauth2/v2.0/token"))
                    .timeout(CALL).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure(0, "no Graph token: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(0, "interrupted");
        }
        JsonNode body = r.statusCode() == 200 ? read(r.body()) : null;
        if (body == null || !body.hasNonNull("access_token")) {
            // The answer's error code says why (a wrong secret, no consent); the body is never logged whole.
            throw new Failure(r.statusCode(),
                    "no Graph token (" + (body == null ? errorOf(r.body()) : "no token") + ")");
        }
        long seconds = body.path("expires_in").asLong(0);
        Token fresh = new Token(body.get("access_token").asText(),
                Instant.now().plusSeconds(seconds).minus(MARGIN));
        tokens.put(from, fresh);
        LOG.debug("Graph token for tenant {} kept for {} s", from, seconds);
        return fresh.value();
    }

    private URI uri(String path) {
        return URI.create(config.graphUrl() + path);
    }

    private static String id(String objectId) throws Failure {
        if (objectId == null || !TeamsSurface.OBJECT_ID.matcher(objectId).matches()) {
            throw new Failure(400, "not an object id");
        }
        return objectId;
    }

    private static Optional<Person> person(JsonNode node) {
        if (node == null || !node.hasNonNull("id")) {
            return Optional.empty();
        }
        return Optional.of(new Person(node.get("id").asText(), node.path("displayName").asText(null)));
    }

    private static Failure failure(HttpResponse<String> r, String what) {
        return new Failure(r.statusCode(),
                "Graph refused to " + what + ": " + r.statusCode() + " " + errorOf(r.body()));
    }

    /** Graph's or the token endpoint's error code, never the rest of the body. */
    private static String errorOf(String body) {
        JsonNode b = read(body);
        if (b == null) {
            return "";
        }
        JsonNode code = b.path("error").isObject() ? b.path("error").path("code") : b.path("error");
        return code.asText("");
    }

    private static JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String pathOnly(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
