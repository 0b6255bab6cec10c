package rolecraft.bot.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rolecraft.bot.Conversations;
import rolecraft.bot.Conversations.Message;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.store.Store;
import rolecraft.bot.store.TestDatabases;

/** Worries are kept as concerns by theme and step, and admins see only counts of people, above the floor. */
class ConcernsTest {

    @TempDir
    Path dir;

    @Test
    void admins_see_how_many_people_voiced_each_worry_only_above_the_floor_and_never_their_words() {
        Conversations c = new Conversations(Store.open(TestDatabases.fresh(TestDatabases.Kind.SQLITE, dir, "concerns")),
                new RuleClassifier(), Clock.systemUTC(), "Pat Lee");
        for (int i = 0; i < Summary.MIN_GROUP; i++) {
            c.handle(Message.text("local:p" + i, "start"));
            c.handle(Message.text("local:p" + i, "is this to replace me??"));
            c.handle(Message.text("local:p" + i, "honestly, are they cutting jobs?"));
        }
        c.handle(Message.text("local:q", "start"));
        c.handle(Message.text("local:q", "is this going to be used in my evaluation?"));

        Map<String, Object> figures = new Summary(c.store().jdbi()).compute(Instant.parse("2030-01-01T00:00:00Z"));
        @SuppressWarnings("unchecked")
        Map<String, Object> concerns = (Map<String, Object>) figures.get("concerns");
        assertThat(concerns.get("by_theme")).isEqualTo(java.util.List.of(
                Map.of("theme", "replacement", "people", Summary.MIN_GROUP)));
        assertThat(concerns).as("a theme under the floor is not even counted").doesNotContainKey("themes_under_floor");
        assertThat(figures.toString()).doesNotContain("evaluation");
        assertThat(figures.toString()).doesNotContain("replace me").doesNotContain("evaluation?");
        int titled = c.store().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM role_versions WHERE title IS NOT NULL").mapTo(Integer.class).one());
        assertThat(titled).as("no worry was kept as a job title").isZero();
    }
}
