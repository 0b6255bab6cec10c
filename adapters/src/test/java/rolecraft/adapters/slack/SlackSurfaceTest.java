package rolecraft.adapters.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rolecraft.adapters.server.Deliveries;
import rolecraft.adapters.server.Server;
import rolecraft.adapters.slack.FakeSlack.Call;
import rolecraft.bot.Conversations;
import rolecraft.bot.Prompts;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.store.Store;

/**
 * rolecraft on Slack end to end: the real server on a loopback port, a fake Slack Web API, and requests
 * signed and shaped the way Slack sends them.
 */
class SlackSurfaceTest {

    static final String SECRET = "test-signing-secret";
    static final String TOKEN = "xoxb-test-token";

    @TempDir
    Path dir;
    private FakeSlack slack;
    private Server server;
    private Store store;
    private Deliveries deliveries;
    private final HttpClient http = HttpClient.newHttpClient();
    private int events;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlack();
        store = Store.sqlite(dir.resolve("slack.db"));
        Conversations conversations = new Conversations(store, new RuleClassifier(), Clock.systemUTC());
        Prompts prompts = Prompts.builtIn();
        deliveries = new Deliveries(store, List.of(), 0);
        SlackSettings settings = new SlackSettings(TOKEN, SECRET, null, slack.apiUrl(), Set.of("U9"));
        SlackSurface surface = new SlackSurface(conversations, prompts, deliveries, settings);
        deliveries.register(surface);
        server = Server.start(new Server.Config("127.0.0.1", 0), conversations, prompts, List.of(surface), deliveries);
    }

    @AfterEach
    void stop() {
        server.stop();
        slack.close();
    }

    // --- requests as Slack sends them ---------------------------------------------------------------------

    private HttpResponse<String> post(String body, String contentType, long timestamp, String secret,
                                      Map<String, String> extra) throws Exception {
        String ts = String.valueOf(timestamp);
        String signature = SlackBridge.sign(secret.getBytes(StandardCharsets.UTF_8), ts,
                body.getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slack/events"))
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        extra.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signedJson(String body) throws Exception {
        return post(body, "application/json", Instant.now().getEpochSecond(), SECRET, Map.of());
    }

    private HttpResponse<String> signedForm(String body) throws Exception {
        return post(body, "application/x-www-form-urlencoded", Instant.now().getEpochSecond(), SECRET, Map.of());
    }

    private static String json(Object value) throws Exception {
        return FakeSlack.JSON.writeValueAsString(value);
    }

    /** An event_callback envelope around a DM message, as the Events API sends it. */
    private static String dmEvent(String eventId, String user, String text) throws Exception {
        return envelope(eventId, Map.of("type", "message", "channel", "D" + user, "user", user, "text", text,
                "ts", "1700000001.000200", "event_ts", "1700000001.000200", "channel_type", "im",
                "client_msg_id", eventId + "-msg"));
    }

    private static String envelope(String eventId, Map<String, Object> event) throws Exception {
        return json(Map.of(
                "token", "legacy-token", "team_id", "T1", "api_app_id", "A1", "event", event,
                "type", "event_callback", "event_id", eventId, "event_time", 1700000001,
                "authorizations", List.of(Map.of("team_id", "T1", "user_id", "UBOT", "is_bot", true,
                        "is_enterprise_install", false)),
                "is_ext_shared_channel", false, "event_context", "4-eyJldCI6Im1lc3NhZ2UifQ"));
    }

    private String say(String user, String text) throws Exception {
        String id = "Ev" + (++events) + user;
        HttpResponse<String> r = signedJson(dmEvent(id, user, text));
        assertThat(r.statusCode()).isEqualTo(200);
        return id;
    }

    private static String form(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    /** A block_actions payload for a button click in {@code channel}. */
    private HttpResponse<String> click(String user, String channel, String actionId, String value) throws Exception {
        Map<String, Object> payload = Map.ofEntries(
                Map.entry("type", "block_actions"),
                Map.entry("user", Map.of("id", user, "username", user.toLowerCase(), "name", user.toLowerCase(),
                        "team_id", "T1")),
                Map.entry("api_app_id", "A1"),
                Map.entry("token", "legacy-token"),
                Map.entry("container", Map.of("type", "message", "message_ts", "1700000000.101",
                        "channel_id", channel, "is_ephemeral", false)),
                Map.entry("trigger_id", "1337." + (++events) + ".abcdef"),
                Map.entry("team", Map.of("id", "T1", "domain", "acme")),
                Map.entry("is_enterprise_install", false),
                Map.entry("channel", Map.of("id", channel, "name", "directmessage")),
                Map.entry("response_url", "https://hooks.slack.com/actions/T1/1/x"),
                Map.entry("actions", List.of(Map.of("action_id", actionId, "block_id", "rolecraft_decide",
                        "text", Map.of("type", "plain_text", "text", "Approve", "emoji", true),
                        "value", value, "type", "button", "action_ts", "1700000002.000300"))));
        return signedForm(form(Map.of("payload", json(payload))));
    }

    private HttpResponse<String> slash(String user, String text) throws Exception {
        return signedForm(form(Map.ofEntries(Map.entry("token", "legacy-token"), Map.entry("team_id", "T1"),
                Map.entry("team_domain", "acme"), Map.entry("channel_id", "C1"), Map.entry("channel_name", "general"),
                Map.entry("user_id", user), Map.entry("user_name", user.toLowerCase()),
                Map.entry("command", "/rolecraft"), Map.entry("text", text), Map.entry("api_app_id", "A1"),
                Map.entry("is_enterprise_install", "false"),
                Map.entry("response_url", "https://hooks.slack.com/commands/T1/1/x"),
                Map.entry("trigger_id", "4242." + (++events) + ".fedcba"))));
    }

    private Call awaitPost(String channel, String snippet) throws InterruptedException {
        return slack.await("chat.postMessage", c -> c.param("channel").equals(channel) && c.shown().contains(snippet));
    }

    /** Takes U1 from "start" to a submitted draft for U2, and returns the manager's card. */
    private Call submitted(String employee, String manager) throws Exception {
        say(employee, "start");
        awaitPost("D" + employee, "job title");
        say(employee, "Financial Analyst");
        awaitPost("D" + employee, "manager");
        say(employee, "<@" + manager + "|boss>");
        awaitPost("D" + employee, "Now your tasks");
        say(employee, "Prepare the monthly report - 30%\nCoach new hires &amp; interns 70%");
        awaitPost("D" + employee, "Added 2 task(s)");
        say(employee, "done");
        Call review = awaitPost("D" + employee, "how I see your 2 task(s)");
        assertThat(review.readable("blocks")).contains("Prepare the monthly report").contains("automate")
                .contains("Coach new hires &amp; interns");
        say(employee, "ok");
        for (int i = 0; i < 6; i++) {
            say(employee, "skip");
        }
        awaitPost("D" + employee, "Draft role redesign");
        say(employee, "submit");
        awaitPost("D" + employee, "Sent to <@" + manager + ">");
        Call card = slack.await("chat.postMessage", c -> c.param("channel").equals("D" + manager)
                && c.readable("blocks").contains(SlackBlocks.APPROVE));
        // The card is remembered (to update it later) once its delivery is done: wait for that, as a manager
        // reading it would.
        assertThat(waitUntil(() -> store.pendingOn("slack"), List::isEmpty)).isEmpty();
        return card;
    }

    private static String buttonValue(Call card, String actionId) {
        for (JsonNode block : card.json("blocks")) {
            if ("actions".equals(block.path("type").asText())) {
                for (JsonNode e : block.path("elements")) {
                    if (actionId.equals(e.path("action_id").asText())) {
                        return e.path("value").asText();
                    }
                }
            }
        }
        throw new AssertionError("no " + actionId + " button on the card");
    }

    private static <T> T waitUntil(java.util.function.Supplier<T> value, java.util.function.Predicate<T> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        T v = value.get();
        while (!done.test(v) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            v = value.get();
        }
        return v;
    }

    // --- the tests ---------------------------------------------------------------------------------------

    @Test
    void an_employee_redesigns_by_dm_and_the_named_manager_approves_from_the_card() throws Exception {
        Call card = submitted("U1", "U2");
        assertThat(slack.calls("conversations.open", c -> c.param("users").equals("U2"))).hasSize(1);
        assertThat(card.text()).contains("<@U1>").contains("review");
        assertThat(card.readable("blocks")).contains("Request changes").contains("Financial Analyst");
        String value = buttonValue(card, SlackBlocks.APPROVE);
        assertThat(value).endsWith(":1");

        // Someone else clicks Approve: an ephemeral explanation, and nothing changes.
        click("U3", "DU2", SlackBlocks.APPROVE, value);
        Call refused = slack.await("chat.postEphemeral", c -> c.param("user").equals("U3"));
        assertThat(refused.text()).contains("Only <@U2>").contains("Nothing was changed");
        assertThat(slack.calls("chat.update")).isEmpty();
        assertThat(store.waitingFor("slack:T1:U2")).hasSize(1);

        // The manager approves: the card shows the outcome without buttons, and the employee is told.
        HttpResponse<String> ack = click("U2", "DU2", SlackBlocks.APPROVE, value);
        assertThat(ack.statusCode()).isEqualTo(200);
        Call update = slack.await("chat.update", c -> true);
        assertThat(update.param("channel")).isEqualTo("DU2");
        assertThat(update.param("ts")).isEqualTo(store.posted(SlackBlocks.parseRef(value), "slack:T1:U2").get(0)
                .substring("DU2:".length()));
        assertThat(update.text()).contains("Approved");
        assertThat(update.readable("blocks")).doesNotContain("\"actions\"").doesNotContain(SlackBlocks.APPROVE);
        awaitPost("DU1", "<@U2> approved your redesign of Financial Analyst");

        // A second click changes nothing more.
        click("U2", "DU2", SlackBlocks.APPROVE, value);
        slack.await("chat.postEphemeral", c -> c.param("user").equals("U2") && c.text().contains("already"));
        assertThat(slack.calls("chat.update")).hasSize(1);
        int decisions = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM decisions")
                .mapTo(Integer.class).one());
        assertThat(decisions).isEqualTo(1);
        assertThat(slack.calls).allSatisfy(c -> {
            if (!c.method().equals("upload")) {
                assertThat(c.authorization()).isEqualTo("Bearer " + TOKEN);
            }
        });
    }

    @Test
    void request_changes_opens_a_modal_and_its_comment_reaches_the_employee() throws Exception {
        Call card = submitted("U1", "U2");
        String value = buttonValue(card, SlackBlocks.CHANGES);
        click("U2", "DU2", SlackBlocks.CHANGES, value);
        Call open = slack.await("views.open", c -> true);
        JsonNode view = open.json("view");
        assertThat(view.path("callback_id").asText()).isEqualTo(SlackBlocks.COMMENT_MODAL);
        assertThat(view.path("private_metadata").asText()).isEqualTo(value + ":DU2");
        assertThat(open.param("trigger_id")).startsWith("1337.");

        Map<String, Object> submission = Map.of(
                "type", "view_submission",
                "team", Map.of("id", "T1", "domain", "acme"),
                "user", Map.of("id", "U2", "username", "bob", "name", "bob", "team_id", "T1"),
                "api_app_id", "A1", "token", "legacy-token", "trigger_id", "555.1.abc",
                "view", Map.of("id", "V1", "team_id", "T1", "type", "modal", "blocks", List.of(),
                        "private_metadata", value + ":DU2", "callback_id", SlackBlocks.COMMENT_MODAL,
                        "state", Map.of("values", Map.of("comment", Map.of("comment_input",
                                Map.of("type", "plain_text_input", "value", "Add the budget work")))),
                        "hash", "1700000003.abc", "app_id", "A1", "bot_id", "BBOT"),
                "response_urls", List.of(), "is_enterprise_install", false);
        HttpResponse<String> ack = signedForm(form(Map.of("payload", json(submission))));
        assertThat(ack.statusCode()).isEqualTo(200);
        Call update = slack.await("chat.update", c -> true);
        assertThat(update.text()).contains("Changes requested").contains("Add the budget work");
        assertThat(update.readable("blocks")).doesNotContain(SlackBlocks.APPROVE);
        Call told = awaitPost("DU1", "<@U2> asked for changes to your redesign of Financial Analyst");
        assertThat(told.text()).contains("\"Add the budget work\"");
    }

    @Test
    void a_forged_signature_a_stale_timestamp_and_an_altered_body_are_refused_with_401() throws Exception {
        String body = dmEvent("EvForged", "U7", "start");
        long now = Instant.now().getEpochSecond();
        assertThat(post(body, "application/json", now, "not-the-secret", Map.of()).statusCode()).isEqualTo(401);
        assertThat(post(body, "application/json", now - 600, SECRET, Map.of()).statusCode()).isEqualTo(401);
        HttpRequest unsigned = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slack/events"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        assertThat(http.send(unsigned, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        String ts = String.valueOf(now);
        String signature = SlackBridge.sign(SECRET.getBytes(StandardCharsets.UTF_8), ts,
                body.getBytes(StandardCharsets.UTF_8));
        HttpRequest altered = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slack/events"))
                .header("Content-Type", "application/json").header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("start", "hello"))).build();
        assertThat(http.send(altered, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

        // A genuine message after them is answered; the refused ones never were.
        say("U7", "help");
        awaitPost("DU7", "Words that work");
        assertThat(slack.calls("chat.postMessage", c -> c.param("channel").equals("DU7"))).hasSize(1);
        assertThat(store.address("slack:T1:U7")).contains("DU7");
    }

    @Test
    void a_retried_event_is_acknowledged_and_applied_once() throws Exception {
        String body = dmEvent("EvRetry1", "U5", "start");
        assertThat(signedJson(body).statusCode()).isEqualTo(200);
        awaitPost("DU5", "job title");
        HttpResponse<String> retry = post(body, "application/json", Instant.now().getEpochSecond(), SECRET,
                Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));
        assertThat(retry.statusCode()).isEqualTo(200);
        say("U5", "Data Engineer");
        awaitPost("DU5", "Got it: Data Engineer");
        // One lane per person: once the later message is answered, the retry has been dealt with.
        assertThat(slack.calls("chat.postMessage", c -> c.param("channel").equals("DU5")
                && c.text().contains("job title"))).hasSize(1);
    }

    @Test
    void bot_messages_edits_and_deletions_are_ignored() throws Exception {
        signedJson(envelope("EvBot", Map.of("type", "message", "channel", "DU6", "bot_id", "BBOT",
                "text", "start", "ts", "1.1", "channel_type", "im")));
        signedJson(envelope("EvOwn", Map.of("type", "message", "channel", "DU6", "user", "UBOT",
                "text", "start", "ts", "1.2", "channel_type", "im")));
        signedJson(envelope("EvEdit", Map.of("type", "message", "subtype", "message_changed", "channel", "DU6",
                "channel_type", "im", "ts", "1.3", "message", Map.of("type", "message", "user", "U6", "text", "start",
                        "ts", "1.0"), "previous_message", Map.of("type", "message", "user", "U6", "text", "hi",
                        "ts", "1.0"))));
        HttpResponse<String> deleted = signedJson(envelope("EvDel", Map.of("type", "message",
                "subtype", "message_deleted", "channel", "DU6", "channel_type", "im", "ts", "1.4",
                "deleted_ts", "1.0")));
        assertThat(deleted.statusCode()).isEqualTo(200);
        say("U6", "status");
        awaitPost("DU6", "Step: idle");
        assertThat(slack.calls("chat.postMessage", c -> c.param("channel").equals("DU6"))).hasSize(1);
    }

    @Test
    void url_verification_answers_the_challenge() throws Exception {
        HttpResponse<String> r = signedJson("{\"token\":\"legacy-token\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    @Test
    void an_admin_s_export_arrives_as_a_file_in_their_dm_and_others_are_refused() throws Exception {
        submitted("U1", "U2");
        HttpResponse<String> refused = slash("U3", "export");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("only rolecraft admins");

        HttpResponse<String> ack = slash("U9", "export");
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).contains("Preparing the export");
        Call complete = slack.await("files.completeUploadExternal", c -> true);
        assertThat(complete.param("channel_id")).isEqualTo("DU9");
        assertThat(complete.param("initial_comment")).contains("row(s)");
        Call getUrl = slack.calls("files.getUploadURLExternal").get(0);
        assertThat(getUrl.param("filename")).startsWith("rolecraft-export-").endsWith(".csv");
        String csv = new String(slack.calls("upload").get(0).body(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("employee,").contains("slack:T1:U1").contains("Prepare the monthly report");
        assertThat(slack.calls("files.getUploadURLExternal")).hasSize(1);
    }

    @Test
    void the_slash_command_starts_in_the_dm_and_otherwise_shows_help() throws Exception {
        HttpResponse<String> help = slash("U4", "what is this");
        assertThat(help.body()).contains("/rolecraft").doesNotContain("export");
        HttpResponse<String> start = slash("U4", "");
        assertThat(start.statusCode()).isEqualTo(200);
        assertThat(start.body()).contains("direct messages");
        awaitPost("DU4", "job title");
        assertThat(slack.calls("conversations.open", c -> c.param("users").equals("U4"))).hasSize(1);
    }

    @Test
    void the_app_home_shows_roles_waiting_drafts_and_a_start_button_that_starts() throws Exception {
        submitted("U1", "U2");
        signedJson(envelope("EvHome1", Map.of("type", "app_home_opened", "user", "U2", "channel", "DU2",
                "tab", "home", "event_ts", "1700000005.000100")));
        Call home = slack.await("views.publish", c -> c.param("user_id").equals("U2"));
        assertThat(home.readable("view")).contains("Start a redesign").contains("Waiting for your review (1)")
                .contains("Financial Analyst").contains("<@U1>");
        signedJson(envelope("EvHome2", Map.of("type", "app_home_opened", "user", "U1", "channel", "DU1",
                "tab", "home", "event_ts", "1700000005.000200")));
        Call mine = slack.await("views.publish", c -> c.param("user_id").equals("U1"));
        assertThat(mine.readable("view")).contains("Financial Analyst").contains("waiting for <@U2>")
                .doesNotContain("Waiting for your review");

        click("U8", "DU8", SlackBlocks.START, "start");
        awaitPost("DU8", "job title");
    }

    @Test
    void a_rate_limited_post_is_retried_after_retry_after_and_sent_once() throws Exception {
        slack.rateLimitPosts.set(1);
        say("U10", "help");
        awaitPost("DU10", "Words that work");
        assertThat(slack.calls("ratelimited:chat.postMessage")).hasSize(1);
        assertThat(slack.calls("chat.postMessage", c -> c.param("channel").equals("DU10"))).hasSize(1);
    }

    @Test
    void a_message_with_a_malformed_body_is_a_400_not_a_500() throws Exception {
        HttpResponse<String> r = signedJson("{\"type\":\"event_callback\",\"event\":");
        assertThat(r.statusCode()).isBetween(400, 499);
        assertThat(r.body()).doesNotContain("Exception");
    }

    @Test
    void slack_is_acknowledged_while_the_web_api_is_still_answering() throws Exception {
        slack.hold = new java.util.concurrent.CountDownLatch(1);
        try {
            HttpResponse<String> ack = signedJson(dmEvent("EvSlow", "U11", "help"));
            assertThat(ack.statusCode()).isEqualTo(200);
            assertThat(slack.calls("chat.postMessage")).isEmpty();
        } finally {
            slack.hold.countDown();
        }
        awaitPost("DU11", "Words that work");
    }

    @Test
    void a_card_slack_refuses_stays_queued_until_a_retry_delivers_it() throws Exception {
        slack.failChannel = "DU2";
        say("U1", "start");
        awaitPost("DU1", "job title");
        for (String m : List.of("Analyst", "<@U2>", "Write reports 50%\nCoach people 50%", "done", "ok", "skip", "skip",
                "skip", "skip", "skip", "skip", "submit")) {
            say("U1", m);
        }
        awaitPost("DU1", "Sent to <@U2>");
        slack.await("failed:chat.postMessage", c -> c.param("channel").equals("DU2"));
        // Slack refused the card: the notification is still queued (nothing marks it delivered).
        assertThat(store.pendingOn("slack")).hasSize(1);

        slack.failChannel = null;
        deliveries.retryPending();
        slack.await("chat.postMessage", c -> c.param("channel").equals("DU2")
                && c.readable("blocks").contains(SlackBlocks.APPROVE));
        assertThat(waitUntil(() -> store.pendingOn("slack"), List::isEmpty)).isEmpty();
    }

    @Test
    void a_typed_approval_also_updates_the_manager_s_card() throws Exception {
        submitted("U1", "U2");
        say("U2", "review");
        awaitPost("DU2", "Drafts waiting for you (1)");
        say("U2", "approve 1 Well done");
        awaitPost("DU2", "Approved: <@U1>'s Financial Analyst");
        Call update = slack.await("chat.update", c -> true);
        assertThat(update.text()).contains("Approved").contains("Well done");
        awaitPost("DU1", "<@U2> approved your redesign");
    }
}
