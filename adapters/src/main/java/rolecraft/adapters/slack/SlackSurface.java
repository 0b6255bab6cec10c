package rolecraft.adapters.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.view.ViewState;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rolecraft.adapters.server.Deliveries;
import rolecraft.adapters.server.Lanes;
import rolecraft.adapters.server.Surface;
import rolecraft.adapters.slack.SlackBlocks.SlackMessage;
import rolecraft.bot.Conversations;
import rolecraft.bot.Conversations.Message;
import rolecraft.bot.Prompts;
import rolecraft.bot.domain.Action;
import rolecraft.bot.domain.DecisionKind;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.Reply;
import rolecraft.bot.domain.Say;
import rolecraft.bot.domain.VersionRef;
import rolecraft.bot.export.Exporter;
import rolecraft.bot.store.Notification;
import rolecraft.bot.store.Store;

/**
 * rolecraft as a Slack app (Bolt for Java): direct messages, the /rolecraft command, the App Home, and the
 * manager's card with Approve / Request changes. Listeners only acknowledge and queue; the work runs on
 * lanes this surface owns, one person's work in order on one lane.
 */
public final class SlackSurface implements Surface {

    private static final Logger LOG = LoggerFactory.getLogger(SlackSurface.class);
    static final String PATH = "/slack/events";
    static final String COMMAND = "/rolecraft";
    /**
     * Lanes for people's turns: as many as the employees a company has writing at once, so that a person seldom
     * waits behind another's whole turn and the replies it posts.
     */
    private static final int LANES = 64;

    private final Conversations conversations;
    private final Store store;
    private final Deliveries deliveries;
    private final SlackSettings settings;
    private final SlackBlocks blocks;
    private final Slack slack;
    private final App app;
    private final SlackApi api;
    private final SocketModeApp socketMode;
    /** One single-thread lane per user hash keeps each person's turns and replies in order. */
    private final Lanes lanes = new Lanes("rolecraft-slack-lane", LANES);
    /** Each person's DM channel as last stored, so that a message costs no read for it. */
    private final Map<String, String> knownChannels = new java.util.concurrent.ConcurrentHashMap<>();
    /** Calls that must go out at once whatever a lane is doing: views.open has a 3-second trigger. */
    private final ExecutorService prompt;

