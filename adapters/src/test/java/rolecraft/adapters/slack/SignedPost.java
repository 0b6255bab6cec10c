package rolecraft.adapters.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What the tests that run the built jar share: the jar, and a POST to /slack/events signed as Slack signs it. */
final class SignedPost {

    private SignedPost() {
    }

    /** The built jar, passed by Failsafe. */
    static Path jar() {
        String p = System.getProperty("rolecraft.jar");
        if (p == null) {
            throw new IllegalStateException("rolecraft.jar system property not set: run through failsafe (mvn verify)");
        }
        return Path.of(p);
    }

    /** POSTs {@code body} to /slack/events on {@code port}, signed with {@code secret} as Slack does. */
    static HttpResponse<String> send(HttpClient http, int port, String secret, String body, String contentType,
                                     Map<String, String> extra) throws IOException, InterruptedException {
        String ts = String.valueOf(Instant.now().getEpochSecond());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", SlackBridge.sign(secret.getBytes(StandardCharsets.UTF_8), ts,
                        body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        extra.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
