package rolecraft.adapters.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.builder.BotFrameworkAdapter;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.AuthenticationConfiguration;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ConversationParameters;
import com.microsoft.bot.schema.ConversationReference;
import com.microsoft.bot.schema.ConversationResourceResponse;
import com.microsoft.bot.schema.ResourceResponse;
import com.microsoft.bot.schema.Serialization;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rolecraft.adapters.server.Deliveries;
import rolecraft.adapters.server.Lanes;
import rolecraft.adapters.server.Surface;
import rolecraft.bot.Conversations;
import rolecraft.bot.Conversations.Message;
import rolecraft.bot.Prompts;
import rolecraft.bot.domain.Action;
import rolecraft.bot.domain.Decision;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.InboxItem;
import rolecraft.bot.domain.DecisionKind;
import rolecraft.bot.domain.Reply;
import rolecraft.bot.domain.Say;
import rolecraft.bot.domain.VersionRef;
import rolecraft.bot.engine.Views;
import rolecraft.bot.store.Notification;
import rolecraft.bot.store.Store;

/**
 * Microsoft Teams, through the Bot Framework SDK: POST /api/messages takes activities, answers at once, and
 * runs each person's turns in order on a lane of its own; replies, proactive messages and card updates go out
 * through the SDK adapter to the activity's service URL. Translation only: the engine decides everything.
 */
public final class TeamsSurface implements Surface {

