package rolecraft.adapters.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rolecraft.adapters.server.Loopback;
import rolecraft.adapters.server.Routes;
import rolecraft.adapters.server.SameOrigin;
import rolecraft.bot.Conversations;
import rolecraft.bot.Prompts;
import rolecraft.bot.store.Notification;

/**
 * The try-it chat: a page where a visitor picks a user id and talks to the engine (surface "web"). Anyone can
 * claim any id here, so it answers this machine only, and only its own pages: the Host and Origin a browser
 * sends must name this server, bodies are JSON, and each browser keeps the id it picked in an HttpOnly cookie
 * until it signs out on purpose.
 */
public final class WebChat implements Routes {

    private static final Logger LOG = LoggerFactory.getLogger(WebChat.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String COOKIE = "rolecraft_web";
    /** Sessions kept at most; the oldest is dropped first (its browser picks its id again). */
    private static final int MAX_SESSIONS = 10_000;

    private final Conversations conversations;
    private final Prompts prompts;
    private final SecureRandom random = new SecureRandom();
    /** Session id (the cookie's value) to the user id picked with it. */
    private final Map<String, String> sessions = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > MAX_SESSIONS;
                }
            });

    public WebChat(Conversations conversations, Prompts prompts) {
        this.conversations = conversations;
        this.prompts = prompts;
    }

    @Override
    public void mount(Javalin app) {
        app.before("/web/*", this::ownPagesOnly);
        app.before("/", this::ownPagesOnly);
        app.get("/", ctx -> page(ctx, "/web/chat.html", "text/html"));
        app.get("/web/chat.js", ctx -> page(ctx, "/web/chat.js", "text/javascript"));
        app.get("/web/chat.css", ctx -> page(ctx, "/web/chat.css", "text/css"));
        app.get("/web/api/session", this::who);
        app.post("/web/api/session", this::pick);
        app.delete("/web/api/session", this::signOut);
        app.post("/web/api/messages", this::send);
        app.get("/web/api/messages", this::pending);
    }

    /** This machine, through a name of this server, from this server's pages (or no page at all). */
    private void ownPagesOnly(Context ctx) {
        if (!Loopback.host(ctx.req().getRemoteAddr())) {
            LOG.warn("try-it chat refused a request from {}", ctx.req().getRemoteAddr());
            refuse(ctx, HttpStatus.FORBIDDEN, "the try-it chat answers this machine only");
        } else if (!SameOrigin.local(ctx)) {
            LOG.warn("try-it chat refused a request for another host or from another origin");
            refuse(ctx, HttpStatus.FORBIDDEN, "the try-it chat answers its own pages only");
        } else if (ctx.method() == HandlerType.POST && !json(ctx)) {
            refuse(ctx, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send application/json");
        }
    }

    private static boolean json(Context ctx) {
        String type = ctx.header("Content-Type");
        return type != null && type.split(";", 2)[0].strip().equalsIgnoreCase("application/json");
    }

    private static void refuse(Context ctx, HttpStatus status, String error) {
        ctx.status(status).json(Map.of("error", error));
        ctx.skipRemainingHandlers();
    }

    private static void page(Context ctx, String path, String type) {
        InputStream in = WebChat.class.getResourceAsStream(path);
        if (in == null) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        ctx.contentType(type + "; charset=utf-8").header("Cache-Control", "no-cache").result(in);
    }

    /** A plain user id, or null. */
    static String userId(String raw) {
        if (raw == null) {
            return null;
        }
        String id = raw.strip().toLowerCase(Locale.ROOT);
        return id.matches("[a-z0-9][a-z0-9._-]{0,63}") ? id : null;
    }

    /** The user id this browser picked, or null. */
    private String signedIn(Context ctx) {
        String session = ctx.cookie(COOKIE);
        return session == null ? null : sessions.get(session);
    }

    private void who(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", signedIn(ctx));
        ctx.json(out);
    }

    /** Picks an id for this browser; a browser that has one signs out first, so an id never changes unseen. */
    private void pick(Context ctx) {
        JsonNode body = readJson(ctx);
        String user = body != null && body.path("user").isTextual() ? userId(body.path("user").asText()) : null;
        if (user == null) {
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", "user must be a plain id (letters, digits, . _ -)"));
            return;
        }
        String current = signedIn(ctx);
        if (current != null && !current.equals(user)) {
            ctx.status(HttpStatus.FORBIDDEN).json(Map.of("error", "this browser is " + current + ": sign out first"));
            return;
        }
        if (current == null) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String session = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            sessions.put(session, user);
            ctx.cookie(new Cookie(COOKIE, session, "/", -1, false, 0, true, null, null, SameSite.STRICT));
        }
        ctx.json(Map.of("user", user));
    }

    private void signOut(Context ctx) {
        String session = ctx.cookie(COOKIE);
        if (session != null) {
            sessions.remove(session);
        }
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, false, 0, true, null, null, SameSite.STRICT));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    /** The id this request acts as: the browser's own; a request naming another is refused. Null when refused. */
    private String actingAs(Context ctx, String named) {
        String user = signedIn(ctx);
        if (user == null) {
            ctx.status(HttpStatus.UNAUTHORIZED).json(Map.of("error", "pick a user id first (POST /web/api/session)"));
            return null;
        }
        if (named != null && !user.equals(userId(named))) {
            LOG.warn("try-it chat refused a request naming another id than its browser's");
            ctx.status(HttpStatus.FORBIDDEN).json(Map.of("error", "this browser is " + user));
            return null;
        }
        return user;
    }

    private static JsonNode readJson(Context ctx) {
        try {
            JsonNode body = JSON.readTree(ctx.body());
            return body != null && body.isObject() ? body : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void send(Context ctx) {
        JsonNode body = readJson(ctx);
        if (body == null || !body.path("text").isTextual()
                || body.has("user") && !body.path("user").isTextual()) {
            LOG.info("try-it chat: a body that is not a message refused");
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", "send JSON: {\"text\": \"start\"}"));
            return;
        }
        String user = actingAs(ctx, body.has("user") ? body.path("user").asText() : null);
        if (user == null) {
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
        String user = actingAs(ctx, ctx.queryParam("user"));
        if (user == null) {
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
