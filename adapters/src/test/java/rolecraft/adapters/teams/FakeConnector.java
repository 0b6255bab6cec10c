package rolecraft.adapters.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A local stand-in for the Bot Connector service at an activity's serviceUrl: records what the bot posts and
 * updates, answers with activity ids, and knows the members it is told about.
 */
final class FakeConnector implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call the bot made: POST (new or reply) or PUT (update) to a conversation. */
    record Call(String method, String conversation, String activityId, JsonNode body, String authorization) {

        /** The text of a plain message, or the fallback text of a card. */
        String text() {
            if (body.hasNonNull("text")) {
                return body.get("text").asText();
            }
            JsonNode card = card();
            return card == null ? "" : card.path("fallbackText").asText();
        }

        JsonNode card() {
            JsonNode a = body.path("attachments").path(0);
            return "application/vnd.microsoft.card.adaptive".equals(a.path("contentType").asText())
                    ? a.get("content") : null;
        }
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<String> lookups = new CopyOnWriteArrayList<>();
    private final Map<String, ObjectNode> members = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Javalin app;

    FakeConnector() {
        app = Javalin.create(c -> c.showJavalinBanner = false);
        app.post("/v3/conversations/{conv}/activities", ctx -> record(ctx, "POST", null));
        app.post("/v3/conversations/{conv}/activities/{act}", ctx -> record(ctx, "POST", ctx.pathParam("act")));
        app.put("/v3/conversations/{conv}/activities/{act}", ctx -> record(ctx, "PUT", ctx.pathParam("act")));
        app.get("/v3/conversations/{conv}/members/{member}", ctx -> {
            lookups.add(ctx.pathParam("member"));
            ObjectNode m = members.get(ctx.pathParam("member"));
            if (m == null) {
                ctx.status(404).json(Map.of("error", Map.of("code", "MemberNotFoundInConversation")));
            } else {
                ctx.json(m);
            }
        });
        app.start("127.0.0.1", 0);
    }

    private void record(Context ctx, String method, String activityId) throws Exception {
        JsonNode body = JSON.readTree(ctx.body());
        calls.add(new Call(method, ctx.pathParam("conv"), activityId, body, ctx.header("Authorization")));
        String id = "PUT".equals(method) ? activityId : "bot-activity-" + ids.incrementAndGet();
        ctx.json(Map.of("id", id));
    }

    /** Teams knows this user: a mention of {@code teamsId} resolves to their AAD object id. */
    void member(String teamsId, String name, String aadObjectId) {
        members.put(teamsId, JSON.createObjectNode().put("id", teamsId).put("name", name)
                .put("aadObjectId", aadObjectId));
    }

    String serviceUrl() {
        return "http://127.0.0.1:" + app.port() + "/";
    }

    List<Call> to(String conversation) {
        return calls.stream().filter(c -> c.conversation().equals(conversation)).toList();
    }

    /** Waits (up to 20 s) for a call that matches, and returns it. */
    Call await(Predicate<Call> match) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (Call c : calls) {
                if (match.test(c)) {
                    return c;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such call; calls were:\n" + String.join("\n",
                calls.stream().map(c -> c.method() + " " + c.conversation() + " " + c.text()).toList()));
    }

    /** Waits for a message to {@code conversation} whose text contains {@code words}. */
    Call awaitText(String conversation, String words) throws InterruptedException {
        return await(c -> c.conversation().equals(conversation) && c.method().equals("POST")
                && c.text().contains(words));
    }

    @Override
    public void close() {
        app.stop();
    }
}
