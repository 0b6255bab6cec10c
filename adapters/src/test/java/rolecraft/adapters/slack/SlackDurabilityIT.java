package rolecraft.adapters.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rolecraft.adapters.slack.FakeSlack.Call;

/**
 * `serve` killed with SIGKILL in the middle of many Slack conversations, then started again on the same file.
 *
 * <p>Each of {@value #USERS} people walks through a whole redesign in their DM, one message at a time: the next
 * message goes only once the reply to the previous one has reached the fake Web API, as a person would type.
 * Because a turn is committed before its replies are posted, that gives a sharp rule to check after the kill:
 * every step whose reply reached the fake is in {@code processed_messages}, and the stored conversation is at
 * the step right after the last processed message (the state and the message id are committed together, so
 * they can never disagree). At most the one message sent last (in flight at the kill) may be processed
 * without its reply having been seen.
 *
 * <p>After the restart each person's last message is sent again as Slack retries a delivery it saw no
 * acknowledgement for (same event id, {@code X-Slack-Retry-Num: 1}); we send it for everyone whose message was
 * not acknowledged, or was processed (an acknowledgement can be lost on the way). A message that was
 * acknowledged but whose turn had not run is not resent, as Slack would not: serve keeps every message before
 * acknowledging it and runs what is left when it starts, so it must be answered all the same. A message processed before the kill must then change
 * nothing and say nothing; one that was not must be applied, once. A {@code status} right after the retry is
 * the barrier that shows which happened: the messages between the retry and the status reply are exactly the
 * step's reply, or none. Then everyone finishes from where they are to {@code submit}, and the final store
 * holds, for each person, one submitted version with the answers each step gave, in order: an answer applied
 * twice would push the next ones down a question.
 */
class SlackDurabilityIT {

    static final int USERS = 40;
    static final String SECRET = "durability-signing-secret-7f3a";
    static final String TOKEN = "xoxb-durability-bot-token-9c1e";
    static final String MANAGER = "UBOSS";
    static final Duration STEP_DEADLINE = Duration.ofSeconds(60);

    /** One step of the script: what the person says and a piece of the reply that shows it was taken. */
    record Step(String text, String marker, String stage, int question) {
    }

