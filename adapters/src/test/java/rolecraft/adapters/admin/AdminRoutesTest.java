package rolecraft.adapters.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rolecraft.adapters.server.Deliveries;
import rolecraft.adapters.server.Server;
import rolecraft.bot.Conversations;
import rolecraft.bot.Prompts;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.engine.Redesign;
import rolecraft.bot.store.Store;

class AdminRoutesTest {

    static final String TOKEN = "s3cret-admin-token";

    @TempDir
    Path dir;
    private Server server;
    private Conversations conversations;
    private final HttpClient http = HttpClient.newHttpClient();

    /** A clock the test moves: the throttle's minutes pass without waiting. */
    private static final class MovingClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final MovingClock clock = new MovingClock();

    private void start(boolean admin) {
        Store store = Store.sqlite(dir.resolve("admin.db"));
        conversations = new Conversations(store, new RuleClassifier(), Clock.systemUTC());
        List<rolecraft.adapters.server.Routes> routes = admin
                ? List.of(new AdminRoutes(store, TOKEN, clock)) : List.of();
        server = Server.start(new Server.Config("127.0.0.1", 0), conversations, Prompts.builtIn(), routes,
                new Deliveries(store, List.of(), 0));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String bearer() {
        return "Bearer " + TOKEN;
    }

    private void someRoles() {
        List<String> tasks = List.of("Prepare the monthly report - 40%", "Coach new hires 30%",
                "Answer customer emails 30%");
        for (int i = 1; i <= 6; i++) {
            Fixtures.redesign(conversations, "local", "analyst" + i, "boss", "Finance Analyst", tasks, true,
                    "The quirks of ledger " + i);
        }
        Fixtures.redesign(conversations, "local", "designer1", "boss", "Designer",
                List.of("Design landing pages 70%", "Compile weekly metrics 30%"), true, null);
        Fixtures.redesign(conversations, "local", "designer2", "boss", "designer ",
                List.of("Design landing pages 50%", "Meet clients 50%"), true, "Which clients hate blue");
        Fixtures.redesign(conversations, "local", "lawyer", "boss", "Counsel",
                List.of("Review contracts 100%"), false, null);
    }

    @Test
    void admin_routes_are_off_without_a_token() throws Exception {
        start(false);
        assertThat(get("/admin").statusCode()).isEqualTo(404);
        assertThat(get("/admin/export", "Authorization", bearer()).statusCode()).isEqualTo(404);
        assertThat(get("/admin/api/summary").statusCode()).isEqualTo(404);
    }

    @Test
    void export_without_or_with_a_wrong_token_is_refused_with_no_data() throws Exception {
        start(true);
        someRoles();
        for (HttpResponse<String> r : List.of(get("/admin/export"),
                get("/admin/export", "Authorization", "Bearer wrong"),
                get("/admin/export", "Authorization", "Basic " + TOKEN),
                get("/admin/export", "Authorization", "Bearer " + TOKEN + "x"),
                get("/admin/api/summary", "Authorization", "Bearer "))) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).doesNotContain("employee").doesNotContain("local:");
        }
    }

    @Test
    void export_with_the_token_streams_csv_and_json_as_downloads() throws Exception {
        start(true);
        someRoles();
        HttpResponse<String> csv = get("/admin/export?format=csv", "Authorization", bearer());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment; filename=\"rolecraft-export-").endsWith(".csv\"");
        assertThat(csv.body()).startsWith("employee,manager,title,status,version");
        assertThat(csv.body().lines().count()).isEqualTo(1 + 6 * 3 + 2 + 2 + 1);
        HttpResponse<String> json = get("/admin/export?format=json&status=approved", "Authorization", bearer());
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Disposition").orElse("")).endsWith(".json\"");
        assertThat(new ObjectMapper().readTree(json.body()).get("roles")).hasSize(8);
        HttpResponse<String> submitted = get("/admin/export?status=submitted", "Authorization", bearer());
        assertThat(submitted.body().lines().count()).isEqualTo(2);
        HttpResponse<String> future = get("/admin/export?since=2999-01-01", "Authorization", bearer());
        assertThat(future.body().lines().count()).isEqualTo(1);
    }

    @Test
    void a_login_form_that_claims_to_be_multipart_and_is_not_gets_a_400() throws Exception {
        start(true);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/admin/login")).header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(r.body()).doesNotContain("Exception", "boundary");
    }

    @Test
    void bad_export_parameters_get_a_400_with_a_sentence() throws Exception {
        start(true);
        for (String q : List.of("format=xml", "status=done", "since=yesterday",
                "since=%2B1000000000-01-01T00%3A00%3A00Z", "since=-0001-12-31T00%3A00%3A00Z")) {
            HttpResponse<String> r = get("/admin/export?" + q, "Authorization", bearer());
            assertThat(r.statusCode()).as(q).isEqualTo(400);
            assertThat(r.body()).contains("error").doesNotContain("Exception");
        }
    }

    @Test
    void cells_that_would_run_as_formulas_are_neutralised_over_http() throws Exception {
        start(true);
        Fixtures.redesign(conversations, "local", "mallory", "boss", "=cmd|' /C calc'!A0",
                List.of("+SUM(A1:A9) 50%", "@import data 50%"), false, null);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(get("/admin/export", "Authorization", bearer()).body())).getRecords();
        assertThat(rows).extracting(r -> r.get("title")).containsOnly("'=cmd|' /C calc'!A0");
        assertThat(rows).extracting(r -> r.get("task")).containsExactly("'+SUM(A1:A9)", "'@import data");
    }

    @Test
    void summary_figures_equal_what_the_export_holds() throws Exception {
        start(true);
        someRoles();
        JsonNode summary = new ObjectMapper().readTree(get("/admin/api/summary", "Authorization", bearer()).body());
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(get("/admin/export?status=approved", "Authorization", bearer()).body()))
                .getRecords();
        // Per version: share by ai_role, then the mean over versions, as the dashboard says.
        Map<String, Map<String, Double>> perVersion = new LinkedHashMap<>();
        for (CSVRecord r : rows) {
            perVersion.computeIfAbsent(r.get("role_id") + "/" + r.get("version"), k -> new LinkedHashMap<>())
                    .merge(r.get("ai_role"), Double.parseDouble(r.get("share_percent")), Double::sum);
        }
        int n = perVersion.size();
        assertThat(summary.get("approved").get("roles").asInt()).isEqualTo(n).isEqualTo(8);
        assertThat(summary.get("approved").get("people").asInt()).isEqualTo(8);
        for (String role : List.of("automate", "augment", "human")) {
            double mean = perVersion.values().stream().mapToDouble(m -> m.getOrDefault(role, 0.0)).sum() / n;
            assertThat(summary.get("approved").get("by_ai_role").get(role).get("before").asDouble())
                    .as(role).isCloseTo(mean, within(0.051));
        }
        double automateAfter = perVersion.values().stream()
                .mapToDouble(m -> m.getOrDefault("automate", 0.0) * Redesign.KEEP_AUTOMATE).sum() / n;
        assertThat(summary.get("approved").get("by_ai_role").get("automate").get("after").asDouble())
                .isCloseTo(automateAfter, within(0.051));
        JsonNode status = summary.get("roles_by_status");
        assertThat(status.get("approved").asInt()).isEqualTo(8);
        assertThat(status.get("submitted").asInt()).isEqualTo(1);
        JsonNode export = new ObjectMapper().readTree(get("/admin/export?format=json", "Authorization", bearer())
                .body());
        int tacit = 0;
        for (JsonNode role : export.get("roles")) {
            JsonNode latest = role.get("versions").get(role.get("versions").size() - 1);
            for (JsonNode a : latest.get("answers")) {
                if (a.get("question").asText().equals("tacit_knowledge") && !a.get("skipped").asBoolean()) {
                    tacit++;
                }
            }
        }
        assertThat(summary.get("tacit_knowledge_items").asInt()).isEqualTo(tacit).isEqualTo(7);
        List<String> topTasks = new ArrayList<>();
        summary.get("top_ai_tasks").forEach(t -> topTasks.add(t.get("task").asText()));
        assertThat(topTasks).isNotEmpty();
    }

    @Test
    void titles_held_by_fewer_than_five_people_fold_into_other() throws Exception {
        start(true);
        someRoles();
        JsonNode groups = new ObjectMapper().readTree(get("/admin/api/summary", "Authorization", bearer()).body())
                .get("by_title");
        List<String> names = new ArrayList<>();
        groups.forEach(g -> names.add(g.get("name").asText()));
        // The two designers alone would be an "other" under five, and the analysts alone would give it away
        // (all approved roles less the analysts): one group of all eight.
        assertThat(names).containsExactly("other");
        assertThat(groups.get(0).get("people").asInt()).isEqualTo(8);
        assertThat(names).doesNotContain("Finance Analyst", "Designer", "designer");
    }

    @Test
    void under_five_people_neither_the_api_nor_the_dashboard_shows_a_figure_drawn_from_their_answers()
            throws Exception {
        start(true);
        for (int i = 1; i <= 4; i++) {
            Fixtures.redesign(conversations, "local", "cfo" + i, "boss", "Chief Financial Officer",
                    List.of("Forecast cash flow 70%", "Meet the board 30%"), true, "The vault code " + i);
        }
        String api = get("/admin/api/summary", "Authorization", bearer()).body();
        JsonNode summary = new ObjectMapper().readTree(api);
        assertThat(summary.get("roles_by_status").get("approved").asInt()).isEqualTo(4);
        assertThat(summary.get("approved").isNull()).isTrue();
        assertThat(summary.get("by_title")).isEmpty();
        assertThat(summary.get("top_ai_tasks")).isEmpty();
        assertThat(summary.get("tacit_knowledge_items").isNull()).isTrue();
        assertThat(api).doesNotContain("Chief Financial Officer").doesNotContain("Forecast cash flow");
        String session = postForm("/admin/login", "token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8))
                .headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> page = get("/admin", "Cookie", session);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Roles by status", "Shown once at least 5 people")
                .doesNotContain("data-figure=\"all.by_ai_role").doesNotContain("Chief Financial Officer")
                .doesNotContain("Forecast cash flow").doesNotContain("id=\"tacit\"");
    }

    @Test
    void the_dashboard_needs_a_login_that_sets_a_strict_http_only_cookie() throws Exception {
        start(true);
        someRoles();
        HttpResponse<String> page = get("/admin");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Sign in").doesNotContain("Finance Analyst");
        HttpResponse<String> wrong = postForm("/admin/login", "token=nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> ok = postForm("/admin/login", "token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
        assertThat(ok.statusCode()).isEqualTo(303);
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/admin");
        String session = cookie.substring(0, cookie.indexOf(';'));
        HttpResponse<String> dashboard = get("/admin", "Cookie", session);
        assertThat(dashboard.body()).contains("Roles by status", "Prepare the monthly report",
                "data-figure=\"all.by_ai_role.automate.before\"");
        assertThat(get("/admin/api/summary", "Cookie", session).statusCode()).isEqualTo(200);
        postForm("/admin/logout", "", "Cookie", session);
        assertThat(get("/admin/api/summary", "Cookie", session).statusCode()).isEqualTo(401);
        assertThat(get("/admin", "Cookie", session).body()).contains("Sign in");
    }

    @Test
    void drafts_waiting_more_than_a_week_are_listed_with_who() throws Exception {
        start(true);
        java.time.Instant now = clock.instant();
        Conversations tenDaysAgo = new Conversations(conversations.store(), new RuleClassifier(),
                Clock.fixed(now.minus(java.time.Duration.ofDays(10)), java.time.ZoneOffset.UTC));
        Fixtures.redesign(tenDaysAgo, "local", "slowpoke", "busyboss", "Planner", List.of("Plan shifts 100%"), false,
                null);
        Fixtures.redesign(conversations, "local", "recent", "busyboss", "Planner", List.of("Plan shifts 100%"), false,
                null);
        JsonNode waiting = new ObjectMapper().readTree(get("/admin/api/summary", "Authorization", bearer()).body())
                .get("waiting_over_7_days");
        assertThat(waiting).hasSize(1);
        assertThat(waiting.get(0).get("employee").asText()).isEqualTo("local:slowpoke");
        assertThat(waiting.get(0).get("manager").asText()).isEqualTo("local:busyboss");
        assertThat(waiting.get(0).get("days_waiting").asInt()).isEqualTo(10);
    }

    @Test
    void a_token_under_sixteen_characters_is_refused() {
        Store store = Store.sqlite(dir.resolve("short.db"));
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AdminRoutes(store, "q7", clock))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16 characters");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AdminRoutes(store, "x".repeat(15), clock))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            store.close();
        }
    }

    @Test
    void repeated_wrong_tokens_from_one_address_get_429_for_a_while_on_the_api_and_the_sign_in() throws Exception {
        start(true);
        for (int i = 1; i < 5; i++) {
            assertThat(get("/admin/api/summary", "Authorization", "Bearer wrong-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(postForm("/admin/login", "token=wrong-5").statusCode()).isEqualTo(401);
        HttpResponse<String> sixth = postForm("/admin/login", "token=wrong-6");
        assertThat(sixth.statusCode()).isEqualTo(429);
        long retry = Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retry).isPositive();
        assertThat(sixth.body()).contains("Too many wrong tokens");
        // Blocked means blocked: the right token too, on both doors, until the time is up.
        HttpResponse<String> api = get("/admin/api/summary", "Authorization", bearer());
        assertThat(api.statusCode()).isEqualTo(429);
        assertThat(api.headers().firstValue("Retry-After")).isPresent();
        assertThat(api.body()).doesNotContain("roles_by_status");
        HttpResponse<String> login = postForm("/admin/login", "token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
        assertThat(login.statusCode()).isEqualTo(429);
        assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
        clock.advance(Duration.ofSeconds(retry - 1));
        assertThat(get("/admin/export", "Authorization", bearer()).statusCode()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(1));
        assertThat(get("/admin/api/summary", "Authorization", bearer()).statusCode()).isEqualTo(200);
        assertThat(postForm("/admin/login", "token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(303);
    }

    @Test
    void wrong_tokens_sent_all_at_once_are_counted_before_any_is_answered() throws Exception {
        start(true);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String guess = "Bearer guess-" + i;
                answers.add(pool.submit(() -> get("/admin/api/summary", "Authorization", guess).statusCode()));
            }
            int checked = 0;
            for (var a : answers) {
                int status = a.get();
                assertThat(status).isIn(401, 429);
                checked += status == 401 ? 1 : 0;
            }
            assertThat(checked).as("tokens actually checked").isEqualTo(5);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void wrong_tokens_spread_over_more_than_a_minute_are_not_blocked() throws Exception {
        start(true);
        for (int i = 0; i < 12; i++) {
            assertThat(get("/admin/api/summary", "Authorization", "Bearer wrong").statusCode()).as("try " + i)
                    .isEqualTo(401);
            clock.advance(Duration.ofSeconds(16));
        }
        assertThat(get("/admin/api/summary", "Authorization", bearer()).statusCode()).isEqualTo(200);
    }

    private String session() throws Exception {
        HttpResponse<String> ok = postForm("/admin/login", "token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8));
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    @Test
    void admin_posts_and_deletes_from_another_origin_are_refused() throws Exception {
        start(true);
        String session = session();
        String own = "http://127.0.0.1:" + server.port();
        for (String[] h : List.of(new String[] {"Origin", "http://evil.example"}, new String[] {"Origin", "null"},
                new String[] {"Origin", "http://127.0.0.1:" + (server.port() + 1)},
                new String[] {"Sec-Fetch-Site", "cross-site"}, new String[] {"Sec-Fetch-Site", "same-site"})) {
            HttpResponse<String> logout = postForm("/admin/logout", "", "Cookie", session, h[0], h[1]);
            assertThat(logout.statusCode()).as(h[1]).isEqualTo(403);
            assertThat(logout.headers().firstValue("Set-Cookie")).isEmpty();
            assertThat(postForm("/admin/login", "token=" + TOKEN, h[0], h[1]).statusCode()).isEqualTo(403);
            // Any admin route that changes something, today's or a later one, is behind the same check.
            HttpResponse<String> delete = http.send(HttpRequest.newBuilder(URI.create(own + "/admin/api/people/local:x"))
                    .header("Cookie", session).header(h[0], h[1]).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(delete.statusCode()).isEqualTo(403);
        }
        assertThat(get("/admin/api/summary", "Cookie", session).statusCode()).as("still signed in").isEqualTo(200);
        // What a browser sends from the admin's page under Referrer-Policy no-referrer: Origin "null", same-origin.
        HttpResponse<String> mine = postForm("/admin/logout", "", "Cookie", session, "Origin", "null",
                "Sec-Fetch-Site", "same-origin");
        assertThat(mine.statusCode()).isEqualTo(303);
        assertThat(get("/admin/api/summary", "Cookie", session).statusCode()).isEqualTo(401);
    }

    @Test
    void admin_pages_carry_a_policy_without_inline_script_and_refuse_framing() throws Exception {
        start(true);
        String session = session();
        for (HttpResponse<String> r : List.of(get("/admin"), get("/admin", "Cookie", session),
                get("/admin/assets/admin.js"), get("/admin/api/summary", "Cookie", session))) {
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(r.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        }
    }

    @Test
    void what_people_typed_never_sits_in_a_script_of_the_dashboard() throws Exception {
        start(true);
        String hostile = "Analyst <!--<script> </script><script>alert(1)</script>";
        for (int i = 1; i <= 5; i++) {
            Fixtures.redesign(conversations, "local", "analyst" + i, "boss", hostile,
                    List.of("Prepare the monthly report <!--<script> 50%", "File </script><!-- expenses 50%"), true,
                    null);
        }
        String page = get("/admin", "Cookie", session()).body();
        // The only scripts are files; no data is inlined for the parser to trip over.
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\ssrc=)");
        assertThat(page).doesNotContain("<!--<script>", "</script><!--", "<script>alert");
        assertThat(page).contains("&lt;!--&lt;script&gt;");
    }
}
