package rolecraft.bot.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import rolecraft.bot.Conversations;
import rolecraft.bot.Conversations.Message;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.store.Store;
import rolecraft.bot.store.TestDatabases;

/** The anonymity floor, kept where the figures are made: on records written through the engine. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class SummaryTest {

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path dir;
    private Conversations c;
    private int next;

    @BeforeEach
    void open() {
        c = new Conversations(Store.open(TestDatabases.fresh(kind, dir, "summary")), new RuleClassifier(),
                Clock.systemUTC());
    }

    @AfterEach
    void close() {
        c.store().close();
    }

    /** One person's approved role, written the way people write it. */
    private String approved(String title, String tacit, String... tasks) {
        String me = "local:p" + ++next;
        List<String> script = new ArrayList<>(List.of("start", title, "boss"));
        script.addAll(List.of(tasks));
        script.addAll(List.of("done", "ok", "skip", "skip", "skip", tacit == null ? "skip" : tacit, "skip", "skip",
                "submit"));
        for (String m : script) {
            c.handle(Message.text(me, m));
        }
        c.handle(Message.text("local:boss", "review"));
        c.handle(Message.text("local:boss", "approve 1"));
        return me;
    }

    private Map<String, Object> summary() {
        return new Summary(c.store().jdbi()).compute(Instant.now());
    }

    @Test
    void four_people_show_no_figure_drawn_from_their_answers_and_a_fifth_shows_them() {
        for (int i = 0; i < 4; i++) {
            approved("Chief Financial Officer", "Where the bank keeps its spare key",
                    "Prepare the monthly report - 60%", "Sign off the budget 40%");
        }
        Map<String, Object> four = summary();
        assertThat(four.get("approved")).isNull();
        assertThat((List<?>) four.get("by_title")).isEmpty();
        assertThat((List<?>) four.get("top_ai_tasks")).isEmpty();
        assertThat(four.get("tacit_knowledge_items")).isNull();

        approved("Chief Financial Officer", "Which auditor reads the footnotes",
                "Prepare the monthly report - 50%", "Sign off the budget 50%");
        Map<String, Object> five = summary();
        assertThat(five.get("approved")).isNotNull();
        assertThat(((Map<?, ?>) five.get("approved")).get("people")).isEqualTo(5);
        assertThat((List<?>) five.get("by_title")).hasSize(1);
        assertThat(five.get("tacit_knowledge_items")).isEqualTo(5);
        assertThat((List<?>) five.get("top_ai_tasks")).isNotEmpty();
    }
}
