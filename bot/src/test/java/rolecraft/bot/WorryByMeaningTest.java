package rolecraft.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rolecraft.bot.Conversations.Message;
import rolecraft.bot.classify.BgeSmallEmbedder;
import rolecraft.bot.classify.Classifier;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.classify.TextEmbedder;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.Say;
import rolecraft.bot.store.Store;
import rolecraft.bot.store.TestDatabases;

/** A worry the rules miss is answered once the embedder is loaded, and kept as nobody's answer. */
class WorryByMeaningTest {

    @TempDir
    Path dir;

    private static final String WORRY = "is kwame going to use this to cut dispatchers??";

    /** The rule classifier's calls, with the sentence embedder loaded (or not). */
    private static Classifier classifier(TextEmbedder embedder) {
        RuleClassifier rules = new RuleClassifier();
        return new Classifier() {
            @Override
            public Classification classify(String task) {
                return rules.classify(task);
            }

            @Override
            public TextEmbedder embedderIfReady() {
                return embedder;
            }
        };
    }

    private Draft atTheFirstQuestionThen(Classifier classifier, String db, String message, Say expected) {
        Store store = Store.open(TestDatabases.fresh(TestDatabases.Kind.SQLITE, dir, db));
        Conversations c = new Conversations(store, classifier, Clock.systemUTC(), "Pat Lee");
        for (String m : new String[] {"start", "Bus dispatcher", "kwame", "radio with drivers 60%", "covering no-shows 40%",
                "done", "ok", "ok"}) {
            c.handle(Message.text("local:dee", m));
        }
        Conversations.Turn turn = c.handle(Message.text("local:dee", message));
        assertThat(turn.replies()).extracting(r -> r.say()).contains(expected);
        return store.activeDraft("local:dee").orElseThrow();
    }

    @Test
    void a_worry_the_rules_miss_is_answered_by_its_meaning_and_not_kept_as_an_answer() {
        Draft draft = atTheFirstQuestionThen(classifier(new BgeSmallEmbedder()), "meaning", WORRY, Say.WORRY);
        assertThat(draft.answers()).noneMatch(a -> a.text() != null && a.text().contains("kwame"));
    }

    @Test
    void until_the_embedder_is_loaded_the_rules_alone_decide() {
        Store store = Store.open(TestDatabases.fresh(TestDatabases.Kind.SQLITE, dir, "rules"));
        Conversations c = new Conversations(store, classifier(null), Clock.systemUTC(), "Pat Lee");
        c.handle(Message.text("local:dee", "start"));
        assertThat(c.handle(Message.text("local:dee", WORRY)).replies()).extracting(r -> r.say()).doesNotContain(Say.WORRY);
        Conversations loaded = new Conversations(store, classifier(new BgeSmallEmbedder()), Clock.systemUTC(), "Pat Lee");
        assertThat(loaded.handle(Message.text("local:dee", WORRY)).replies()).extracting(r -> r.say()).contains(Say.WORRY);
    }
}
