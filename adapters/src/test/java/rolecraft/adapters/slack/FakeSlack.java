package rolecraft.adapters.slack;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A local stand-in for Slack's Web API: answers the methods rolecraft calls and records every call. */
final class FakeSlack implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded call: the method, its form (or JSON) parameters, the raw body and the token used. */
    record Call(String method, Map<String, String> params, byte[] body, String authorization) {

        String param(String name) {
            return params.getOrDefault(name, "");
        }

        String text() {
            return param("text");
        }

        /** Everything the call showed: the text fallback and the blocks (or view) as JSON text. */
        String shown() {
            return param("text") + "\n" + readable("blocks") + "\n" + readable("view");
        }

        /** A JSON parameter re-written without the SDK's \\u escapes (so "&amp;" reads as such). */
        String readable(String name) {
            return params.containsKey(name) ? json(name).toString() : "";
        }

        JsonNode json(String name) {
            try {
                return JSON.readTree(param(name));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** The chat.postMessage calls that were answered ok, by channel, in the order they arrived. */
    final Map<String, List<Call>> posts = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger ts = new AtomicInteger(100);
    /** How many more chat.postMessage calls to answer with 429 before answering normally. */
    final AtomicInteger rateLimitPosts = new AtomicInteger();
    /** chat.postMessage to this channel answers channel_not_found. */
    volatile String failChannel;
    /** While set, chat.postMessage waits here before it is recorded and answered (a slow Slack). */
    volatile java.util.concurrent.CountDownLatch hold;

    FakeSlack() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", this::api);
        server.createContext("/upload/", this::upload);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    private void upload(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        calls.add(new Call("upload", Map.of(), body, ex.getRequestHeaders().getFirst("Authorization")));
        respond(ex, 200, "text/plain", "OK - " + body.length);
    }

    private void api(HttpExchange ex) throws IOException {
        String method = ex.getRequestURI().getPath().substring("/api/".length());
        byte[] body = ex.getRequestBody().readAllBytes();
        Map<String, String> params = params(ex, body);
        Call call = new Call(method, params, body, ex.getRequestHeaders().getFirst("Authorization"));
        java.util.concurrent.CountDownLatch h = hold;
        if (method.equals("chat.postMessage") && h != null) {
            try {
                h.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (method.equals("chat.postMessage") && params.getOrDefault("channel", "").equals(failChannel)) {
            calls.add(new Call("failed:" + method, params, body, call.authorization()));
            respond(ex, 200, "application/json", "{\"ok\":false,\"error\":\"channel_not_found\"}");
            return;
        }
        if (method.equals("chat.postMessage") && rateLimitPosts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            calls.add(new Call("ratelimited:" + method, params, body, call.authorization()));
            ex.getResponseHeaders().add("Retry-After", "1");
            respond(ex, 429, "application/json", "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        calls.add(call);
        if (method.equals("chat.postMessage")) {
            posts.computeIfAbsent(params.getOrDefault("channel", ""), k -> new CopyOnWriteArrayList<>()).add(call);
        }
        String user = params.getOrDefault("users", params.getOrDefault("user", ""));
        String channel = params.getOrDefault("channel", "");
        String answer = switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"Acme\",\"user\":\"rolecraft\","
                    + "\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}";
            case "conversations.open" -> "{\"ok\":true,\"channel\":{\"id\":\"D" + user + "\"}}";
            case "chat.postMessage" -> "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"1700000000."
                    + ts.incrementAndGet() + "\",\"message\":{\"type\":\"message\",\"text\":\"\"}}";
            case "chat.update" -> "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + params.get("ts") + "\"}";
            case "chat.postEphemeral" -> "{\"ok\":true,\"message_ts\":\"1700000000." + ts.incrementAndGet() + "\"}";
            case "views.open", "views.publish" -> "{\"ok\":true,\"view\":{\"id\":\"V1\"}}";
            case "files.getUploadURLExternal" -> "{\"ok\":true,\"upload_url\":\"http://127.0.0.1:"
                    + server.getAddress().getPort() + "/upload/F1\",\"file_id\":\"F1\"}";
            case "files.completeUploadExternal" -> "{\"ok\":true,\"files\":[{\"id\":\"F1\",\"title\":\"export\"}]}";
            default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
        };
        respond(ex, 200, "application/json", answer);
    }

    private static Map<String, String> params(HttpExchange ex, byte[] body) {
        Map<String, String> out = new HashMap<>();
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        String text = new String(body, StandardCharsets.UTF_8);
        if (type != null && type.contains("json")) {
            try {
                JSON.readTree(text).properties().forEach(e -> out.put(e.getKey(),
                        e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
            } catch (IOException e) {
                out.put("_unreadable", text);
            }
            return out;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The chat.postMessage calls to {@code channel} answered so far, in order. */
    List<Call> posts(String channel) {
        return posts.getOrDefault(channel, List.of());
    }

    List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    List<Call> calls(String method, Predicate<Call> match) {
        return calls.stream().filter(c -> c.method().equals(method) && match.test(c)).toList();
    }

    /** Waits (bounded) for a call of {@code method} matching {@code match}, and returns the first. */
    Call await(String method, Predicate<Call> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            List<Call> found = calls(method, match);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(20);
        }
        fail("no " + method + " call matched; calls were:\n" + summary());
        return null;
    }

    String summary() {
        StringBuilder b = new StringBuilder();
        for (Call c : calls) {
            String shown = c.shown().replace('\n', ' ');
            b.append(c.method()).append(' ').append(c.param("channel")).append(' ')
                    .append(shown, 0, Math.min(200, shown.length())).append('\n');
        }
        return b.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
