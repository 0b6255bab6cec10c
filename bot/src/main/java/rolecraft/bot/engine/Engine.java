package rolecraft.bot.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rolecraft.bot.domain.Action;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Answer;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.ConversationState;
import rolecraft.bot.domain.DecisionKind;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.Effect;
import rolecraft.bot.domain.InboxItem;
import rolecraft.bot.domain.Inbound;
import rolecraft.bot.domain.Outcome;
import rolecraft.bot.domain.Question;
import rolecraft.bot.domain.Reply;
import rolecraft.bot.domain.Say;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.ShareUnit;
import rolecraft.bot.domain.Snapshot;
import rolecraft.bot.domain.Stage;
import rolecraft.bot.domain.Status;
import rolecraft.bot.domain.Task;
import rolecraft.bot.domain.VersionRef;
import rolecraft.bot.understand.LeadIns;
import rolecraft.bot.understand.MessageKind;
import rolecraft.bot.understand.TimeReader;
import rolecraft.bot.understand.Worries;

/**
 * The conversation as a pure step: (what the store knows, one message) to (new state and draft, replies,
 * effects). It does no I/O and reads the time from the message.
 */
public final class Engine {

    /** Longest message taken, in characters. */
    public static final int MAX_MESSAGE = 4000;
    /** Most tasks a role may list. */
    public static final int MAX_TASKS = 40;
    /** Longest job title taken, in characters. */
    public static final int MAX_TITLE = 200;

