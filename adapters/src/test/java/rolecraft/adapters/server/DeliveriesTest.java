package rolecraft.adapters.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rolecraft.bot.Conversations;
import rolecraft.bot.Conversations.Message;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.store.Notification;
import rolecraft.bot.store.Store;

class DeliveriesTest {

    @TempDir
    Path dir;

    /** A surface that records what it was asked to deliver, and can be told to be unreachable. */
    static final class Recording implements Surface {
        final List<Notification> delivered = new CopyOnWriteArrayList<>();
        final AtomicBoolean reachable = new AtomicBoolean(true);

        @Override
        public String name() {
            return "test";
        }

        @Override
        public void mount(Javalin app) {
        }

        @Override
        public boolean deliver(Notification n) {
            if (!reachable.get()) {
                return false;
            }
            delivered.add(n);
            return true;
        }
    }

    private Conversations.Turn submit(Conversations c) {
        Conversations.Turn last = null;
        for (String m : List.of("start", "Analyst", "boss", "Write reports 50%", "Coach people 50%", "done", "ok",
                "skip", "skip", "skip", "skip", "skip", "skip", "submit")) {
            last = c.handle(new Message("test:alice", null, m, m.equals("boss") ? List.of("test:boss") : List.of(),
                    null, null));
        }
        return last;
    }

    private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void a_notification_is_delivered_after_the_turn_and_marked_delivered() throws Exception {
        Store store = Store.sqlite(dir.resolve("d.db"));
        Conversations c = new Conversations(store, new RuleClassifier(), Clock.systemUTC());
        Recording surface = new Recording();
        try (Deliveries deliveries = new Deliveries(store, List.of(surface), 0)) {
            Conversations.Turn turn = submit(c);
            assertThat(turn.notifications()).hasSize(1);
            deliveries.send(turn.notifications());
            waitFor(() -> surface.delivered.size() == 1);
            waitFor(() -> store.pendingOn("test").isEmpty());
        }
        assertThat(surface.delivered).hasSize(1);
        assertThat(surface.delivered.get(0).recipient()).isEqualTo("test:boss");
        assertThat(store.pendingOn("test")).isEmpty();
    }

    @Test
    void an_unreachable_recipient_keeps_the_notification_until_a_retry_reaches_them() throws Exception {
        Store store = Store.sqlite(dir.resolve("r.db"));
        Conversations c = new Conversations(store, new RuleClassifier(), Clock.systemUTC());
        Recording surface = new Recording();
        surface.reachable.set(false);
        try (Deliveries deliveries = new Deliveries(store, List.of(surface), 0)) {
            deliveries.send(submit(c).notifications());
            Thread.sleep(300);
            assertThat(store.pendingOn("test")).hasSize(1);
            surface.reachable.set(true);
            deliveries.retryPending();
            waitFor(() -> store.pendingOn("test").isEmpty());
        }
        assertThat(surface.delivered).hasSize(1);
        assertThat(store.pendingOn("test")).isEmpty();
    }

    @Test
    void a_claim_left_by_a_process_that_stopped_mid_delivery_does_not_hold_the_notification_back() throws Exception {
        Path file = dir.resolve("k.db");
        Store first = Store.sqlite(file);
        Conversations c = new Conversations(first, new RuleClassifier(), Clock.systemUTC());
        Notification n = submit(c).notifications().get(0);
        // The process claimed it, then died before it was delivered.
        assertThat(first.claim(n.id(), Deliveries.CLAIM)).isTrue();
        first.close();
        Store again = Store.sqlite(file);
        Recording surface = new Recording();
        try (Deliveries deliveries = new Deliveries(again, List.of(surface), 0)) {
            deliveries.retryPending();
            waitFor(() -> again.pendingOn("test").isEmpty());
        }
        assertThat(surface.delivered).extracting(Notification::id).containsExactly(n.id());
        assertThat(again.pendingOn("test")).isEmpty();
    }
}