    public SlackSurface(Conversations conversations, Prompts prompts, Deliveries deliveries, SlackSettings settings) {
        this.conversations = conversations;
        this.store = conversations.store();
        this.deliveries = deliveries;
        this.settings = settings;
        this.blocks = new SlackBlocks(prompts);
        SlackConfig config = new SlackConfig();
        if (settings.methodsUrlPrefix() != null) {
            config.setMethodsEndpointUrlPrefix(settings.methodsUrlPrefix());
        }
        this.slack = Slack.getInstance(config);
        this.app = buildApp(slack, settings);
        this.api = new SlackApi(slack.methods(settings.botToken()));
        prompt = Executors.newFixedThreadPool(2, r -> daemon(r, "rolecraft-slack-prompt"));
        listen();
        try {
            this.socketMode = settings.mode() == SlackSettings.Mode.SOCKET
                    ? new SocketModeApp(settings.appToken(), app) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Slack Socket Mode", e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The Bolt app: signatures verified (over UTF-8 bytes, whatever the platform charset), one workspace. */
    private static App buildApp(Slack slack, SlackSettings settings) {
        AppConfig config = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(settings.botToken())
                .signingSecret(settings.signingSecret())
                .requestVerificationEnabled(true)
                // Our own filter drops every bot's messages without asking Slack who a bot is.
                .ignoringSelfEventsEnabled(false)
                // Edits, deletions and other message subtypes are acknowledged and dropped.
                .allEventsApiAutoAckEnabled(true)
                .build();
        String secret = settings.signingSecret();
        return new App(config) {
            @Override
            protected List<Middleware> buildDefaultMiddlewareList(AppConfig c) {
                List<Middleware> list = super.buildDefaultMiddlewareList(c);
                if (secret != null) {
                    list.replaceAll(m -> m instanceof RequestVerification
                            ? new RequestVerification(new SlackSignature.Verifier(new Utf8Signature(secret))) : m);
                }
                return list;
            }
        };
    }

    /** Bolt's signature generator, hashing the body's UTF-8 bytes rather than the platform charset's. */
    private static final class Utf8Signature extends SlackSignature.Generator {
        private final byte[] secret;

        Utf8Signature(String secret) {
            super(secret);
            this.secret = secret.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String generate(String timestamp, String body) {
            return timestamp == null ? null
                    : SlackBridge.sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public void mount(Javalin server) {
        replayTaken();
        if (socketMode == null) {
            try {
                // Checks the bot token now (auth.test), so that a wrong one shows at start; Bolt tries again later.
                app.start();
            } catch (RuntimeException e) {
                LOG.error("slack: the bot token was not accepted yet: {}", e.getMessage());
            }
            server.post(PATH, new SlackBridge(app, settings.signingSecret(), Clock.systemUTC()));
            LOG.info("slack: HTTP mode at POST {}", PATH);
            return;
        }
        try {
            socketMode.startAsync();
            LOG.info("slack: Socket Mode connected");
        } catch (Exception e) {
            LOG.error("slack: Socket Mode could not connect: {}", e.toString());
        }
    }

    App app() {
        return app;
    }

    SocketModeApp socketMode() {
        return socketMode;
    }

    // --- listeners: acknowledge at once, work on a lane ----------------------------------------------------

    private void listen() {
        app.event(MessageEvent.class, (payload, ctx) -> {
            MessageEvent e = payload.getEvent();
            String bot = ctx.getBotUserId();
            if (e.getBotId() != null || e.getUser() == null || e.getUser().equals(bot)
                    || !"im".equals(e.getChannelType())) {
                return ctx.ack();
            }
            String person = SlackPeople.person(ctx.getTeamId(), e.getUser());
            Message m = new Message(person, null, SlackPeople.unescape(e.getText()),
                    SlackPeople.mentions(e.getText(), ctx.getTeamId(), bot), "slack:" + payload.getEventId(), null);
            String channel = e.getChannel();
            // The DM channel rarely changes: it is saved with the message when this process has not seen it.
            boolean known = channel.equals(knownChannels.get(person));
            if (!conversations.accept(m, route(channel, e.getUser()), known ? null : channel)) {
                return ctx.ack();
            }
            if (!known) {
                knownChannels.put(person, channel);
            }
            lane(e.getUser(), () -> turn(m, channel, e.getUser()));
            return ctx.ack();
        });
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            AppHomeOpenedEvent e = payload.getEvent();
            if ("home".equals(e.getTab()) && e.getUser() != null) {
                String person = SlackPeople.person(ctx.getTeamId(), e.getUser());
                prompt.execute(guard("home", () -> publishHome(person)));
            }
            return ctx.ack();
        });
        app.blockAction(SlackBlocks.APPROVE, (req, ctx) -> {
            decideFromCard(req, ctx, DecisionKind.APPROVED);
            return ctx.ack();
        });
        app.blockAction(SlackBlocks.CHANGES, (req, ctx) -> {
            String trigger = req.getPayload().getTriggerId();
            VersionRef ref = SlackBlocks.parseRef(req.getPayload().getActions().get(0).getValue());
            String channel = channelOf(req);
            prompt.execute(guard("views.open", () -> api.call("views.open",
                    c -> c.viewsOpen(r -> r.triggerId(trigger).view(blocks.commentModal(ref, channel))))));
            return ctx.ack();
        });
        app.blockAction(SlackBlocks.START, (req, ctx) -> {
            String user = req.getPayload().getUser().getId();
            String person = SlackPeople.person(ctx.getTeamId(), user);
            Message m = new Message(person, null, "", List.of(), "slack:" + req.getPayload().getTriggerId(),
                    new Action.Start());
            take(m, null, user);
            return ctx.ack();
        });
        app.viewSubmission(SlackBlocks.COMMENT_MODAL, (req, ctx) -> {
            var payload = req.getPayload();
            String user = payload.getUser().getId();
            String[] meta = payload.getView().getPrivateMetadata().split(":", 3);
            VersionRef ref = new VersionRef(Long.parseLong(meta[0]), Integer.parseInt(meta[1]));
            String channel = meta.length > 2 && !meta[2].isEmpty() ? meta[2] : null;
            String comment = comment(payload.getView().getState());
            String person = SlackPeople.person(ctx.getTeamId(), user);
            Message m = new Message(person, null, "", List.of(), "slack:" + payload.getView().getId() + ":"
                    + payload.getView().getHash(), new Action.Decide(ref, DecisionKind.CHANGES_REQUESTED, comment));
            take(m, channel, user);
            return ctx.ack();
        });
        app.command(COMMAND, (req, ctx) -> ctx.ack(command(req, ctx.getTeamId())));
    }

    private void decideFromCard(BlockActionRequest req, ActionContext ctx, DecisionKind kind) {
        var payload = req.getPayload();
        String user = payload.getUser().getId();
        VersionRef ref = SlackBlocks.parseRef(payload.getActions().get(0).getValue());
        String person = SlackPeople.person(ctx.getTeamId(), user);
        Message m = new Message(person, null, "", List.of(), "slack:" + payload.getTriggerId(),
                new Action.Decide(ref, kind, null));
        take(m, channelOf(req), user);
    }

    /**
     * Keeps the message in the store before Slack is acknowledged, then runs its turn on the person's lane;
     * a retry of a message that had its turn does nothing.
     */
    private void take(Message m, String channel, String user) {
        if (conversations.accept(m, route(channel, user))) {
            lane(user, () -> turn(m, channel, user));
        }
    }

    /** Where to answer a kept message: the channel (empty: the person's DM) and the Slack user. */
    private static String route(String channel, String user) {
        return (channel == null ? "" : channel) + " " + user;
    }

    /** Runs the turns of messages taken before a stop that never ran: acknowledged means answered. */
    private void replayTaken() {
        List<Conversations.Accepted> taken = conversations.acceptedOn(name());
        if (!taken.isEmpty()) {
            LOG.info("slack: {} message(s) taken before a stop are run now", taken.size());
        }
        for (Conversations.Accepted a : taken) {
            lane(userOf(a), () -> turn(a.message(), channelOf(a), userOf(a)));
        }
    }

    private static String channelOf(Conversations.Accepted a) {
        String channel = a.route().split(" ", 2)[0];
        return channel.isEmpty() ? null : channel;
    }

    private static String userOf(Conversations.Accepted a) {
        String[] route = a.route().split(" ", 2);
        return route.length > 1 ? route[1] : "";
    }

    private static String channelOf(BlockActionRequest req) {
        var p = req.getPayload();
        if (p.getChannel() != null && p.getChannel().getId() != null) {
            return p.getChannel().getId();
        }
        return p.getContainer() == null ? null : p.getContainer().getChannelId();
    }

    private static String comment(ViewState state) {
        if (state == null || state.getValues() == null) {
            return "";
        }
        Map<String, ViewState.Value> block = state.getValues().get(SlackBlocks.COMMENT_BLOCK);
        ViewState.Value v = block == null ? null : block.get(SlackBlocks.COMMENT_INPUT);
        return v == null || v.getValue() == null ? "" : v.getValue();
    }

    /** /rolecraft: start, export (admins), or help. Answers at once; the work goes on the user's lane. */
    private String command(SlashCommandRequest req, String team) {
        var p = req.getPayload();
        String user = p.getUserId();
        String person = SlackPeople.person(team, user);
        String word = p.getText() == null ? "" : p.getText().strip().toLowerCase(Locale.ROOT);
        boolean admin = settings.isAdmin(user);
        if (word.isEmpty() || word.equals("start")) {
            Message m = new Message(person, null, "", List.of(), "slack:" + p.getTriggerId(), new Action.Start());
            take(m, null, user);
            return blocks.render("slack_command_started", Map.of());
        }
        if (word.equals("export")) {
            if (!admin) {
                LOG.info("slack export refused for {}", person);
                return blocks.render("slack_export_refused", Map.of());
            }
            lane(user, () -> export(person));
            return blocks.render("slack_export_started", Map.of());
        }
        return blocks.render("slack_command_help", Map.of("admin", admin));
    }

    private void lane(String user, Work work) {
        lanes.execute(user, guard("turn", work));
    }

    /** Work on a lane; what it throws is logged there, so that one failure cannot stop the lane. */
    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private static Runnable guard(String what, Work work) {
        return () -> {
            try {
                work.run();
            } catch (SlackApi.Failure e) {
                LOG.warn("slack {}: {}", what, e.getMessage());
            } catch (Exception e) {
                LOG.error("slack {} failed", what, e);
            }
        };
    }

    // --- a turn and its replies --------------------------------------------------------------------------------

    /**
     * Runs a message through the engine and says the replies in {@code channel} (the person's DM when null);
     * then hands the notifications for others to deliveries. A reply that cannot be posted is logged: the
     * turn itself is committed, and the notifications stay queued until delivered.
     */
    private void turn(Message m, String channel, String user) throws SlackApi.Failure {
        // What the person sent before this and is still waiting (taken here or by another instance) goes first.
        for (Conversations.Accepted before : conversations.takenBefore(m)) {
            answer(before.message(), channelOf(before), userOf(before));
        }
        answer(m, channel, user);
    }

    private void answer(Message m, String channel, String user) throws SlackApi.Failure {
        Conversations.Turn t = conversations.handle(m);
        if (t.duplicate()) {
            return;
        }
        try {
            String where = channel;
            for (Reply r : t.replies()) {
                try {
                    if (r.say() == Say.DECIDED) {
                        decided(r, m, where);
                    } else if (m.action() instanceof Action.Decide
                            && (r.say() == Say.DECIDE_NOT_MANAGER || r.say() == Say.DECIDE_STALE)) {
                        ephemeral(where, user, m.from(), r);
                    } else {
                        where = where != null ? where : dm(m.from());
                        post(where, blocks.messages(r));
                    }
                } catch (SlackApi.Failure e) {
                    LOG.warn("slack reply {} to {} not posted: {}", r.say().key(), m.from(), e.getMessage());
                }
            }
        } finally {
            deliveries.send(t.notifications());
        }
    }

    /** A decision: the manager's card(s) for that version show the outcome, without buttons. */
    private void decided(Reply r, Message m, String channel) throws SlackApi.Failure {
        VersionRef ref = m.action() instanceof Action.Decide d ? d.ref() : VersionRef.of(r);
        SlackMessage outcome = blocks.outcome(r);
        int updated = 0;
        if (ref != null) {
            for (String posted : store.posted(ref, m.from())) {
                int colon = posted.indexOf(':');
                String ch = posted.substring(0, colon);
                String ts = posted.substring(colon + 1);
                try {
                    api.call("chat.update", c -> c.chatUpdate(u -> u.channel(ch).ts(ts).text(outcome.text())
                            .blocks(outcome.blocks())));
                    updated++;
                } catch (SlackApi.Failure e) {
                    LOG.warn("slack card {} for role {} v{} not updated", posted, ref.roleId(), ref.version());
                }
            }
        }
        if (updated == 0 || !(m.action() instanceof Action.Decide)) {
            post(channel != null ? channel : dm(m.from()), blocks.messages(r));
        }
    }

    private void ephemeral(String channel, String user, String person, Reply r) throws SlackApi.Failure {
        String text = blocks.render(r);
        if (channel == null) {
            post(dm(person), blocks.plain(text));
            return;
        }
        api.call("chat.postEphemeral", c -> c.chatPostEphemeral(e -> e.channel(channel).user(user).text(text)));
    }

    /** Posts messages in order; returns the ts of the last one. */
    private String post(String channel, List<SlackMessage> messages) throws SlackApi.Failure {
        String ts = null;
        for (SlackMessage msg : messages) {
            ChatPostMessageResponse resp = api.call("chat.postMessage", c -> c.chatPostMessage(p -> {
                p.channel(channel).text(msg.text());
                if (!msg.blocks().isEmpty()) {
                    p.blocks(msg.blocks());
                }
                return p;
            }));
            ts = resp.getTs();
        }
        return ts;
    }

    /** The person's DM with the bot: where they last wrote from, or opened now. */
    private String dm(String person) throws SlackApi.Failure {
        Optional<String> known = store.address(person);
        if (known.isPresent()) {
            return known.get();
        }
        String user = SlackPeople.userOf(person);
        String channel = api.call("conversations.open", c -> c.conversationsOpen(o -> o.users(List.of(user))))
                .getChannel().getId();
        store.saveAddress(person, channel);
        return channel;
    }

    // --- App Home, export -----------------------------------------------------------------------------------

    private void publishHome(String person) throws SlackApi.Failure {
        String user = SlackPeople.userOf(person);
        var view = blocks.home(store.roles(person), store.waitingFor(person));
        api.call("views.publish", c -> c.viewsPublish(v -> v.userId(user).view(view)));
    }

    private void export(String person) throws SlackApi.Failure {
        String channel = dm(person);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long rows;
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            rows = new Exporter(store.jdbi()).csv(w, Exporter.Filter.all());
        } catch (IOException | RuntimeException e) {
            LOG.error("slack export for {} failed", person, e);
            post(channel, blocks.plain(blocks.render("slack_export_failed", Map.of())));
            return;
        }
        String name = "rolecraft-export-" + LocalDate.now(ZoneOffset.UTC) + ".csv";
        String comment = blocks.render("slack_export_done", Map.of("rows", rows));
        api.call("files.uploadV2", c -> c.filesUploadV2(f -> f.channel(channel).filename(name).title(name)
                .fileData(bytes.toByteArray()).initialComment(comment)));
        LOG.info("slack export of {} row(s) sent to {}", rows, person);
    }

    // --- notifications for Slack people ---------------------------------------------------------------------

    @Override
    public boolean deliver(Notification n) throws Exception {
        String channel = dm(n.recipient());
        for (Reply r : n.replies()) {
            if (r.say() == Say.NOTICE_NEW_DRAFT) {
                String ts = post(channel, blocks.card(r));
                store.savePosted(SlackBlocks.ref(r.params().get("ref")), n.recipient(), channel + ":" + ts);
            } else {
                post(channel, blocks.messages(r));
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (socketMode != null) {
            try {
                socketMode.close();
            } catch (Exception e) {
                LOG.warn("slack: Socket Mode did not close cleanly: {}", e.toString());
            }
        }
        prompt.shutdown();
        lanes.close();
        try {
            prompt.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        app.stop();
        try {
            slack.close();
        } catch (Exception e) {
            LOG.debug("slack client close: {}", e.toString());
        }
    }
}
