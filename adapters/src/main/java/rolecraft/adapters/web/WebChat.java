package rolecraft.adapters.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rolecraft.adapters.server.Loopback;
import rolecraft.adapters.server.Routes;
import rolecraft.bot.Conversations;
import rolecraft.bot.Prompts;
import rolecraft.bot.store.Notification;

/**
 * The try-it chat: a page where a visitor picks a user id and talks to the engine (surface "web"), with a
 * second tab as the manager. Anyone can claim any id here, so it answers loopback clients only.
 */
public final class WebChat implements Routes {

    private static final Logger LOG = LoggerFactory.getLogger(WebChat.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Conversations conversations;
    private final Prompts prompts;

    public WebChat(Conversations conversations, Prompts prompts) {
        this.conversations = conversations;
        this.prompts = prompts;
    }

    @Override
    public void mount(Javalin app) {
        app.before("/web/*", this::loopbackOnly);
        app.before("/", this::loopbackOnly);
        app.get("/", ctx -> page(ctx, "/web/chat.html", "text/html"));
        app.get("/web/chat.js", ctx -> page(ctx, "/web/chat.js", "text/javascript"));
        app.get("/web/chat.css", ctx -> page(ctx, "/web/chat.css", "text/css"));
        app.post("/web/api/messages", this::send);
        app.get("/web/api/messages", this::pending);
    }

    private void loopbackOnly(Context ctx) {
        if (!Loopback.host(ctx.req().getRemoteAddr())) {
            LOG.warn("try-it chat refused a request from {}", ctx.req().getRemoteAddr());
            ctx.status(HttpStatus.FORBIDDEN).json(Map.of("error", "the try-it chat answers this machine only"));
            ctx.skipRemainingHandlers();
        }
    }

    private static void page(Context ctx, String path, String type) {
        InputStream in = WebChat.class.getResourceAsStream(path);
        if (in == null) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        ctx.contentType(type + "; charset=utf-8").result(in);
    }

    /** A plain user id, or null. */
    static String userId(String raw) {
        if (raw == null) {
            return null;
        }
        String id = raw.strip().toLowerCase(Locale.ROOT);
        return id.matches("[a-z0-9][a-z0-9._-]{0,63}") ? id : null;
    }

    private void send(Context ctx) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (IOException e) {
            LOG.info("try-it chat: a body that is not JSON refused");
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", "send JSON: {\"user\": \"alice\", \"text\": \"start\"}"));
            return;
        }
        String user = body != null && body.path("user").isTextual() ? userId(body.path("user").asText()) : null;
        if (user == null || body == null || !body.path("text").isTextual()) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error",
                    "user must be a plain id (letters, digits, . _ -) and text a string"));
            return;
        }
        String person = "web:" + user;
        Conversations.Turn turn = conversations.handle(Conversations.Message.text(person, body.path("text").asText()));
        List<String> replies = new ArrayList<>();
        turn.replies().forEach(r -> replies.add(prompts.render(r, Prompts.PersonFormat.PLAIN)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("replies", replies);
        out.put("messages", pendingFor(person));
        ctx.json(out);
    }

    private void pending(Context ctx) {
        String user = userId(ctx.queryParam("user"));
        if (user == null) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", "user must be a plain id"));
            return;
        }
        ctx.json(Map.of("messages", pendingFor("web:" + user)));
    }

    private List<String> pendingFor(String person) {
        List<String> out = new ArrayList<>();
        for (Notification n : conversations.takePending(person)) {
            out.add(prompts.renderAll(n.replies(), Prompts.PersonFormat.PLAIN));
        }
        return out;
    }
}