    @TempDir
    Path dir;
    private FakeSlack slack;
    private Process serve;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.destroyForcibly();
        }
        if (slack != null) {
            slack.close();
        }
    }

    static String user(int i) {
        return String.format("U%03dDUR", i);
    }

    static String answer(String user, int question) {
        return "zebra answer " + question + " from " + user;
    }

    /** The redesign, step by step (1-based: step 0 is "nothing said yet"). */
    static List<Step> script(String user) {
        List<Step> s = new ArrayList<>();
        s.add(new Step("", "", "IDLE", 0));
        s.add(new Step("start", "What is your current job title", "TITLE", 0));
        s.add(new Step("Quarry Logistics Planner", "Who is your manager", "MANAGER", 0));
        s.add(new Step("<@" + MANAGER + "|boss>", "Now your tasks", "TASKS", 0));
        s.add(new Step("Prepare the monthly report - 30%\nCoach new hires 70%", "Added 2 task(s)", "TASKS", 0));
        s.add(new Step("done", "how I see your 2 task(s)", "REVIEW", 0));
        s.add(new Step("ok", "Question 1 of 6", "QUESTIONS", 0));
        for (int q = 1; q <= 5; q++) {
            s.add(new Step(answer(user, q), "Question " + (q + 1) + " of 6", "QUESTIONS", q));
        }
        s.add(new Step(answer(user, 6), "Draft role redesign", "DRAFT", 0));
        s.add(new Step("submit", "Sent to <@" + MANAGER + ">", "SUBMITTED", 0));
        return s;
    }

    static final int STEPS = script("x").size() - 1;

    static String eventId(String user, int step) {
        return "Ev" + user + "s" + step;
    }

    // --- the process ---------------------------------------------------------------------------------------

    private Path db() {
        return dir.resolve("durability.db");
    }

    /** Starts serve on the same store file each time; returns its port, read from what it prints. */
    private int startServe(Path log) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", SignedPost.jar().toString(), "serve", "--port", "0", "--host", "127.0.0.1", "--db", db().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        for (String name : List.of("SLACK_APP_TOKEN", "MICROSOFT_APP_ID", "ROLECRAFT_ADMIN_TOKEN", "ROLECRAFT_ADMINS",
                "PORT", "ROLECRAFT_HOST")) {
            env.remove(name);
        }
        env.put("SLACK_BOT_TOKEN", TOKEN);
        env.put("SLACK_SIGNING_SECRET", SECRET);
        env.put("SLACK_API_URL", slack.apiUrl());
        serve = pb.start();
        Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = listening.matcher(Files.readString(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            assertThat(serve.isAlive()).as("serve is running; it printed:\n" + Files.readString(log)).isTrue();
            Thread.sleep(50);
        }
        fail("serve printed no port in 60 s:\n" + Files.readString(log));
        return -1;
    }

    // --- Slack's side --------------------------------------------------------------------------------------

    private HttpResponse<String> signed(int port, String body, String contentType, Map<String, String> extra)
            throws IOException, InterruptedException {
        return SignedPost.send(http, port, SECRET, body, contentType, extra);
    }

    /** A message.im event_callback envelope, as the Events API sends it. */
    static String dmEvent(String eventId, String user, String text) throws IOException {
        Map<String, Object> event = Map.of("type", "message", "channel", "D" + user, "user", user, "text", text,
                "ts", "1700000001.000200", "event_ts", "1700000001.000200", "channel_type", "im",
                "client_msg_id", eventId + "-msg");
        return FakeSlack.JSON.writeValueAsString(Map.of(
                "token", "legacy-token", "team_id", "T1", "api_app_id", "A1", "event", event,
                "type", "event_callback", "event_id", eventId, "event_time", 1700000001,
                "authorizations", List.of(Map.of("team_id", "T1", "user_id", "UBOT", "is_bot", true,
                        "is_enterprise_install", false)),
                "is_ext_shared_channel", false, "event_context", "4-eyJldCI6Im1lc3NhZ2UifQ"));
    }

    private void say(int port, String user, String eventId, String text, boolean retry)
            throws IOException, InterruptedException {
        HttpResponse<String> r = signed(port, dmEvent(eventId, user, text), "application/json",
                retry ? Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout") : Map.of());
        assertThat(r.statusCode()).as("ack of %s", eventId).isEqualTo(200);
    }

    /** The index of the first post at or after {@code from} in the user's DM that shows {@code marker}, or -1. */
    private int find(String user, int from, String marker) {
        List<Call> posts = slack.posts("D" + user);
        for (int i = from; i < posts.size(); i++) {
            if (posts.get(i).shown().contains(marker)) {
                return i;
            }
        }
        return -1;
    }

    /** Waits (bounded) for a post showing {@code marker}; returns its index, or -1 when {@code stop} says so. */
    private int await(String user, int from, String marker, java.util.function.BooleanSupplier stop)
            throws InterruptedException {
        long deadline = System.nanoTime() + STEP_DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            int at = find(user, from, marker);
            if (at >= 0) {
                return at;
            }
            if (stop.getAsBoolean()) {
                return -1;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(user + ": no reply showing \"" + marker + "\" in " + STEP_DEADLINE.toSeconds()
                + " s; the DM had:\n" + dmSummary(user));
    }

    private String dmSummary(String user) {
        StringBuilder b = new StringBuilder();
        for (Call c : slack.posts("D" + user)) {
            String t = c.text().replace('\n', ' ');
            b.append("  ").append(t, 0, Math.min(100, t.length())).append('\n');
        }
        return b.toString();
    }

    /** How many steps of the script the user's DM shows replies for, in order. */
    private int replied(String user) {
        List<Step> script = script(user);
        int step = 1;
        for (Call c : slack.posts("D" + user)) {
            if (step <= STEPS && c.shown().contains(script.get(step).marker())) {
                step++;
            }
        }
        return step - 1;
    }

    // --- the store, read with plain JDBC while no serve runs ------------------------------------------------

    record Stored(Set<String> processed, Map<String, JsonNode> states) {
    }

    private Stored readStore() throws Exception {
        Set<String> processed = new HashSet<>();
        Map<String, JsonNode> states = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT message_id FROM processed_messages")) {
                while (rs.next()) {
                    processed.add(rs.getString(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT person_id, state FROM conversations")) {
                while (rs.next()) {
                    states.put(rs.getString(1), FakeSlack.JSON.readTree(rs.getString(2)));
                }
            }
        }
        return new Stored(processed, states);
    }

    static String person(String user) {
        return "slack:T1:" + user;
    }

    // --- the test ------------------------------------------------------------------------------------------

    @Test
    void a_killed_serve_loses_no_answered_turn_and_applies_slack_retries_once() throws Exception {
        slack = new FakeSlack();
        int port = startServe(dir.resolve("serve-1.log"));

        // 1. Everyone at once; SIGKILL once a good share of all the turns have been answered.
        int[] sent = new int[USERS];
        int[] acked = new int[USERS];
        AtomicInteger answered = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> walkers = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            int idx = u;
            String user = user(u);
            Thread t = new Thread(() -> {
                List<Step> script = script(user);
                int cursor = 0;
                try {
                    for (int step = 1; step <= STEPS && !killed.get(); step++) {
                        sent[idx] = step;
                        try {
                            say(port, user, eventId(user, step), script.get(step).text(), false);
                            acked[idx] = step;
                        } catch (IOException e) {
                            return; // the process died under this request: Slack saw no ack
                        } catch (AssertionError e) {
                            if (killed.get()) {
                                return;
                            }
                            throw e;
                        }
                        int at = await(user, cursor, script.get(step).marker(), killed::get);
                        if (at < 0) {
                            return;
                        }
                        cursor = at + 1;
                        answered.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "walker-" + user);
            walkers.add(t);
            t.start();
        }
        int killAt = USERS * STEPS * 2 / 5;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (answered.get() < killAt && failures.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(failures).as("walkers before the kill").isEmpty();
        assertThat(answered.get()).as("turns answered before the kill").isGreaterThanOrEqualTo(killAt);
        serve.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
        assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve died").isTrue();
        killed.set(true);
        for (Thread t : walkers) {
            t.join(TimeUnit.SECONDS.toMillis(STEP_DEADLINE.toSeconds() + 10));
            assertThat(t.isAlive()).as("walker %s stopped", t.getName()).isFalse();
        }
        assertThat(failures).as("walkers").isEmpty();

        // 2. What the store says, read while nothing runs.
        Stored afterKill = readStore();
        int[] processedUpTo = new int[USERS];
        int inFlightCommitted = 0;
        int ackedNotCommitted = 0;
        int notAcked = 0;
        for (int u = 0; u < USERS; u++) {
            String user = user(u);
            List<Step> script = script(user);
            int replied = replied(user);
            assertThat(sent[u]).as("%s sent", user).isBetween(replied, replied + 1);
            int p = 0;
            while (p < STEPS && afterKill.processed().contains("slack:" + eventId(user, p + 1))) {
                p++;
            }
            for (int step = p + 2; step <= STEPS; step++) {
                assertThat(afterKill.processed()).as("%s step %d processed out of order", user, step)
                        .doesNotContain("slack:" + eventId(user, step));
            }
            // (a) every turn whose reply reached Slack is in the store ...
            assertThat(p).as("%s: steps processed vs. replies seen (%d) and sent (%d)", user, replied, sent[u])
                    .isBetween(replied, sent[u]);
            // ... and the conversation is where its last processed message left it.
            JsonNode state = afterKill.states().get(person(user));
            Step expected = script.get(p);
            assertThat(state == null ? "IDLE" : state.path("stage").asText()).as("%s stage after step %d", user, p)
                    .isEqualTo(expected.stage());
            if (state != null) {
                assertThat(state.path("question").asInt()).as("%s question after step %d", user, p)
                        .isEqualTo(expected.question());
            }
            processedUpTo[u] = p;
            if (p > replied) {
                inFlightCommitted++;
            } else if (sent[u] > replied && acked[u] == sent[u]) {
                ackedNotCommitted++;
            } else if (sent[u] > replied) {
                notAcked++;
            }
        }
        // Acknowledged but not committed: the message was kept in the store before the acknowledgement, and
        // its turn had not run when the process died. Slack does not retry an acknowledged event: the restart
        // below must run it by itself.
        System.out.printf("killed after %d answered turns; in flight: %d committed without their reply, "
                + "%d acknowledged but not committed, %d not acknowledged%n", answered.get(), inFlightCommitted,
                ackedNotCommitted, notAcked);

        // 3. Start again on the same file; Slack retries; everyone finishes.
        Map<String, Integer> before = new HashMap<>();
        for (int u = 0; u < USERS; u++) {
            before.put(user(u), slack.posts("D" + user(u)).size());
        }
        Path log2 = dir.resolve("serve-2.log");
        int port2 = startServe(log2);
        List<Thread> finishers = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            int idx = u;
            String user = user(u);
            Thread t = new Thread(() -> {
                try {
                    // Slack retries only what it saw no acknowledgement for. An acknowledged message whose turn
                    // had not run was kept in the store before the acknowledgement, and runs when serve
                    // starts again: it gets its answer with no retry at all.
                    boolean takenNotRun = acked[idx] == sent[idx] && processedUpTo[idx] < sent[idx];
                    finish(port2, user, sent[idx], processedUpTo[idx], before.get(user), !takenNotRun);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "finisher-" + user);
            finishers.add(t);
            t.start();
        }
        for (Thread t : finishers) {
            t.join(TimeUnit.SECONDS.toMillis(STEP_DEADLINE.toSeconds() * (STEPS + 2)));
            assertThat(t.isAlive()).as("finisher %s stopped", t.getName()).isFalse();
        }
        assertThat(failures).as("finishers").isEmpty();

        // Every draft reached the manager (a card posted twice is allowed: delivery is at least once).
        long deadline2 = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (cardsForManager() < USERS && System.nanoTime() < deadline2) {
            Thread.sleep(20);
        }
        assertThat(cardsForManager()).as("employees whose draft reached the manager").isEqualTo(USERS);

        malformedRequestsAreRefusedWithALogLine(port2);
        serve.destroy();
        assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve stopped on SIGTERM").isTrue();

        // 4. The final store: one submitted version each, with every answer once and in its place.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
             Statement st = c.createStatement()) {
            for (int u = 0; u < USERS; u++) {
                String user = user(u);
                try (ResultSet rs = st.executeQuery("SELECT v.status, v.title, v.manager_id, v.id, "
                        + "(SELECT COUNT(*) FROM tasks t WHERE t.version_id = v.id) FROM role_versions v "
                        + "JOIN roles r ON r.id = v.role_id WHERE r.employee_id = '" + person(user) + "'")) {
                    assertThat(rs.next()).as("%s has a role", user).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("submitted");
                    assertThat(rs.getString(2)).isEqualTo("Quarry Logistics Planner");
                    assertThat(rs.getString(3)).isEqualTo(person(MANAGER));
                    assertThat(rs.getInt(5)).as("%s tasks", user).isEqualTo(2);
                    long version = rs.getLong(4);
                    assertThat(rs.next()).as("%s has one version", user).isFalse();
                    Map<String, String> answers = new HashMap<>();
                    try (Statement st2 = c.createStatement();
                         ResultSet a = st2.executeQuery("SELECT question, answer FROM answers WHERE version_id = "
                                 + version)) {
                        while (a.next()) {
                            answers.put(a.getString(1), a.getString(2));
                        }
                    }
                    // Coaching takes most of the week (relationships): the people question comes second.
                    assertThat(answers).as("%s answers", user).containsExactlyInAnyOrderEntriesOf(Map.of(
                            "identity", answer(user, 1), "stakeholders", answer(user, 2),
                            "decisions", answer(user, 3), "tacit_knowledge", answer(user, 4),
                            "clean_sheet", answer(user, 5), "skills", answer(user, 6)));
                }
            }
        }

        // Neither process wrote a secret or what people said (message text is for DEBUG only).
        for (Path log : List.of(dir.resolve("serve-1.log"), log2)) {
            String text = Files.readString(log);
            assertThat(text).as(log.getFileName().toString()).doesNotContain(TOKEN, SECRET, "zebra answer",
                    "Quarry Logistics", "monthly report", "malformed-marker");
        }
        String log = Files.readString(log2);
        assertThat(log).as("the restarted serve logged no stack trace").doesNotContain("\tat ");
        // One line for each signed but unreadable request (the four sent above), and nothing of its content.
        assertThat(Pattern.compile("slack request (of an unknown shape refused|from \\S+ could not be read)")
                .matcher(log).results().count()).as("log lines for unreadable requests").isEqualTo(4);
    }

    /**
     * One person after the restart: Slack's retry of their last message, a status as a barrier, then the rest
     * of the script. {@code sent} is the last step they sent before the kill, {@code processed} the last step
     * the store had, {@code from} where their DM stood at the restart.
     */
    private void finish(int port, String user, int sent, int processed, int from, boolean resend)
            throws Exception {
        List<Step> script = script(user);
        int cursor = from;
        if (sent >= 1 && resend) {
            say(port, user, eventId(user, sent), script.get(sent).text(), true);
        }
        say(port, user, "Ev" + user + "status", "status", false);
        int status = await(user, cursor, "Step: ", () -> false);
        List<Call> between = slack.posts("D" + user).subList(cursor, status);
        if (processed == sent) {
            assertThat(between).as("%s: the retry of a processed step %d says nothing", user, sent).isEmpty();
        } else {
            assertThat(between).as("%s: the retry of step %d is applied once", user, sent)
                    .filteredOn(c -> c.shown().contains(script.get(sent).marker())).hasSize(1);
            for (int other = 1; other <= STEPS; other++) {
                String marker = script.get(other).marker();
                if (other != sent) {
                    assertThat(between).as("%s: nothing from step %d after the retry", user, other)
                            .noneMatch(c -> c.shown().contains(marker));
                }
            }
        }
        cursor = status + 1;
        for (int step = sent + 1; step <= STEPS; step++) {
            say(port, user, eventId(user, step), script.get(step).text(), false);
            int at = await(user, cursor, script.get(step).marker(), () -> false);
            for (Call c : slack.posts("D" + user).subList(cursor, at)) {
                for (int other = 1; other <= STEPS; other++) {
                    assertThat(c.shown()).as("%s: a reply to step %d before the one to step %d", user, other, step)
                            .doesNotContain(script.get(other).marker());
                }
            }
            cursor = at + 1;
        }
    }

    /** How many of the employees have a card with the Approve button in the manager's DM. */
    private long cardsForManager() {
        List<Call> cards = slack.posts("D" + MANAGER).stream()
                .filter(c -> c.readable("blocks").contains(SlackBlocks.APPROVE)).toList();
        long n = 0;
        for (int u = 0; u < USERS; u++) {
            String mention = "<@" + user(u) + ">";
            if (cards.stream().anyMatch(c -> c.shown().contains(mention))) {
                n++;
            }
        }
        return n;
    }

    /** Signed but unreadable payloads: a 4xx each, and a line in the log rather than a trace. */
    private void malformedRequestsAreRefusedWithALogLine(int port) throws Exception {
        List<String[]> bad = List.of(
                new String[] {"{\"type\":\"event_callback\",\"event\":{\"type\":\"message\",\"text\":\"malformed-marker",
                    "application/json"},
                new String[] {"{\"type\":\"event_callback\",\"event\":[\"malformed-marker\"],\"event_id\":7}",
                    "application/json"},
                new String[] {"payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%22malformed-marker%22%7D",
                    "application/x-www-form-urlencoded"},
                new String[] {"payload=malformed-marker", "application/x-www-form-urlencoded"});
        for (String[] b : bad) {
            HttpResponse<String> r = signed(port, b[0], b[1], Map.of());
            assertThat(r.statusCode()).as("answer to %s", b[0]).isBetween(200, 499);
            assertThat(r.body()).doesNotContain("Exception", "\tat ", "malformed-marker");
        }
    }
}
