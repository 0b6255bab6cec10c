package rolecraft.bot.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The one thread that writes to this process's SQLite file, through one connection kept from write to write.
 * Writes run one at a time in the order they were handed in, except that messages a platform waits to have
 * acknowledged go before the writes waiting, and those waiting together are kept in one transaction. A caller
 * waits for its own write's result, or gets its exception.
 *
 * <p>One thread rather than a lock that the writers take in turn: under load, each hand-over of a lock waits for
 * the next writer's thread to be scheduled, and a thread that keeps writing does not.
 */
final class SqliteWriter implements AutoCloseable {

    private final Jdbi jdbi;
    private final LinkedBlockingDeque<Job<?>> jobs = new LinkedBlockingDeque<>();
    private final AtomicLong order = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    /** The connection and its SQL object: the writer thread's alone, opened anew after a failed write. */
    private Handle handle;
    private TurnDao dao;

    SqliteWriter(Jdbi jdbi, String name) {
        this.jdbi = jdbi;
        this.thread = new Thread(this::run, "rolecraft-writer-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code work} in a transaction of its own, after the writes handed in before it. */
    <T> T write(BiFunction<Handle, TurnDao, T> work) {
        return submit(work, false);
    }

    /** Keeps a message: before the writes waiting, in one transaction with the other messages waiting. */
    <T> T keep(BiFunction<Handle, TurnDao, T> work) {
        return submit(work, true);
    }

    private <T> T submit(BiFunction<Handle, TurnDao, T> work, boolean keep) {
        if (Thread.currentThread() == thread) {
            // A write inside a write (a caller's work that writes through the store again) joins its transaction.
            return transaction(work);
        }
        Job<T> job = new Job<>(work, keep, order.incrementAndGet());
        if (closed) {
            throw new StoreException("the store is closed", null);
        }
        if (job.keep) {
            jobs.addFirst(job);
        } else {
            jobs.addLast(job);
        }
        if (closed) {
            // The writer stopped while this was handed in: it may never be taken (a no-op when it was).
            job.done.completeExceptionally(new StoreException("the store is closed", null));
        }
        try {
            return job.done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private void run() {
        try {
            while (true) {
                Job<?> next = jobs.take();
                if (next == STOP) {
                    break;
                }
                if (next.keep) {
                    keepAll(next);
                } else {
                    runAlone(next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            for (Job<?> left = jobs.poll(); left != null; left = jobs.poll()) {
                left.done.completeExceptionally(new StoreException("the store is closed", null));
            }
            drop();
        }
    }

    /**
     * Keeps {@code first} and every message waiting behind it in one transaction, in the order they came; should
     * that fail, each in a transaction of its own, so that one message's failure is its own.
     */
    private void keepAll(Job<?> first) {
        List<Job<?>> batch = new ArrayList<>(List.of(first));
        for (Job<?> j = jobs.peekFirst(); j != null && j.keep; j = jobs.peekFirst()) {
            batch.add(jobs.pollFirst());
        }
        batch.sort(Comparator.comparingLong(j -> j.order));
        if (batch.size() == 1) {
            runAlone(first);
            return;
        }
        List<Object> results;
        try {
            results = transaction((h, d) -> {
                List<Object> each = new ArrayList<>(batch.size());
                for (Job<?> j : batch) {
                    each.add(j.work.apply(h, d));
                }
                return each;
            });
        } catch (RuntimeException | Error together) {
            batch.forEach(this::runAlone);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).finish(results.get(i));
        }
    }

    private <T> void runAlone(Job<T> job) {
        try {
            job.done.complete(transaction(job.work));
        } catch (RuntimeException | Error e) {
            job.done.completeExceptionally(e);
        }
    }

    /** Runs {@code work} in a transaction on the kept connection (on the writer thread). */
    private <T> T transaction(BiFunction<Handle, TurnDao, T> work) {
        if (handle == null) {
            handle = jdbi.open();
            dao = handle.attach(TurnDao.class);
        }
        Handle h = handle;
        TurnDao d = dao;
        try {
            return h.inTransaction(x -> work.apply(h, d));
        } catch (RuntimeException | Error e) {
            // Nothing a failed write left behind on the connection reaches the next write.
            drop();
            throw e;
        }
    }

    private void drop() {
        if (handle != null) {
            try {
                handle.close();
            } catch (RuntimeException ignored) {
                // The connection is given up either way.
            }
            handle = null;
            dao = null;
        }
    }

    /** Lets the writes handed in finish (ten seconds at most), then closes the connection. */
    @Override
    public void close() {
        closed = true;
        jobs.addLast(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final Job<Void> STOP = new Job<>((h, d) -> null, false, Long.MAX_VALUE);

    /** A write handed to the writer, and its result once done. */
    private static final class Job<T> {
        final BiFunction<Handle, TurnDao, T> work;
        final boolean keep;
        final long order;
        final CompletableFuture<T> done = new CompletableFuture<>();

        Job(BiFunction<Handle, TurnDao, T> work, boolean keep, long order) {
            this.work = work;
            this.keep = keep;
            this.order = order;
        }

        @SuppressWarnings("unchecked")
        void finish(Object result) {
            done.complete((T) result);
        }
    }
}
