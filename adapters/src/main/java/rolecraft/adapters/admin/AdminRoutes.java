package rolecraft.adapters.admin;

import rolecraft.bot.privacy.People;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rolecraft.adapters.server.Routes;
import rolecraft.adapters.server.SameOrigin;
import rolecraft.bot.domain.Status;
import rolecraft.bot.export.Exporter;
import rolecraft.bot.export.Summary;
import rolecraft.bot.store.Store;

/**
 * The admin side over HTTP: the export and the summary as an API behind a bearer token, and a dashboard
 * behind a login that trades the same token for a session cookie.
 */
public final class AdminRoutes implements Routes {

    private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);
    static final String COOKIE = "rolecraft_admin";
    static final Duration SESSION = Duration.ofHours(8);
    /** The shortest admin token taken: a short one is guessed in seconds. */
    public static final int MIN_TOKEN = 16;
    private static final String CHART_JS = "/META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js";

    private final Store store;
    private final byte[] tokenDigest;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private final Throttle throttle;
    private final Mustache.Compiler pages = Mustache.compiler().defaultValue("").withLoader(name ->
            new java.io.StringReader(resource("/admin/" + name + ".html")));

    public AdminRoutes(Store store, String token, Clock clock) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an admin token is required");
        }
        if (token.length() < MIN_TOKEN) {
            throw new IllegalArgumentException(tooShort());
        }
        this.store = store;
        this.tokenDigest = digest(token);
        this.clock = clock;
        this.throttle = new Throttle(clock);
    }

    /** The sentence for a token under the minimum length. */
    public static String tooShort() {
        return "ROLECRAFT_ADMIN_TOKEN must be at least " + MIN_TOKEN + " characters long (a short one is guessed "
                + "in seconds): set a longer random value, e.g. from `openssl rand -hex 24`";
    }

    @Override
    public void mount(Javalin app) {
        // Every admin request that changes something, present or future, comes from the admin's own page.
        app.before("/admin", this::sameOriginForChanges);
        app.before("/admin/*", this::sameOriginForChanges);
        app.get("/admin", this::page);
        app.get("/admin/", this::page);
        app.post("/admin/login", this::login);
        app.post("/admin/logout", this::logout);
        app.get("/admin/export", ctx -> {
            if (authorised(ctx)) {
                export(ctx);
            }
        });
        app.get("/admin/api/summary", ctx -> {
            if (authorised(ctx)) {
                ctx.json(new Summary(store.jdbi()).compute(clock.instant()));
            }
        });
        app.delete("/admin/api/people/{id}", ctx -> {
            if (authorised(ctx)) {
                forget(ctx);
            }
        });
        app.get("/admin/assets/chart.umd.js", ctx -> asset(ctx, CHART_JS, "text/javascript"));
        app.get("/admin/assets/admin.js", ctx -> asset(ctx, "/admin/admin.js", "text/javascript"));
        app.get("/admin/assets/admin.css", ctx -> asset(ctx, "/admin/admin.css", "text/css"));
    }

    /** Deletes everything stored about one person (see {@code rolecraft forget}): 200 with counts, 404 for nobody. */
    private void forget(Context ctx) {
        var deleted = new People(store).forget(ctx.pathParam("id"));
        if (deleted.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).json(Map.of("error", "nobody with that id is stored"));
            return;
        }
        ctx.json(Map.of("deleted", deleted.get()));
    }

    // --- authentication -------------------------------------------------------------------------------------

    private void sameOriginForChanges(Context ctx) {
        HandlerType m = ctx.method();
        if (m == HandlerType.GET || m == HandlerType.HEAD || m == HandlerType.OPTIONS) {
            return;
        }
        if (!SameOrigin.sameHost(ctx)) {
            LOG.warn("admin {} {} refused: sent from another origin", m, ctx.path());
            ctx.status(HttpStatus.FORBIDDEN).json(Map.of("error", "admin changes are taken from the admin's own page only"));
            ctx.skipRemainingHandlers();
        }
    }

    /** 429 when the caller's address is blocked after wrong tokens; true when it was. */
    private boolean blocked(Context ctx, long seconds, boolean page) {
        if (seconds <= 0) {
            return false;
        }
        LOG.warn("admin token tries from {} refused for {} s after repeated wrong tokens", ctx.ip(), seconds);
        ctx.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", String.valueOf(seconds));
        if (page) {
            ctx.html(render("login", Map.of("blocked", true)));
        } else {
            ctx.json(Map.of("error", "too many wrong tokens: try again later"));
        }
        return true;
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares digests in constant time, so neither the token's content nor its length leaks. */
    boolean tokenMatches(String candidate) {
        return candidate != null && MessageDigest.isEqual(tokenDigest, digest(candidate));
    }

    private boolean hasSession(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id == null) {
            return false;
        }
        Instant expires = sessions.get(id);
        if (expires == null || expires.isBefore(clock.instant())) {
            sessions.remove(id);
            return false;
        }
        return true;
    }

    /** A bearer token or a session cookie; otherwise 401 with no data. */
    private boolean authorised(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (blocked(ctx, throttle.attempt(ctx.ip()), false)) {
                return false;
            }
            if (tokenMatches(header.substring(7).strip())) {
                throttle.succeeded(ctx.ip());
                return true;
            }
        } else if (hasSession(ctx)) {
            return true;
        }
        LOG.info("admin request refused: {} {} from {}", ctx.method(), ctx.endpointHandlerPath(), ctx.ip());
        ctx.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer realm=\"rolecraft admin\"")
                .json(Map.of("error", "admin token required"));
        return false;
    }

    private void login(Context ctx) {
        String token;
        try {
            token = ctx.formParam("token");
        } catch (Exception e) {
            // A body that claims to be multipart and is not: Javalin's form parsing throws.
            LOG.info("admin login with an unreadable form from {} ({})", ctx.ip(), e.getClass().getSimpleName());
            ctx.status(HttpStatus.BAD_REQUEST).html(render("login", Map.of("error", true)));
            return;
        }
        if (blocked(ctx, throttle.attempt(ctx.ip()), true)) {
            return;
        }
        if (!tokenMatches(token)) {
            LOG.info("admin login refused from {}", ctx.ip());
            ctx.status(HttpStatus.UNAUTHORIZED).html(render("login", Map.of("error", true)));
            return;
        }
        throttle.succeeded(ctx.ip());
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(id, clock.instant().plus(SESSION));
        Cookie cookie = new Cookie(COOKIE, id, "/admin", (int) SESSION.toSeconds(),
                "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")) || "https".equals(ctx.scheme()),
                0, true, null, null, SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.redirect("/admin", HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id != null) {
            sessions.remove(id);
        }
        ctx.cookie(new Cookie(COOKIE, "", "/admin", 0, false, 0, true, null, null, SameSite.STRICT));
        ctx.redirect("/admin", HttpStatus.SEE_OTHER);
    }

    // --- pages ----------------------------------------------------------------------------------------------

    private void page(Context ctx) {
        if (!hasSession(ctx)) {
            ctx.html(render("login", Map.of()));
            return;
        }
        Map<String, Object> summary = new Summary(store.jdbi()).compute(clock.instant());
        Map<String, Object> model = new LinkedHashMap<>(summary);
        model.put("statuses", entries(summary.get("roles_by_status")));
        model.put("has_waiting", !((List<?>) summary.get("waiting_over_7_days")).isEmpty());
        // Null under the anonymity floor: the section is left out.
        model.put("approved", summary.get("approved") == null ? null : withRows(summary.get("approved"), "all"));
        List<Object> groups = new java.util.ArrayList<>();
        int i = 0;
        for (Object g : (List<?>) summary.get("by_title")) {
            groups.add(withRows(g, "group" + i++));
        }
        model.put("by_title", groups);
        ctx.header("Cache-Control", "no-store").html(render("dashboard", model));
    }

    /** A breakdown with its figures as rows, for tables, and an id for its charts. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withRows(Object breakdown, String id) {
        Map<String, Object> b = new LinkedHashMap<>((Map<String, Object>) breakdown);
        b.put("id", id);
        b.put("role_rows", rows(b.get("by_ai_role")));
        b.put("capability_rows", rows(b.get("by_capability")));
        return b;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Object figures) {
        return ((Map<String, Object>) figures).entrySet().stream().map(e -> {
            Map<String, Object> pair = (Map<String, Object>) e.getValue();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", e.getKey());
            row.put("before", pair.get("before"));
            row.put("after", pair.get("after"));
            return row;
        }).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Object map) {
        return ((Map<String, Object>) map).entrySet().stream()
                .map(e -> Map.<String, Object>of("name", e.getKey(), "count", e.getValue())).toList();
    }

    private String render(String name, Map<String, Object> model) {
        Template t = pages.compile(resource("/admin/" + name + ".html"));
        return t.execute(model);
    }

    private static String resource(String path) {
        try (InputStream in = AdminRoutes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void asset(Context ctx, String path, String type) throws IOException {
        InputStream in = AdminRoutes.class.getResourceAsStream(path);
        if (in == null) {
            ctx.status(HttpStatus.NOT_FOUND);
            return;
        }
        ctx.contentType(type + "; charset=utf-8").header("Cache-Control", "max-age=3600").result(in);
    }

    // --- export ---------------------------------------------------------------------------------------------

    private void export(Context ctx) throws IOException {
        String format = ctx.queryParam("format") == null ? "csv" : ctx.queryParam("format").toLowerCase(Locale.ROOT);
        if (!format.equals("csv") && !format.equals("json")) {
            badRequest(ctx, "format must be csv or json");
            return;
        }
        Status status = null;
        String s = ctx.queryParam("status");
        if (s != null && !s.isBlank()) {
            try {
                status = Status.fromWord(s.strip());
            } catch (IllegalArgumentException e) {
                badRequest(ctx, "status must be drafting, submitted, changes_requested or approved");
                return;
            }
        }
        Instant since;
        try {
            since = Exporter.Filter.since(ctx.queryParam("since"));
        } catch (IllegalArgumentException e) {
            badRequest(ctx, "since must be a date like 2026-01-31 or an ISO-8601 instant");
            return;
        }
        Exporter.Filter filter = new Exporter.Filter(status, since);
        String day = LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
        ctx.header("Content-Disposition", "attachment; filename=\"rolecraft-export-" + day + "." + format + "\"");
        ctx.header("Cache-Control", "no-store");
        Exporter exporter = new Exporter(store.jdbi());
        // Written straight to the response as the rows come: memory stays flat whatever the size.
        OutputStream out = ctx.res().getOutputStream();
        if (format.equals("csv")) {
            ctx.res().setContentType("text/csv; charset=utf-8");
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            long rows = exporter.csv(w, filter);
            w.flush();
            LOG.info("admin export: {} csv rows", rows);
        } else {
            ctx.res().setContentType("application/json");
            long versions = exporter.json(out, filter);
            LOG.info("admin export: {} role versions as json", versions);
        }
        out.flush();
    }

    private static void badRequest(Context ctx, String message) {
        ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", message));
    }
}
