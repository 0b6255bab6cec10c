package rolecraft.bot.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.domain.Action;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.ConversationState;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.InboxItem;
import rolecraft.bot.domain.Inbound;
import rolecraft.bot.domain.Outcome;
import rolecraft.bot.domain.Reply;
import rolecraft.bot.domain.Say;
import rolecraft.bot.domain.Snapshot;

/** Drives the engine for one person in memory, feeding each outcome back as the next state. */
public final class Dialogue {

    private final Engine engine;
    /** How task lines are classified before a turn; the rule classifier unless a test sets another. */
    public java.util.function.Function<String, Classification> classifier = new RuleClassifier()::classify;
    public final String me;
    public ConversationState state = ConversationState.initial();
    public Draft draft;
    public Draft previous;
    public List<InboxItem> inbox = List.of();
    public InboxItem target;
    public Instant now = Instant.parse("2026-11-24T10:00:00Z");
    public Outcome last;
    public final List<Reply> all = new ArrayList<>();
    public final List<rolecraft.bot.domain.Effect> effects = new ArrayList<>();

    public Dialogue(String me) {
        this(me, null);
    }

    /** A dialogue whose worries are answered with {@code contact} as the person to talk to. */
    public Dialogue(String me, String contact) {
        this.me = me;
        this.engine = new Engine(contact);
    }

    public Outcome say(String text) {
        return say(text, List.of());
    }

    public Outcome say(String text, List<String> mentions) {
        Map<String, Classification> cls = new HashMap<>();
        if (Engine.wantsTaskLines(state, draft)) {
            for (String t : Engine.taskTexts(text)) {
                cls.put(t, classifier.apply(t));
            }
        }
        return run(new Inbound(me, text, now, mentions, cls, null));
    }

    public Outcome act(Action action) {
        return run(new Inbound(me, "", now, List.of(), Map.of(), action));
    }

    private Outcome run(Inbound in) {
        last = engine.step(new Snapshot(me, state, draft, previous, inbox, target), in);
        state = last.state();
        if (last.draft() != null && last.draft().roleId() == null) {
            draft = last.draft().withRoleId(1L);
        } else {
            draft = last.draft();
        }
        if (draft != null) {
            state = state.withRole(draft.roleId());
        }
        all.addAll(last.replies());
        effects.addAll(last.effects());
        now = now.plusSeconds(60);
        return last;
    }

    /** The keys of the last outcome's replies. */
    public List<Say> said() {
        return last.replies().stream().map(Reply::say).toList();
    }

    /** The values of the last reply with this key. */
    public Map<String, Object> params(Say key) {
        return last.replies().stream().filter(r -> r.say() == key).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no " + key + " in " + said())).params();
    }

    /** Runs an employee from "start" to the draft, ready to submit. */
    public Dialogue toDraft() {
        say("start");
        say("Finance Analyst");
        say("bob");
        say("Prepare the monthly report - 30%");
        say("Coach new hires 20%");
        say("Answer customer emails 50%");
        say("done");
        say("ok");
        for (int i = 0; i < 6; i++) {
            say(i % 2 == 0 ? "an answer " + i : "skip");
        }
        return this;
    }
}
