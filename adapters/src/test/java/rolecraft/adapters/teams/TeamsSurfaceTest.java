package rolecraft.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rolecraft.adapters.server.Deliveries;
import rolecraft.adapters.server.Server;
import rolecraft.adapters.teams.FakeConnector.Call;
import rolecraft.adapters.teams.TeamsActivities.User;
import rolecraft.bot.Conversations;
import rolecraft.bot.Prompts;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.store.Store;

/** Teams end to end in local mode: the real server, activities as Teams sends them, a fake Bot Connector. */
class TeamsSurfaceTest {

    static final User ALICE = new User("29:1alice-teams", "Alice Able", "aad-alice", "a:1alice-personal");
    static final User BEA = new User("29:1bea-teams", "Bea Boss", "aad-bea", "a:1bea-personal");
    static final User MALLORY = new User("29:1mallory-teams", "Mallory Meddler", "aad-mallory", "a:1mallory-personal");

    @TempDir
    Path dir;
    private FakeConnector connector;
    private Store store;
    private Server server;
    private TeamsActivities teams;
    private final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void start() {
        connector = new FakeConnector();
        // Alice has the app; Bea and Mallory have not opened it. Nobody else is in Alice's personal chat.
        connector.installed(ALICE.teamsId(), ALICE.name(), ALICE.aad(), ALICE.conversation());
        store = Store.sqlite(dir.resolve("teams.db"));
        Conversations conversations = new Conversations(store, new RuleClassifier(), Clock.systemUTC());
        Prompts prompts = Prompts.builtIn();
        Deliveries deliveries = new Deliveries(store, List.of(), 0);
        TeamsSurface surface = new TeamsSurface(conversations, prompts, deliveries, TeamsConfig.localMode());
        deliveries.register(surface);
        server = Server.start(new Server.Config("127.0.0.1", 0), conversations, prompts, List.of(surface), deliveries);
        teams = new TeamsActivities(connector.serviceUrl());
    }

