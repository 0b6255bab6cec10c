package rolecraft.adapters.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt behind Javalin: the raw request into Bolt's {@link Request}, {@code app.run}, and Bolt's response
 * back. The signature is checked on the raw bytes before anything reads the body; Bolt checks it again.
 */
final class SlackBridge implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(SlackBridge.class);
    /** Slack's replay window: a request signed longer ago than this (or as far ahead) is refused. */
    static final long MAX_SKEW_SECONDS = 5 * 60;

    private final App app;
    private final SlackRequestParser parser;
    private final byte[] signingSecret;
    private final java.time.Clock clock;

    SlackBridge(App app, String signingSecret, java.time.Clock clock) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.signingSecret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        byte[] raw = ctx.bodyAsBytes();
        String timestamp = ctx.header("X-Slack-Request-Timestamp");
        String signature = ctx.header("X-Slack-Signature");
        if (!verified(timestamp, signature, raw)) {
            LOG.info("slack request refused: bad or stale signature from {}", ctx.ip());
            ctx.status(401).json(Map.of("error", "invalid request"));
            return;
        }
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : ctx.req().getHeaderNames() == null ? List.<String>of()
                : java.util.Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, java.util.Collections.list(ctx.req().getHeaders(name)));
        }
        Response response;
        try {
            Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(ctx.path())
                    .queryString(ctx.queryParamMap())
                    .headers(new RequestHeaders(headers))
                    .requestBody(new String(raw, StandardCharsets.UTF_8))
                    .remoteAddress(ctx.ip())
                    .build());
            if (request == null) {
                LOG.info("slack request of an unknown shape refused");
                ctx.status(400).json(Map.of("error", "unknown request"));
                return;
            }
            response = app.run(request);
        } catch (RuntimeException e) {
            // A signed request we cannot read: say so without a stack trace, once in the log. The exception's
            // message quotes the payload (what people wrote), so only its type is logged above DEBUG.
            LOG.warn("slack request from {} could not be read ({})", ctx.ip(), e.getClass().getSimpleName());
            LOG.debug("slack request could not be read", e);
            ctx.status(400).json(Map.of("error", "malformed request"));
            return;
        }
        ctx.status(response.getStatusCode() == null ? 200 : response.getStatusCode());
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, values) -> values.forEach(v -> ctx.res().addHeader(name, v)));
        }
        if (response.getContentType() != null) {
            ctx.contentType(response.getContentType());
        }
        ctx.result(response.getBody() == null ? "" : response.getBody());
    }

    /** Slack's v0 signature: HMAC-SHA256 of "v0:timestamp:body", compared in constant time. */
    boolean verified(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || !signature.startsWith("v0=")) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(clock.instant().getEpochSecond() - ts) > MAX_SKEW_SECONDS) {
            return false;
        }
        byte[] expected = sign(signingSecret, timestamp, body).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** "v0=" and the hex HMAC-SHA256 of "v0:timestamp:" followed by the body's bytes. */
    static String sign(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
