package rolecraft.adapters.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.connector.authentication.AuthenticationConstants;
import com.microsoft.bot.connector.authentication.ChannelValidation;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.connector.authentication.JwtTokenExtractor;
import com.microsoft.bot.connector.authentication.OpenIdMetadata;
import com.microsoft.bot.connector.authentication.OpenIdMetadataKey;
import com.microsoft.bot.connector.authentication.TokenValidationParameters;
import com.microsoft.bot.schema.Activity;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rolecraft.adapters.server.Loopback;

/**
 * Decides whether an inbound activity may be processed. With an app id: the Bot Framework channel's JWT,
 * checked by the SDK's token extractor (signature, lifetime, algorithm, the "msteams" endorsement) and then
 * as the SDK's ChannelValidation does (issuer, audience = app id, serviceurl claim = the activity's). Without:
 * only activities whose service URL is on loopback.
 */
final class TeamsAuth {

    private static final Logger LOG = LoggerFactory.getLogger(TeamsAuth.class);
    /** Each request for the signing keys gives up after this long. */
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);
    /** A request waits at most this long for its token to be checked, then it is refused. */
    static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);

    /** Authentication failed: answer with this status, and never process the activity. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }
    }

    private final TeamsConfig config;
    private final JwtTokenExtractor extractor;

    TeamsAuth(TeamsConfig config) {
        this.config = config;
        if (config.isLocal()) {
            extractor = null;
        } else {
            TokenValidationParameters params = ChannelValidation.getTokenValidationParameters();
            // The SDK's own key cache fetches with no timeouts while holding a lock, so one endpoint that never
            // answers stalls every request: these keys are fetched with timeouts instead.
            SigningKeys keys = new SigningKeys(config.openIdUrl());
            params.issuerSigningKeyResolver = url -> keys;
            extractor = new JwtTokenExtractor(params, config.openIdUrl(),
                    AuthenticationConstants.ALLOWED_SIGNING_ALGORITHMS);
        }
    }

    /** Checked before the body is read: with an app id, a request without a bearer token is refused at once. */
    void precheck(String authHeader) throws Refused {
        if (!config.isLocal() && (authHeader == null || !authHeader.regionMatches(true, 0, "Bearer ", 0, 7))) {
            throw new Refused(401, "no bearer token");
        }
    }

    /** The identity to run the turn under, or Refused. */
    ClaimsIdentity authenticate(String authHeader, Activity activity) throws Refused {
        if (config.isLocal()) {
            if (!Loopback.url(activity.getServiceUrl())) {
                throw new Refused(401, "unauthenticated activity from a service URL that is not on loopback");
            }
            return new ClaimsIdentity(AuthenticationConstants.ANONYMOUS_AUTH_TYPE);
        }
        precheck(authHeader);
        CompletableFuture<ClaimsIdentity> pending;
        try {
            // A malformed token makes the SDK throw here rather than fail the future.
            pending = extractor.getIdentity(authHeader, activity.getChannelId(), List.of());
        } catch (RuntimeException e) {
            throw new Refused(401, "malformed token");
        }
        ClaimsIdentity identity;
        try {
            identity = pending.get(AUTH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new Refused(503, "token could not be checked in time");
        } catch (ExecutionException e) {
            throw new Refused(401, "token refused");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(503, "interrupted");
        }
        check(identity, activity);
        return identity;
    }

    /**
     * What ChannelValidation checks after the signature, plus a token lifetime. These checks throw: a claims
     * validator that returns a failed future is ignored by the SDK.
     */
    private void check(ClaimsIdentity identity, Activity activity) throws Refused {
        if (identity == null || !identity.isAuthenticated()) {
            throw new Refused(401, "token not authenticated");
        }
        if (!AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER.equalsIgnoreCase(identity.getIssuer())) {
            throw new Refused(401, "wrong issuer");
        }
        Map<String, String> claims = identity.claims();
        if (!config.appId().equals(claims.get(AuthenticationConstants.AUDIENCE_CLAIM))) {
            throw new Refused(401, "token is for another app");
        }
        String serviceUrl = claims.get(AuthenticationConstants.SERVICE_URL_CLAIM);
        if (serviceUrl == null || !serviceUrl.equalsIgnoreCase(activity.getServiceUrl())) {
            throw new Refused(401, "serviceurl claim does not match the activity");
        }
        if (!claims.containsKey("exp")) {
            throw new Refused(401, "token has no expiry");
        }
        if (config.appType() == TeamsConfig.AppType.SINGLE_TENANT) {
            String tenant = activity.getConversation() == null ? null : activity.getConversation().getTenantId();
            if (tenant != null && !tenant.equals(config.tenantId())) {
                throw new Refused(401, "activity from another tenant");
            }
        }
    }

    /** The channel's signing keys, from its OpenID metadata, fetched with timeouts and kept for a day. */
    static final class SigningKeys implements OpenIdMetadata {
        private static final Duration KEEP = Duration.ofHours(24);
        /** Unknown key ids or failures trigger a new fetch at most this often. */
        private static final Duration RETRY = Duration.ofSeconds(10);
        private static final ObjectMapper JSON = new ObjectMapper();

        private final String metadataUrl;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private final ReentrantLock lock = new ReentrantLock();
        private volatile Map<String, OpenIdMetadataKey> keys = Map.of();
        private volatile long fetchedAt;
        private long triedAt;

        SigningKeys(String metadataUrl) {
            this.metadataUrl = metadataUrl;
        }

        @Override
        public OpenIdMetadataKey getKey(String keyId) {
            OpenIdMetadataKey key = keys.get(keyId);
            if (key != null && System.nanoTime() - fetchedAt < KEEP.toNanos()) {
                return key;
            }
            try {
                if (!lock.tryLock(AUTH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    return key;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            try {
                boolean stale = fetchedAt == 0 || System.nanoTime() - fetchedAt >= KEEP.toNanos()
                        || !keys.containsKey(keyId);
                if (stale && (triedAt == 0 || System.nanoTime() - triedAt >= RETRY.toNanos())) {
                    triedAt = System.nanoTime();
                    try {
                        keys = fetch();
                        fetchedAt = System.nanoTime();
                    } catch (Exception e) {
                        LOG.warn("could not fetch the Bot Framework signing keys from {}: {}", metadataUrl,
                                e.toString());
                    }
                }
                return keys.get(keyId);
            } finally {
                lock.unlock();
            }
        }

        private Map<String, OpenIdMetadataKey> fetch() throws Exception {
            JsonNode metadata = get(metadataUrl);
            JsonNode jwks = get(metadata.path("jwks_uri").asText());
            Map<String, OpenIdMetadataKey> out = new HashMap<>();
            for (JsonNode k : jwks.path("keys")) {
                if (!"RSA".equals(k.path("kty").asText()) || !k.hasNonNull("kid")) {
                    continue;
                }
                OpenIdMetadataKey key = new OpenIdMetadataKey();
                Base64.Decoder b64 = Base64.getUrlDecoder();
                key.key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, b64.decode(k.path("n").asText())),
                        new BigInteger(1, b64.decode(k.path("e").asText()))));
                if (k.has("endorsements")) {
                    key.endorsements = strings(k.get("endorsements"));
                }
                if (k.has("x5c")) {
                    key.certificateChain = strings(k.get("x5c"));
                }
                out.put(k.get("kid").asText(), key);
            }
            return Map.copyOf(out);
        }

        private JsonNode get(String url) throws Exception {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(FETCH_TIMEOUT).GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode() + " from " + url);
            }
            return JSON.readTree(r.body());
        }

        private static List<String> strings(JsonNode array) {
            List<String> out = new ArrayList<>();
            array.forEach(n -> out.add(n.asText()));
            return out;
        }
    }
}
