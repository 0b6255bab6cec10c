package rolecraft.bot.understand;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rolecraft.bot.Prompts;
import rolecraft.bot.classify.BgeSmallEmbedder;

/**
 * Worries told by meaning, on questions written apart from the examples (test resources, never tuned on): how many
 * worries the rules alone miss and the meaning finds, and that questions about the exercise are not taken for one.
 */
class WorryMeaningTest {

    private static WorryMeaning meaning;
    private static List<WorryMeaning.Example> heldOut;

    @BeforeAll
    static void load() throws IOException {
        BgeSmallEmbedder embedder = new BgeSmallEmbedder();
        meaning = new WorryMeaning(WorryMeaning.examples(Prompts.builtIn()), () -> embedder);
        try (InputStream in = WorryMeaningTest.class.getResourceAsStream("/understand/worries-heldout.txt")) {
            heldOut = WorryMeaning.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The worry the conversation reads in a message: the rules first, then the meaning. */
    private static Optional<Worries.Theme> read(String message) {
        MessageKind.Reading r = MessageKind.read(message);
        return r.kind() == MessageKind.Kind.WORRY ? Optional.of(r.theme()) : meaning.theme(message);
    }

    @Test
    void the_examples_are_read_from_the_prompts() {
        List<WorryMeaning.Example> examples = WorryMeaning.examples(Prompts.builtIn());
        assertThat(examples).hasSizeGreaterThan(50);
        assertThat(examples).extracting(WorryMeaning.Example::theme).contains(Worries.Theme.values()).containsNull();
    }

    @Test
    void held_out_worries_are_found_and_questions_about_the_exercise_are_not_taken_for_one() {
        int worries = 0;
        int byRules = 0;
        int found = 0;
        int rightTheme = 0;
        List<String> taken = new ArrayList<>();
        for (WorryMeaning.Example e : heldOut) {
            Optional<Worries.Theme> got = read(e.text());
            if (e.theme() == null) {
                got.ifPresent(t -> taken.add(e.text() + " -> " + t));
                continue;
            }
            worries++;
            byRules += MessageKind.read(e.text()).kind() == MessageKind.Kind.WORRY ? 1 : 0;
            found += got.isPresent() ? 1 : 0;
            rightTheme += got.filter(t -> t == e.theme()).isPresent() ? 1 : 0;
        }
        assertThat(worries).isGreaterThanOrEqualTo(25);
        assertThat(taken).as("questions that are no worry, taken for one").isEmpty();
        // The rules alone find about half of these (12 of 25 when written); with the meaning, 23.
        assertThat(byRules).isLessThan(found);
        assertThat(found).as("worries found of " + worries + " (rules alone: " + byRules + ")")
                .isGreaterThanOrEqualTo(worries * 9 / 10);
        assertThat(rightTheme).isGreaterThanOrEqualTo(worries * 8 / 10);
    }

    @Test
    void only_questions_are_compared() {
        assertThat(meaning.theme("the customers, dispatch, the parts guys at the supply house")).isEmpty();
        assertThat(meaning.theme("Process invoices and chase late payers 20%")).isEmpty();
        assertThat(meaning.theme("knowing which patient is about to crash")).isEmpty();
        assertThat(meaning.theme("so is the plan fewer of us on each shift?")).contains(Worries.Theme.REPLACEMENT);
    }

    @Test
    void nothing_is_compared_before_the_embedder_is_loaded() {
        WorryMeaning loading = new WorryMeaning(WorryMeaning.examples(Prompts.builtIn()), () -> null);
        assertThat(loading.theme("will people lose their jobs because of this?")).isEmpty();
    }

    @Test
    void the_worries_people_met_unanswered_are_answered() {
        for (String asked : new String[] {"honestly if ai runs payroll do they even still need me?",
                "is this going to be used to fire people", "will this be used to cut nurse hours?",
                "is kwame going to use this to cut dispatchers??", "will this replace teachers", "are my answers anonymous?",
                "will dr liu see everything i write here??"}) {
            assertThat(read(asked)).as(asked).isPresent();
        }
    }
}
