package rolecraft.adapters.server;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rolecraft.bot.privacy.People;

/**
 * ROLECRAFT_RETENTION_DAYS: drafts never submitted and kept messages older than that are deleted at start and
 * then once a day (approved and submitted versions are kept). Unset, everything is kept.
 */
public final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    public static final String VARIABLE = "ROLECRAFT_RETENTION_DAYS";

    private final People people;
    private final Duration keep;
    private final Clock clock;

    public Retention(People people, Duration keep, Clock clock) {
        this.people = people;
        this.keep = keep;
        this.clock = clock;
    }

    /** How long to keep, from the variable's value; empty when unset; one sentence when it is not a number of days. */
    public static Optional<Duration> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long days = Long.parseLong(value.strip());
            if (days >= 1 && days <= 36_500) {
                return Optional.of(Duration.ofDays(days));
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(VARIABLE + " takes a whole number of days from 1 to 36500 (or leave "
                + "it unset to keep everything), not '" + value + "'");
    }

    /** Deletes what is older than the limit now. */
    public People.Expired runOnce() {
        People.Expired e = people.expire(clock.instant().minus(keep));
        if (e.drafts() + e.keptMessages() > 0) {
            LOG.info("retention: {} unsubmitted draft(s) and {} kept message(s) older than {} days deleted",
                    e.drafts(), e.keptMessages(), keep.toDays());
        }
        return e;
    }

    /** Runs now on {@code executor}, then every day; a failed run is logged and the next one tried. */
    public ScheduledFuture<?> schedule(ScheduledExecutorService executor) {
        return executor.scheduleAtFixedRate(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                LOG.warn("retention run failed, tried again tomorrow: {}", e.getMessage());
            }
        }, 0, 1, TimeUnit.DAYS);
    }
}
