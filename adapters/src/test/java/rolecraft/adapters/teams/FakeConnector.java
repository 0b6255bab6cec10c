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
 * A local stand-in for the Bot Connector service at an activity's serviceUrl, as Teams answers: records what the
 * bot posts and updates, answers with activity ids, knows who is in which conversation (a personal chat holds
 * its user and the bot, nobody else), and opens a personal chat only with someone who has the app installed.
 */
final class FakeConnector implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call the bot made: POST (new or reply) or PUT (update) to a conversation. */
    record Call(String method, String conversation, String activityId, JsonNode body, String authorization,
                String id) {

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
    /** The bodies of POST /v3/conversations, in order. */
    final List<JsonNode> created = new CopyOnWriteArrayList<>();
    /** Members by conversation, then by Teams id. */
    private final Map<String, Map<String, ObjectNode>> members = new ConcurrentHashMap<>();
    /** The personal conversation of each user who has the app, by AAD object id and by Teams id. */
    private final Map<String, String> personal = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Javalin app;

    FakeConnector() {
        app = Javalin.create(c -> c.showJavalinBanner = false);
        app.post("/v3/conversations/{conv}/activities", ctx -> record(ctx, "POST", null));
        app.post("/v3/conversations/{conv}/activities/{act}", ctx -> record(ctx, "POST", ctx.pathParam("act")));
        app.put("/v3/conversations/{conv}/activities/{act}", ctx -> record(ctx, "PUT", ctx.pathParam("act")));
        app.get("/v3/conversations/{conv}/members/{member}", ctx -> {
            lookups.add(ctx.pathParam("member"));
            ObjectNode m = members.getOrDefault(ctx.pathParam("conv"), Map.of()).get(ctx.pathParam("member"));
            if (m == null) {
                ctx.status(404).json(Map.of("error", Map.of("code", "MemberNotFoundInConversation",
                        "message", "The member could not be found in the conversation.")));
            } else {
                ctx.json(m);
            }
        });
        // Creating a personal chat works only with someone who has the app (else Teams answers 403).
        app.post("/v3/conversations", ctx -> {
            JsonNode body = JSON.readTree(ctx.body());
            created.add(body);
            String conversation = personal.get(body.path("members").path(0).path("id").asText());
            if (conversation == null) {
                ctx.status(403).json(Map.of("error", Map.of("code", "BotNotInConversationRoster",
                        "message", "The bot is not part of the conversation roster.")));
            } else {
                ctx.status(201).json(Map.of("id", conversation));
            }
        });
        app.start("127.0.0.1", 0);
    }

    private void record(Context ctx, String method, String activityId) throws Exception {
        JsonNode body = JSON.readTree(ctx.body());
        String id = "PUT".equals(method) ? activityId : "bot-activity-" + ids.incrementAndGet();
        calls.add(new Call(method, ctx.pathParam("conv"), activityId, body, ctx.header("Authorization"), id));
        ctx.json(Map.of("id", id));
    }

    /** {@code teamsId} is a member of {@code conversation}: asked there, Teams gives their AAD object id. */
    void member(String conversation, String teamsId, String name, String aadObjectId) {
        members.computeIfAbsent(conversation, c -> new ConcurrentHashMap<>()).put(teamsId,
                JSON.createObjectNode().put("id", teamsId).put("name", name).put("aadObjectId", aadObjectId)
                        .put("userRole", "user"));
    }

    /** The app is installed for this user: their personal chat with the bot exists, with them in it. */
    void installed(String teamsId, String name, String aadObjectId, String conversation) {
        member(conversation, teamsId, name, aadObjectId);
        personal.put(aadObjectId, conversation);
        personal.put(teamsId, conversation);
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

    /** Waits for the people picker (the question for the manager) in {@code conversation} after {@code after} calls. */
    Call awaitPicker(String conversation, int after) throws InterruptedException {
        return await(c -> calls.indexOf(c) >= after && c.conversation().equals(conversation) && c.card() != null
                && c.card().toString().contains("\"choices.data\""));
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
