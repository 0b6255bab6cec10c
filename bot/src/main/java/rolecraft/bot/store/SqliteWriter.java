package rolecraft.bot.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The one thread that writes to this process's SQLite file, through one connection kept from write to write. Writes
 * run one at a time, each in its own transaction, in the order they were handed in, except that messages a platform
 * waits to have acknowledged go before the other writes waiting. A caller waits for its own write's result, or gets
 * its exception.
 *
 * <p>One thread rather than a lock that the writers take in turn: under load, each hand-over of a lock waits for
 * the next writer's thread to be scheduled, and a thread that keeps writing does not.
 */
final class SqliteWriter implements AutoCloseable {

    private final Jdbi jdbi;
    /** Messages to keep, and every other write: each in the order handed in. */
    private final ConcurrentLinkedQueue<Job<?>> keeps = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Job<?>> others = new ConcurrentLinkedQueue<>();
    /** One permit for each write handed in and not yet taken. */
    private final Semaphore waiting = new Semaphore(0);
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
        return submit(work, others);
    }

    /** Keeps a message: in a transaction of its own, before the other writes waiting. */
    <T> T keep(BiFunction<Handle, TurnDao, T> work) {
        return submit(work, keeps);
    }

    private <T> T submit(BiFunction<Handle, TurnDao, T> work, ConcurrentLinkedQueue<Job<?>> queue) {
        if (Thread.currentThread() == thread) {
            // A write inside a write (a caller's work that writes through the store again) joins its transaction.
            return transaction(work);
        }
        if (closed) {
            throw new StoreException("the store is closed", null);
        }
        Job<T> job = new Job<>(work);
        queue.add(job);
        waiting.release();
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
                waiting.acquire();
                Job<?> next = keeps.poll();
                if (next == null) {
                    next = others.poll();
                }
                if (next != null) {
                    run(next);
                } else if (closed) {
                    // The wake-up close() gives, once every write handed in before it is done.
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            for (Job<?> left = keeps.poll(); left != null; left = keeps.poll()) {
                left.done.completeExceptionally(new StoreException("the store is closed", null));
            }
            for (Job<?> left = others.poll(); left != null; left = others.poll()) {
                left.done.completeExceptionally(new StoreException("the store is closed", null));
            }
            drop();
        }
    }

    private <T> void run(Job<T> job) {
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
        waiting.release();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A write handed to the writer, and its result once done. */
    private static final class Job<T> {
        final BiFunction<Handle, TurnDao, T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();

        Job(BiFunction<Handle, TurnDao, T> work) {
            this.work = work;
        }
    }
}
