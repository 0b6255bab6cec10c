package rolecraft.adapters.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rolecraft.bot.store.Notification;
import rolecraft.bot.store.Store;

/**
 * Delivers notifications (a draft for a manager, a decision for an employee) to the surface of their
 * recipient, after the turn that queued them has committed. A notification stays queued in the store until
 * its surface has delivered it, and is tried again at start and every minute, so none is lost.
 * Deliveries to one person go out in order.
 */
public final class Deliveries implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    private static final int LANES = 8;
    /** How long an instance may take to deliver a notification before another may try it. */
    static final java.time.Duration CLAIM = java.time.Duration.ofMinutes(2);

    private final Store store;
    private final Map<String, Surface> surfaces = new java.util.concurrent.ConcurrentHashMap<>();
    /** One person's messages go out in order. */
    private final Lanes lanes = new Lanes("rolecraft-delivery", LANES);
    private final ScheduledExecutorService retry;
    /** Done once the claims a stopped process left are given back (SQLite): retries wait for it. */
    private final java.util.concurrent.CompletableFuture<Void> claimsReleased =
            new java.util.concurrent.CompletableFuture<>();

    /**
     * Delivers through {@code all} (more may be registered later); every {@code retrySeconds} (0: never) it
     * tries again what is still queued.
     */
    public Deliveries(Store store, List<Surface> all, long retrySeconds) {
        this.store = store;
        for (Surface s : all) {
            register(s);
        }
        retry = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "rolecraft-delivery-retry"));
        if (!store.shared()) {
            // One process delivers from a SQLite file: a claim found now was left by one that stopped
            // mid-delivery, and would hold the notification back until it ran out. Off the start's path.
            retry.execute(() -> {
                try {
                    int released = store.releaseClaims();
                    if (released > 0) {
                        LOG.info("{} notification(s) claimed by a process that stopped are delivered again",
                                released);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("could not give back the claims a stopped process left: {}", e.getMessage());
                } finally {
                    claimsReleased.complete(null);
                }
            });
        } else {
            claimsReleased.complete(null);
        }
        if (retrySeconds > 0) {
            retry.scheduleWithFixedDelay(this::retryPending, retrySeconds, retrySeconds, TimeUnit.SECONDS);
        }
    }

    /** Adds a surface that pushes messages to its people (a surface is built after its deliveries). */
    public void register(Surface surface) {
        surfaces.put(surface.name(), surface);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Queues these notifications for delivery; those for surfaces without push (terminal) stay stored. */
    public void send(List<Notification> notifications) {
        for (Notification n : notifications) {
            Surface surface = surfaces.get(Store.surfaceOf(n.recipient()));
            if (surface != null) {
                lanes.execute(n.recipient(), () -> deliver(surface, n));
            }
        }
    }

    /** Tries every stored notification not yet delivered, for each surface that pushes. */
    public void retryPending() {
        claimsReleased.join();
        for (Surface s : surfaces.values()) {
            try {
                List<Notification> pending = new ArrayList<>(store.pendingOn(s.name()));
                if (!pending.isEmpty()) {
                    LOG.info("retrying {} queued notification(s) on {}", pending.size(), s.name());
                    send(pending);
                }
            } catch (RuntimeException e) {
                LOG.warn("could not read queued notifications for {}: {}", s.name(), e.getMessage());
            }
        }
    }

    private void deliver(Surface surface, Notification n) {
        try {
            // Another instance may be delivering the same notification (its retry, or the turn's own): one does.
            if (!store.claim(n.id(), CLAIM)) {
                LOG.debug("notification {} is delivered or being delivered elsewhere", n.id());
                return;
            }
        } catch (RuntimeException e) {
            LOG.warn("could not claim notification {} for delivery, kept for a retry: {}", n.id(), e.toString());
            return;
        }
        try {
            if (surface.deliver(n)) {
                store.markDelivered(List.of(n.id()));
                return;
            }
            LOG.info("notification {} for {} kept until they can be reached", n.id(), n.recipient());
        } catch (Exception e) {
            LOG.warn("delivery of notification {} to {} failed, kept for a retry: {}", n.id(), n.recipient(),
                    e.toString());
        }
        try {
            store.release(n.id());
        } catch (RuntimeException e) {
            LOG.warn("could not release notification {}; it is tried again when its claim runs out", n.id());
        }
    }

    /** Waits for the deliveries under way, then stops. */
    @Override
    public void close() {
        retry.shutdownNow();
        // A release that never ran must not hold a retry up.
        claimsReleased.complete(null);
        lanes.close();
    }
}
