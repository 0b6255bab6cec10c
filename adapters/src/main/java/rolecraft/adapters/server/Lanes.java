package rolecraft.adapters.server;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Work keyed by person on a few single-thread lanes: one person's work runs in order, different people's
 * side by side, off the request threads.
 */
public final class Lanes implements AutoCloseable {

    private final ExecutorService[] lanes;

    public Lanes(String name, int count) {
        lanes = new ExecutorService[count];
        for (int i = 0; i < count; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Runs {@code work} after the work already queued under the same key. */
    public void execute(String key, Runnable work) {
        lanes[Math.floorMod(key.hashCode(), lanes.length)].execute(work);
    }

    /** Lets the work under way finish (10 seconds at most), then stops. */
    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdown();
        }
        for (ExecutorService lane : lanes) {
            try {
                if (!lane.awaitTermination(10, TimeUnit.SECONDS)) {
                    lane.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