    private static final Logger LOG = LoggerFactory.getLogger(TeamsSurface.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LANES = 8;
    private static final long SEND_TIMEOUT_SECONDS = 30;
    /** The invoke a card's Action.Execute (a button or a refresh) arrives as. */
    static final String CARD_ACTION = "adaptiveCard/action";
    /**
     * How long a card action's answer waits for its turn: Teams shows an error when a bot takes longer than a few
     * seconds. A turn still running then ends on its own, and the card is updated for everyone when it does.
     */
    private static final long INVOKE_WAIT_MILLIS = 4_000;
    /**
     * Clients that cannot show a card show this many characters of the reply's text: with a card of at most
     * {@link TeamsCards#CARD_BUDGET}, a message stays under Teams' 40 KB.
     */
    static final int FALLBACK_CHARS = 2_000;
    /** A tag's name stops at the next tag, so that a message of many "<at>" is read once, not once from each. */
    static final Pattern AT_TAG = Pattern.compile("(?is)<at>((?:(?!</?at>).)*+)</at>");
    /** An AAD object id (a GUID; tests use plainer ids): letters, digits and dashes only. */
    static final Pattern OBJECT_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** A work email or sign-in name, typed for the manager: nothing that could leave a URL path or quotes. */
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");

    private final Conversations conversations;
    private final Store store;
    private final Prompts prompts;
    private final Deliveries deliveries;
    private final TeamsConfig config;
    private final TeamsAuth auth;
    private final TeamsCards cards;
    private final BotFrameworkAdapter adapter;
    /** Microsoft Graph, or null when it is off. */
    private final TeamsGraph graph;
    /** People whose name was asked of Graph already (found or not), so that each is asked once. */
    private final Set<String> askedNames = ConcurrentHashMap.newKeySet();
    /** Managers the app may not be installed for (Graph said 403): not asked again until a restart. */
    private final Set<String> installRefused = ConcurrentHashMap.newKeySet();
    /** Managers the admin's log line about reaching them was written for (once per process). */
    private final Set<String> adminTold = ConcurrentHashMap.newKeySet();
    /** One single-thread lane per sender hash keeps each person's turns in order. */
    private final Lanes lanes = new Lanes("rolecraft-teams-lane", LANES);
    /** Names seen in activities and mentions, so that a person is written by name. */
    private final Map<String, String> names = new ConcurrentHashMap<>();
    /** Notifications sent already, in case a retry and a first contact race to send one. */
    private final Set<Long> sent = ConcurrentHashMap.newKeySet();
    /** Drafts whose employee was told that the manager cannot be reached yet (once per process). */
    private final Set<Long> told = ConcurrentHashMap.newKeySet();
    /** Recent install events, so that a repeated one does not greet twice. */
    private final Set<String> recentEvents = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    });

    /** Teams with the bot registration in {@code config} (or local mode without one), Graph off. */
    public TeamsSurface(Conversations conversations, Prompts prompts, Deliveries deliveries, TeamsConfig config) {
        this(conversations, prompts, deliveries, config, (GraphConfig) null);
    }

    /** As above, with Microsoft Graph when {@code graph} is not null. */
    public TeamsSurface(Conversations conversations, Prompts prompts, Deliveries deliveries, TeamsConfig config,
                        GraphConfig graph) {
        this(conversations, prompts, deliveries, config, graph, credentials(config));
    }

    /** As above, Graph off, with the source of outbound tokens replaced (tests give a fixed token). */
    TeamsSurface(Conversations conversations, Prompts prompts, Deliveries deliveries, TeamsConfig config,
                 AppCredentials credentials) {
        this(conversations, prompts, deliveries, config, (GraphConfig) null, credentials);
    }

    TeamsSurface(Conversations conversations, Prompts prompts, Deliveries deliveries, TeamsConfig config,
                 GraphConfig graph, AppCredentials credentials) {
        this.conversations = conversations;
        this.store = conversations.store();
        this.prompts = prompts;
        this.deliveries = deliveries;
        this.config = config;
        this.auth = new TeamsAuth(config);
        this.cards = new TeamsCards(prompts);
        this.adapter = new BotFrameworkAdapter(credentials, new AuthenticationConfiguration(), null, null, null);
        this.graph = graph == null ? null : new TeamsGraph(graph);
        if (config.isLocal()) {
            LOG.warn("Teams runs in local mode (no MICROSOFT_APP_ID): activities are taken without authentication, "
                    + "and only from service URLs on loopback");
        } else {
            LOG.info("Teams bot {} ({})", config.appId(), config.appType());
        }
    }

    /** The SDK's credentials for outbound calls: none in local mode, the app's secret otherwise. */
    private static AppCredentials credentials(TeamsConfig config) {
        if (config.isLocal()) {
            return MicrosoftAppCredentials.empty();
        }
        return new MicrosoftAppCredentials(config.appId(), config.appPassword(),
                config.appType() == TeamsConfig.AppType.SINGLE_TENANT ? config.tenantId() : null);
    }

    @Override
    public String name() {
        return "teams";
    }

    @Override
    public void mount(Javalin app) {
        replayKept();
        app.post("/api/messages", this::receive);
    }

    private void receive(Context ctx) {
        String authHeader = ctx.header("Authorization");
        try {
            auth.precheck(authHeader);
        } catch (TeamsAuth.Refused r) {
            refuse(ctx, r);
            return;
        }
        Activity activity;
        JsonNode raw;
        try {
            raw = JSON.readTree(ctx.bodyAsBytes());
            if (raw == null || !raw.isObject() || !raw.hasNonNull("type")) {
                throw new IllegalArgumentException("not an activity");
            }
            // The SDK answers null, not an exception, for JSON of the wrong shape ("from": [1]).
            activity = Serialization.treeToValue(raw, Activity.class);
            if (activity == null) {
                throw new IllegalArgumentException("not an activity");
            }
            // Nothing can be answered without where it came from: refuse before any turn runs.
            if (activity.getConversation() == null || activity.getConversation().getId() == null
                    || activity.getFrom() == null || activity.getFrom().getId() == null
                    || activity.getServiceUrl() == null || activity.getServiceUrl().isBlank()) {
                throw new IllegalArgumentException("an activity without conversation, sender or service URL");
            }
        } catch (Exception e) {
            // The parser's message can quote the body (what people wrote): its details are for DEBUG only.
            LOG.warn("teams: unreadable activity from {} ({})", ctx.ip(), e.getClass().getSimpleName());
            LOG.debug("teams: unreadable activity", e);
            ctx.status(400).json(Map.of("error", "not an activity"));
            return;
        }
        ClaimsIdentity identity;
        try {
            identity = auth.authenticate(authHeader, activity);
        } catch (TeamsAuth.Refused r) {
            refuse(ctx, r);
            return;
        }
        String type = activity.getType();
        if (ActivityTypes.MESSAGE.equals(type)) {
            // Kept before Teams hears 200, so that a stop before its turn loses nothing (its turn runs at the next
            // start); a redelivery of a message kept or answered already is acknowledged and nothing more.
            Message kept = kept(raw);
            try {
                if (kept != null && !conversations.accept(kept, raw.toString())) {
                    ctx.status(200);
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("teams: activity {} could not be kept: {}", activity.getId(), e.toString());
                ctx.status(503).json(Map.of("error", "unavailable"));
                return;
            }
        }
        if (ActivityTypes.INVOKE.equals(type) && CARD_ACTION.equals(activity.getName())) {
            cardAction(ctx, identity, activity, raw);
            return;
        }
        if (ActivityTypes.MESSAGE.equals(type) || ActivityTypes.CONVERSATION_UPDATE.equals(type)) {
            // Teams wants an answer within seconds: the turn runs on the sender's lane.
            lanes.execute(laneKey(activity), () -> process(identity, activity, raw));
        }
        ctx.status(200);
    }

    /**
     * A card's Action.Execute, answered in the HTTP response with the card this person is to see now. A decision
     * runs as a turn on the sender's lane (its activity id makes a retried invoke a repeat); a refresh only reads.
     * The named manager sees the buttons until a decision, anyone else the status, and everyone the outcome.
     */
    private void cardAction(Context ctx, ClaimsIdentity identity, Activity activity, JsonNode raw) {
        JsonNode action = raw.path("value").path("action");
        JsonNode data = action.path("data");
        String person = personOf(raw, raw.path("from"));
        if (person == null || !"Action.Execute".equals(action.path("type").asText())
                || !data.path("role").canConvertToLong() || !data.path("version").canConvertToInt()) {
            ctx.status(200).json(invokeError(400, "BadRequest", "not an action of this bot"));
            return;
        }
        VersionRef ref = new VersionRef(data.path("role").asLong(), data.path("version").asInt());
        if (TeamsCards.DECIDE.equals(data.path("rolecraft").asText())) {
            CompletableFuture<Void> turn = new CompletableFuture<>();
            lanes.execute(laneKey(activity), () -> {
                try {
                    process(identity, activity, raw);
                } finally {
                    turn.complete(null);
                }
            });
            try {
                turn.get(INVOKE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.warn("teams: card action {} still running after {} ms: answered with the card as it is",
                        activity.getId(), INVOKE_WAIT_MILLIS);
            } catch (Exception e) {
                LOG.error("teams: card action {} failed", activity.getId(), e);
            }
        }
        ObjectNode card;
        try {
            card = managerCard(ref, person);
        } catch (RuntimeException e) {
            LOG.error("teams: card for role {} version {} could not be made", ref.roleId(), ref.version(), e);
            ctx.status(200).json(invokeError(500, "InternalError", "unavailable"));
            return;
        }
        if (card == null) {
            ctx.status(200).json(invokeError(404, "NotFound", "no such version"));
            return;
        }
        ObjectNode answer = JSON.createObjectNode().put("statusCode", 200).put("type", TeamsCards.CONTENT_TYPE);
        answer.set("value", card);
        ctx.status(200).contentType("application/json").result(answer.toString());
    }

    private static ObjectNode invokeError(int status, String code, String message) {
        ObjectNode e = JSON.createObjectNode().put("statusCode", status).put("type", "application/vnd.microsoft.error");
        e.putObject("value").put("code", code).put("message", message);
        return e;
    }

    /**
     * The manager's card for a version as {@code viewer} is to see it now, or null when there is no such version:
     * for the manager the buttons until a decision and then the outcome with the draft; for the employee the
     * draft and its state; for anyone else only the state (who it waits for, or the outcome).
     */
    ObjectNode managerCard(VersionRef ref, String viewer) {
        Optional<InboxItem> found = store.version(ref);
        if (found.isEmpty() || found.get().draft().manager() == null) {
            return null;
        }
        Draft d = found.get().draft();
        Map<String, Object> view = Views.draft(d, found.get().previous());
        Prompts.PersonFormat people = people();
        boolean manager = d.manager().equals(viewer);
        if (!manager && !d.employee().equals(viewer)) {
            return cards.manager(view, ref, TeamsCards.View.STATUS, d.decision() == null ? null : outcome(d),
                    d.decision() == null ? teamsIdOf(d.manager()) : List.of(), people);
        }
        if (d.decision() != null) {
            return cards.manager(view, ref, TeamsCards.View.DECIDED, outcome(d), List.of(), people);
        }
        return cards.manager(view, ref, manager ? TeamsCards.View.DECIDE : TeamsCards.View.WAITING, null,
                teamsIdOf(d.manager()), people);
    }

    /** What a decided card says of the decision: who, what, when, and their comment. */
    private static Map<String, Object> outcome(Draft d) {
        Decision decision = d.decision();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("approved", decision.kind() == DecisionKind.APPROVED);
        o.put("manager", person(decision.decidedBy()));
        o.put("version", d.version());
        o.put("date", decision.at() == null ? "" : decision.at().toString().substring(0, 10));
        o.put("comment", decision.comment());
        return o;
    }

    /** The person's Teams user id, from the address they were last reached at (refresh names users by it). */
    private List<String> teamsIdOf(String person) {
        return reference(person).map(r -> r.getUser() == null ? null : r.getUser().getId())
                .map(List::of).orElse(List.of());
    }

    /**
     * What is kept of a message activity before it is acknowledged: its sender and delivery id (the whole
     * activity goes with it, to be translated when its turn runs); null when it has no id to keep it by.
     */
    private static Message kept(JsonNode raw) {
        String person = personOf(raw, raw.path("from"));
        String id = messageId(raw);
        return person == null || id == null ? null
                : new Message(person, raw.path("from").path("name").asText(null), raw.path("text").asText(""),
                        List.of(), id, null);
    }

    /** "teams:&lt;conversation&gt;:&lt;activity id&gt;": a redelivered activity has the same. */
    private static String messageId(JsonNode raw) {
        String id = raw.path("id").asText(null);
        return id == null || id.isBlank() ? null : "teams:" + raw.path("conversation").path("id").asText("") + ":" + id;
    }

    /**
     * Runs the turns of messages kept before a stop whose turns never ran: acknowledged means answered. Each is
     * answered as a new message in its conversation (the activity it followed is long gone from the chat's
     * view), through the connector as the bot.
     */
    private void replayKept() {
        List<Conversations.Accepted> kept = conversations.acceptedOn(name());
        if (!kept.isEmpty()) {
            LOG.info("teams: {} message(s) taken before a stop are run now", kept.size());
        }
        for (Conversations.Accepted a : kept) {
            JsonNode raw;
            Activity activity;
            try {
                raw = JSON.readTree(a.route());
                activity = Serialization.treeToValue(raw, Activity.class);
            } catch (Exception e) {
                LOG.error("teams: a kept message could not be read back ({}): it is left", e.getClass().getSimpleName());
                continue;
            }
            lanes.execute(laneKey(activity), () -> {
                ConversationReference ref = activity.getConversationReference();
                ref.setActivityId(null);
                try {
                    proactive(ref, client -> message(client, list -> list.forEach(x -> post(client, ref, x)),
                            activity, raw));
                } catch (Exception e) {
                    LOG.error("teams: kept activity {} in {} failed", activity.getId(), ref.getConversation().getId(),
                            e);
                }
            });
        }
    }

    private static void refuse(Context ctx, TeamsAuth.Refused r) {
        LOG.warn("teams: request from {} refused ({}): {}", ctx.ip(), r.status, r.getMessage());
        ctx.status(r.status).json(Map.of("error", r.status == 401 ? "unauthorized" : "unavailable"));
    }

    private static String laneKey(Activity a) {
        ChannelAccount from = a.getFrom();
        return from == null ? "" : String.valueOf(from.getAadObjectId() != null ? from.getAadObjectId() : from.getId());
    }


    private void process(ClaimsIdentity identity, Activity activity, JsonNode raw) {
        try {
            adapter.processActivity(identity, activity, turn -> {
                onTurn(turn, raw);
                return CompletableFuture.completedFuture(null);
            }).get(SEND_TIMEOUT_SECONDS * 4, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.error("teams: activity {} in {} failed", activity.getId(),
                    activity.getConversation() == null ? null : activity.getConversation().getId(), e);
        }
    }

    private void onTurn(TurnContext turn, JsonNode raw) {
        Activity activity = turn.getActivity();
        if (ActivityTypes.CONVERSATION_UPDATE.equals(activity.getType())) {
            String person = sender(activity, raw);
            if (person == null) {
                return;
            }
            boolean firstContact = rememberAddress(person, activity);
            if (knownName(person) == null) {
                nameInChat(turn, activity, person);
            }
            if (addsBot(activity) && firstTime(raw)) {
                String name = raw.path("from").path("name").asText("");
                send(turn, List.of(text(TeamsText.render(prompts, "teams_welcome",
                        name.isBlank() ? Map.of() : Map.of("name", name), people()))));
            }
            sendWaiting(person, firstContact);
            return;
        }
        // A message, or a card's Action.Execute run as a decision.
        message(turn.getTurnState().get(BotFrameworkAdapter.CONNECTOR_CLIENT_KEY), list -> send(turn, list), activity,
                raw);
    }

    /**
     * A message's turn: the messages its sender sent before it that were kept and have not had their turns go
     * first, in order; then this one. {@code say} sends the replies into the conversation.
     */
    private void message(ConnectorClient client, Consumer<List<Activity>> say, Activity activity,
                         JsonNode raw) {
        String person = sender(activity, raw);
        if (person == null) {
            return;
        }
        boolean firstContact = rememberAddress(person, activity);
        Message message = translate(client, raw, person);
        for (Conversations.Accepted before : conversations.takenBefore(message)) {
            try {
                answer(client, say, translate(client, JSON.readTree(before.route()), person));
            } catch (java.io.IOException e) {
                LOG.error("teams: a kept message of {} could not be read back: it is left", person);
            }
        }
        answer(client, say, message);
        sendWaiting(person, firstContact);
    }

    /**
     * Teams sends no name with an installation: the person's own chat with the bot has them as a member, and
     * the member has their name.
     */
    private void nameInChat(TurnContext turn, Activity activity, String person) {
        try {
            ConnectorClient client = turn.getTurnState().get(BotFrameworkAdapter.CONNECTOR_CLIENT_KEY);
            ChannelAccount member = client.getConversations().getConversationMember(activity.getFrom().getId(),
                    activity.getConversation().getId()).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            remember(person, member == null ? null : member.getName());
        } catch (Exception e) {
            LOG.info("teams: the name of {} could not be read from their chat: {}", person, e.toString());
        }
    }

    /** The sender's person id, their name remembered; null (and a log line) when the activity names nobody. */
    private String sender(Activity activity, JsonNode raw) {
        String person = personOf(raw, raw.path("from"));
        if (person == null) {
            LOG.warn("teams: activity {} names no sender, ignored", activity.getId());
            return null;
        }
        remember(person, raw.path("from").path("name").asText(null));
        return person;
    }

    private void answer(ConnectorClient client, Consumer<List<Activity>> say, Message message) {
        String person = message.from();
        Conversations.Turn result = conversations.handle(message);
        if (result.duplicate()) {
            return;
        }
        say.accept(result.replies().stream().map(r -> activity(r, message)).toList());
        // A decision by card or typed (approve N): the manager's card for that version shows the outcome.
        result.replies().stream().filter(r -> r.say() == Say.DECIDED).findFirst().ifPresent(r -> {
            VersionRef ref = message.action() instanceof Action.Decide d ? d.ref() : VersionRef.of(r);
            if (ref != null) {
                updateCards(client, ref, person, r);
            }
        });
        deliveries.send(result.notifications());
    }

    private void sendWaiting(String person, boolean firstContact) {
        if (firstContact) {
            // What waited for them (a manager's first draft) goes out now that they can be reached.
            List<Notification> waiting = store.pendingOn(name()).stream()
                    .filter(n -> n.recipient().equals(person)).toList();
            if (!waiting.isEmpty()) {
                LOG.info("teams: {} queued notification(s) for {} now reachable", waiting.size(), person);
                deliveries.send(waiting);
            }
        }
    }

    /** The message for the engine: text without mention tags, mentioned people, a card's decision. */
    private Message translate(ConnectorClient client, JsonNode raw, String person) {
        String text = raw.path("text").asText("");
        List<String> mentions = new ArrayList<>();
        String bot = raw.path("recipient").path("id").asText("");
        for (JsonNode e : raw.path("entities")) {
            if (!"mention".equals(e.path("type").asText())) {
                continue;
            }
            JsonNode who = e.path("mentioned");
            if (who.path("id").asText("").equals(bot)) {
                text = text.replace(e.path("text").asText("\u0000"), " ");
                continue;
            }
            String id = mentioned(client, raw, who);
            if (id != null && !mentions.contains(id)) {
                mentions.add(id);
                remember(id, who.path("name").asText(null));
            }
        }
        // A person's mention tag becomes "@Name", so that a message holding only a mention is not empty.
        text = AT_TAG.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement("@" + m.group(1)))
                .replace('\u00a0', ' ').strip();
        Action action = null;
        // A card's Action.Execute has its data (with the card's inputs) in value.action.data; an Action.Submit of
        // a card sent before Universal Actions has it in the message's value.
        JsonNode value = ActivityTypes.INVOKE.equals(raw.path("type").asText())
                ? raw.path("value").path("action").path("data") : raw.path("value");
        if (value.isObject() && TeamsCards.DECIDE.equals(value.path("rolecraft").asText())) {
            try {
                DecisionKind kind = DecisionKind.fromWord(value.path("decision").asText());
                String changes = value.path(TeamsCards.CHANGES).asText("");
                String comment = kind == DecisionKind.CHANGES_REQUESTED && !changes.isBlank() ? changes
                        : value.path(TeamsCards.COMMENT).asText("");
                action = new Action.Decide(new VersionRef(value.path("role").asLong(), value.path("version").asInt()),
                        kind, comment);
            } catch (IllegalArgumentException e) {
                LOG.warn("teams: card action with an unknown decision from {}", person);
            }
        }
        String chosen = value.isObject() && TeamsCards.MANAGER.equals(value.path("rolecraft").asText())
                ? chosen(value.path(TeamsCards.MANAGER).asText("")) : null;
        if (chosen != null) {
            // The people picker's submit names the manager as a mention would.
            String id = "teams:" + tenant(raw) + ":" + chosen;
            mentions.add(0, id);
            text = "@" + people().name(id);
        } else if (mentions.isEmpty() && graph != null && EMAIL.matcher(text).matches()) {
            byEmail(tenant(raw), text).ifPresent(mentions::add);
        }
        return new Message(person, raw.path("from").path("name").asText(null), text, mentions, messageId(raw), action);
    }

    /** The AAD object id the picker sent (the first, were several chosen), or null when it is none. */
    private static String chosen(String value) {
        String first = value.split(",", 2)[0].strip();
        return OBJECT_ID.matcher(first).matches() ? first : null;
    }

    /** The person whose work email or sign-in name this is, through Graph; their name remembered. */
    private Optional<String> byEmail(String tenant, String email) {
        try {
            return graph.byEmail(tenant, email).map(p -> {
                String id = "teams:" + tenant + ":" + p.id();
                remember(id, p.name());
                return id;
            });
        } catch (TeamsGraph.Failure f) {
            LOG.warn("teams: a person could not be looked up by email: {}", f.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A mentioned person's id. Teams names them by their Teams user id; their Azure AD object id, which person
     * ids use, is in the mention when Teams gives it, else asked of the conversation's members.
     */
    private String mentioned(ConnectorClient client, JsonNode raw, JsonNode who) {
        if (who.hasNonNull("aadObjectId")) {
            return personOf(raw, who);
        }
        try {
            ChannelAccount member = client.getConversations()
                    .getConversationMember(who.path("id").asText(), raw.path("conversation").path("id").asText())
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (member != null && member.getAadObjectId() != null) {
                return "teams:" + tenant(raw) + ":" + member.getAadObjectId();
            }
        } catch (Exception e) {
            LOG.info("teams: mentioned user {} could not be looked up: {}", who.path("id").asText(), e.toString());
        }
        return null;
    }

    /** "teams:&lt;tenant&gt;:&lt;aad object id&gt;" (the Emulator has no AAD: its user id stands in). */
    private static String personOf(JsonNode raw, JsonNode account) {
        String aad = account.path("aadObjectId").asText(null);
        if (aad == null) {
            aad = account.path("id").asText(null);
        }
        return aad == null || aad.isBlank() ? null : "teams:" + tenant(raw) + ":" + aad;
    }

    private static String tenant(JsonNode raw) {
        String t = raw.path("conversation").path("tenantId").asText(null);
        if (t == null) {
            t = raw.path("channelData").path("tenant").path("id").asText(null);
        }
        return t == null ? "local" : t;
    }

    private static boolean addsBot(Activity a) {
        String bot = a.getRecipient() == null ? null : a.getRecipient().getId();
        return a.getMembersAdded() != null && a.getMembersAdded().stream().anyMatch(m -> m.getId() != null
                && m.getId().equals(bot));
    }

    private boolean firstTime(JsonNode raw) {
        String key = raw.path("conversation").path("id").asText() + ":" + raw.path("id").asText();
        synchronized (recentEvents) {
            return recentEvents.add(key);
        }
    }

    /** Keeps how to reach the person (for proactive messages); true when they could not be reached before. */
    private boolean rememberAddress(String person, Activity activity) {
        ConversationReference ref = activity.getConversationReference();
        ref.setActivityId(null);
        String json = Serialization.toStringSilent(ref);
        Optional<String> before = store.address(person);
        if (before.isEmpty() || !before.get().equals(json)) {
            store.saveAddress(person, json);
        }
        return before.isEmpty();
    }

    private void remember(String person, String name) {
        if (name != null && !name.isBlank()) {
            names.put(person, name.strip());
        }
    }

    private static Map<String, Object> person(String id) {
        return Map.of("@person", id);
    }

    /** People by name: as seen in an activity or a mention, or as their stored address names them. */
    Prompts.PersonFormat people() {
        return id -> {
            String name = knownName(id);
            return name != null ? name : prompts.render("teams_someone", Map.of(), Prompts.PersonFormat.PLAIN);
        };
    }

    /** A person's name as seen (activity, mention, their chat), as their stored address or the directory names them. */
    private String knownName(String id) {
        String name = names.get(id);
        if (name == null) {
            name = store.address(id).map(a -> {
                try {
                    return JSON.readTree(a).path("user").path("name").asText(null);
                } catch (Exception e) {
                    return null;
                }
            }).orElse(null);
        }
        return name != null ? name : directoryName(id);
    }

    /** A Teams person's display name from Graph (asked once per person), or null. */
    private String directoryName(String person) {
        String[] p = teamsPerson(person);
        if (graph == null || p == null || !askedNames.add(person)) {
            return null;
        }
        try {
            String name = graph.user(p[0], p[1]).map(TeamsGraph.Person::name).orElse(null);
            remember(person, name);
            return name;
        } catch (TeamsGraph.Failure f) {
            LOG.info("teams: the name of {} could not be looked up: {}", person, f.getMessage());
            return null;
        }
    }

    /** Tenant and AAD object id of a person id "teams:&lt;tenant&gt;:&lt;aad&gt;", or null for another. */
    private static String[] teamsPerson(String person) {
        String[] p = person.split(":", 3);
        return p.length == 3 && p[0].equals("teams") && OBJECT_ID.matcher(p[2]).matches()
                ? new String[] {p[1], p[2]} : null;
    }

    /** A reply to {@code message}: the question for the manager comes with a people picker. */
    private Activity activity(Reply reply, Message message) {
        Say say = reply.say();
        if (say != Say.ASK_MANAGER && say != Say.MANAGER_INVALID && say != Say.MANAGER_SELF) {
            return activity(reply);
        }
        Map<String, Object> p = new HashMap<>(reply.params());
        p.put("self", say == Say.MANAGER_SELF);
        if (say == Say.MANAGER_INVALID) {
            boolean email = EMAIL.matcher(message.text()).matches();
            p.put(!email ? "not_caught" : graph != null ? "not_found" : "no_lookup", true);
            p.put("email", message.text());
        }
        String[] employee = teamsPerson(message.from());
        TeamsGraph.Person proposed = employee == null ? null : proposedManager(employee[0], employee[1]);
        if (proposed != null) {
            p.put("proposed", person("teams:" + employee[0] + ":" + proposed.id()));
        }
        Prompts.PersonFormat people = people();
        String question = TeamsText.render(prompts, "teams_manager_question", p, people);
        ObjectNode card = cards.managerPicker(question, p, people, proposed == null ? null : proposed.id(),
                proposed == null ? null : proposed.name(), graph != null);
        return card(card, question + "\n" + TeamsText.render(prompts, "teams_manager_fallback", p, people));
    }

    /** The employee's manager in the directory, with a name (remembered); null without Graph or a manager. */
    private TeamsGraph.Person proposedManager(String tenant, String employee) {
        if (graph == null) {
            return null;
        }
        try {
            return graph.manager(tenant, employee).filter(m -> m.name() != null).map(m -> {
                remember("teams:" + tenant + ":" + m.id(), m.name());
                return m;
            }).orElse(null);
        } catch (TeamsGraph.Failure f) {
            LOG.info("teams: the manager of {} could not be looked up: {}", employee, f.getMessage());
            return null;
        }
    }

    private Activity activity(Reply reply) {
        Prompts.PersonFormat people = people();
        String text = TeamsText.render(prompts, reply, people);
        ObjectNode card = cards.card(reply, people);
        return card == null ? text(text) : card(card, text);
    }

    private static Activity text(String text) {
        Activity a = Activity.createMessageActivity();
        a.setText(text);
        return a;
    }

    /** A card, with the reply as text (as much as fits in a message) for clients that cannot show it. */
    private static Activity card(ObjectNode card, String fallback) {
        card.put("fallbackText", Prompts.clip(fallback, FALLBACK_CHARS));
        Attachment attachment = new Attachment();
        attachment.setContentType(TeamsCards.CONTENT_TYPE);
        attachment.setContent(dotsKept(card));
        Activity a = Activity.createMessageActivity();
        a.setSummary(fallback.lines().findFirst().orElse(""));
        a.setAttachment(attachment);
        return a;
    }

    /**
     * The card as the SDK must be handed it: its serializer reads a dot in a key as a nested object ("choices.data"
     * would become "choices": {"data": …} and fail, "choices" being a list); a backslash before the dot keeps it.
     */
    static JsonNode dotsKept(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            node.fields().forEachRemaining(f -> out.set(f.getKey().replace(".", "\\."), dotsKept(f.getValue())));
            return out;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode out = JSON.createArrayNode();
            node.forEach(n -> out.add(dotsKept(n)));
            return out;
        }
        return node;
    }

    private static ResourceResponse[] send(TurnContext turn, List<Activity> activities) {
        if (activities.isEmpty()) {
            return new ResourceResponse[0];
        }
        try {
            return turn.sendActivities(activities).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to Teams: " + e.getMessage(), e);
        }
    }

    /**
     * After a decision, the manager's card shows the outcome and the draft it was decided on, with no buttons, for
     * everyone who sees it.
     */
    private void updateCards(ConnectorClient client, VersionRef ref, String manager, Reply decided) {
        List<String> posted = store.posted(ref, manager);
        if (posted.isEmpty()) {
            return;
        }
        ObjectNode decidedCard = managerCard(ref, manager);
        if (decidedCard == null) {
            return;
        }
        for (String one : posted) {
            try {
                JsonNode p = JSON.readTree(one);
                Activity update = card(decidedCard.deepCopy(), TeamsText.render(prompts, decided, people()));
                update.setId(p.path("activity").asText());
                client.getConversations().updateActivity(p.path("conversation").asText(),
                        p.path("activity").asText(), update).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("teams: could not update the card for role {} version {}: {}", ref.roleId(), ref.version(),
                        e.toString());
            }
        }
    }

    @Override
    public boolean deliver(Notification notification) throws Exception {
        if (sent.contains(notification.id())) {
            return true;
        }
        Optional<ConversationReference> address = reference(notification.recipient());
        if (address.isEmpty()) {
            address = reachFirst(notification);
        }
        if (address.isEmpty()) {
            tellEmployee(notification);
            return false;
        }
        ConversationReference ref = address.get();
        proactive(ref, client -> {
            for (Reply reply : notification.replies()) {
                ResourceResponse r = post(client, ref, reply.say() == Say.NOTICE_NEW_DRAFT
                        ? managerNotice(reply, ref) : activity(reply));
                if (reply.say() == Say.NOTICE_NEW_DRAFT && r != null && r.getId() != null) {
                    ObjectNode posted = JSON.createObjectNode().put("conversation", ref.getConversation().getId())
                            .put("activity", r.getId());
                    store.savePosted(TeamsCards.ref(reply), notification.recipient(), posted.toString());
                }
            }
        });
        sent.add(notification.id());
        return true;
    }

    /**
     * A manager who never opened rolecraft: through Graph, the app is installed for them and their personal chat
     * opened (through the Bot Connector at the employee's service URL), and its address stored, so that the
     * greeting the installation brings finds them reachable already. Empty when Graph is off or refuses.
     */
    private Optional<ConversationReference> reachFirst(Notification n) throws Exception {
        String recipient = n.recipient();
        String[] p = teamsPerson(recipient);
        Optional<ConversationReference> from = employeeOf(n).flatMap(this::reference);
        if (p == null || from.isEmpty()) {
            return Optional.empty();
        }
        if (graph == null) {
            if (adminTold.add(recipient)) {
                LOG.warn("teams: {} has not opened rolecraft, so the draft waits for them; with "
                        + "MICROSOFT_GRAPH_ENABLED=true and the Graph application permission "
                        + "TeamsAppInstallation.ReadWriteSelfForUser.All rolecraft installs itself for them",
                        recipient);
            }
            return Optional.empty();
        }
        if (installRefused.contains(recipient)) {
            return Optional.empty();
        }
        try {
            TeamsGraph.Installed installed = graph.install(p[0], p[1]);
            LOG.info("teams: rolecraft {} for {}",
                    installed == TeamsGraph.Installed.NOW ? "installed" : "was installed", recipient);
        } catch (TeamsGraph.Failure f) {
            if (f.status == 403) {
                installRefused.add(recipient);
                LOG.warn("teams: rolecraft may not be installed for {} (Graph: 403): grant the app the application "
                        + "permission TeamsAppInstallation.ReadWriteSelfForUser.All with admin consent, and publish it "
                        + "to the organisation's app catalog; the draft waits until they open rolecraft", recipient);
            } else {
                LOG.warn("teams: rolecraft could not be installed for {}: {}", recipient, f.getMessage());
            }
            return Optional.empty();
        }
        ConversationReference employee = from.get();
        ConversationParameters params = new ConversationParameters();
        params.setIsGroup(false);
        params.setBot(employee.getBot());
        params.setMembers(List.of(new ChannelAccount(p[1])));
        params.setTenantId(p[0]);
        ObjectNode channelData = JSON.createObjectNode();
        channelData.putObject("tenant").put("id", p[0]);
        params.setChannelData(channelData);
        AtomicReference<ConversationResourceResponse> created = new AtomicReference<>();
        proactive(employee, client -> {
            try {
                created.set(client.getConversations().createConversation(params)
                        .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new IllegalStateException("could not open a chat in Teams: " + e.getMessage(), e);
            }
        });
        ConversationResourceResponse chat = created.get();
        if (chat == null || chat.getId() == null) {
            return Optional.empty();
        }
        ChannelAccount user = new ChannelAccount(p[1]);
        user.setAadObjectId(p[1]);
        ConversationAccount conversation = new ConversationAccount(chat.getId());
        conversation.setTenantId(p[0]);
        conversation.setConversationType("personal");
        ConversationReference ref = new ConversationReference();
        ref.setChannelId(employee.getChannelId());
        ref.setServiceUrl(chat.getServiceUrl() != null ? chat.getServiceUrl() : employee.getServiceUrl());
        ref.setBot(employee.getBot());
        ref.setUser(user);
        ref.setConversation(conversation);
        if (store.address(recipient).isEmpty()) {
            store.saveAddress(recipient, Serialization.toStringSilent(ref));
        }
        return reference(recipient);
    }

    /** The employee a new draft comes from. */
    private static Optional<String> employeeOf(Notification n) {
        return n.replies().stream().filter(r -> r.say() == Say.NOTICE_NEW_DRAFT)
                .map(r -> r.params().get("employee")).filter(e -> e instanceof Map<?, ?>)
                .map(e -> String.valueOf(((Map<?, ?>) e).get("@person"))).findFirst();
    }

    /**
     * The card that asks a manager to decide: its refresh names them, so that each time they see it their client
     * asks for the card as it is then (the buttons, or the outcome once decided anywhere).
     */
    private Activity managerNotice(Reply reply, ConversationReference to) {
        Prompts.PersonFormat people = people();
        ObjectNode card = cards.manager(TeamsCards.draftOf(reply), TeamsCards.ref(reply), TeamsCards.View.DECIDE,
                null, to.getUser() == null ? List.of() : List.of(to.getUser().getId()), people);
        return card(card, TeamsText.render(prompts, reply, people));
    }

    /** A draft waits for a manager Teams cannot reach yet: its employee hears so, once. */
    private void tellEmployee(Notification n) throws Exception {
        for (Reply reply : n.replies()) {
            if (reply.say() != Say.NOTICE_NEW_DRAFT || !(reply.params().get("employee") instanceof Map<?, ?> e)) {
                continue;
            }
            String employee = String.valueOf(e.get("@person"));
            Optional<ConversationReference> ref = reference(employee);
            if (ref.isPresent() && told.add(n.id())) {
                Activity a = text(TeamsText.render(prompts, "teams_manager_unreachable",
                        Map.of("manager", person(n.recipient()), "named", knownName(n.recipient()) != null), people()));
                proactive(ref.get(), client -> post(client, ref.get(), a));
            }
        }
    }

    private Optional<ConversationReference> reference(String person) {
        return store.address(person).map(json -> {
            try {
                return JSON.readValue(json, ConversationReference.class);
            } catch (Exception e) {
                LOG.warn("teams: stored address of {} unreadable: {}", person, e.getMessage());
                return null;
            }
        });
    }

    /**
     * Runs {@code body} with a connector client for the conversation {@code ref} names, authenticated as the bot
     * by the SDK adapter.
     */
    private void proactive(ConversationReference ref, Consumer<ConnectorClient> body)
            throws Exception {
        adapter.continueConversation(config.isLocal() ? "" : config.appId(), ref, turn -> {
            body.accept(turn.getTurnState().get(BotFrameworkAdapter.CONNECTOR_CLIENT_KEY));
            return CompletableFuture.completedFuture(null);
        }).get(SEND_TIMEOUT_SECONDS * 2, TimeUnit.SECONDS);
    }

    /** A new message in the conversation (not a reply to any activity). */
    private static ResourceResponse post(ConnectorClient client, ConversationReference ref, Activity activity) {
        activity.setFrom(ref.getBot());
        activity.setRecipient(ref.getUser());
        activity.setConversation(ref.getConversation());
        activity.setChannelId(ref.getChannelId());
        activity.setServiceUrl(ref.getServiceUrl());
        try {
            return client.getConversations().sendToConversation(ref.getConversation().getId(), activity)
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to Teams: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        lanes.close();
    }
}
