package rolecraft.bot;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rolecraft.bot.classify.Classifier;
import rolecraft.bot.domain.Action;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.ConversationState;
import rolecraft.bot.domain.Inbound;
import rolecraft.bot.domain.Reply;
import rolecraft.bot.domain.Say;
import rolecraft.bot.domain.Stage;
import rolecraft.bot.domain.VersionRef;
import rolecraft.bot.engine.Engine;
import rolecraft.bot.store.ConflictException;
import rolecraft.bot.store.Notification;
import rolecraft.bot.store.Store;
import rolecraft.bot.store.TurnResult;
import rolecraft.bot.understand.WorryMeaning;

/**
 * The one entry for adapters: takes a message from a person, runs the turn, and returns the replies to
 * send them and the notifications to deliver to others.
 */
public final class Conversations {

    private static final Logger LOG = LoggerFactory.getLogger(Conversations.class);
    private static final int STRIPES = 64;
    private final Store store;
    private final Classifier classifier;
    private final Clock clock;
    private final Engine engine;
    /** One person's turns run one at a time and in order; different people's run side by side. */
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    /** Worries told by meaning where the rules cannot place a question. */
    private final WorryMeaning meaning;
    /**
     * Whether each person's next message may hold task lines, as their last turn here left them; saves a read
     * per message. A turn that notifies someone (a decision reopens a draft) forgets what it knew of them. It
     * is only a guess (another instance may have moved the conversation on): the turn checks it on the state
     * it holds locked, and classifies and reruns when it was wrong.
     */
    private final Map<String, Boolean> expectsTasks = new java.util.concurrent.ConcurrentHashMap<>();

    public Conversations(Store store, Classifier classifier, Clock clock) {
        this(store, classifier, clock, null);
    }

    /** The same, naming {@code contact} (a person employees can talk to; null: none) when someone asks for one. */
    public Conversations(Store store, Classifier classifier, Clock clock, String contact) {
        this(store, classifier, clock, contact, Prompts.builtIn());
    }

