package rolecraft.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import rolecraft.bot.domain.AiRole;

class UnsureAnswersTest {

    @Test
    void an_answer_in_words_gives_the_call() {
        assertThat(UnsureAnswers.read("yeah AI could draft it for me to check")).contains(AiRole.AUGMENT);
        assertThat(UnsureAnswers.read("the first one")).contains(AiRole.AUGMENT);
        assertThat(UnsureAnswers.read("it needs me throughout")).contains(AiRole.HUMAN);
        assertThat(UnsureAnswers.read("no, AI can't draft that")).contains(AiRole.HUMAN);
        assertThat(UnsureAnswers.read("needs a person, honestly")).contains(AiRole.HUMAN);
        assertThat(UnsureAnswers.read("augment")).contains(AiRole.AUGMENT);
        assertThat(UnsureAnswers.read("Human.")).contains(AiRole.HUMAN);
    }

    @Test
    void a_question_or_a_reply_that_says_neither_is_no_answer() {
        assertThat(UnsureAnswers.read("what does augment mean?")).isEmpty();
        assertThat(UnsureAnswers.read("hmm not sure")).isEmpty();
        assertThat(UnsureAnswers.read("augment or human, whichever")).isEmpty();
        assertThat(UnsureAnswers.read("")).isEmpty();
        assertThat(UnsureAnswers.read("draft ".repeat(100))).isEmpty();
    }

    @Test
    void reading_a_reply_costs_work_in_proportion_to_its_length_whatever_it_holds() {
        for (String unit : new String[] {"needs ", "a", "'", "draft it ", "?", " "}) {
            CountingChars small = new CountingChars(unit.repeat(250 / unit.length()));
            CountingChars large = new CountingChars(unit.repeat(4000 / unit.length()));
            Optional<AiRole> ignored = UnsureAnswers.read(small);
            ignored = UnsureAnswers.read(large);
            assertThat(small.reads()).as(unit).isLessThanOrEqualTo(3L * small.length());
            // A long reply is no short answer: it is not read through at all.
            assertThat(large.reads()).as(unit).isLessThanOrEqualTo(3L * small.length());
        }
    }
}
