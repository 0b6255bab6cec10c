package rolecraft.adapters.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admin token tries per address: a right token clears the count; after {@link #LIMIT} wrong ones within
 * {@link #WINDOW}, the address is refused for {@link #BLOCK}, whatever it sends. Time comes from the clock given, so tests move it instead of waiting.
 */
final class Throttle {

    static final int LIMIT = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final Duration BLOCK = Duration.ofMinutes(15);
    /** Addresses remembered before the stale ones are dropped. */
    private static final int PRUNE_AT = 10_000;

    private record Failures(Instant since, int count, Instant blockedUntil) {
    }

    private final Clock clock;
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    Throttle(Clock clock) {
        this.clock = clock;
    }

    /**
     * Called before a token is checked: counts the try, so that tries sent all at once are counted before any
     * is answered. Answers 0 when this try may go on, else the whole seconds (at least 1) to wait.
     */
    long attempt(String address) {
        Instant now = clock.instant();
        if (byAddress.size() >= PRUNE_AT) {
            byAddress.values().removeIf(f -> stale(f, now));
        }
        Failures f = byAddress.compute(address, (a, old) -> {
            if (old == null || stale(old, now)) {
                return new Failures(now, 1, null);
            }
            if (old.blockedUntil() != null) {
                return old;
            }
            return old.count() >= LIMIT ? new Failures(old.since(), old.count(), now.plus(BLOCK))
                    : new Failures(old.since(), old.count() + 1, null);
        });
        if (f.blockedUntil() == null) {
            return 0;
        }
        return Math.max(1, (Duration.between(now, f.blockedUntil()).toMillis() + 999) / 1000);
    }

    /** A right token clears the address's count. */
    void succeeded(String address) {
        byAddress.remove(address);
    }

    private static boolean stale(Failures f, Instant now) {
        boolean windowOver = !now.isBefore(f.since().plus(WINDOW));
        boolean blockOver = f.blockedUntil() == null || !now.isBefore(f.blockedUntil());
        return windowOver && blockOver;
    }
}
