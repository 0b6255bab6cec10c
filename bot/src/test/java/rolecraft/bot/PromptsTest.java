package rolecraft.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rolecraft.bot.domain.Action;
import rolecraft.bot.domain.DecisionKind;
import rolecraft.bot.domain.Effect;
import rolecraft.bot.domain.InboxItem;
import rolecraft.bot.domain.Reply;
import rolecraft.bot.domain.Say;
import rolecraft.bot.engine.Dialogue;

class PromptsTest {

    private final Prompts prompts = Prompts.builtIn();

    @Test
    void every_key_the_engine_can_emit_has_a_template() {
        List<String> missing = new ArrayList<>();
        for (Say say : Say.values()) {
            if (!prompts.has(say.key())) {
                missing.add(say.key());
            }
        }
        assertThat(missing).as("templates missing in prompts/").isEmpty();
    }

    /** Runs a broad dialogue and renders every reply and notification it produced. */
    @Test
    void every_reply_of_a_whole_redesign_renders_without_leftover_tags() {
        Dialogue alice = new Dialogue("local:alice");
        for (String m : List.of("help", "status", "hi", "help", "back", "Finance Analyst", "alice", "bob",
                "Prepare the monthly report - 60%", "Coach new hires", "help", "status", "5h", "ok",
                "Coach new hires 10h", "Report 0%", "x", "drop 9", "list", "drop 2", "Coach new hires 10h", "done",
                "9 human", "1 human relationships", "list", "ok", "back", "ok", "skip", "keep", "a b c", "d", "e",
                "f", "skip", "show", "x".repeat(5000), "", "restart", "no", "submit", "status", "whatever")) {
            alice.say(m);
        }
        List<Reply> replies = new ArrayList<>(alice.all);
        alice.effects.stream().filter(e -> e instanceof Effect.Notify)
                .forEach(e -> replies.addAll(((Effect.Notify) e).replies()));
        Dialogue bob = new Dialogue("local:bob");
        bob.inbox = List.of(new InboxItem(alice.draft, null));
        for (String m : List.of("help", "review", "show 1", "show 5", "changes 1", "approve 3", "approve 1 Fine")) {
            bob.say(m);
        }
        bob.effects.stream().filter(e -> e instanceof Effect.Notify)
                .forEach(e -> replies.addAll(((Effect.Notify) e).replies()));
        replies.addAll(bob.all);
        Dialogue carol = new Dialogue("local:carol");
        carol.target = bob.inbox.get(0);
        carol.act(new Action.Decide(alice.draft.ref(), DecisionKind.APPROVED, null));
        carol.say("approve 1");
        replies.addAll(carol.all);

        Set<Say> seen = EnumSet.noneOf(Say.class);
        for (Reply r : replies) {
            String text = prompts.render(r, Prompts.PersonFormat.PLAIN);
            assertThat(text).as(r.say().key()).isNotBlank().doesNotContain("{{").doesNotContain("@person");
            seen.add(r.say());
        }
        assertThat(seen).contains(Say.ASK_TITLE, Say.TASKS_ADDED, Say.REVIEW, Say.DRAFT, Say.SUBMITTED,
                Say.NOTICE_NEW_DRAFT, Say.INBOX, Say.INBOX_SHOW, Say.DECIDED, Say.DECIDE_NOT_MANAGER, Say.TOO_LONG);
    }

    @Test
    void people_are_written_the_way_the_surface_wants() {
        Reply r = Reply.of(Say.SUBMITTED, Map.of("manager", Map.of("@person", "slack:T1:U2"), "version", 1));
        assertThat(prompts.render(r, id -> "<@" + id.substring(id.lastIndexOf(':') + 1) + ">"))
                .contains("<@U2>");
        assertThat(prompts.render(r, Prompts.PersonFormat.PLAIN)).contains("U2").doesNotContain("slack:");
    }

    @Test
    void a_template_in_the_override_folder_wins(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ask_title.txt"), "Quel est votre poste ?");
        Prompts custom = Prompts.load(dir);
        assertThat(custom.render(Reply.of(Say.ASK_TITLE), Prompts.PersonFormat.PLAIN))
                .isEqualTo("Quel est votre poste ?");
        assertThat(custom.render(Reply.of(Say.TOO_LONG, Map.of("max", 4000, "length", 5000)),
                Prompts.PersonFormat.PLAIN)).contains("4000");
    }

    @Test
    void a_text_clipped_to_a_limit_keeps_whole_characters_and_marks_the_cut() {
        assertThat(Prompts.clip("short", 10)).isEqualTo("short");
        assertThat(Prompts.clip("exactly ten", 11)).isEqualTo("exactly ten");
        assertThat(Prompts.clip("Prepare the monthly report", 12)).isEqualTo("Prepare the…");
        // An emoji is two UTF-16 units: cut before it, never through it.
        String clipped = Prompts.clip("abcdefgh\uD83D\uDE00xyz", 10);
        assertThat(clipped).isEqualTo("abcdefgh…").hasSizeLessThanOrEqualTo(10);
        assertThat(Prompts.clip("abcdefg\uD83D\uDE00xyz", 10)).isEqualTo("abcdefg\uD83D\uDE00…");
    }

    @Test
    void a_missing_override_folder_is_a_clear_error(@TempDir Path dir) {
        assertThatThrownBy(() -> Prompts.load(dir.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prompts folder not found");
    }
}
