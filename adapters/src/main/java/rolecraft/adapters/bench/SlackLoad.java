package rolecraft.adapters.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack traffic for the benchmark: a local stand-in for Slack's Web API that notes when each reply
 * arrives, and signed {@code message.im} events sent as Slack sends them, many at once.
 */
final class SlackLoad implements AutoCloseable {

    static final String SECRET = "bench-signing-secret";
    static final String TOKEN = "xoxb-bench-token";
    private static final Pattern CHANNEL = Pattern.compile("(?:^|&)channel=([^&]*)|\"channel\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpServer api;
    /** First reply seen per DM channel since it was armed: channel to nanoTime. */
    private final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
    private final Map<String, Long> firstReply = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(64, r -> {
                Thread t = new Thread(r, "bench-slack-client");
                t.setDaemon(true);
                return t;
            })).build();
    private final AtomicLong events = new AtomicLong();

    SlackLoad() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        api.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "bench-slack-api");
            t.setDaemon(true);
            return t;
        }));
        api.createContext("/api/", this::answer);
        api.start();
    }

    /** The Web API base URL, for SLACK_API_URL. */
    String apiUrl() {
        return "http://127.0.0.1:" + api.getAddress().getPort() + "/api/";
    }

    private void answer(HttpExchange ex) throws IOException {
        long now = System.nanoTime();
        String method = ex.getRequestURI().getPath().substring("/api/".length());
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String channel = channel(body);
        String json = switch (method) {
            case "auth.test" -> "{\"ok\":true,\"user_id\":\"UBOT\",\"team_id\":\"T1\",\"bot_id\":\"B1\","
                    + "\"user\":\"rolecraft\",\"team\":\"Bench\",\"url\":\"https://bench.slack.com/\"}";
            case "conversations.open" -> "{\"ok\":true,\"channel\":{\"id\":\"D" + channel + "\"}}";
            case "chat.postMessage" -> {
                if (channel != null && firstReply.putIfAbsent(channel, now) == null) {
                    CountDownLatch l = waiting.get(channel);
                    if (l != null) {
                        l.countDown();
                    }
                }
                yield "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"1700000000." + now % 1_000_000 + "\"}";
            }
            default -> "{\"ok\":true}";
        };
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String channel(String body) {
        Matcher m = CHANNEL.matcher(body);
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : m.group(2);
    }

    /** What one round measured: ack and reply latencies in milliseconds. */
    record Round(List<Double> ack, List<Double> reply) {
    }

    /**
     * Sends one DM ("start") from each of {@code users} new people at once to {@code url} and waits for every
     * first reply (when {@code replies}); returns the latencies.
     */
    Round round(String url, List<String> users, boolean replies) throws Exception {
        return round(url, users, "start", replies);
    }

    /** The same with any text: each of {@code users} sends it at once, as the next message of their chat. */
    Round round(String url, List<String> users, String text, boolean replies) throws Exception {
        List<Double> ack = new ArrayList<>();
        List<Double> reply = new ArrayList<>();
        ConcurrentLinkedQueue<double[]> results = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (String user : users) {
            String channel = "D" + user;
            CountDownLatch replied = new CountDownLatch(1);
            waiting.put(channel, replied);
            firstReply.remove(channel);
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    long start = System.nanoTime();
                    HttpResponse<Void> r = send(url, user, text);
                    long acked = System.nanoTime();
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("slack event answered " + r.statusCode());
                    }
                    double replyMs = Double.NaN;
                    if (replies) {
                        if (!replied.await(30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("no reply reached the Web API for " + user);
                        }
                        replyMs = (firstReply.get(channel) - start) / 1e6;
                    }
                    results.add(new double[] {(acked - start) / 1e6, replyMs});
                } catch (Exception e) {
                    results.add(new double[] {Double.NaN, Double.NaN});
                }
            }, "bench-slack-sender");
            senders.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : senders) {
            t.join(60_000);
        }
        for (double[] r : results) {
            if (Double.isNaN(r[0])) {
                throw new IllegalStateException("a Slack event failed during the benchmark");
            }
            ack.add(r[0]);
            if (replies) {
                reply.add(r[1]);
            }
        }
        for (String user : users) {
            waiting.remove("D" + user);
        }
        return new Round(ack, reply);
    }

    private HttpResponse<Void> send(String url, String user, String text) throws Exception {
        long n = events.incrementAndGet();
        String ts = String.valueOf(System.currentTimeMillis() / 1000);
        String body = "{\"token\":\"legacy\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"event\":{\"type\":\"message\","
                + "\"channel\":\"D" + user + "\",\"user\":\"" + user + "\",\"text\":\"" + jsonText(text)
                + "\",\"ts\":\"" + ts + ".000" + n % 1000 + "\",\"event_ts\":\"" + ts + ".000100\",\"channel_type\":\"im\"},"
                + "\"type\":\"event_callback\",\"event_id\":\"EvB" + n + "\",\"event_time\":" + ts + ","
                + "\"authorizations\":[{\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"is_bot\":true}]}";
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", sign(ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
    }

    /** Text as a JSON string's content; the bench's messages hold no quotes or backslashes, only newlines. */
    private static String jsonText(String text) {
        return text.replace("\n", "\\n");
    }

    static String sign(String ts, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] h = mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8));
        return "v0=" + HexFormat.of().formatHex(h);
    }

    @Override
    public void close() {
        api.stop(0);
    }
}