    private static final Set<String> GREETINGS = Set.of("start", "hi", "hello", "hey", "hiya", "begin",
            "good morning", "good afternoon", "good evening", "hi there", "hello there", "hey there", "howdy", "yo");
    private static final Set<String> OK_WORDS = Set.of("ok", "okay", "yes", "y", "accept", "looks good", "lgtm",
            "fine", "good", "k");
    /** Words that work at every step (greetings aside). */
    private static final Set<String> GLOBAL_WORDS = Set.of("help", "?", "commands", "status", "back", "restart",
            "review", "inbox");
    /** Words that close the task list. */
    private static final Set<String> DONE_WORDS = Set.of("done", "finished", "that's all", "thats all");
    /** Words that show the task list again. */
    private static final Set<String> LIST_WORDS = Set.of("list", "show");
    /** Words of other steps that must not become tasks when typed at the task list. */
    private static final Set<String> STRAY_WORDS = Set.of("ok", "okay", "yes", "no", "y", "n", "keep", "submit",
            "send", "approve", "changes", "next", "continue", "show", "thanks", "thank you", "cancel", "stop");
    /** Asks for an even split of the time among the tasks without a share. */
    private static final Pattern SPLIT = Pattern.compile(
            "^(?:(?:yes|yeah|yep|ok|okay|sure|please)[,!.\\s]+)?(?:just\\s+)?(?:(?:split|divide|share|spread)\\s+(?:it\\s+|them\\s+|the\\s+time\\s+)?"
                    + "(?:evenly|equally|even)|evenly|equally|even\\s+split|equal\\s+split|same\\s+for\\s+(?:all|each)"
                    + "|all\\s+the\\s+same)(?:\\s+(?:please|pls|thanks))?$");
    private static final Pattern DECIDE = Pattern.compile("^(approve|changes)\\s+#?(\\d{1,4})(?:[\\s:,-]+(.*))?$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** "approve", "approved", "ok approved", with an optional comment: acts when exactly one draft waits. */
    private static final Pattern APPROVE_BARE = Pattern.compile(
            "^(?:(?:ok|okay|yes|yep|great|fine|looks\\s+good)[,!.\\s]+)?(?:i\\s+)?(?:approve|approved|approving)"
                    + "(?![\\s#]*\\d)(?:\\s+(?:it|this|that))?(?:[\\s:,.!-]+(.*))?$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** A reply that keeps the draft when a restart was asked to be confirmed: "no", "no keep it", "cancel". */
    private static final Pattern KEEP_IT = Pattern.compile("(?:no+|nope|nah|keep|cancel|never\\s*mind|nvm|don'?t|do\\s+not"
            + "|stop|wait|oops)\\b");
    /** Words of other steps that are never an answer to a question. */
    private static final Set<String> NOT_AN_ANSWER = Set.of("submit", "send", "done", "finished", "list", "approve",
            "changes", "review", "show", "next", "continue", "cancel", "stop", "drop");
    /** A message that starts as a change to a task's time: "4 is …", "#2 = …", "3 should be …". */
    private static final Pattern RESHARE_SAID = Pattern.compile("#?(\\d{1,2})\\s*+(?:is|=|->|should\\s+be|takes)\\s++(?=\\S)",
            Pattern.CASE_INSENSITIVE);

    /** The bot's own words, explained when a person asks about them (the explanations are in not_content.txt). */
    private static final Map<String, Pattern> TERMS = termPatterns("automate", "augment", "human", "judgment|judgement",
            "creativity", "relationships", "oversight", "capability|capabilities");

    private static Map<String, Pattern> termPatterns(String... terms) {
        Map<String, Pattern> out = new java.util.LinkedHashMap<>();
        for (String t : terms) {
            out.put("term_" + t.split("\\|")[0], Pattern.compile("\\b(?:" + t + ")\\b", Pattern.CASE_INSENSITIVE));
        }
        return out;
    }

    /** Words that begin a new redesign once the last one is approved (a greeting alone does not). */
    private static final Set<String> NEW_WORDS = Set.of("start", "begin", "new", "new redesign", "start again",
            "start over", "start a new one", "another one");
    private static final Pattern SHOW = Pattern.compile("^(?:show|open|read)\\s+#?(\\d{1,4})$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PLAIN_ID = Pattern.compile("^@?([A-Za-z0-9][A-Za-z0-9._-]{0,63})$");
    /** Stops at the next '<' so that a message of many "<@" is read once, not once from each of them. */
    private static final Pattern MENTION_LIKE = Pattern.compile("<@[^<>]*+>");

    /** True when the sender's next message may hold task lines that the caller should classify first. */
    public static boolean wantsTaskLines(ConversationState state, Draft draft) {
        return wantsTaskLines(state, draft == null ? null : draft.status());
    }

    /** The same, from the status of the sender's active version alone. */
    public static boolean wantsTaskLines(ConversationState state, Status status) {
        return state.stage() == Stage.TASKS
                || (state.stage() == Stage.SUBMITTED && status == Status.CHANGES_REQUESTED);
    }

    /**
     * The task lines a message holds at the task step, exactly as the engine will read them: none when the
     * message is a word of the conversation (done, list, drop 2, help, a bare share…). A caller classifies
     * these before the turn, and only these.
     */
    public static List<String> taskTexts(String message) {
        return readTasks(message).texts();
    }

    /**
     * A message's task lines read once for a turn: the caller classifies {@link #texts()} and hands the reading to
     * {@link Engine#step(Snapshot, Inbound, TaskRead)}, which adds them without reading the message again (unless
     * the person's shift length, which the reading depends on, is known by then).
     */
    public record TaskRead(String message, TaskListReader.Reading reading, boolean thenDone, Worries.Theme meant) {

        public TaskRead(String message, TaskListReader.Reading reading, boolean thenDone) {
            this(message, reading, thenDone, null);
        }

        /**
         * The same reading, with the worry the message voices by meaning ({@link rolecraft.bot.understand.WorryMeaning},
         * which needs the embedder and so is read by the caller), or null.
         */
        public TaskRead meaning(Worries.Theme theme) {
            return new TaskRead(message, reading, thenDone, theme);
        }

        /** The task texts to classify before the turn: none when the message is no task list. */
        public List<String> texts() {
            List<String> out = new ArrayList<>();
            if (reading == null) {
                return out;
            }
            for (TaskListReader.Item item : reading.items()) {
                TaskLines.Line line = item.line();
                if (line.problem() == null && !out.contains(line.text()) && out.size() < MAX_TASKS) {
                    out.add(line.text());
                }
            }
            return out;
        }
    }

    /** Reads a message's task lines (a closing "done" line aside) once; none when it is a word or no content. */
    public static TaskRead readTasks(String message) {
        if (message == null) {
            return new TaskRead(null, null, false);
        }
        String text = clean(usable(message));
        if (text.isEmpty() || isWord(word(text), text) || !MessageKind.read(text).content()) {
            return new TaskRead(message, null, false);
        }
        return lines(message, text, null);
    }

    /** The task lines of {@code text}, the cleaned part of {@code message} that is read, a closing "done" aside. */
    private static TaskRead lines(String message, String text, Double shiftHours) {
        List<String> lines = linesBeforeDone(text);
        boolean thenDone = lines.size() < TaskLines.LINE_BREAK.split(text).length;
        return new TaskRead(message, TaskListReader.read(String.join("\n", lines), shiftHours), thenDone);
    }

    /** A greeting, also drawn out as people type it ("hiii", "heyyy", "hellooo"). */
    static boolean greeting(String w) {
        if (GREETINGS.contains(w)) {
            return true;
        }
        int end = w.length();
        while (end > 1 && w.charAt(end - 1) == w.charAt(end - 2)) {
            end--;
        }
        return end < w.length() && GREETINGS.contains(w.substring(0, end));
    }

    /** True when a whole message is a word the conversation acts on rather than task lines. */
    static boolean isWord(String w, String text) {
        return GLOBAL_WORDS.contains(w) || greeting(w) || DONE_WORDS.contains(w) || LIST_WORDS.contains(w)
                || STRAY_WORDS.contains(w) || w.equals("skip") || DECIDE.matcher(text).matches()
                || SHOW.matcher(text).matches() || TimeReader.only(text, null).isPresent()
                || SPLIT.matcher(w).matches() || TaskEdits.tasks(text).isPresent() || TimeReader.shiftLength(text).isPresent();
    }

    /** A message's lines without a closing "done" line (which ends the list after adding them). */
    static List<String> linesBeforeDone(String text) {
        List<String> lines = new ArrayList<>(List.of(TaskLines.LINE_BREAK.split(text)));
        if (lines.size() > 1 && word(lines.get(lines.size() - 1)).equals("done")) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** A named person employees can talk to (ROLECRAFT_CONTACT), or null. */
    private final String contact;

    /** An engine with no named contact: worries are answered without one. */
    public Engine() {
        this(null);
    }

    /** An engine that names {@code contact} when someone asks to talk to a person. */
    public Engine(String contact) {
        this.contact = contact == null || contact.isBlank() ? null : contact.strip();
    }

    /**
     * The part of a message that is read at the task step: all of it up to {@link #MAX_MESSAGE} characters, else
     * up to the last line break (or sentence end) before that, so that a long paste is used rather than refused.
     */
    static String usable(String message) {
        if (message.length() <= MAX_MESSAGE) {
            return message;
        }
        String head = message.substring(0, MAX_MESSAGE);
        int cut = Math.max(head.lastIndexOf('\n'), head.lastIndexOf(". "));
        return cut > 0 ? head.substring(0, cut + 1) : head;
    }

    /** One step of the conversation. */
    public Outcome step(Snapshot snapshot, Inbound in) {
        return step(snapshot, in, null);
    }

    /** One step of the conversation, with its message's lines as the caller read them (null: read here). */
    public Outcome step(Snapshot snapshot, Inbound in, TaskRead read) {
        return new Turn(snapshot, in, contact, read).run();
    }

    /** Strips control characters (keeping line breaks), folds each run of blanks into one space, trims the ends. */
    static String clean(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\t' || (Character.isSpaceChar(cp) && Character.getType(cp) == Character.SPACE_SEPARATOR)) {
                // A run of blanks is one space: no reader downstream then meets a long run of them, which is where
                // patterns with two quantifiers over blanks side by side would spend time in the square of its length.
                if (b.isEmpty() || b.charAt(b.length() - 1) != ' ') {
                    b.append(' ');
                }
            } else if (cp == '\n' || (!Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT
                    && Character.getType(cp) != Character.UNASSIGNED && Character.getType(cp) != Character.SURROGATE)) {
                b.appendCodePoint(cp);
            } else if (cp == '\r') {
                b.append('\n');
            }
        });
        return b.toString().strip();
    }

    /** A message as a command word: lower case, blanks folded, trailing punctuation dropped. */
    static String word(String text) {
        String folded = TaskLines.BLANKS.matcher(text.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
        // By hand from the end: a pattern for the closing run would rescan it from each of its characters.
        int end = folded.length();
        while (end > 0 && ".!?".indexOf(folded.charAt(end - 1)) >= 0) {
            end--;
        }
        return folded.substring(0, end);
    }

    /** The work of one step, accumulated, then returned as an Outcome. */
    private static final class Turn {
        private final Snapshot s;
        private final Inbound in;
        private final TaskRead read;
        private final String me;
        private ConversationState state;
        private Draft draft;
        private Draft previous;
        private final List<Reply> replies = new ArrayList<>();
        private final List<Effect> effects = new ArrayList<>();
        private final String contact;

        Turn(Snapshot s, Inbound in, String contact, TaskRead read) {
            this.contact = contact;
            this.s = s;
            this.in = in;
            this.read = read != null && in.text().equals(read.message()) ? read : null;
            this.me = s.person();
            this.state = s.state();
            this.draft = s.draft();
            this.previous = s.previous();
        }

        Outcome run() {
            if (in.action() != null) {
                act(in.action());
                return done();
            }
            boolean pasteAtTasks = state.stage() == Stage.TASKS && !state.confirmingRestart();
            if (in.text().length() > MAX_MESSAGE && pasteAtTasks) {
                String used = usable(in.text());
                unread = in.text().length() - used.length();
                return runText(clean(used));
            }
            if (in.text().length() > MAX_MESSAGE) {
                say(Say.TOO_LONG, Params.of().put("max", MAX_MESSAGE).put("length", in.text().length()));
                return done();
            }
            return runText(clean(in.text()));
        }

        /** Characters of a long paste at the task step that were not read (0: all were). */
        private int unread;

        private Outcome runText(String text) {
            if (text.isEmpty()) {
                say(Say.EMPTY_MESSAGE, stageFlags());
                return done();
            }
            String w = word(text);
            if (state.confirmingRestart()) {
                state = state.confirming(false);
                if (w.equals("restart") || w.equals("yes") || w.equals("y")) {
                    doRestart();
                    return done();
                }
                if (KEEP_IT.matcher(w).lookingAt()) {
                    // "no keep it" answers the confirmation, and nothing else.
                    say(Say.NOT_CONTENT, stageFlags().put("restart_kept", true).put("going_on", true));
                    resume();
                    return done();
                }
            }
            reconcile();
            if (global(w, text)) {
                return done();
            }
            MessageKind.Reading reading = MessageKind.read(text);
            if (reading.kind() == MessageKind.Kind.WORRY && (TaskEdits.calls(text).isPresent()
                    || state.stage() == Stage.TASKS && text.indexOf('?') < 0 && TimeReader.find(text, null).isPresent())) {
                // "4 human bc owners need to hear it from a real person", "talking to a real person at the carrier
                // 5%": a call with its reason, or a task with its time, that only names what a worry names.
                reading = new MessageKind.Reading(MessageKind.Kind.OTHER, null, null);
            }
            if (read != null && read.meant() != null && (reading.kind() == MessageKind.Kind.QUESTION
                    || reading.kind() == MessageKind.Kind.OTHER)) {
                // A question the rules could not place, which the caller found to voice a worry by its meaning.
                reading = new MessageKind.Reading(MessageKind.Kind.WORRY, read.meant(), null);
            }
            if (answered(reading)) {
                return done();
            }
            switch (state.stage()) {
                case IDLE -> say(Say.IDLE_HINT, stageFlags());
                case TITLE -> onTitle(text, reading);
                case MANAGER -> onManager(text);
                case TASKS -> onTasks(text, w, reading);
                case REVIEW -> onReview(text, w);
                case QUESTIONS -> onQuestion(text, w, reading);
                case DRAFT -> onDraft(text, w);
                case SUBMITTED -> promptSubmitted();
                default -> throw new IllegalStateException("unknown stage " + state.stage());
            }
            return done();
        }

        private Outcome done() {
            return new Outcome(state, draft, replies, effects);
        }

        private void say(Say key) {
            replies.add(Reply.of(key));
        }

        private void say(Say key, Params params) {
            replies.add(Reply.of(key, params.map()));
        }

        /** A decision taken on the employee's submitted version shows when they next write. */
        private void reconcile() {
            if (state.stage() != Stage.SUBMITTED || draft == null) {
                return;
            }
            if (draft.status() == Status.CHANGES_REQUESTED) {
                Draft decided = draft;
                previous = decided;
                draft = decided.reopened(in.now());
                state = state.at(Stage.TASKS);
                Params p = Params.of().put("version", draft.version()).put("previous_version", decided.version());
                if (decided.decision() != null) {
                    p.put("manager", Params.person(decided.decision().decidedBy()))
                            .put("comment", decided.decision().comment());
                }
                say(Say.REOPENED, p);
                effects.add(new Effect.Audit("reopened", new VersionRef(decided.roleId(), draft.version()), null));
            }
        }

        private boolean global(String w, String text) {
            if (!s.inbox().isEmpty() && APPROVE_BARE.matcher(text.strip()).matches()) {
                approveTheOne(APPROVE_BARE.matcher(text.strip()));
                return true;
            }
            if (approvedAndDone() && NEW_WORDS.contains(w)) {
                start();
                return true;
            }
            if (!GLOBAL_WORDS.contains(w) && !greeting(w) && !DECIDE.matcher(text).matches()
                    && !SHOW.matcher(text).matches()) {
                return false;
            }
            if (w.equals("help") || w.equals("?") || w.equals("commands")) {
                say(Say.HELP, stageFlags());
                return true;
            }
            if (w.equals("status")) {
                status();
                return true;
            }
            if (w.equals("back")) {
                back();
                return true;
            }
            if (w.equals("restart")) {
                restart();
                return true;
            }
            if (w.equals("review") || w.equals("inbox")) {
                showInbox();
                return true;
            }
            if (greeting(w) && !NEW_WORDS.contains(w) && !s.inbox().isEmpty()
                    && (draft == null || state.stage() == Stage.IDLE || state.stage() == Stage.SUBMITTED)) {
                // A manager who says hello with drafts waiting is shown them; their own redesign starts when asked.
                List<Object> items = shownInbox();
                say(Say.INBOX, Params.of().put("items", items).put("count", items.size()).put("greeted", true));
                return true;
            }
            if (greeting(w) && approvedAndDone()) {
                // A new redesign starts only when asked for, not on a greeting.
                promptSubmitted();
                return true;
            }
            if (greeting(w)) {
                start();
                return true;
            }
            Matcher decide = DECIDE.matcher(text);
            if (decide.matches()) {
                DecisionKind kind = decide.group(1).equalsIgnoreCase("approve")
                        ? DecisionKind.APPROVED : DecisionKind.CHANGES_REQUESTED;
                String comment = decide.group(3) == null ? "" : decide.group(3).strip();
                decideByNumber(Integer.parseInt(decide.group(2)), kind, comment);
                return true;
            }
            Matcher show = SHOW.matcher(text);
            if (show.matches() && (!s.inbox().isEmpty() || !state.shownInbox().isEmpty())) {
                showItem(Integer.parseInt(show.group(1)));
                return true;
            }
            return false;
        }

        /**
         * A worry is answered at every step and the step asked again, and so is a message off the topic; a command
         * typed with a typo is named where commands are typed. None is ever filed as a title, a task or an answer.
         */
        private boolean answered(MessageKind.Reading r) {
            if (r.kind() == MessageKind.Kind.WORRY) {
                say(Say.WORRY, Params.of().put(r.theme().key(), true).put("contact", contact)
                        .put("going_on", state.stage() != Stage.IDLE)
                        .put("has_manager", draft != null && draft.manager() != null)
                        .put("manager", draft == null || draft.manager() == null ? null : Params.person(draft.manager())));
                // Kept as a concern (theme and step, the time is the audit line's), never as an answer.
                effects.add(new Effect.Audit("concern", null,
                        r.theme().key() + " at " + state.stage().name().toLowerCase(Locale.ROOT)));
                if (state.stage() != Stage.IDLE) {
                    resume();
                }
                return true;
            }
            if (r.kind() == MessageKind.Kind.QUESTION) {
                Params explain = stageFlags().put("explain", true).put("going_on", state.stage() != Stage.IDLE);
                boolean any = false;
                for (Map.Entry<String, Pattern> term : TERMS.entrySet()) {
                    if (term.getValue().matcher(in.text()).find()) {
                        explain.put(term.getKey(), true);
                        any = true;
                    }
                }
                if (any) {
                    // "what does augment mean?": the bot's own words are explained, and the step asked again.
                    say(Say.NOT_CONTENT, explain);
                    if (state.stage() != Stage.IDLE) {
                        resume();
                    }
                    return true;
                }
            }
            if (r.kind() == MessageKind.Kind.OFF_TOPIC) {
                // A polite word, nothing stored, and where the conversation stands.
                say(Say.NOT_CONTENT, stageFlags().put("off_topic", true).put("going_on", state.stage() != Stage.IDLE));
                if (state.stage() != Stage.IDLE) {
                    resume();
                }
                return true;
            }
            if (r.kind() == MessageKind.Kind.TYPO && (state.stage() == Stage.TASKS || state.stage() == Stage.REVIEW
                    || state.stage() == Stage.DRAFT)) {
                say(Say.DID_YOU_MEAN, Params.of().put("word", r.command()));
                return true;
            }
            return false;
        }

        /** Tells the person their message was not taken as content, and why, in a word. */
        private void notContent(MessageKind.Reading r) {
            String kind = r.kind().name().toLowerCase(Locale.ROOT);
            say(Say.NOT_CONTENT, stageFlags().put(kind, true));
        }

        /** The employee's last redesign is approved and nothing new is open. */
        private boolean approvedAndDone() {
            return draft != null && state.stage() == Stage.SUBMITTED && draft.status() == Status.APPROVED;
        }

        /** "approved" with one draft waiting decides it; with several, asks which. */
        private void approveTheOne(Matcher m) {
            m.matches();
            String comment = m.group(1) == null ? "" : m.group(1).strip();
            if (s.inbox().size() > 1) {
                List<Object> items = shownInbox();
                say(Say.DECIDE_WHICH, Params.of().put("items", items).put("count", items.size()));
                return;
            }
            decide(s.inbox().get(0), DecisionKind.APPROVED, comment);
        }

        private void act(Action action) {
            if (action instanceof Action.Start) {
                reconcile();
                start();
            } else if (action instanceof Action.Decide d) {
                if (s.target() == null || !s.target().draft().ref().equals(d.ref())) {
                    say(Say.DECIDE_STALE);
                    return;
                }
                decide(s.target(), d.kind(), d.comment() == null ? "" : d.comment().strip());
            }
        }

        // --- starting, resuming, status, help ---------------------------------------------------------

        private void start() {
            boolean finished = draft == null || state.stage() == Stage.IDLE
                    || (state.stage() == Stage.SUBMITTED && draft.status() == Status.APPROVED);
            if (finished) {
                draft = Draft.start(me, in.now());
                previous = null;
                state = new ConversationState(Stage.TITLE, 0, null, false, state.shownInbox());
                say(Say.ASK_TITLE, Params.of().put("welcome", true));
                return;
            }
            if (state.stage() != Stage.SUBMITTED && replies.isEmpty()) {
                say(Say.RESUMED, Params.of().put("title", draft.title()));
            }
            resume();
        }

        private void resume() {
            switch (state.stage()) {
                case IDLE -> say(Say.IDLE_HINT, stageFlags());
                case TITLE -> say(Say.ASK_TITLE, Params.of());
                case MANAGER -> askManager();
                case TASKS -> promptTasks();
                case REVIEW -> showReview();
                case QUESTIONS -> {
                    if (ConversationState.TIME_AFTER.equals(state.pending())) {
                        showTimeAfter(Params.of());
                    }
                    askQuestion();
                }
                case DRAFT -> showDraft();
                case SUBMITTED -> promptSubmitted();
                default -> throw new IllegalStateException("unknown stage " + state.stage());
            }
        }

        private Params stageFlags() {
            String stage = state.stage().name().toLowerCase(Locale.ROOT);
            return Params.of()
                    .put("stage", stage)
                    .put("at_" + stage, true)
                    .put("is_manager", !s.inbox().isEmpty())
                    .put("approved", draft != null && draft.status() == Status.APPROVED)
                    .put("inbox_count", s.inbox().size());
        }

        private void status() {
            Params p = stageFlags();
            if (approvedAndDone()) {
                p.put("stage", "approved");
            }
            if (draft != null && state.stage() != Stage.IDLE) {
                p.put("has_draft", true)
                        .put("title", draft.title())
                        .put("manager", draft.manager() == null ? null : Params.person(draft.manager()))
                        .put("version", draft.version())
                        .put("status", draft.status().word())
                        .put("task_count", draft.tasks().size())
                        .put("answered", Views.answered(draft))
                        .put("question", state.stage() == Stage.QUESTIONS ? state.question() + 1 : null)
                        .put("questions", state.plan().size());
            }
            say(Say.STATUS, p);
        }

        private void back() {
            switch (state.stage()) {
                case IDLE, TITLE -> {
                    say(Say.BACK_NOWHERE, stageFlags());
                    resume();
                }
                case MANAGER -> {
                    state = state.at(Stage.TITLE);
                    say(Say.ASK_TITLE, Params.of().put("current", draft.title()));
                }
                case TASKS -> {
                    state = state.at(Stage.MANAGER);
                    askManager();
                }
                case REVIEW -> {
                    state = state.at(Stage.TASKS);
                    promptTasks();
                }
                case QUESTIONS -> {
                    if (state.question() == 0) {
                        state = state.at(Stage.REVIEW);
                        showReview();
                    } else {
                        state = state.atQuestion(state.question() - 1);
                        askQuestion();
                    }
                }
                case DRAFT -> {
                    state = state.atQuestion(state.plan().size() - 1);
                    askQuestion();
                }
                case SUBMITTED -> {
                    say(Say.BACK_NOWHERE, stageFlags());
                    promptSubmitted();
                }
                default -> throw new IllegalStateException("unknown stage " + state.stage());
            }
        }

        private void restart() {
            if (state.stage() == Stage.IDLE || draft == null) {
                say(Say.RESTART_REFUSED, Params.of().put("idle", true));
            } else if (state.stage() == Stage.SUBMITTED && draft.status() == Status.SUBMITTED) {
                say(Say.RESTART_REFUSED, Params.of().put("waiting", true)
                        .put("manager", Params.person(draft.manager())));
            } else if (state.stage() == Stage.SUBMITTED) {
                start();
            } else {
                state = state.confirming(true);
                say(Say.RESTART_CONFIRM, Params.of().put("title", draft.title()).put("task_count", draft.tasks().size()));
            }
        }

        private void doRestart() {
            if (draft == null || draft.locked()) {
                start();
                return;
            }
            draft = draft.cleared();
            state = state.at(Stage.TITLE);
            say(Say.RESTARTED);
            say(Say.ASK_TITLE, Params.of());
        }

        // --- title and manager ------------------------------------------------------------------------

        private void onTitle(String text, MessageKind.Reading reading) {
            if (!reading.content()) {
                notContent(reading);
                return;
            }
            String title = LeadIns.title(TaskLines.BLANKS.matcher(text).replaceAll(" "));
            if (title.length() > MAX_TITLE || title.chars().noneMatch(Character::isLetter) || text.contains("\n")) {
                say(Say.TITLE_INVALID, Params.of().put("max", MAX_TITLE));
                return;
            }
            draft = draft.withTitle(title);
            state = state.at(Stage.MANAGER);
            askManager();
        }

        private void askManager() {
            say(Say.ASK_MANAGER, Params.of()
                    .put("title", draft.title())
                    .put("plain_ids", plainIds())
                    .put("current", draft.manager() == null ? null : Params.person(draft.manager())));
        }

        /** Surfaces without mentions (the terminal, the web page) name people by a plain id. */
        private boolean plainIds() {
            return me.startsWith("local:") || me.startsWith("web:");
        }

        private void onManager(String text) {
            Optional<String> manager = in.mentions().isEmpty() ? Optional.empty() : Optional.of(in.mentions().get(0));
            if (manager.isEmpty() && plainIds() && !MENTION_LIKE.matcher(text).find()) {
                Matcher m = PLAIN_ID.matcher(LeadIns.person(text));
                if (m.matches() && m.group(1).endsWith(".")) {
                    // "dave." would name another person than "dave": ask rather than guess which was meant.
                    String suggest = m.group(1).replaceAll("(?<!\\.)\\.+$", "").toLowerCase(Locale.ROOT);
                    say(Say.MANAGER_INVALID, Params.of().put("plain_ids", true).put("trailing_dot", true)
                            .put("suggest", suggest));
                    return;
                }
                if (m.matches() && !isWord(m.group(1).toLowerCase(Locale.ROOT), m.group(1))
                        && !NOT_AN_ANSWER.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                    // A plain id, and not a word of the conversation ("done" names nobody).
                    manager = Optional.of(me.substring(0, me.indexOf(':') + 1) + m.group(1).toLowerCase(Locale.ROOT));
                }
            }
            if (manager.isEmpty()) {
                say(Say.MANAGER_INVALID, Params.of().put("plain_ids", plainIds()));
                return;
            }
            if (manager.get().equals(me)) {
                say(Say.MANAGER_SELF);
                return;
            }
            draft = draft.withManager(manager.get());
            state = state.at(Stage.TASKS);
            promptTasks(true);
        }

        // --- tasks ------------------------------------------------------------------------------------

        private void promptTasks() {
            promptTasks(false);
        }

        /** Asks for the tasks (saying back the manager just named, when {@code named}) or shows those listed. */
        private void promptTasks(boolean named) {
            if (draft.tasks().isEmpty()) {
                say(Say.ASK_TASKS, Params.of().put("max", MAX_TASKS).put("title", draft.title())
                        .put("manager", named ? Params.person(draft.manager()) : null));
                return;
            }
            say(Say.TASK_LIST, Params.of().put("tasks", Views.taskList(draft)).put("count", draft.tasks().size()));
            askMissingShare();
        }

        /** Asks about the first task without a share; true if there was one. */
        private boolean askMissingShare() {
            if (state.pending() != null && state.pending().startsWith(ConversationState.SHIFT)) {
                say(Say.ASK_SHIFT, Params.of());
                return true;
            }
            for (int i = 0; i < draft.tasks().size(); i++) {
                Task t = draft.tasks().get(i);
                if (t.share() == null) {
                    say(Say.ASK_SHARE, Params.of().put("n", i + 1).put("text", t.text()));
                    return true;
                }
            }
            return false;
        }

        private void onTasks(String text, String w, MessageKind.Reading reading) {
            if (DONE_WORDS.contains(w)) {
                finishTasks();
                return;
            }
            if (LIST_WORDS.contains(w)) {
                promptTasks();
                return;
            }
            Optional<TaskEdits.Edit> edit = TaskEdits.tasks(text);
            Matcher reshare = RESHARE_SAID.matcher(text);
            if (edit.isEmpty() && reshare.lookingAt() && TaskEdits.calls(text).isEmpty()) {
                // "4 is 5", "4 is 1h per shift": a change to task 4's time that could not be read is no task.
                say(Say.NOT_CONTENT, stageFlags().put("reshare_unclear", true).put("n", reshare.group(1)));
                return;
            }
            if (edit.isPresent()) {
                edit(edit.get());
                return;
            }
            if (SPLIT.matcher(w).matches() || (ConversationState.SPLIT.equals(state.pending())
                    && (OK_WORDS.contains(w) || w.equals("please") || w.equals("sure") || w.equals("yes please")))) {
                splitEvenly();
                return;
            }
            if (state.pending() != null && state.pending().startsWith(ConversationState.SHIFT)) {
                Optional<Double> shift = TimeReader.shiftLength(text)
                        .or(() -> TimeReader.shiftLength(TimeReader.plainAnswer(text)));
                if (shift.isPresent()) {
                    fillShifts(shift.get());
                    return;
                }
            }
            if (w.equals("skip")) {
                say(Say.TASKS_NONE, Params.of().put("skip", true));
                return;
            }
            if (STRAY_WORDS.contains(w)) {
                say(Say.TASKS_HINT, Params.of().put("count", draft.tasks().size()));
                return;
            }
            // With a task's time asked, the reply is read as that time first, as people answer it ("idk like 20ish").
            Optional<TimeReader.Time> bare = draft.tasks().stream().anyMatch(t -> t.share() == null)
                    ? TimeReader.answer(text, state.shiftHours(), unitOfTheOthers())
                    : TimeReader.only(text, state.shiftHours());
            if (bare.isPresent() && bare.get().share() != null) {
                fillShare(bare.get().share());
                return;
            }
            if (!reading.content()) {
                notContent(reading);
                askMissingShare();
                return;
            }
            addLines(text);
        }

        /** The unit most of the tasks' times are in (percent when none has one): a bare "60" is read in it. */
        private ShareUnit unitOfTheOthers() {
            long hours = draft.tasks().stream().filter(t -> t.share() != null && t.share().unit() == ShareUnit.HOURS_PER_WEEK)
                    .count();
            long percent = draft.tasks().stream().filter(t -> t.share() != null && t.share().unit() == ShareUnit.PERCENT)
                    .count();
            return hours > percent ? ShareUnit.HOURS_PER_WEEK : ShareUnit.PERCENT;
        }

        private void fillShare(Share share) {
            if (TaskLines.tooBig(share) || share.amount() <= 0) {
                say(Say.TASKS_ADDED, Params.of().put("problems", List.of(Params.of()
                        .put("text", Views.given(share))
                        .put(share.amount() < 0 ? "share_negative" : "share_invalid", true).map())));
                askMissingShare();
                return;
            }
            List<Task> tasks = new ArrayList<>(draft.tasks());
            for (int i = 0; i < tasks.size(); i++) {
                if (tasks.get(i).share() == null) {
                    tasks.set(i, tasks.get(i).withShare(share));
                    draft = draft.withTasks(tasks);
                    if (!askMissingShare()) {
                        promptTasks();
                    }
                    return;
                }
            }
            say(Say.TASKS_ADDED, Params.of().put("share_without_task", true));
        }

        private void addLines(String text) {
            TaskRead lines = read != null && read.reading() != null && state.shiftHours() == null
                    ? read : lines(in.text(), text, state.shiftHours());
            TaskListReader.Reading reading = lines.reading();
            if (reading.shiftHours() != null) {
                state = state.withShift(reading.shiftHours());
            }
            List<Task> tasks = new ArrayList<>(draft.tasks());
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < tasks.size(); i++) {
                index.put(tasks.get(i).key(), i);
            }
            List<Object> added = new ArrayList<>();
            List<Object> merged = new ArrayList<>();
            List<Object> problems = new ArrayList<>();
            List<Object> overLimit = new ArrayList<>();
            List<Object> readAs = new ArrayList<>();
            StringBuilder perShift = new StringBuilder();
            for (TaskListReader.Item item : reading.items()) {
                TaskLines.Line line = item.line();
                if (line.problem() != null) {
                    problems.add(Params.of().put("text", line.text())
                            .put(line.problem().name().toLowerCase(Locale.ROOT), true).map());
                    continue;
                }
                String key = Task.keyOf(line.text());
                Integer at = index.get(key);
                if (at != null) {
                    Task old = tasks.get(at);
                    if (line.share() != null) {
                        tasks.set(at, old.withShare(line.share()));
                    }
                    merged.add(Params.of().put("text", old.text()).map());
                    continue;
                }
                if (tasks.size() >= MAX_TASKS) {
                    overLimit.add(Params.of().put("text", line.text()).map());
                    continue;
                }
                Classification c = in.classifications().getOrDefault(line.text(), Classification.unknown());
                tasks.add(Task.proposed(line.text(), line.share(), c));
                index.put(key, tasks.size() - 1);
                if (item.perShift() != null) {
                    perShift.append(perShift.isEmpty() ? "" : ",").append(tasks.size()).append('=').append(item.perShift());
                }
                if (item.range() || item.most()) {
                    readAs.add(Params.of().put("text", line.text()).put("given", Views.given(line.share()))
                            .put("range", item.range()).put("most", item.most()).map());
                }
                added.add(Params.of().put("text", line.text()).put("given", Views.given(line.share())).map());
            }
            draft = draft.withTasks(tasks);
            if (!perShift.isEmpty()) {
                String before = state.pending() != null && state.pending().startsWith(ConversationState.SHIFT)
                        ? state.pending() + "," : ConversationState.SHIFT;
                state = state.awaiting(before + perShift);
            }
            say(reading.paragraph() ? Say.CANDIDATES : Say.TASKS_ADDED, Params.of()
                    .put("added", added).put("added_count", added.size())
                    .put("merged", merged).put("problems", problems)
                    .put("over_limit", overLimit).put("max", MAX_TASKS)
                    .put("read_as", readAs)
                    .put("unread", unread).put("max_message", MAX_MESSAGE)
                    .put("count", tasks.size()));
            if (lines.thenDone()) {
                finishTasks();
            } else {
                askMissingShare();
            }
        }

        private void edit(TaskEdits.Edit edit) {
            List<Task> tasks = new ArrayList<>(draft.tasks());
            if (edit instanceof TaskEdits.Drop d) {
                List<Integer> bad = d.numbers().stream().filter(n -> n < 1 || n > tasks.size()).toList();
                if (!bad.isEmpty()) {
                    say(Say.DROP_INVALID, Params.of().put("n", bad.get(0)).put("count", tasks.size()));
                    return;
                }
                List<Object> removed = new ArrayList<>();
                for (int i = d.numbers().size() - 1; i >= 0; i--) {
                    removed.add(0, Params.of().put("n", d.numbers().get(i))
                            .put("text", tasks.remove(d.numbers().get(i) - 1).text()).map());
                }
                draft = draft.withTasks(tasks);
                say(Say.TASK_DROPPED, Params.of().put("removed", removed)
                        .put("tasks", Views.taskList(draft)).put("count", tasks.size()));
            } else if (edit instanceof TaskEdits.Rename r) {
                if (r.n() < 1 || r.n() > tasks.size()) {
                    say(Say.DROP_INVALID, Params.of().put("n", r.n()).put("count", tasks.size()));
                    return;
                }
                Task old = tasks.get(r.n() - 1);
                tasks.set(r.n() - 1, old.renamed(r.text()));
                draft = draft.withTasks(tasks);
                say(Say.TASK_EDITED, Params.of().put("n", r.n()).put("before", old.text())
                        .put("tasks", Views.taskList(draft)));
            } else if (edit instanceof TaskEdits.Reshare r) {
                if (r.n() < 1 || r.n() > tasks.size()) {
                    say(Say.DROP_INVALID, Params.of().put("n", r.n()).put("count", tasks.size()));
                    return;
                }
                if (TaskLines.tooBig(r.share()) || r.share().amount() <= 0) {
                    fillShare(r.share());
                    return;
                }
                tasks.set(r.n() - 1, tasks.get(r.n() - 1).withShare(r.share()));
                draft = draft.withTasks(tasks);
                say(Say.TASK_EDITED, Params.of().put("n", r.n()).put("tasks", Views.taskList(draft)));
                askMissingShare();
            }
        }

        /** The tasks without a share share what is left of the time equally. */
        private void splitEvenly() {
            List<Task> tasks = new ArrayList<>(draft.tasks());
            List<Integer> missing = new ArrayList<>();
            double given = 0;
            boolean hours = false;
            for (int i = 0; i < tasks.size(); i++) {
                Share sh = tasks.get(i).share();
                if (sh == null) {
                    missing.add(i);
                } else {
                    hours |= sh.unit() == rolecraft.bot.domain.ShareUnit.HOURS_PER_WEEK;
                    given += sh.unit() == rolecraft.bot.domain.ShareUnit.PERCENT ? sh.amount() : sh.amount() / Shares.WEEK_HOURS * 100;
                }
            }
            state = state.awaiting(null);
            if (missing.isEmpty()) {
                say(Say.TASKS_ADDED, Params.of().put("share_without_task", true));
                return;
            }
            double left = given < 100 ? 100 - given : 100.0 * missing.size() / tasks.size();
            double each = Math.round(left / missing.size() * 10) / 10.0;
            for (int i : missing) {
                tasks.set(i, tasks.get(i).withShare(hours ? Share.hours(Math.round(each * Shares.WEEK_HOURS) / 100.0)
                        : Share.percent(each)));
            }
            draft = draft.withTasks(tasks);
            say(Say.TASK_LIST, Params.of().put("tasks", Views.taskList(draft)).put("count", tasks.size())
                    .put("split", true));
        }

        /** The shift's length arrived: the tasks given per shift get their share of it. */
        private void fillShifts(double shift) {
            List<Task> tasks = new ArrayList<>(draft.tasks());
            for (String pair : state.pending().substring(ConversationState.SHIFT.length()).split(",")) {
                String[] kv = pair.split("=");
                int n = Integer.parseInt(kv[0]);
                if (n >= 1 && n <= tasks.size() && tasks.get(n - 1).share() == null) {
                    double pct = Math.round(Double.parseDouble(kv[1]) / shift * 1000) / 10.0;
                    tasks.set(n - 1, tasks.get(n - 1).withShare(Share.percent(Math.min(100, pct))));
                }
            }
            draft = draft.withTasks(tasks);
            state = state.awaiting(null).withShift(shift);
            say(Say.TASK_LIST, Params.of().put("tasks", Views.taskList(draft)).put("count", tasks.size())
                    .put("shift", (int) Math.round(shift)));
            askMissingShare();
        }

        private void finishTasks() {
            if (draft.tasks().isEmpty()) {
                say(Say.TASKS_NONE, Params.of());
                return;
            }
            if (draft.tasks().size() > 1 && draft.tasks().stream().allMatch(t -> t.share() == null)
                    && !(state.pending() != null && state.pending().startsWith(ConversationState.SHIFT))) {
                state = state.awaiting(ConversationState.SPLIT);
                say(Say.OFFER_SPLIT, Params.of().put("count", draft.tasks().size())
                        .put("first", draft.tasks().get(0).text()));
                return;
            }
            if (askMissingShare()) {
                return;
            }
            Shares.Normalised norm = Shares.normalise(draft.tasks());
            if (norm.rescaled()) {
                say(Say.TASKS_RESCALED, Params.of()
                        .put("kind", norm.kind().name().toLowerCase(Locale.ROOT))
                        .put(norm.kind().name().toLowerCase(Locale.ROOT), true)
                        .put("total", Views.given(norm.rawTotal() == Math.rint(norm.rawTotal())
                                ? Share.percent(norm.rawTotal()) : Share.percent(Math.round(norm.rawTotal() * 10) / 10.0)))
                        .put("hours", String.valueOf(Math.round(norm.rawTotal())))
                        .put("week_hours", (int) Shares.WEEK_HOURS)
                        .put("tasks", Views.taskList(draft)));
            }
            state = state.at(Stage.REVIEW);
            showReview();
        }

        // --- review -----------------------------------------------------------------------------------

        private void showReview() {
            say(Say.REVIEW, Params.of().put("tasks", Views.review(draft)).put("count", draft.tasks().size()));
        }

        private void onReview(String text, String w) {
            if (OK_WORDS.contains(w) || w.equals("done")) {
                List<Object> unsure = unsureLeft();
                if (!unsure.isEmpty() && !ConversationState.UNSURE.equals(state.pending())) {
                    // Calls the classifier was unsure of are asked, not asserted; a second "ok" keeps them.
                    state = state.awaiting(ConversationState.UNSURE);
                    say(Say.REVIEW_INVALID, Params.of().put("count", draft.tasks().size()).put("unsure", unsure)
                            .put("has_unsure", true));
                    return;
                }
                // A second "ok" keeps the calls asked about as proposed: the employee has answered them.
                List<Task> tasks = new ArrayList<>(draft.tasks());
                tasks.replaceAll(t -> t.unsure() ? t.settle(t.aiRole(), t.capability() != null ? t.capability()
                        : t.proposed().capability()) : t);
                draft = draft.withTasks(tasks);
                startQuestions();
                return;
            }
            if (w.equals("list") || w.equals("show")) {
                showReview();
                return;
            }
            Optional<TaskEdits.Edit> listEdit = TaskEdits.tasks(text);
            if (listEdit.isPresent() && !(listEdit.get() instanceof TaskEdits.Drop)) {
                // "rename 2 …" or "2 is 10%" at the review: the task list's edits work here too, then the review again.
                edit(listEdit.get());
                if (state.stage() == Stage.REVIEW) {
                    showReview();
                }
                return;
            }
            Optional<TaskEdits.Calls> calls = TaskEdits.calls(text)
                    .or(() -> TaskEdits.callsByName(text, draft.tasks()));
            List<Object> unsure = unsureLeft();
            Optional<AiRole> answer = calls.isPresent() || unsure.size() != 1 ? Optional.empty() : UnsureAnswers.read(text);
            if (answer.isPresent()) {
                // The one open question ("could AI draft this, or does it need you throughout?") answered in words.
                int n = (Integer) ((Map<?, ?>) unsure.get(0)).get("n");
                calls = Optional.of(new TaskEdits.Calls(List.of(n), answer, Optional.empty(), null));
            }
            int count = draft.tasks().size();
            Optional<Integer> outside = calls.flatMap(c -> c.numbers().stream().filter(n -> n < 1 || n > count).findFirst());
            if (calls.isEmpty() || outside.isPresent()) {
                say(Say.REVIEW_INVALID, Params.of().put("count", count).put("n", outside.orElse(null))
                        .put("out_of_range", outside.isPresent()));
                return;
            }
            // The last call asked about is answered: the review was already accepted, so the conversation goes on.
            List<Integer> changing = calls.get().numbers();
            boolean movingOn = ConversationState.UNSURE.equals(state.pending())
                    && unsureLeft().stream().allMatch(u -> changing.contains((Integer) ((Map<?, ?>) u).get("n")));
            changeCalls(calls.get(), movingOn);
            if (movingOn) {
                startQuestions();
            }
        }

        /** The employee's calls on the tasks {@code calls} numbers (all in range), each said back. */
        private void changeCalls(TaskEdits.Calls calls, boolean movingOn) {
            List<Task> tasks = new ArrayList<>(draft.tasks());
            for (int n : calls.numbers()) {
                Task t = tasks.get(n - 1);
                AiRole newRole = calls.role().orElse(t.aiRole());
                Optional<Capability> cap = calls.capability();
                if (calls.role().isEmpty() && newRole == AiRole.AUTOMATE) {
                    newRole = AiRole.AUGMENT;
                }
                Capability newCap = cap.orElse(t.capability() != null ? t.capability() : t.proposed().capability());
                tasks.set(n - 1, t.settle(newRole, newCap, calls.reason()));
            }
            draft = draft.withTasks(tasks);
            int[] pct = Shares.rounded(Shares.normalise(tasks).percent());
            for (int n : calls.numbers()) {
                say(Say.REVIEW_CHANGED, Params.of().put("task", Views.reviewItem(n, tasks.get(n - 1), pct[n - 1]))
                        .put("moving_on", movingOn));
            }
        }

        /** The tasks whose call the classifier was unsure of and the employee has not settled. */
        private List<Object> unsureLeft() {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < draft.tasks().size(); i++) {
                Task t = draft.tasks().get(i);
                if (t.unsure()) {
                    out.add(Params.of().put("n", i + 1).put("text", t.text()).map());
                }
            }
            return out;
        }

        // --- questions and draft ----------------------------------------------------------------------

        /** The questions begin: in the order this person's work calls for. */
        private void startQuestions() {
            state = state.atQuestion(0).asking(QuestionPlan.order(draft.tasks()));
            askQuestion();
        }

        /** The question asked now, in this person's order. */
        private Question question() {
            List<Question> plan = state.plan();
            return plan.get(Math.min(state.question(), plan.size() - 1));
        }

        private void askQuestion() {
            Question q = question();
            Params p = QuestionPlan.wording(q, draft).put("n", state.question() + 1).put("of", state.plan().size())
                    .put("title", draft.title());
            draft.answer(q).filter(a -> !a.skipped()).ifPresent(a -> p.put("previous", a.text()));
            say(Say.question(q), p);
        }

        private void onQuestion(String text, String w, MessageKind.Reading reading) {
            Question q = question();
            Optional<Answer> before = draft.answer(q);
            if (ConversationState.TIME_AFTER.equals(state.pending()) && onTimeAfter(text)) {
                return;
            }
            if (state.pending() != null && state.pending().startsWith(ConversationState.CHECK)) {
                settleCheck(Integer.parseInt(state.pending().substring(ConversationState.CHECK.length())), w);
                nextQuestion();
                return;
            }
            Optional<TaskEdits.Calls> calls = TaskEdits.calls(text)
                    .or(() -> TaskEdits.callsByName(text, draft.tasks()));
            if (calls.isPresent() && calls.get().numbers().stream().allMatch(n -> n >= 1 && n <= draft.tasks().size())) {
                // A call changed after the review ("2 human: meds need two checks"): it changes the call, answers
                // nothing, and the same question is asked again.
                changeCalls(calls.get(), false);
                askQuestion();
                return;
            }
            if (NOT_AN_ANSWER.contains(w)) {
                // A word of another step ("submit" at the last question) is no answer: say so and ask again.
                say(Say.NOT_CONTENT, stageFlags().put("command_elsewhere", true).put("command", w));
                askQuestion();
                return;
            }
            // "ok" typed at an open question (an extra one after the review, say) acknowledges; it answers nothing.
            boolean noAnswer = !reading.content() || OK_WORDS.contains(w);
            if (q == Question.STAKEHOLDERS && !QuestionPlan.known(draft, q).isEmpty() && QuestionPlan.nobodyElse(text)) {
                // "That's it", to "you mentioned families and the pharmacy; who else?": those are the answer.
                draft = draft.withAnswer(new Answer(q, QuestionPlan.stakeholders(text, draft).orElseThrow()));
            } else if (w.equals("skip") || w.equals("pass") || (w.equals("keep") && (before.isEmpty() || before.get().skipped()))) {
                // "keep" with nothing kept before keeps nothing: the question is passed.
                draft = draft.withAnswer(new Answer(q, null));
            } else if (w.equals("keep") && before.isPresent() && !before.get().skipped()) {
                draft = draft.withAnswer(before.get());
            } else if (noAnswer && !ConversationState.FOLLOW_UP.equals(state.pending())) {
                // One follow-up, with an example from their own work; the next reply answers the same question.
                state = state.awaiting(ConversationState.FOLLOW_UP);
                say(Say.FOLLOW_UP, Params.of().put(q.key(), true).put("example", example())
                        .put("n", state.question() + 1).put("of", state.plan().size())
                        .put("frees_time", QuestionPlan.freesTime(draft.tasks()))
                        .put(reading.kind().name().toLowerCase(Locale.ROOT), true));
                return;
            } else if (noAnswer) {
                draft = draft.withAnswer(new Answer(q, null));
            } else {
                String said = LeadIns.answer(text);
                draft = draft.withAnswer(new Answer(q, q == Question.STAKEHOLDERS
                        ? QuestionPlan.stakeholders(said, draft).orElse(said) : said));
                noteTold(q, text);
                int named = q == Question.IDENTITY ? Contradictions.automatedTaskNamed(text, draft.tasks())
                        : Contradictions.automatedTaskCherished(text, draft.tasks());
                if (named > 0) {
                    // The work that makes the role theirs is set to automate: check before going on.
                    state = state.awaiting(ConversationState.CHECK + named);
                    say(Say.CHECK_CALL, Params.of().put("n", named).put("text", draft.tasks().get(named - 1).text()));
                    return;
                }
            }
            nextQuestion();
        }

        /**
         * The questions still to come that {@code text}, the answer to {@code q}, already answers are answered with
         * what it told, taken off the list, and the person told so; a question answered in an earlier version is
         * still asked, with that answer to keep.
         */
        private void noteTold(Question q, String text) {
            List<Question> plan = state.plan();
            List<Question> left = new ArrayList<>(plan.subList(0, state.question() + 1));
            List<Object> noted = new ArrayList<>();
            for (Question later : plan.subList(state.question() + 1, plan.size())) {
                Optional<String> told = draft.answer(later).filter(a -> !a.skipped()).isPresent()
                        ? Optional.empty() : QuestionPlan.told(later, text, draft);
                if (told.isPresent()) {
                    draft = draft.withAnswer(new Answer(later, told.get()));
                    noted.add(Params.of().put(later.key(), true).put("text", told.get()).map());
                } else {
                    left.add(later);
                }
            }
            if (!noted.isEmpty()) {
                state = state.asking(left);
                say(Say.QUESTION_NOTED, Params.of().put("noted", noted));
            }
        }

        /** After a contradiction check: "augment" (or yes) keeps the employee in charge; anything else keeps the call. */
        private void settleCheck(int n, String w) {
            if (n >= 1 && n <= draft.tasks().size() && (w.contains("augment") || OK_WORDS.contains(w)
                    || w.startsWith("yes") || w.startsWith("change"))) {
                List<Task> tasks = new ArrayList<>(draft.tasks());
                Task t = tasks.get(n - 1);
                tasks.set(n - 1, t.settle(AiRole.AUGMENT, t.proposed().capability()));
                draft = draft.withTasks(tasks);
                int[] pct = Shares.rounded(Shares.normalise(tasks).percent());
                say(Say.REVIEW_CHANGED, Params.of().put("task", Views.reviewItem(n, tasks.get(n - 1), pct[n - 1])));
            }
        }

        private void nextQuestion() {
            int next = state.question() + 1;
            if (next < state.plan().size()) {
                state = state.atQuestion(next);
                if (state.plan().get(next) == Question.CLEAN_SHEET && QuestionPlan.freesTime(draft.tasks())) {
                    // Before what they would do with the freed time: how much is freed, task by task, theirs to say.
                    state = state.awaiting(ConversationState.TIME_AFTER);
                    showTimeAfter(Params.of());
                }
                askQuestion();
            } else {
                state = state.at(Stage.DRAFT);
                showDraft();
            }
        }

        /** Shows what each task AI takes part in will take after the change: the person's figure or the estimate. */
        private void showTimeAfter(Params p) {
            say(Say.TIME_AFTER, p.put("tasks", Views.timeAfter(draft)));
        }

        /**
         * A reply to the time-after step: "ok" makes the estimates the person's figures, "idk" leaves them the bot's,
         * figures per task replace them (the step stays open for more), a call change is made and the step shown
         * again. False when the reply is none of these: it then answers the clean-sheet question asked with the step,
         * and the estimates stay the bot's.
         */
        private boolean onTimeAfter(String text) {
            Optional<TaskEdits.Calls> calls = TaskEdits.calls(text);
            if (calls.isPresent() && calls.get().numbers().stream().allMatch(n -> n >= 1 && n <= draft.tasks().size())) {
                changeCalls(calls.get(), false);
                if (!QuestionPlan.freesTime(draft.tasks())) {
                    state = state.awaiting(null);
                } else {
                    showTimeAfter(Params.of());
                }
                askQuestion();
                return true;
            }
            Optional<TimeAfter.Reading> reading = TimeAfter.read(text, draft.tasks());
            if (reading.isEmpty()) {
                state = state.awaiting(null);
                return false;
            }
            if (reading.get() instanceof TimeAfter.Figures f) {
                List<Object> problems = new ArrayList<>();
                f.byTask().forEach((n, after) -> {
                    Params problem = afterProblem(n, after);
                    if (problem == null) {
                        List<Task> tasks = new ArrayList<>(draft.tasks());
                        tasks.set(n - 1, tasks.get(n - 1).expecting(after));
                        draft = draft.withTasks(tasks);
                    } else {
                        problems.add(problem.map());
                    }
                });
                showTimeAfter(Params.of().put("corrected", problems.size() < f.byTask().size()).put("problems", problems));
                askQuestion();
                return true;
            }
            boolean confirmed = reading.get() instanceof TimeAfter.Confirm;
            if (confirmed) {
                List<Task> tasks = new ArrayList<>(draft.tasks());
                for (int i = 0; i < tasks.size(); i++) {
                    Task t = tasks.get(i);
                    if (t.aiRole() != AiRole.HUMAN && t.share() != null && t.after() == null) {
                        tasks.set(i, t.expecting(Views.estimate(t)));
                    }
                }
                draft = draft.withTasks(tasks);
            }
            state = state.awaiting(null);
            say(Say.TIME_AFTER_KEPT, Params.of().put(confirmed ? "confirmed" : "estimates", true));
            askQuestion();
            return true;
        }

        /** The task that takes most of the person's time, to give a follow-up question something of theirs. */
        private String example() {
            int[] pct = Shares.rounded(Shares.normalise(draft.tasks()).percent());
            int best = -1;
            for (int i = 0; i < pct.length; i++) {
                if (best < 0 || pct[i] > pct[best]) {
                    best = i;
                }
            }
            return best < 0 ? null : draft.tasks().get(best).text();
        }

        private void showDraft() {
            say(Say.DRAFT, Params.of().put("draft", Views.draft(draft, previous)));
        }

        private void onDraft(String text, String w) {
            Optional<TaskEdits.Edit> edit = TaskEdits.tasks(text);
            if (w.equals("submit") || w.equals("send")) {
                submit();
            } else if (w.equals("show") || w.equals("draft") || w.equals("list")) {
                showDraft();
            } else if (edit.isPresent() && edit.get() instanceof TaskEdits.Reshare r) {
                expect(r.n(), r.share());
            } else {
                say(Say.DRAFT_HINT, Params.of().put("skip", w.equals("skip"))
                        .put("manager", Params.person(draft.manager())));
            }
        }

        /** The employee's own figure for the time task {@code n} takes after the change, checked, then the draft again. */
        private void expect(int n, Share after) {
            Params problem = afterProblem(n, after);
            if (problem != null) {
                say(Say.DRAFT_HINT, problem.put("after_invalid", true).put("count", draft.tasks().size())
                        .put("manager", Params.person(draft.manager())));
                return;
            }
            Task t = draft.tasks().get(n - 1);
            List<Task> tasks = new ArrayList<>(draft.tasks());
            tasks.set(n - 1, t.expecting(after));
            draft = draft.withTasks(tasks);
            showDraft();
        }

        /** Why {@code after} cannot be task {@code n}'s time after the change (out_of_range, not_ai, too_big), or null. */
        private Params afterProblem(int n, Share after) {
            Params problem = Params.of().put("n", n);
            if (n < 1 || n > draft.tasks().size()) {
                return problem.put("out_of_range", true);
            }
            Task t = draft.tasks().get(n - 1);
            if (t.aiRole() == AiRole.HUMAN || t.share() == null) {
                return problem.put("not_ai", true);
            }
            if (after.amount() < 0 || Views.inUnitOf(t.share(), after) > t.share().amount()) {
                return problem.put("too_big", true).put("now", Views.given(t.share()));
            }
            return null;
        }

        private void submit() {
            if (draft.manager() == null) {
                state = state.at(Stage.MANAGER);
                askManager();
                return;
            }
            draft = draft.submitted(in.now());
            state = state.at(Stage.SUBMITTED);
            say(Say.SUBMITTED, Params.of().put("manager", Params.person(draft.manager()))
                    .put("version", draft.version()));
            effects.add(new Effect.Notify(draft.manager(), List.of(Reply.of(Say.NOTICE_NEW_DRAFT, Params.of()
                    .put("employee", Params.person(me))
                    .put("draft", Views.draft(draft, previous))
                    .put("ref", Params.of().put("role", draft.roleId()).put("version", draft.version()).map())
                    .map()))));
            effects.add(new Effect.Audit("submitted", draft.roleId() == null ? null : draft.ref(), draft.manager()));
        }

        private void promptSubmitted() {
            if (draft == null) {
                say(Say.IDLE_HINT, stageFlags());
            } else if (draft.status() == Status.APPROVED) {
                say(Say.APPROVED_DONE, Params.of().put("title", draft.title()).put("version", draft.version()));
            } else {
                say(Say.WAITING, Params.of().put("manager", Params.person(draft.manager()))
                        .put("version", draft.version()));
            }
        }

        // --- the manager's side -----------------------------------------------------------------------

        private void showInbox() {
            if (s.inbox().isEmpty()) {
                state = state.showing(List.of());
                say(Say.INBOX_EMPTY, Params.of());
                return;
            }
            List<Object> items = shownInbox();
            say(Say.INBOX, Params.of().put("items", items).put("count", items.size()));
        }

        /** The waiting drafts, numbered as the manager now sees them (and remembered so). */
        private List<Object> shownInbox() {
            List<Object> items = new ArrayList<>();
            List<VersionRef> refs = new ArrayList<>();
            for (int i = 0; i < s.inbox().size(); i++) {
                items.add(Views.inboxItem(i + 1, s.inbox().get(i)));
                refs.add(s.inbox().get(i).draft().ref());
            }
            state = state.showing(refs);
            return items;
        }

        /** The version numbered n in the list the manager last saw, or in the current list. */
        private Optional<InboxItem> resolve(int n, boolean[] stale) {
            List<VersionRef> refs = state.shownInbox().isEmpty()
                    ? s.inbox().stream().map(i -> i.draft().ref()).toList() : state.shownInbox();
            if (n < 1 || n > refs.size()) {
                return Optional.empty();
            }
            VersionRef ref = refs.get(n - 1);
            Optional<InboxItem> item = s.inbox().stream().filter(i -> i.draft().ref().equals(ref)).findFirst();
            stale[0] = item.isEmpty();
            return item;
        }

        private void showItem(int n) {
            boolean[] stale = {false};
            Optional<InboxItem> item = resolve(n, stale);
            if (item.isEmpty()) {
                say(stale[0] ? Say.DECIDE_STALE : Say.DECIDE_INVALID,
                        Params.of().put("n", n).put("count", s.inbox().size()));
                return;
            }
            say(Say.INBOX_SHOW, Params.of().put("n", n)
                    .put("employee", Params.person(item.get().draft().employee()))
                    .put("draft", Views.draft(item.get().draft(), item.get().previous())));
        }

        private void decideByNumber(int n, DecisionKind kind, String comment) {
            if (s.inbox().isEmpty() && state.shownInbox().isEmpty()) {
                say(Say.INBOX_EMPTY, Params.of().put("deciding", true));
                return;
            }
            boolean[] stale = {false};
            Optional<InboxItem> item = resolve(n, stale);
            if (item.isEmpty()) {
                boolean listing = stale[0] && !s.inbox().isEmpty();
                say(stale[0] ? Say.DECIDE_STALE : Say.DECIDE_INVALID, Params.of().put("n", n).put("listing", listing)
                        .put("count", Math.max(s.inbox().size(), state.shownInbox().size())));
                if (listing) {
                    // A new version arrived since the list was shown (a resubmission): show what waits now, numbered.
                    showInbox();
                }
                return;
            }
            decide(item.get(), kind, comment);
        }

        private void decide(InboxItem item, DecisionKind kind, String comment) {
            Draft d = item.draft();
            if (!me.equals(d.manager())) {
                say(Say.DECIDE_NOT_MANAGER, Params.of().put("manager", Params.person(d.manager()))
                        .put("employee", Params.person(d.employee())));
                return;
            }
            if (d.status() != Status.SUBMITTED) {
                say(Say.DECIDE_STALE, Params.of().put("status", d.status().word()));
                return;
            }
            if (kind == DecisionKind.CHANGES_REQUESTED && comment.isBlank()) {
                say(Say.CHANGES_NEED_COMMENT, Params.of());
                return;
            }
            effects.add(new Effect.Decide(d.ref(), me, kind, comment.isBlank() ? null : comment, in.now()));
            Params notice = Params.of()
                    .put("manager", Params.person(me))
                    .put("title", d.title())
                    .put("version", d.version())
                    .put("comment", comment.isBlank() ? null : comment);
            effects.add(new Effect.Notify(d.employee(), List.of(Reply.of(
                    kind == DecisionKind.APPROVED ? Say.NOTICE_APPROVED : Say.NOTICE_CHANGES, notice.map()))));
            effects.add(new Effect.Audit(kind.word(), d.ref(), comment.isBlank() ? null : comment));
            say(Say.DECIDED, Params.of()
                    .put("ref", Params.of().put("role", d.roleId()).put("version", d.version()).map())
                    .put("approved", kind == DecisionKind.APPROVED)
                    .put("employee", Params.person(d.employee()))
                    .put("title", d.title())
                    .put("version", d.version())
                    .put("comment", comment.isBlank() ? null : comment));
        }
    }
}
