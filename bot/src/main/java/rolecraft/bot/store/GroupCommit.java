package rolecraft.bot.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's one writer, shared by every turn of the process: the work queued while a transaction commits runs
 * in the next one, each piece in a savepoint of its own, so that a hundred turns cost one commit rather than a
 * hundred. Whoever queued a piece of work waits until the transaction holding it has committed: an answer is
 * on disk before anybody is told of it. A piece that fails rolls back to its savepoint and fails alone.
 *
 * <p>Every write of the process comes here, so that a change it did not make is known to be another process's.
 * (Messages a platform waits to see acknowledged do not: they are kept in the {@link Inbox}.)
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    /** Turns in one transaction at most: bounds how long the last of them waits for the commit. */
    static final int MAX_BATCH = 64;

    private final Jdbi jdbi;
    /** The database's change counter as this writer last saw it: another value means another process wrote. */
    private Long dataVersion;
    private final Object monitor = new Object();
    private final ArrayDeque<Job<?>> queue = new ArrayDeque<>();
    private final Thread thread;
    private boolean closed;
    /** Transactions committed so far (the batching they show, for tests and logs). */
    private final java.util.concurrent.atomic.AtomicLong transactions = new java.util.concurrent.atomic.AtomicLong();

    private record Job<T>(Function<Handle, T> work, CompletableFuture<T> done) {
    }

    private final java.sql.Connection connection;
    private final CachedStatements statements = new CachedStatements();

    private final Runnable onStale;
    /** How often the WAL is copied into the database (SQLite's own checkpoints are off on the writer). */
    static final long CHECKPOINT_MS = 500;
    private final java.util.concurrent.ScheduledExecutorService checkpoints;
    /** The checkpointing thread's connection. */
    private java.sql.Connection checkpointer;
    /** The writer's handle on its connection, kept across transactions (the writer thread's alone). */
    private Handle handle;
    /** The handle {@link #dao} was attached to, and that TurnDao (the writer thread's alone). */
    private Handle daoHandle;
    private TurnDao dao;

    /**
     * A writer on a connection of its own from {@code source}, which it closes when it stops; {@code onStale}
     * runs when what was known of the database may no longer be true: a transaction rolled back as a whole, or
     * another process wrote.
     */
    GroupCommit(javax.sql.DataSource source, String name, Runnable onStale) {
        this.onStale = onStale;
        try {
            this.connection = source.getConnection();
        } catch (java.sql.SQLException e) {
            throw new StoreException("cannot open the store's writer: " + e.getMessage(), e);
        }
        this.jdbi = Jdbi.create(connection).installPlugin(new org.jdbi.v3.sqlobject.SqlObjectPlugin());
        this.jdbi.setStatementBuilderFactory(c -> statements);
        // The commit that fills the WAL would copy it into the database and sync the file, while the turns and
        // acknowledgements behind it wait: a thread of its own does that instead, off the writer's path.
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute("PRAGMA wal_autocheckpoint=0");
        } catch (java.sql.SQLException e) {
            throw new StoreException("cannot set up the store's writer: " + e.getMessage(), e);
        }
        this.checkpoints = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rolecraft-checkpoint-" + name);
            t.setDaemon(true);
            return t;
        });
        this.checkpoints.scheduleWithFixedDelay(() -> checkpoint(source), CHECKPOINT_MS, CHECKPOINT_MS,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        this.thread = new Thread(this::loop, "rolecraft-writer-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Copies what the WAL holds into the database as far as readers allow, without waiting for anyone (a
     * passive checkpoint); SQLite starts the WAL over once it has all been copied.
     */
    private void checkpoint(javax.sql.DataSource source) {
        try {
            if (checkpointer == null || checkpointer.isClosed()) {
                checkpointer = source.getConnection();
            }
            try (java.sql.Statement st = checkpointer.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(PASSIVE)");
            }
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.warn("checkpoint of the store's WAL failed, tried again later: {}", e.getMessage());
        }
    }

    /** Transactions committed so far. */
    long transactions() {
        return transactions.get();
    }

    /** {@code dao} (attached to the writer's handle) with its simple statements run on the kept statements. */
    TurnDao direct(TurnDao dao) {
        return DirectTurnDao.over(dao, connection, statements);
    }

    /** The TurnDao for the writer's handle {@code h}: attached once (attaching costs more than a turn's SQL). */
    TurnDao dao(Handle h) {
        if (h != daoHandle) {
            dao = direct(h.attach(TurnDao.class));
            daoHandle = h;
        }
        return dao;
    }

    /** True on the writer's own thread. */
    boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code work} in the writer's next transaction and returns its result once that has committed. */
    <T> T run(Function<Handle, T> work) {
        return await(queue(work));
    }

    /** Queues {@code work} for the writer's next transaction without waiting: the future tells its outcome. */
    <T> CompletableFuture<T> later(Function<Handle, T> work) {
        return queue(work);
    }

    private <T> CompletableFuture<T> queue(Function<Handle, T> work) {
        Job<T> job = new Job<>(work, new CompletableFuture<>());
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("the writer cannot wait for itself");
        }
        synchronized (monitor) {
            if (closed) {
                throw new StoreException("the store is closed", null);
            }
            queue.add(job);
            monitor.notifyAll();
        }
        return job.done();
    }

    private static <T> T await(CompletableFuture<T> done) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return done.get();
                } catch (InterruptedException e) {
                    // The work is queued and will be done: wait for its outcome, then keep the interrupt.
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new StoreException("write failed: " + cause.getMessage(), cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (true) {
            List<Job<?>> batch = new ArrayList<>();
            synchronized (monitor) {
                while (queue.isEmpty()) {
                    if (closed) {
                        return;
                    }
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        // Only close() stops the writer, once the queue is empty.
                    }
                }
                while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                    batch.add(queue.poll());
                }
            }
            commit(batch);
        }
    }

    /** One transaction for the batch; when the transaction itself fails, each job runs again on its own. */
    private void commit(List<Job<?>> batch) {
        if (!tryCommit(batch)) {
            LOG.warn("a group of {} writes failed together; each is retried alone", batch.size());
            for (Job<?> job : batch) {
                tryCommit(List.of(job));
            }
        }
    }

    /**
     * Runs the batch in one transaction and tells each caller its outcome; returns false, having told nobody,
     * when the transaction failed as a whole with more than one job in it.
     */
    private boolean tryCommit(List<Job<?>> batch) {
        List<Runnable> outcomes = new ArrayList<>(batch.size());
        try {
            if (handle == null || handle.isClosed()) {
                handle = jdbi.open();
            }
            Handle h = handle;
            try {
                h.begin();
                noticeOtherWriters(h);
                for (Job<?> job : batch) {
                    outcomes.add(inSavepoint(h, job));
                }
                h.commit();
                transactions.incrementAndGet();
            } catch (RuntimeException | Error e) {
                rollbackQuietly(h);
                onStale.run();
                if (batch.size() > 1) {
                    return false;
                }
                fail(batch.get(0), e);
                return true;
            }
        } catch (RuntimeException e) {
            // The handle could not be had: nothing ran.
            onStale.run();
            for (Job<?> job : batch) {
                fail(job, e);
            }
            return true;
        }
        outcomes.forEach(Runnable::run);
        return true;
    }

    /**
     * Every write of this process goes through this writer: when the database changed since this writer's last
     * transaction, another process wrote to it (a {@code chat} beside a {@code serve}), and what was known of its
     * conversations may be stale. Read at the start of the transaction, which holds SQLite's write lock.
     */
    private void noticeOtherWriters(Handle h) {
        long now = oneLong("PRAGMA data_version");
        if (dataVersion != null && now != dataVersion) {
            LOG.debug("another process wrote to the database: what was known of conversations is dropped");
            onStale.run();
        }
        dataVersion = now;
    }

    /** Runs {@code sql} on its kept statement (Jdbi would make a query, a mapper and a context of it). */
    private void run(String sql) {
        kept(sql, java.sql.PreparedStatement::execute);
    }

    private long oneLong(String sql) {
        return kept(sql, ps -> {
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    private <T> T kept(String sql, CachedStatements.Use<T> use) {
        try {
            return statements.use(connection, sql, use);
        } catch (java.sql.SQLException e) {
            // As Jdbi would say it, so that callers see no difference.
            throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(e, null);
        }
    }

    private <T> Runnable inSavepoint(Handle h, Job<T> job) {
        // SQL of its own on kept statements: the driver's savepoints parse their SQL anew each time.
        run("SAVEPOINT job");
        try {
            T result = job.work().apply(h);
            run("RELEASE job");
            return () -> job.done().complete(result);
        } catch (RuntimeException | Error e) {
            // Undone alone: the rest of the batch goes on. A failure to roll back fails the batch. (Rolled back
            // to, the savepoint stays open until it is released.)
            run("ROLLBACK TO job");
            run("RELEASE job");
            return () -> job.done().completeExceptionally(e);
        }
    }

    private static void fail(Job<?> job, Throwable e) {
        job.done().completeExceptionally(e);
    }

    private static void rollbackQuietly(Handle h) {
        try {
            if (h.isInTransaction()) {
                h.rollback();
            }
        } catch (RuntimeException e) {
            LOG.warn("rolling back a failed group of writes: {}", e.getMessage());
        }
    }

    /** Lets the writes queued so far finish, then stops the writer. */
    @Override
    public void close() {
        checkpoints.shutdown();
        synchronized (monitor) {
            closed = true;
            monitor.notifyAll();
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            if (handle != null) {
                handle.close();
            }
            statements.closeAll();
            try {
                if (checkpoints.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS) && checkpointer != null) {
                    checkpointer.close();
                }
            } catch (InterruptedException | java.sql.SQLException e) {
                LOG.warn("closing the store's checkpoints: {}", e.getMessage());
            }
            try {
                connection.close();
            } catch (java.sql.SQLException e) {
                LOG.warn("closing the store's writer: {}", e.getMessage());
            }
        }
    }
}
