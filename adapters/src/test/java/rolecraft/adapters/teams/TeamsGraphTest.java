package rolecraft.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Map;
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

/**
 * Teams with Microsoft Graph on: the real server in local mode, a fake Bot Connector and a fake Graph that
 * records what the bot asked. The manager is proposed from the directory, named by email, and reached through
 * installing the app for them when they never opened it.
 */
class TeamsGraphTest {

    static final String APP_ID = "4f8a6c1e-0b2d-4e3f-9a7b-1c2d3e4f5a6b";
    static final String SECRET = "graph-secret-value";
    static final User ALICE = TeamsSurfaceTest.ALICE;
    static final User BEA = TeamsSurfaceTest.BEA;

    @TempDir
    Path dir;
    /** What was logged during the test (the log goes to standard error), beside what standard error shows. */
    private final java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
    private java.io.PrintStream stderr;
    private FakeConnector connector;
    private FakeGraph graph;
    private Store store;
    private Server server;
    private TeamsActivities teams;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        stderr = System.err;
        java.io.OutputStream both = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                stderr.write(b);
                synchronized (logged) {
                    logged.write(b);
                }
            }
        };
        System.setErr(new java.io.PrintStream(both, true, java.nio.charset.StandardCharsets.UTF_8));
        connector = new FakeConnector();
        connector.installed(ALICE.teamsId(), ALICE.name(), ALICE.aad(), ALICE.conversation());
        graph = new FakeGraph(APP_ID);
        graph.person(new FakeGraph.Person(ALICE.aad(), ALICE.name(), "alice.able@contoso.com", BEA.aad()));
        graph.person(new FakeGraph.Person(BEA.aad(), BEA.name(), "bea.boss@contoso.com", null));
        // Installing the app for Bea gives her a personal chat with the bot, as Teams does.
        graph.onInstall = aad -> {
            if (aad.equals(BEA.aad())) {
                connector.installed(BEA.teamsId(), BEA.name(), BEA.aad(), BEA.conversation());
            }
        };
        store = Store.sqlite(dir.resolve("teams.db"));
        Conversations conversations = new Conversations(store, new RuleClassifier(), Clock.systemUTC());
        Prompts prompts = Prompts.builtIn();
        Deliveries deliveries = new Deliveries(store, List.of(), 0);
        TeamsSurface surface = new TeamsSurface(conversations, prompts, deliveries, TeamsConfig.localMode(),
                graphConfig());
        deliveries.register(surface);
        server = Server.start(new Server.Config("127.0.0.1", 0), conversations, prompts, List.of(surface), deliveries);
        teams = new TeamsActivities(connector.serviceUrl());
    }

    private GraphConfig graphConfig() {
        return new GraphConfig(APP_ID, SECRET, null, null, graph.loginUrl(), graph.graphUrl());
    }

    @AfterEach
    void stop() {
        server.stop();
        connector.close();
        graph.close();
        System.setErr(stderr);
    }

    private String log() {
        synchronized (logged) {
            return logged.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private void send(ObjectNode activity) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/api/messages"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(activity.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    /** Alice starts and names her role; returns the people picker that asks for her manager. */
    private Call askedForManager() throws Exception {
        send(teams.install(ALICE));
        connector.awaitText(ALICE.conversation(), "I'm rolecraft");
        send(teams.message(ALICE, "start"));
        send(teams.message(ALICE, "Financial Analyst"));
        return connector.awaitPicker(ALICE.conversation(), 0);
    }

    /** From the picker to a submitted draft. */
    private void pickBeaAndSubmit(Call picker) throws Exception {
        send(teams.pick(ALICE, picker.id(), (ObjectNode) picker.card().path("actions").get(0).path("data"),
                BEA.aad()));
        connector.awaitText(ALICE.conversation(), "Now your tasks");
        for (ObjectNode a : teams.tasksToSubmit(ALICE)) {
            send(a);
        }
        connector.awaitText(ALICE.conversation(), "Sent to Bea Boss");
    }

    private Call beasCard() throws InterruptedException {
        return connector.await(c -> c.conversation().equals(BEA.conversation()) && c.card() != null
                && c.card().path("actions").size() == 2);
    }

    @Test
    void a_manager_who_never_opened_rolecraft_gets_the_card_through_graph_approves_and_the_employee_is_told()
            throws Exception {
        // The directory's manager is offered in the picker, chosen already, for Alice to confirm.
        Call picker = askedForManager();
        JsonNode input = picker.card().path("body").get(1);
        assertThat(input.path("value").asText()).isEqualTo(BEA.aad());
        assertThat(input.path("choices").get(0).path("title").asText()).isEqualTo("Bea Boss");
        assertThat(input.path("choices.data").path("dataset").asText()).isEqualTo("graph.microsoft.com/users");
        assertThat(picker.card().path("body").get(0).path("text").asText())
                .contains("Your organisation's directory says Bea Boss: choose them, or pick someone else.");
        assertThat(graph.to("/v1.0/users/" + ALICE.aad() + "/manager")).isNotEmpty();

        pickBeaAndSubmit(picker);

        // rolecraft installs itself for Bea, opens her personal chat and delivers the card there.
        Call card = beasCard();
        assertThat(card.activityId()).as("a proactive message").isNull();
        assertThat(card.card().path("body").get(0).path("text").asText())
                .isEqualTo("Alice Able asks you to approve their role redesign: Financial Analyst, version 1");
        List<FakeGraph.Request> installs = graph.to("/v1.0/users/" + BEA.aad() + "/teamwork/installedApps");
        assertThat(installs).hasSize(1);
        assertThat(new ObjectMapper().readTree(installs.get(0).body()).path("teamsApp@odata.bind").asText())
                .isEqualTo(graph.graphUrl() + "/appCatalogs/teamsApps/" + FakeGraph.CATALOG_ID);
        assertThat(graph.to("/v1.0/appCatalogs/teamsApps").get(0).query()).contains("externalId eq '" + APP_ID + "'");
        assertThat(connector.created).hasSize(1);
        JsonNode created = connector.created.get(0);
        assertThat(created.path("members").get(0).path("id").asText()).isEqualTo(BEA.aad());
        assertThat(created.path("tenantId").asText()).isEqualTo(TeamsActivities.TENANT);
        assertThat(created.path("isGroup").asBoolean()).isFalse();
        assertThat(store.address(BEA.person())).isPresent();
        assertThat(connector.to(ALICE.conversation())).noneMatch(c -> c.text().contains("hasn't opened"));

        // Every Graph call went with one token, asked for as the app from the tenant, for Graph.
        List<FakeGraph.Request> tokens = graph.tokenRequests();
        assertThat(tokens).hasSize(1);
        assertThat(tokens.get(0).path()).isEqualTo("/login/" + TeamsActivities.TENANT + "/oauth2/v2.0/token");
        Map<String, String> form = FakeGraph.formOf(tokens.get(0));
        assertThat(form).containsEntry("grant_type", "client_credentials").containsEntry("client_id", APP_ID)
                .containsEntry("client_secret", SECRET).containsEntry("scope", "https://graph.microsoft.com/.default");
        assertThat(graph.requests).filteredOn(r -> !r.path().startsWith("/login/"))
                .allMatch(r -> "Bearer graph-token-1".equals(r.authorization()))
                .noneMatch(r -> (r.query() + r.body()).contains(SECRET));
        assertThat(log()).doesNotContain(SECRET).doesNotContain("graph-token-");

        // The installation's greeting follows: Bea is greeted, and the card is not delivered twice.
        send(teams.install(BEA));
        connector.awaitText(BEA.conversation(), "I'm rolecraft");
        send(teams.message(BEA, "help"));
        connector.awaitText(BEA.conversation(), "Words that work at any step");
        assertThat(connector.to(BEA.conversation())).filteredOn(c -> c.card() != null
                && c.card().path("actions").size() == 2).hasSize(1);

        // Bea approves on the card; Alice is told.
        ObjectNode approve = (ObjectNode) card.card().path("actions").get(0).path("data");
        send(teams.cardAction(BEA, card.id(), approve, "Well done", TeamsActivities.nextId()));
        connector.awaitText(ALICE.conversation(),
                "Bea Boss approved your redesign of Financial Analyst (version 1). Their comment: \"Well done\"");
        assertThat(connector.await(c -> c.method().equals("PUT")).activityId()).isEqualTo(card.id());
    }

    @Test
    void without_the_graph_permission_the_employee_is_told_and_the_card_waits_until_the_manager_opens_rolecraft()
            throws Exception {
        graph.installStatus = 403;
        pickBeaAndSubmit(askedForManager());

        connector.awaitText(ALICE.conversation(), "Bea Boss hasn't opened rolecraft in Teams yet");
        assertThat(graph.to("/v1.0/users/" + BEA.aad() + "/teamwork/installedApps")).hasSize(1);
        assertThat(connector.created).as("no chat is opened without the app").isEmpty();
        assertThat(connector.to(BEA.conversation())).isEmpty();
        assertThat(store.pendingOn("teams")).hasSize(1);
        // One line tells the admin which permission is missing.
        assertThat(log().lines().filter(l -> l.contains("TeamsAppInstallation.ReadWriteSelfForUser.All")))
                .hasSize(1).allMatch(l -> l.contains(BEA.person()) && l.contains("403"));

        // Bea adds rolecraft herself: the card arrives then.
        connector.installed(BEA.teamsId(), BEA.name(), BEA.aad(), BEA.conversation());
        send(teams.install(BEA));
        assertThat(beasCard().activityId()).isNull();
    }

    @Test
    void an_app_installed_already_409_is_no_failure_and_the_manager_is_reached() throws Exception {
        graph.alreadyInstalled(BEA.aad());
        connector.installed(BEA.teamsId(), BEA.name(), BEA.aad(), BEA.conversation());
        pickBeaAndSubmit(askedForManager());

        beasCard();
        assertThat(connector.created).hasSize(1);
        assertThat(connector.to(ALICE.conversation())).noneMatch(c -> c.text().contains("hasn't opened"));
    }

    @Test
    void a_typed_work_email_names_the_manager_through_graph_and_an_unknown_one_is_said_plainly() throws Exception {
        askedForManager();
        int before = connector.calls.size();
        send(teams.message(ALICE, "nobody@contoso.com"));
        Call unknown = connector.awaitPicker(ALICE.conversation(), before);
        assertThat(unknown.text()).startsWith("I couldn't find anyone in your organisation whose work email is "
                + "nobody@contoso.com.");

        send(teams.message(ALICE, "Bea.Boss@contoso.com"));
        connector.awaitText(ALICE.conversation(), "Now your tasks");
        assertThat(store.activeDraft(ALICE.person()).orElseThrow().manager()).isEqualTo(BEA.person());
        assertThat(graph.to("/v1.0/users").stream().filter(r -> r.path().equals("/v1.0/users")).toList())
                .anyMatch(r -> r.query().contains("mail eq 'Bea.Boss@contoso.com'"));
    }

    @Test
    void someone_chosen_by_id_alone_is_called_by_their_name_in_the_directory() throws Exception {
        // Alice has no manager in the directory: nobody is proposed, and Teams sends only Bea's id.
        graph.person(new FakeGraph.Person(ALICE.aad(), ALICE.name(), "alice.able@contoso.com", null));
        Call picker = askedForManager();
        assertThat(picker.card().path("body").get(1).path("choices")).isEmpty();
        assertThat(picker.card().path("body").get(1).has("value")).isFalse();
        send(teams.pick(ALICE, picker.id(), (ObjectNode) picker.card().path("actions").get(0).path("data"),
                BEA.aad()));
        connector.awaitText(ALICE.conversation(), "Now your tasks");
        send(teams.message(ALICE, "status"));
        connector.awaitText(ALICE.conversation(), "Manager: Bea Boss");
        assertThat(graph.to("/v1.0/users/" + BEA.aad())).anyMatch(r -> r.path().equals("/v1.0/users/" + BEA.aad()));
    }

    @Test
    void graph_is_off_unless_enabled_and_then_needs_the_apps_credentials() {
        assertThat(GraphConfig.fromEnv(Map.of("MICROSOFT_APP_ID", APP_ID, "MICROSOFT_APP_PASSWORD", SECRET)))
                .isNull();
        assertThatThrownBy(() -> GraphConfig.fromEnv(Map.of("MICROSOFT_GRAPH_ENABLED", "true")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MICROSOFT_APP_ID");
        GraphConfig on = GraphConfig.fromEnv(Map.of("MICROSOFT_GRAPH_ENABLED", "true", "MICROSOFT_APP_ID", APP_ID,
                "MICROSOFT_APP_PASSWORD", SECRET));
        assertThat(on.graphUrl()).isEqualTo("https://graph.microsoft.com/v1.0");
        assertThat(on.loginUrl()).isEqualTo("https://login.microsoftonline.com");
        assertThat(on.toString()).doesNotContain(SECRET);
    }

    @Test
    void a_token_is_kept_until_shortly_before_it_runs_out() throws Exception {
        TeamsGraph client = new TeamsGraph(graphConfig());
        assertThat(client.user(TeamsActivities.TENANT, BEA.aad())).map(TeamsGraph.Person::name).contains("Bea Boss");
        assertThat(client.user(TeamsActivities.TENANT, ALICE.aad())).isPresent();
        assertThat(graph.tokenRequests()).hasSize(1);

        // A token that lasts less than the margin is asked for again each time.
        graph.tokenSeconds = 60;
        TeamsGraph shortLived = new TeamsGraph(graphConfig());
        shortLived.user(TeamsActivities.TENANT, BEA.aad());
        shortLived.user(TeamsActivities.TENANT, BEA.aad());
        assertThat(graph.tokenRequests()).hasSize(3);
        assertThat(shortLived.user(TeamsActivities.TENANT, "no-such-person")).isEmpty();
    }

    @Test
    void with_the_catalog_id_set_the_app_is_installed_without_a_catalog_lookup() throws Exception {
        TeamsGraph client = new TeamsGraph(new GraphConfig(APP_ID, SECRET, TeamsActivities.TENANT,
                FakeGraph.CATALOG_ID, graph.loginUrl(), graph.graphUrl()));
        assertThat(client.install(TeamsActivities.TENANT, BEA.aad())).isEqualTo(TeamsGraph.Installed.NOW);
        assertThat(client.install(TeamsActivities.TENANT, BEA.aad())).isEqualTo(TeamsGraph.Installed.ALREADY);
        assertThat(graph.to("/v1.0/appCatalogs")).isEmpty();
        graph.installStatus = 403;
        assertThatThrownBy(() -> client.install(TeamsActivities.TENANT, ALICE.aad()))
                .isInstanceOf(TeamsGraph.Failure.class)
                .satisfies(e -> assertThat(((TeamsGraph.Failure) e).status).isEqualTo(403));
    }

    @Test
    void graph_out_of_reach_is_a_failure_that_names_no_secret() throws Exception {
        graph.close();
        TeamsGraph client = new TeamsGraph(graphConfig());
        assertThatThrownBy(() -> client.manager(TeamsActivities.TENANT, ALICE.aad()))
                .isInstanceOf(TeamsGraph.Failure.class)
                .satisfies(e -> assertThat(((TeamsGraph.Failure) e).status).isZero())
                .hasMessageNotContaining(SECRET);
        // An id that is not an object id never reaches a URL.
        assertThatThrownBy(() -> client.user(TeamsActivities.TENANT, "../me"))
                .isInstanceOf(TeamsGraph.Failure.class);
    }
}
