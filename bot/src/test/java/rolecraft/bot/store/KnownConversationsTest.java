package rolecraft.bot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import rolecraft.bot.domain.Answer;
import rolecraft.bot.domain.ConversationState;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.Question;
import rolecraft.bot.domain.Status;

/** What the SQLite writer remembers of people between their turns, and the check tests run it with. */
class KnownConversationsTest {

    private static Draft draft(long role, int version, Status status, String manager) {
        return new Draft(role, version, status, "local:ann", manager, "Analyst", List.of(), List.of(),
                Instant.parse("2026-11-01T10:00:00Z"), null, null, null);
    }

    @Test
    void the_check_refuses_what_differs_from_the_store_and_accepts_answers_in_any_order() {
        ConversationState state = ConversationState.initial().withRole(7L);
        Draft d = draft(7, 1, Status.DRAFTING, "local:bob");
        KnownConversations.Known known = new KnownConversations.Known(true, null, state, d, null, List.of());
        known.check(new KnownConversations.Known(true, null, state, d, null, null), List.of());
        assertThatThrownBy(() -> known.check(new KnownConversations.Known(true, null, state,
                d.withTitle("Controller"), null, null), List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("draft");
        assertThatThrownBy(() -> known.check(new KnownConversations.Known(true, null, state, d, null, null),
                List.of(new rolecraft.bot.domain.InboxItem(draft(9, 1, Status.SUBMITTED, "local:ann"), null))))
                .hasMessageContaining("inbox");
        Draft answered = d.withAnswers(List.of(new Answer(Question.SKILLS, "s"), new Answer(Question.IDENTITY, "i")));
        assertThat(KnownConversations.normal(answered).answers()).extracting(Answer::question)
                .containsExactly(Question.IDENTITY, Question.SKILLS);
    }

    @Test
    void the_least_recently_used_are_forgotten_beyond_the_capacity() {
        KnownConversations known = new KnownConversations(2);
        rolecraft.bot.domain.Outcome none = new rolecraft.bot.domain.Outcome(ConversationState.initial(), null,
                List.of(), List.of());
        KnownConversations.Known empty = new KnownConversations.Known(false, null, ConversationState.initial(),
                null, null, null);
        for (String p : List.of("a", "b", "c")) {
            known.after(p, null, empty, List.of(), null, none, ConversationState.initial(), null);
        }
        assertThat(known.size()).isEqualTo(2);
        assertThat(known.get("a")).isNull();
        assertThat(known.get("c").inbox()).isEmpty();
    }
}
