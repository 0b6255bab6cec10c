package rolecraft.adapters.server;

import rolecraft.bot.privacy.People;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rolecraft.adapters.admin.Fixtures;
import rolecraft.bot.Conversations;
import rolecraft.bot.Conversations.Message;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.domain.Status;
import rolecraft.bot.store.Store;

class RetentionTest {

    @TempDir
    Path dir;

    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");

    private static Conversations at(Store store, Instant when) {
        return new Conversations(store, new RuleClassifier(), Clock.fixed(when, ZoneOffset.UTC));
    }

    @Test
    void the_setting_is_a_number_of_days_or_unset() {
        assertThat(Retention.parse(null)).isEmpty();
        assertThat(Retention.parse(" ")).isEmpty();
        assertThat(Retention.parse("30")).contains(Duration.ofDays(30));
        for (String bad : List.of("30d", "0", "-1", "99999999999999999999")) {
            assertThatThrownBy(() -> Retention.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ROLECRAFT_RETENTION_DAYS").hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void drafts_left_longer_than_the_limit_go_at_start_and_submitted_ones_stay() throws Exception {
        try (Store store = Store.sqlite(dir.resolve("r.db"))) {
            Conversations old = at(store, START);
            for (String m : List.of("start", "Gardener", "boss", "Prune the oleander hedges 60%")) {
                old.handle(Message.text("local:dora", m));
            }
            Fixtures.redesign(old, "local", "sam", "boss", "Analyst", List.of("Prepare the monthly report 100%"),
                    true, null);
            Fixtures.redesign(old, "local", "ann", "boss", "Clerk", List.of("File the invoices 100%"), false, null);
            Instant later = START.plus(Duration.ofDays(31));
            for (String m : List.of("start", "Baker", "boss", "Knead the sourdough 60%")) {
                at(store, later).handle(Message.text("local:erin", m));
            }

            Retention retention = new Retention(new People(store), Duration.ofDays(30), Clock.fixed(later, ZoneOffset.UTC));
            ScheduledExecutorService runs = Executors.newSingleThreadScheduledExecutor();
            try {
                retention.schedule(runs);
                // The first run is due at once: a task queued after it runs after it.
                runs.submit(() -> null).get();
            } finally {
                runs.shutdownNow();
            }

            assertThat(store.roles("local:dora")).isEmpty();
            assertThat(store.roles("local:erin")).singleElement().extracting(d -> d.status())
                    .isEqualTo(Status.DRAFTING);
            assertThat(store.roles("local:sam")).singleElement().extracting(d -> d.status())
                    .isEqualTo(Status.APPROVED);
            assertThat(store.roles("local:ann")).singleElement().extracting(d -> d.status())
                    .isEqualTo(Status.SUBMITTED);
            assertThat(retention.runOnce().drafts()).isZero();
        }
    }
}
