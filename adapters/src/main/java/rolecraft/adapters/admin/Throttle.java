package rolecraft.adapters.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wrong admin tokens per address: after {@link #LIMIT} within {@link #WINDOW}, the address is refused for
 * {@link #BLOCK}, whatever it sends. Time comes from the clock given, so tests move it instead of waiting.
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

    /** Whole seconds the address must still wait (at least 1), or 0 when it may try. */
    long waitSeconds(String address) {
        Failures f = byAddress.get(address);
        Instant now = clock.instant();
        if (f == null || f.blockedUntil() == null || !now.isBefore(f.blockedUntil())) {
            return 0;
        }
        return Math.max(1, (Duration.between(now, f.blockedUntil()).toMillis() + 999) / 1000);
    }

    /** Counts a wrong token; answers the seconds to wait when this one blocked the address, else 0. */
    long failed(String address) {
        Instant now = clock.instant();
        if (byAddress.size() >= PRUNE_AT) {
            byAddress.values().removeIf(f -> stale(f, now));
        }
        Failures f = byAddress.compute(address, (a, old) -> {
            if (old == null || stale(old, now)) {
                return new Failures(now, 1, null);
            }
            int count = old.count() + 1;
            return new Failures(old.since(), count, count >= LIMIT ? now.plus(BLOCK) : old.blockedUntil());
        });
        return f.blockedUntil() == null ? 0 : waitSeconds(address);
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
