package rolecraft.adapters.server;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rolecraft.adapters.cli.Version;
import rolecraft.bot.Conversations;
import rolecraft.bot.Prompts;
import rolecraft.bot.store.Store;

/** The one Javalin instance: every surface's routes, plus health. */
public final class Server {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    /** Largest request body taken; chat platforms send far less. */
    static final long MAX_BODY = 1_000_000;
    /**
     * Every answer's policy: scripts, styles and requests from this server only (no inline script), and no page
     * of another site may frame these pages.
     */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final Javalin app;
    private final List<? extends Routes> routes;
    private final Deliveries deliveries;

    private Server(Javalin app, List<? extends Routes> routes, Deliveries deliveries) {
        this.app = app;
        this.routes = routes;
        this.deliveries = deliveries;
    }

    /** Where to listen. */
    public record Config(String host, int port) {
    }

    /** Starts the server with no chat platform: health only. */
    public static Server start(Config config, Conversations conversations, Prompts prompts) {
        return start(config, conversations, prompts, List.of(), new Deliveries(conversations.store(), List.of(), 0));
    }

    /** Starts the server with these surfaces and route groups mounted; {@code deliveries} reaches people. */
    public static Server start(Config config, Conversations conversations, Prompts prompts,
                               List<? extends Routes> surfaces, Deliveries deliveries) {
        Store store = conversations.store();
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.http.maxRequestSize = MAX_BODY;
            c.useVirtualThreads = false;
        });
        app.before(ctx -> {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Referrer-Policy", "no-referrer");
        });
        app.get("/health", ctx -> {
            boolean ok = store.healthy();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", ok ? "ok" : "unavailable");
            body.put("version", Version.current());
            body.put("store", Map.of("kind", store.kind(), "status", ok ? "ok" : "unavailable"));
            ctx.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
        });
        app.exception(Exception.class, (e, ctx) -> {
            // Never show a stack trace to the caller; log it once here, at the edge.
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of("error", "internal error"));
        });
        app.error(HttpStatus.NOT_FOUND, ctx -> {
            String result = ctx.result();
            if (result == null || result.startsWith("Endpoint ")) {
                ctx.json(Map.of("error", "not found"));
            }
        });
        for (Routes r : surfaces) {
            r.mount(app);
            LOG.debug("{} mounted", r instanceof Surface s ? "surface " + s.name() : r.getClass().getSimpleName());
        }
        app.start(config.host(), config.port());
        LOG.debug("listening on {}:{}", config.host(), app.port());
        return new Server(app, List.copyOf(surfaces), deliveries);
    }

    public int port() {
        return app.port();
    }

    /**
     * Stops taking requests (those under way are answered), lets the surfaces finish the turns they took (a
     * message acknowledged to its platform is answered before exit), then the deliveries those turns queued.
     */
    public void stop() {
        app.stop();
        for (Routes r : routes) {
            if (r instanceof Surface s) {
                s.close();
            }
        }
        deliveries.close();
    }
}