    /** The same, with what people mean (examples of worries) read from {@code prompts}. */
    public Conversations(Store store, Classifier classifier, Clock clock, String contact, Prompts prompts) {
        this.engine = new Engine(contact);
        this.meaning = new WorryMeaning(WorryMeaning.examples(prompts), classifier::embedderIfReady);
        this.store = store;
        this.classifier = classifier;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock(true);
        }
    }

    /**
     * A message from a surface. {@code from} and {@code mentions} are surface-qualified person ids;
     * {@code messageId}, when set, makes a repeated delivery a no-op; {@code action} is a button or form.
     */
    public record Message(String from, String displayName, String text, List<String> mentions, String messageId,
                          Action action) {

        public static Message text(String from, String text) {
            return new Message(from, null, text, List.of(), null, null);
        }
    }

    /** What a turn gives back: replies to the sender, notifications queued for others, whether it was a repeat. */
    public record Turn(List<Reply> replies, List<Notification> notifications, boolean duplicate) {
    }

    public Store store() {
        return store;
    }

    public Turn handle(Message m) {
        ReentrantLock lock = stripes[Math.floorMod(m.from().hashCode(), STRIPES)];
        lock.lock();
        try {
            // The message's lines are read once, for the classifier and the engine alike.
            Engine.TaskRead read = m.action() == null && m.text() != null ? Engine.readTasks(m.text()) : null;
            if (read != null) {
                // The embedder starts loading with the first message (not with the server: starting stays quick);
                // until it is ready, the rules alone tell worries.
                classifier.embedderIfReady();
                read = read.meaning(meaning.theme(m.text()).orElse(null));
            }
            Map<String, Classification> classified = classifyIfNeeded(m, read, false);
            TurnResult result;
            try {
                result = run(m, read, classified);
            } catch (Unclassified e) {
                // What this process knew of the conversation was behind (another instance moved it on): the
                // message holds tasks after all. Classify them and run the turn on what the store says now.
                LOG.info("{}: task lines found inside the turn, classified and rerun", m.from());
                result = run(m, read, classifyIfNeeded(m, read, true));
            } catch (ConflictException e) {
                // Another decision or another instance won the race: run the turn again so the engine sees it.
                LOG.info("concurrent change for {}, turn rerun: {}", m.from(), e.getMessage());
                result = run(m, read, classified.isEmpty() ? classifyIfNeeded(m, read, true) : classified);
            }
            if (result.duplicate()) {
                LOG.info("repeated delivery {} for {} ignored", m.messageId(), m.from());
                return new Turn(List.of(), List.of(), true);
            }
            remember(m.from(), result);
            return new Turn(result.outcome().replies(), result.notifications(), false);
        } catch (RuntimeException e) {
            LOG.error("turn failed for {}", m.from(), e);
            expectsTasks.remove(m.from());
            try {
                store.countFailure(m.from(), Conversations::safe);
            } catch (RuntimeException again) {
                LOG.error("could not count the failure for {}", m.from(), again);
            }
            return new Turn(List.of(Reply.of(Say.ERROR_GENERIC)), List.of(), false);
        } finally {
            lock.unlock();
        }
    }

    private TurnResult run(Message m, Engine.TaskRead read, Map<String, Classification> classified) {
        Inbound in = new Inbound(m.from(), m.text(), clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                m.mentions(), classified, m.action());
        VersionRef target = m.action() instanceof Action.Decide d ? d.ref() : null;
        Store.TurnRequest req = new Store.TurnRequest(m.from(), m.displayName(), m.messageId(), target, in.now());
        return store.turn(req, s -> {
            // Checked on the state the turn holds locked, not on what was known before it.
            if (classified.isEmpty() && holdsTasks(read) && Engine.wantsTaskLines(s.state(), s.draft())) {
                throw new Unclassified();
            }
            return engine.step(s, in, read);
        });
    }

    /** The turn found task lines that were not classified before it: rolled back, classified, run again. */
    private static final class Unclassified extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unclassified() {
            super(null, null, false, false);
        }
    }

    /** A message a surface took, with what the surface needs to answer it (a channel, say). */
    public record Accepted(Message message, String route) {
    }

    /**
     * Keeps a message durably before the surface acknowledges it to its platform; its turn removes it. Returns
     * false when there is nothing to do: the message had its turn already, or is kept and has its turn coming
     * (a retried delivery).
     */
    public boolean accept(Message m, String route) {
        return accept(m, route, null);
    }

    /**
     * As {@link #accept(Message, String)}, and remembers how the surface reaches the sender ({@code address},
     * when not null: a DM channel), which a person's first message brings; saved before the message's turn.
     */
    public boolean accept(Message m, String route, String address) {
        if (m.messageId() == null) {
            if (address != null) {
                store.saveAddress(m.from(), address);
            }
            return true;
        }
        return store.accept(rolecraft.bot.store.Store.surfaceOf(m.from()), m.messageId(), m.from(),
                rolecraft.bot.store.Json.write(new Accepted(m, route)), address);
    }

    /**
     * The messages the same person sent before {@code m} that were taken (by this instance or another) and
     * have not had their turn, oldest first. A surface runs these before {@code m}, so that a person's turns
     * apply in the order their messages were taken even when they reach different instances; an instance
     * that runs one another is running too finds it a repeat.
     */
    public List<Accepted> takenBefore(Message m) {
        if (m.messageId() == null) {
            return List.of();
        }
        return store.queuedBefore(m.from(), m.messageId()).stream()
                .map(json -> rolecraft.bot.store.Json.read(json, Accepted.class)).toList();
    }

    /** Messages a surface took whose turns never ran (the process stopped), oldest first, to run now. */
    public List<Accepted> acceptedOn(String surface) {
        return store.acceptedOn(surface).stream()
                .map(json -> rolecraft.bot.store.Json.read(json, Accepted.class)).toList();
    }

    /** Notifications waiting for {@code person}, taken (marked delivered) as they are returned. */
    public List<Notification> takePending(String person) {
        return store.takePending(person);
    }

    private Map<String, Classification> classifyIfNeeded(Message m, Engine.TaskRead read, boolean force) {
        if (!holdsTasks(read) || !(force || wantsTaskLines(m.from()))) {
            return Map.of();
        }
        List<String> texts = read.texts();
        // One call for the whole message: the classifier may embed its tasks in parallel.
        List<Classification> results = classifier.classifyAll(texts);
        Map<String, Classification> out = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            out.put(texts.get(i), results.get(i));
        }
        return out;
    }

    /** True when the message is text with lines the engine would take as tasks (if it expects tasks). */
    private static boolean holdsTasks(Engine.TaskRead read) {
        return read != null && !read.texts().isEmpty();
    }

    private boolean wantsTaskLines(String person) {
        Boolean known = expectsTasks.get(person);
        if (known != null) {
            return known;
        }
        Store.Peek peek = store.peek(person);
        return Engine.wantsTaskLines(peek.state(), peek.status());
    }

    private void remember(String person, TurnResult result) {
        if (expectsTasks.size() > 100_000) {
            expectsTasks.clear();
        }
        expectsTasks.put(person, Engine.wantsTaskLines(result.outcome().state(), result.outcome().draft()));
        for (Notification n : result.notifications()) {
            expectsTasks.remove(n.recipient());
        }
    }

    /** Where a conversation that failed twice goes: back to a step that always works. */
    static ConversationState safe(ConversationState s) {
        Stage stage;
        if (s.roleId() == null) {
            stage = Stage.IDLE;
        } else if (s.stage() == Stage.SUBMITTED) {
            stage = Stage.SUBMITTED;
        } else {
            stage = Stage.TASKS;
        }
        return new ConversationState(stage, 0, s.roleId(), false, List.of());
    }
}
