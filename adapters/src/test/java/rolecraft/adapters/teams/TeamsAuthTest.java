package rolecraft.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rolecraft.adapters.server.Deliveries;
import rolecraft.adapters.server.Server;
import rolecraft.adapters.teams.TeamsActivities.User;
import rolecraft.bot.Conversations;
import rolecraft.bot.Prompts;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.store.Store;

/**
 * Teams with an app id: every activity's Bot Framework token is checked against signing keys served by a
 * local OpenID metadata fake; replies carry the bot's own token, here a fixed one.
 */
class TeamsAuthTest {

    static final String APP_ID = "5b7f3c2e-0d44-4c1e-9a57-rolecraft-test";
    static final String OUTBOUND = "outbound-token-for-tests";
    static final User ALICE = TeamsSurfaceTest.ALICE;

    /** Outbound credentials that never ask Microsoft's login endpoint. */
    static final class FixedToken extends MicrosoftAppCredentials {
        FixedToken() {
            super(APP_ID, "not-used");
        }

        @Override
        public CompletableFuture<String> getToken() {
            return CompletableFuture.completedFuture(OUTBOUND);
        }
    }

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();
    private FakeConnector connector;
    private TeamsActivities teams;
    private KeyPair channelKey;
    private Javalin openId;

    @BeforeEach
    void start() throws Exception {
        connector = new FakeConnector();
        teams = new TeamsActivities(connector.serviceUrl());
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        channelKey = gen.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) channelKey.getPublic();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        openId = Javalin.create(c -> c.showJavalinBanner = false);
        openId.get("/openid", ctx -> ctx.json(Map.of("issuer", "https://api.botframework.com",
                "jwks_uri", "http://127.0.0.1:" + ctx.port() + "/keys")));
        openId.get("/keys", ctx -> ctx.json(Map.of("keys", List.of(Map.of("kty", "RSA", "use", "sig",
                "kid", "channel-key", "n", b64.encodeToString(unsigned(pub.getModulus().toByteArray())),
                "e", b64.encodeToString(unsigned(pub.getPublicExponent().toByteArray())),
                "endorsements", List.of("msteams"))))));
        openId.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        openId.stop();
        connector.close();
    }

    private static byte[] unsigned(byte[] b) {
        return b.length > 1 && b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    /** Serve with Teams for APP_ID, its signing keys announced at {@code openIdUrl}. */
    private int serve(String openIdUrl) {
        Store store = Store.sqlite(dir.resolve("auth-" + open.size() + ".db"));
        Conversations conversations = new Conversations(store, new RuleClassifier(), Clock.systemUTC());
        Deliveries deliveries = new Deliveries(store, List.of(), 0);
        TeamsSurface surface = new TeamsSurface(conversations, Prompts.builtIn(), deliveries,
                new TeamsConfig(APP_ID, "secret", null, TeamsConfig.AppType.MULTI_TENANT, openIdUrl),
                new FixedToken());
        deliveries.register(surface);
        Server server = Server.start(new Server.Config("127.0.0.1", 0), conversations, Prompts.builtIn(),
                List.of(surface), deliveries);
        open.add(server::stop);
        return server.port();
    }

    private String metadata() {
        return "http://127.0.0.1:" + openId.port() + "/openid";
    }

    private String token(KeyPair key, String audience, String serviceUrl) {
        Instant now = Instant.now();
        return JWT.create().withIssuer("https://api.botframework.com").withAudience(audience)
                .withClaim("serviceurl", serviceUrl).withKeyId("channel-key")
                .withNotBefore(Date.from(now.minusSeconds(60))).withExpiresAt(Date.from(now.plusSeconds(3600)))
                .sign(Algorithm.RSA256((RSAPublicKey) key.getPublic(), (RSAPrivateKey) key.getPrivate()));
    }

    private HttpResponse<String> post(int port, ObjectNode activity, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(activity.toString()));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_token_signed_by_the_channel_key_is_accepted_and_the_reply_carries_the_bots_token() throws Exception {
        int port = serve(metadata());
        HttpResponse<String> r = post(port, teams.message(ALICE, "start"),
                "Bearer " + token(channelKey, APP_ID, connector.serviceUrl()));
        assertThat(r.statusCode()).isEqualTo(200);
        FakeConnector.Call reply = connector.awaitText(ALICE.conversation(), "What is your current job title?");
        assertThat(reply.authorization()).isEqualTo("Bearer " + OUTBOUND);
    }

    @Test
    void missing_malformed_forged_and_misdirected_tokens_are_refused_and_never_processed() throws Exception {
        int port = serve(metadata());
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair forger = gen.generateKeyPair();
        String url = connector.serviceUrl();
        assertThat(post(port, teams.message(ALICE, "start"), null).statusCode()).isEqualTo(401);
        assertThat(post(port, teams.message(ALICE, "start"), "Bearer garbage").statusCode()).isEqualTo(401);
        assertThat(post(port, teams.message(ALICE, "start"), "Basic dXNlcjpwYXNz").statusCode()).isEqualTo(401);
        assertThat(post(port, teams.message(ALICE, "start"), "Bearer " + token(forger, APP_ID, url))
                .statusCode()).as("signed by another key").isEqualTo(401);
        assertThat(post(port, teams.message(ALICE, "start"), "Bearer " + token(channelKey, "another-app", url))
                .statusCode()).as("for another app").isEqualTo(401);
        assertThat(post(port, teams.message(ALICE, "start"),
                "Bearer " + token(channelKey, APP_ID, "https://smba.trafficmanager.net/amer/"))
                .statusCode()).as("for another service URL").isEqualTo(401);

        // Alice's turns run in order: had any refused one run, its reply would come before this one.
        assertThat(post(port, teams.message(ALICE, "help"), "Bearer " + token(channelKey, APP_ID, url))
                .statusCode()).isEqualTo(200);
        connector.awaitText(ALICE.conversation(), "Words that work at any step");
        assertThat(connector.calls).hasSize(1);
    }

    @Test
    void signing_keys_that_never_arrive_fail_closed_instead_of_hanging() throws Exception {
        // An OpenID endpoint that accepts connections and never answers.
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    held.add(silent.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        open.add(() -> {
            silent.close();
            for (Socket s : held) {
                s.close();
            }
        });
        int port = serve("http://127.0.0.1:" + silent.getLocalPort() + "/openid");
        String token = "Bearer " + token(channelKey, APP_ID, connector.serviceUrl());
        HttpResponse<String> first = post(port, teams.message(ALICE, "start"), token);
        HttpResponse<String> second = post(port, teams.message(ALICE, "start"), token);
        assertThat(first.statusCode()).isIn(401, 503);
        assertThat(second.statusCode()).isIn(401, 503);
        assertThat(held).as("the endpoint was asked").isNotEmpty();
        assertThat(connector.calls).isEmpty();
    }
}