    @AfterEach
    void stop() {
        server.stop();
        connector.close();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/messages"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void send(ObjectNode activity) throws Exception {
        assertThat(post(activity.toString()).statusCode()).isEqualTo(200);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** {@code user} adds rolecraft: Teams makes their personal chat with the bot, then tells the bot. */
    private void installs(User user) throws Exception {
        connector.installed(user.teamsId(), user.name(), user.aad(), user.conversation());
        send(teams.install(user));
    }

    /** Alice picks Bea in the people picker and submits a whole redesign; returns when she has been answered. */
    private void redesign() throws Exception {
        redesign(List.of("Prepare the monthly report - 40%\nReconcile accounts 30%\nCoach new analysts 30%"));
    }

    /** As above, with the tasks in these messages. */
    private void redesign(List<String> tasks) throws Exception {
        send(teams.install(ALICE));
        connector.awaitText(ALICE.conversation(), "I'm rolecraft");
        send(teams.message(ALICE, "start"));
        int before = connector.calls.size();
        send(teams.message(ALICE, "Financial Analyst"));
        pickBea(connector.awaitPicker(ALICE.conversation(), before));
        connector.awaitText(ALICE.conversation(), "Now your tasks");
        for (String message : tasks) {
            send(teams.message(ALICE, message));
        }
        send(teams.message(ALICE, "done"));
        send(teams.message(ALICE, "ok"));
        for (int i = 0; i < 6; i++) {
            send(teams.message(ALICE, "skip"));
        }
        send(teams.message(ALICE, "submit"));
        connector.awaitText(ALICE.conversation(), "Sent to ");
    }

    /** Alice chooses Bea in the picker {@code picker} (Teams sends Bea's AAD object id, and no name). */
    private void pickBea(Call picker) throws Exception {
        ObjectNode data = (ObjectNode) picker.card().path("actions").get(0).path("data");
        send(teams.pick(ALICE, picker.id(), data, BEA.aad()));
    }

    /** The answer to a card's invoke: HTTP 200 and the card this person is to see now. */
    private JsonNode invoke(ObjectNode activity) throws Exception {
        HttpResponse<String> r = post(activity.toString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("statusCode").asInt()).as(r.body()).isEqualTo(200);
        assertThat(body.path("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        return body.path("value");
    }

    private static ObjectNode data(JsonNode action) {
        return (ObjectNode) action.path("data");
    }

    /** Every Action.Execute of a card, with those of the cards its ShowCard actions open. */
    private static List<JsonNode> executes(JsonNode card) {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode a : card.path("actions")) {
            if ("Action.Execute".equals(a.path("type").asText())) {
                out.add(a);
            }
            out.addAll(executes(a.path("card")));
        }
        return out;
    }

    private static JsonNode verb(JsonNode card, String verb) {
        return executes(card).stream().filter(a -> a.path("verb").asText().equals(verb)).findFirst().orElseThrow();
    }

    /** Bea's card, once she has installed rolecraft and it came, and the id the connector gave its message. */
    private Call managersCard() throws Exception {
        return connector.await(c -> c.conversation().equals(BEA.conversation()) && c.card() != null);
    }

    /** Bea has opened rolecraft; Alice names her and submits: Bea's card. */
    private Call sentToBeaWhoOpenedRolecraft() throws Exception {
        installs(BEA);
        connector.awaitText(BEA.conversation(), "I'm rolecraft");
        redesign();
        return managersCard();
    }

    private String idOf(Call call) {
        return "bot-activity-" + (connector.calls.indexOf(call) + 1);
    }

    @Test
    void a_whole_redesign_is_approved_on_the_managers_card_and_every_view_shows_the_outcome() throws Exception {
        redesign();

        // The review and the draft came as Adaptive Cards, with text for clients without cards.
        Call review = connector.await(c -> c.card() != null && c.text().contains("Here is how I see your 3 task(s)"));
        assertThat(review.card().toString()).contains("Prepare the monthly report").contains("automate");
        Call draft = connector.await(c -> c.card() != null && c.text().startsWith("Draft role redesign"));
        assertThat(draft.conversation()).isEqualTo(ALICE.conversation());
        assertThat(draft.card().path("body").get(0).path("text").asText())
                .isEqualTo("Draft role redesign — Financial Analyst (version 1)");
        // Replies answer the message they follow.
        assertThat(review.activityId()).isNotNull();

        // Bea has never opened rolecraft: Alice is told plainly, and the draft waits.
        connector.awaitText(ALICE.conversation(), "Your manager hasn't opened rolecraft in Teams yet");
        assertThat(connector.to(BEA.conversation())).isEmpty();
        assertThat(store.pendingOn("teams")).hasSize(1);

        // Bea installs: a greeting, then the card with the draft, Approve and Request changes as Universal Actions,
        // and a refresh that asks for Bea's own view each time she sees it.
        installs(BEA);
        Call card = managersCard();
        JsonNode content = card.card();
        assertThat(card.activityId()).as("a proactive message, not a reply").isNull();
        assertThat(content.path("version").asText()).isEqualTo("1.5");
        assertThat(content.path("body").get(0).path("text").asText())
                .isEqualTo("Alice Able asks you to approve their role redesign: Financial Analyst, version 1");
        assertThat(content.toString()).contains("Input.Text").contains("Reconcile accounts");
        assertThat(content.path("refresh").path("userIds"))
                .containsExactly(JSON.getNodeFactory().textNode(BEA.teamsId()));
        assertThat(content.path("refresh").path("action").path("type").asText()).isEqualTo("Action.Execute");
        assertThat(content.path("actions").get(0).path("title").asText()).isEqualTo("Approve");
        assertThat(content.path("actions").get(1).path("title").asText()).isEqualTo("Request changes");
        assertThat(executes(content)).extracting(a -> a.path("verb").asText())
                .containsExactly("approve", "requestChanges");
        JsonNode approve = verb(content, "approve");
        assertThat(approve.path("data").path("version").asInt()).isEqualTo(1);
        assertThat(approve.path("data").path("role").asLong()).isPositive();
        String postedId = idOf(card);
        awaitTrue(() -> store.pendingOn("teams").isEmpty());

        // Bea's client refreshes the card: the buttons, live.
        JsonNode refresh = content.path("refresh").path("action");
        JsonNode beas = invoke(teams.execute(BEA, postedId, "refresh", data(refresh), "automatic",
                TeamsActivities.nextId()));
        assertThat(executes(beas)).hasSize(2);

        // Mallory is not the named manager: her click changes nothing, says why, and she sees the status only.
        installs(MALLORY);
        ObjectNode malloryClick = data(approve).put("comment", "Fine by me");
        JsonNode mallorys = invoke(teams.execute(MALLORY, postedId, "approve", malloryClick, "manual",
                TeamsActivities.nextId()));
        assertThat(mallorys.has("actions")).as("no buttons for Mallory").isFalse();
        assertThat(mallorys.toString()).contains("Waiting for Bea Boss's decision").doesNotContain("Input.Text")
                .as("the draft is Alice's and Bea's to read").doesNotContain("Reconcile accounts");
        connector.awaitText(MALLORY.conversation(), "Only Bea Boss, the manager Alice Able named, can approve");
        JsonNode mallorysRefresh = invoke(teams.execute(MALLORY, postedId, "refresh", data(refresh), "automatic",
                TeamsActivities.nextId()));
        assertThat(mallorysRefresh.has("actions")).isFalse();
        assertThat(connector.calls).noneMatch(c -> c.method().equals("PUT"));

        // Bea approves on the card: her answer is the outcome with what she decided on, and so is the message.
        String click = TeamsActivities.nextId();
        ObjectNode beaClick = data(approve).put("comment", "Great work");
        JsonNode decided = invoke(teams.execute(BEA, postedId, "approve", beaClick, "manual", click));
        assertThat(decided.path("body").get(0).path("text").asText()).isEqualTo("Approved");
        assertThat(decided.toString()).contains("Bea Boss approved version 1 on ").contains("Great work")
                .contains("Reconcile accounts").contains("Coach new analysts");
        assertThat(decided.has("actions")).as("no live buttons").isFalse();
        assertThat(decided.toString()).doesNotContain("Input.Text");
        connector.awaitText(BEA.conversation(), "Approved: Alice Able's Financial Analyst, version 1.");
        Call update = connector.await(c -> c.method().equals("PUT"));
        assertThat(update.conversation()).isEqualTo(BEA.conversation());
        assertThat(update.activityId()).isEqualTo(postedId);
        assertThat(update.card().path("body")).isEqualTo(decided.path("body"));
        assertThat(update.card().has("actions")).isFalse();
        connector.awaitText(ALICE.conversation(),
                "Bea Boss approved your redesign of Financial Analyst (version 1). Their comment: \"Great work\"");

        // The same invoke delivered again is applied once, and answered with the outcome.
        int before = connector.calls.size();
        JsonNode again = invoke(teams.execute(BEA, postedId, "approve", beaClick, "manual", click));
        assertThat(again.path("body")).isEqualTo(decided.path("body"));
        send(teams.message(BEA, "status"));
        connector.awaitText(BEA.conversation(), "Step:");
        assertThat(connector.calls.subList(before, connector.calls.size())).hasSize(1);
        assertThat(connector.calls).filteredOn(c -> c.method().equals("PUT")).hasSize(1);

        // Every later view is the outcome: Bea's with the draft, anyone else's without it.
        assertThat(invoke(teams.execute(BEA, postedId, "refresh", data(refresh), "automatic",
                TeamsActivities.nextId())).path("body")).isEqualTo(decided.path("body"));
        JsonNode mallorysAfter = invoke(teams.execute(MALLORY, postedId, "refresh", data(refresh), "automatic",
                TeamsActivities.nextId()));
        assertThat(mallorysAfter.path("body").get(0)).isEqualTo(decided.path("body").get(0));
        assertThat(mallorysAfter.toString()).contains("Bea Boss approved version 1")
                .doesNotContain("Reconcile accounts");
        assertThat(mallorysAfter.has("actions")).isFalse();
    }

    @Test
    void a_mention_names_nobody_in_the_personal_chat_and_the_people_picker_names_the_manager() throws Exception {
        send(teams.install(ALICE));
        send(teams.message(ALICE, "start"));
        int before = connector.calls.size();
        send(teams.message(ALICE, "Financial Analyst"));
        Call picker = connector.awaitPicker(ALICE.conversation(), before);
        JsonNode card = picker.card();
        assertThat(card.path("body").get(0).path("text").asText())
                .startsWith("Got it: Financial Analyst.").contains("Who is your manager?");
        JsonNode input = card.path("body").get(1);
        assertThat(input.path("type").asText()).isEqualTo("Input.ChoiceSet");
        assertThat(input.path("id").asText()).isEqualTo("manager");
        assertThat(input.path("isRequired").asBoolean()).isTrue();
        assertThat(input.path("choices.data").path("type").asText()).isEqualTo("Data.Query");
        assertThat(input.path("choices.data").path("dataset").asText()).isEqualTo("graph.microsoft.com/users");
        assertThat(card.path("actions").get(0).path("type").asText()).isEqualTo("Action.Submit");
        assertThat(card.path("actions").get(0).path("data").path("rolecraft").asText()).isEqualTo("manager");
        // Clients that cannot show the picker are asked for an email; nobody is asked for a mention.
        assertThat(picker.text()).contains("work email").doesNotContain("Mention");

        // A mention in the personal chat: Teams knows no such member there (404), so it names nobody.
        int mentioned = connector.calls.size();
        send(teams.mention(ALICE, BEA));
        Call again = connector.awaitPicker(ALICE.conversation(), mentioned);
        assertThat(connector.lookups).contains(BEA.teamsId());
        assertThat(again.text()).startsWith("I didn't catch who your manager is: pick them in the card below.");
        assertThat(store.activeDraft(ALICE.person()).orElseThrow().manager()).isNull();

        // Choosing herself is refused, with the picker again.
        int self = connector.calls.size();
        send(teams.pick(ALICE, again.id(), (ObjectNode) again.card().path("actions").get(0).path("data"), ALICE.aad()));
        assertThat(connector.awaitPicker(ALICE.conversation(), self).text())
                .startsWith("You can't be your own manager");

        // The picker's submit names Bea, as Teams sends it: her AAD object id in the input's value.
        pickBea(again);
        connector.awaitText(ALICE.conversation(), "Now your tasks");
        assertThat(store.activeDraft(ALICE.person()).orElseThrow().manager()).isEqualTo(BEA.person());
    }

    @Test
    void a_typed_email_without_graph_is_answered_with_how_to_name_the_manager() throws Exception {
        send(teams.install(ALICE));
        send(teams.message(ALICE, "start"));
        send(teams.message(ALICE, "Financial Analyst"));
        connector.awaitPicker(ALICE.conversation(), 0);
        int before = connector.calls.size();
        send(teams.message(ALICE, "bea.boss@contoso.com"));
        Call reply = connector.awaitPicker(ALICE.conversation(), before);
        assertThat(reply.text()).startsWith("I can't look people up by email here. Pick your manager in the card");
        assertThat(store.activeDraft(ALICE.person()).orElseThrow().manager()).isNull();
    }

    @Test
    void a_request_for_changes_needs_its_text_in_the_card_and_on_the_server() throws Exception {
        Call card = sentToBeaWhoOpenedRolecraft();
        String cardId = idOf(card);

        // In the card: the box Request changes opens must be filled in, Approve does not wait for it.
        JsonNode show = card.card().path("actions").get(1);
        assertThat(show.path("type").asText()).isEqualTo("Action.ShowCard");
        JsonNode box = show.path("card").path("body").get(0);
        assertThat(box.path("type").asText()).isEqualTo("Input.Text");
        assertThat(box.path("isRequired").asBoolean()).isTrue();
        assertThat(box.path("errorMessage").asText()).isEqualTo("Say what should change before you send the request.");
        assertThat(card.card().path("body").findValues("isRequired")).as("nothing Approve sends is required")
                .isEmpty();

        // A client that sends it empty anyway is refused by the server.
        JsonNode changes = verb(card.card(), "requestChanges");
        JsonNode refused = invoke(teams.execute(BEA, cardId, "requestChanges",
                data(changes).put("comment", "").put("changes", " "), "manual", TeamsActivities.nextId()));
        connector.awaitText(BEA.conversation(), "Please say what should change");
        assertThat(executes(refused)).as("still undecided: the buttons stay").hasSize(2);

        JsonNode decided = invoke(teams.execute(BEA, cardId, "requestChanges",
                data(changes).put("comment", "").put("changes", "Add the audit work"), "manual",
                TeamsActivities.nextId()));
        assertThat(decided.path("body").get(0).path("text").asText()).isEqualTo("Changes requested");
        assertThat(decided.toString()).contains("Add the audit work");
        Call update = connector.await(c -> c.method().equals("PUT"));
        assertThat(update.card().path("body").get(0).path("text").asText()).isEqualTo("Changes requested");
        connector.awaitText(ALICE.conversation(), "Bea Boss asked for changes to your redesign of Financial Analyst");
        assertThat(connector.to(ALICE.conversation())).noneMatch(c -> c.text().contains("hasn't opened"));
    }

    @Test
    void a_card_sent_before_universal_actions_still_decides_by_action_submit() throws Exception {
        Call card = sentToBeaWhoOpenedRolecraft();
        String cardId = idOf(card);
        // What an Action.Submit of the earlier cards carried: the decision in the message's value.
        ObjectNode old = JSON.createObjectNode().put("rolecraft", "decide")
                .put("role", verb(card.card(), "requestChanges").path("data").path("role").asLong())
                .put("version", 1).put("decision", "changes_requested");

        send(teams.cardAction(BEA, cardId, old, "", TeamsActivities.nextId()));
        connector.awaitText(BEA.conversation(), "Please say what should change");
        send(teams.cardAction(BEA, cardId, old, "Add the audit work", TeamsActivities.nextId()));
        Call update = connector.await(c -> c.method().equals("PUT"));
        assertThat(update.card().path("body").get(0).path("text").asText()).isEqualTo("Changes requested");
        assertThat(update.card().toString()).contains("Reconcile accounts");
        connector.awaitText(ALICE.conversation(), "Bea Boss asked for changes to your redesign of Financial Analyst");
    }

    /** Teams refuses a bot message over 40 KB of UTF-16 (413 MessageSizeTooBig). */
    private static final int TEAMS_MESSAGE_LIMIT = 40 * 1024;

    @Test
    void a_redesign_of_forty_long_tasks_reaches_the_manager_within_teams_message_size() throws Exception {
        installs(BEA);
        // Forty tasks near the longest a task may be, ten to a message (a message holds at most 4,000 characters).
        List<String> messages = new java.util.ArrayList<>();
        for (int m = 0; m < 4; m++) {
            StringBuilder lines = new StringBuilder();
            for (int i = m * 10; i < m * 10 + 10; i++) {
                String text = ("Task " + i + " prepares, reconciles and explains the regional figures for the board, "
                        + "every exception written up and checked twice with the controllers ").repeat(3);
                lines.append(text, 0, 280).append(" - 2.5%\n");
            }
            messages.add(lines.toString());
        }
        redesign(messages);
        Call card = managersCard();
        assertThat(executes(card.card())).hasSize(2);
        assertThat(card.card().path("body").findValues("text").stream().filter(t -> t.asText().startsWith("**")))
                .hasSize(40);
        JsonNode decided = invoke(teams.execute(BEA, idOf(card), "approve",
                data(verb(card.card(), "approve")).put("comment", "Fine"), "manual", TeamsActivities.nextId()));
        assertThat(decided.toString().length() * 2).isLessThan(TEAMS_MESSAGE_LIMIT);
        connector.await(c -> c.method().equals("PUT"));
        assertThat(connector.calls).hasSizeGreaterThan(10);
        for (Call c : connector.calls) {
            assertThat(c.body().toString().length() * 2).as(c.text()).isLessThan(TEAMS_MESSAGE_LIMIT);
        }
    }

    @Test
    void an_activity_from_a_service_url_off_loopback_is_refused_without_an_app_id() throws Exception {
        ObjectNode activity = new TeamsActivities("https://smba.trafficmanager.net/amer/").message(ALICE, "start");
        HttpResponse<String> r = post(activity.toString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).doesNotContain("Exception");
        assertThat(store.address(ALICE.person())).isEmpty();
    }

    @Test
    void a_body_that_is_not_an_activity_is_a_400() throws Exception {
        assertThat(post("{not json").statusCode()).isEqualTo(400);
        assertThat(post("[1,2]").statusCode()).isEqualTo(400);
        // Shaped as an activity, with a field of the wrong type: the SDK reads it as no activity at all.
        ObjectNode wrong = teams.message(ALICE, "start");
        wrong.putArray("from").add(1);
        HttpResponse<String> r = post(wrong.toString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).doesNotContain("Exception");
        assertThat(connector.calls).isEmpty();
    }

    @Test
    void a_repeated_message_is_answered_once() throws Exception {
        String id = TeamsActivities.nextId();
        send(teams.message(ALICE, "start", id));
        send(teams.message(ALICE, "start", id));
        send(teams.message(ALICE, "help"));
        connector.awaitText(ALICE.conversation(), "Words that work at any step");
        assertThat(connector.to(ALICE.conversation())).filteredOn(c -> c.text().contains("What is your current job"))
                .hasSize(1);
    }

    /** A server for Teams on {@code file}'s store with {@code classifier} (the store is closed when it stops). */
    private Server serverOn(Store on, rolecraft.bot.classify.Classifier classifier) {
        Conversations conversations = new Conversations(on, classifier, Clock.systemUTC());
        Prompts prompts = Prompts.builtIn();
        Deliveries deliveries = new Deliveries(on, List.of(), 0);
        TeamsSurface surface = new TeamsSurface(conversations, prompts, deliveries, TeamsConfig.localMode());
        deliveries.register(surface);
        return Server.start(new Server.Config("127.0.0.1", 0), conversations, prompts, List.of(surface), deliveries);
    }

    /** The store file and its WAL as they are on disk now: what a process killed now would leave. */
    private Path leftAsKilled(Path file) throws java.io.IOException {
        Path copy = dir.resolve("killed.db");
        for (String suffix : List.of("", "-wal")) {
            if (java.nio.file.Files.exists(Path.of(file + suffix))) {
                java.nio.file.Files.copy(Path.of(file + suffix), Path.of(copy + suffix));
            }
        }
        return copy;
    }

    @Test
    void a_message_acknowledged_before_a_stop_has_its_turn_when_the_server_starts_again() throws Exception {
        send(teams.install(ALICE));
        send(teams.message(ALICE, "start"));
        int asked = connector.calls.size();
        send(teams.message(ALICE, "Financial Analyst"));
        pickBea(connector.awaitPicker(ALICE.conversation(), asked));
        connector.awaitText(ALICE.conversation(), "Now your tasks");
        server.stop();
        store.close();

        // The same file again, behind a classifier that holds the next turn: Teams hears 200, the turn never ends.
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        rolecraft.bot.classify.Classifier held = task -> {
            holding.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new RuleClassifier().classify(task);
        };
        Path file = dir.resolve("teams.db");
        Store second = Store.sqlite(file);
        server = serverOn(second, held);
        ObjectNode tasks = teams.message(ALICE, "Prepare the monthly report - 40%\nCoach new analysts 60%");
        send(tasks);
        assertThat(holding.await(20, java.util.concurrent.TimeUnit.SECONDS)).as("the turn started").isTrue();
        Path killed = leftAsKilled(file);
        int before = connector.calls.size();

        // Started on what the stop left: the kept message has its turn, answered as a new message in the chat.
        store = Store.sqlite(killed);
        Server third = serverOn(store, new RuleClassifier());
        try {
            Call added = connector.await(c -> connector.calls.indexOf(c) >= before
                    && c.conversation().equals(ALICE.conversation()) && c.text().contains("Added 2 task(s)"));
            assertThat(added.activityId()).as("a new message, not a reply").isNull();
            assertThat(store.activeDraft(ALICE.person()).orElseThrow().tasks()).hasSize(2);

            // Teams delivers the activity again (it heard 200, but may retry): nothing more happens.
            HttpResponse<String> again = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + third.port() + "/api/messages"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(tasks.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).isEqualTo(200);
            HttpResponse<String> help = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + third.port() + "/api/messages"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(teams.message(ALICE, "help").toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(help.statusCode()).isEqualTo(200);
            connector.awaitText(ALICE.conversation(), "Words that work at any step");
            assertThat(connector.to(ALICE.conversation())).filteredOn(c -> c.text().contains("Added 2 task(s)"))
                    .hasSize(1);
            assertThat(store.activeDraft(ALICE.person()).orElseThrow().tasks()).hasSize(2);
        } finally {
            never.countDown();
            third.stop();
        }
    }
}
