package rolecraft.bot.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import rolecraft.bot.domain.ConversationState;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.Effect;
import rolecraft.bot.domain.InboxItem;
import rolecraft.bot.domain.Outcome;
import rolecraft.bot.domain.Snapshot;
import rolecraft.bot.domain.Status;
import rolecraft.bot.domain.VersionRef;

/**
 * rolecraft's storage: one SQLite file (WAL, synchronous=NORMAL, foreign keys on), migrated by Flyway.
 * Every turn is one transaction: load what the engine reads, run the step, save what it decided.
 */
public final class Store implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    private static final int BUSY_TIMEOUT_MS = 10_000;
    /** Readers run side by side in WAL mode; writers queue on the write lock. */
    private static final int POOL_SIZE = 8;

    private final Jdbi jdbi;
    private final String kind;
    /** SQLite has one writer; queueing writers here is fairer and cheaper than SQLite's busy loop. */
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Messages waiting to be kept before their acknowledgement; turns let them go first. */
    private final java.util.concurrent.atomic.AtomicInteger acceptsWaiting = new java.util.concurrent.atomic.AtomicInteger();

    private final DataSource dataSource;

    private Store(DataSource dataSource, String kind) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        this.kind = kind;
    }

    /** Opens (creating if needed) and migrates the SQLite file at {@code file}. */
    public static Store sqlite(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the folder for " + file + ": " + e.getMessage(), e);
        }
        SQLiteDataSource ds = dataSource(file);
        if (!current(ds)) {
            migrate(ds);
        }
        return new Store(pooled(ds, file.getFileName().toString()), "sqlite");
    }

    /**
     * Opening a SQLite connection (file, pragmas) costs more than a whole turn's statements, so connections
     * are kept in a small pool; each is opened with the store's pragmas.
     */
    private static DataSource pooled(DataSource ds, String name) {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setDataSource(ds);
        config.setPoolName("rolecraft-" + name);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(BUSY_TIMEOUT_MS * 3L);
        config.setKeepaliveTime(0);
        return new com.zaxxer.hikari.HikariDataSource(config);
    }

    /** The SQLite data source with the store's pragmas, set on every connection it opens. */
    public static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return ds;
    }

    /** The newest migration shipped in db/migration; a test keeps it equal to the files. */
    static final int SCHEMA_VERSION = 3;

    /**
     * True when the database already has every shipped migration, applied successfully: then starting needs
     * no migration tool at all, which saves a good part of a restart.
     */
    static boolean current(DataSource ds) {
        try (var c = ds.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT version, success FROM flyway_schema_history")) {
            int newest = 0;
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return false;
                }
                String v = rs.getString(1);
                if (v != null && v.matches("\\d+")) {
                    newest = Math.max(newest, Integer.parseInt(v));
                }
            }
            return newest == SCHEMA_VERSION;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /** Runs the schema migrations that the database has not seen yet. */
    static void migrate(DataSource ds, String... extraLocations) {
        String[] locations = new String[extraLocations.length + 1];
        locations[0] = "classpath:db/migration";
        System.arraycopy(extraLocations, 0, locations, 1, extraLocations.length);
        try {
            var result = Flyway.configure()
                    .dataSource(ds)
                    .locations(locations)
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("store migrated to schema version {} ({} migrations)", result.targetSchemaVersion,
                        result.migrationsExecuted);
            }
        } catch (RuntimeException e) {
            throw new StoreException("cannot open or migrate the database: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Closes the pooled connections. */
    @Override
    public void close() {
        if (dataSource instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing the store: {}", e.getMessage());
            }
        }
    }

    /** "sqlite" today; names the database in health checks. */
    public String kind() {
        return kind;
    }

    /** True when a trivial query answers. */
    public boolean healthy() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            LOG.warn("store health check failed: {}", e.getMessage());
            return false;
        }
    }

    /** What a turn needs to know besides the step: who, under which name, which delivery, which draft. */
    public record TurnRequest(String person, String displayName, String messageId, VersionRef target, Instant now) {
    }

    /** The sender's state and their active version's status, read without locking, to prepare a turn. */
    public record Peek(ConversationState state, Status status) {
    }

    public Peek peek(String person) {
        return jdbi.withHandle(h -> {
            TurnDao dao = h.attach(TurnDao.class);
            ConversationState state = dao.state(person);
            Status status = state.roleId() == null ? null
                    : dao.latestStatus(state.roleId()).map(Status::fromWord).orElse(null);
            return new Peek(state, status);
        });
    }

    /** Takes the write lock for a turn, letting any message waiting to be kept go first. */
    private void lockAfterAccepts() {
        while (true) {
            while (acceptsWaiting.get() > 0) {
                Thread.onSpinWait();
                Thread.yield();
            }
            writeLock.lock();
            if (acceptsWaiting.get() == 0) {
                return;
            }
            writeLock.unlock();
        }
    }

    /**
     * Keeps a message a surface is about to acknowledge, so that a crash before its turn loses nothing.
     * Returns false when a message with this id has had its turn already (a platform's retry).
     */
    public boolean accept(String surface, String messageId, String payload) {
        // A platform is waiting for this one: it goes before the turns queued for the write lock.
        acceptsWaiting.incrementAndGet();
        writeLock.lock();
        acceptsWaiting.decrementAndGet();
        try {
            return jdbi.inTransaction(h -> {
                TurnDao dao = h.attach(TurnDao.class);
                if (dao.processedCount(messageId) > 0) {
                    return false;
                }
                dao.enqueueInbound(messageId, surface, payload, Times.now());
                return true;
            });
        } finally {
            writeLock.unlock();
        }
    }

    /** The messages a surface took whose turns have not run, oldest first (to replay at start). */
    public List<String> acceptedOn(String surface) {
        return jdbi.withHandle(h -> h.attach(TurnDao.class).queuedInbound(surface));
    }

    /** The latest version of the role {@code person} is working on, if any. */
    public Optional<Draft> activeDraft(String person) {
        return jdbi.withHandle(h -> {
            TurnDao dao = h.attach(TurnDao.class);
            ConversationState state = dao.state(person);
            if (state.roleId() == null) {
                return Optional.empty();
            }
            return dao.latestTwo(state.roleId()).stream().findFirst().map(dao::draft);
        });
    }

    /**
     * Runs one turn in one transaction. A message id seen before makes it a repeat: nothing runs and
     * nothing changes.
     */
    public TurnResult turn(TurnRequest req, Function<Snapshot, Outcome> step) {
        lockAfterAccepts();
        try {
            return jdbi.inTransaction(h -> {
                TurnDao dao = h.attach(TurnDao.class);
                String now = Times.format(req.now());
                String person = req.person();
                if (req.messageId() != null) {
                    // Taken off the inbound queue in the turn's own transaction: done, or still to do.
                    dao.dequeueInbound(req.messageId());
                    if (dao.markProcessed(req.messageId(), person, now) == 0) {
                        return TurnResult.repeat();
                    }
                }
                Optional<String> json = dao.stateJson(person);
                if (json.isEmpty()) {
                    // First message from this person: they need a row before anything refers to them.
                    dao.ensurePerson(person, surfaceOf(person), req.displayName(), now);
                }
                if (req.displayName() != null) {
                    dao.renamePerson(person, req.displayName());
                }
                ConversationState state = json.map(Json::state).orElse(ConversationState.initial());
                Draft draft = null;
                Draft previous = null;
                if (state.roleId() != null) {
                    List<TurnDao.VersionRow> rows = dao.latestTwo(state.roleId());
                    if (!rows.isEmpty()) {
                        draft = dao.draft(rows.get(0));
                    }
                    if (rows.size() > 1) {
                        previous = dao.draft(rows.get(1));
                    }
                }
                List<InboxItem> inbox = dao.inbox(person);
                InboxItem target = req.target() == null ? null : dao.target(req.target()).orElse(null);
                Outcome out = step.apply(new Snapshot(person, state, draft, previous, inbox, target));
                return new TurnResult(out, save(dao, person, draft, out, now), false);
            });
        } finally {
            writeLock.unlock();
        }
    }

    private List<Notification> save(TurnDao dao, String person, Draft before, Outcome out, String now) {
        ConversationState state = out.state();
        Draft d = out.draft();
        if (d != null && !d.equals(before)) {
            if (d.manager() != null) {
                dao.ensurePerson(d.manager(), surfaceOf(d.manager()), null, now);
            }
            if (d.roleId() == null) {
                long roleId = dao.insertRole(person, now);
                d = d.withRoleId(roleId);
                dao.audit(now, person, "started", roleId, d.version(), null);
            }
            dao.writeDraft(d, before, now);
        }
        if (d != null) {
            state = state.withRole(d.roleId());
        }
        dao.saveState(person, Json.write(state), now);
        List<Notification> queued = new ArrayList<>();
        for (Effect effect : out.effects()) {
            if (effect instanceof Effect.Notify n) {
                dao.ensurePerson(n.to(), surfaceOf(n.to()), null, now);
                long id = dao.enqueue(n.to(), Json.write(n.replies()), now);
                queued.add(new Notification(id, n.to(), n.replies()));
            } else if (effect instanceof Effect.Decide dec) {
                String at = Times.format(dec.at());
                if (dao.decideVersion(dec.ref().roleId(), dec.ref().version(), dec.kind().resultingStatus().word(), at)
                        != 1) {
                    throw new StaleDecisionException("role " + dec.ref().roleId() + " version "
                            + dec.ref().version() + " was decided already");
                }
                dao.insertDecision(dec.ref().roleId(), dec.ref().version(), dec.by(), dec.kind().word(),
                        dec.comment(), at);
            } else if (effect instanceof Effect.Audit a) {
                VersionRef ref = a.ref() != null ? a.ref() : d == null ? null : d.ref();
                dao.audit(now, person, a.action(), ref == null ? null : ref.roleId(),
                        ref == null ? null : ref.version(), a.detail());
            }
        }
        return queued;
    }

    /** The surface part of a person id: "slack" of "slack:T1:U1". */
    public static String surfaceOf(String person) {
        int colon = person.indexOf(':');
        return colon < 0 ? "local" : person.substring(0, colon);
    }

    /** Notifications for one person not yet delivered, marked delivered as they are taken. */
    public List<Notification> takePending(String person) {
        writeLock.lock();
        try {
            return jdbi.inTransaction(h -> {
                TurnDao dao = h.attach(TurnDao.class);
                List<Notification> pending = dao.pendingFor(person);
                if (!pending.isEmpty()) {
                    dao.markDelivered(pending.stream().map(Notification::id).toList(), Times.now());
                }
                return pending;
            });
        } finally {
            writeLock.unlock();
        }
    }

    /** Notifications not yet delivered to anyone on a surface ("slack", "teams"), oldest first. */
    public List<Notification> pendingOn(String surface) {
        return jdbi.withHandle(h -> h.attach(TurnDao.class).pendingWithPrefix(surface + ":%"));
    }

    public void markDelivered(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        writeLock.lock();
        try {
            jdbi.useTransaction(h -> h.attach(TurnDao.class).markDelivered(ids, Times.now()));
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Counts a failed turn. At the second failure in a row the active step is cleared back to a safe
     * one, so that a state that makes the engine fail cannot trap the person.
     */
    public int countFailure(String person, Function<ConversationState, ConversationState> reset) {
        writeLock.lock();
        try {
            return jdbi.inTransaction(h -> {
                TurnDao dao = h.attach(TurnDao.class);
                if (dao.countFailure(person) == 0) {
                    return 0;
                }
                int failures = dao.failures(person).orElse(0);
                if (failures >= 2) {
                    dao.saveState(person, Json.write(reset.apply(dao.state(person))), Times.now());
                }
                return failures;
            });
        } finally {
            writeLock.unlock();
        }
    }

    /** The latest version of each role {@code employee} has started, newest role first (a home screen). */
    public List<Draft> roles(String employee) {
        return jdbi.withHandle(h -> {
            TurnDao dao = h.attach(TurnDao.class);
            return dao.latestOf(employee).stream().map(dao::draft).toList();
        });
    }

    /** The versions waiting for {@code manager}'s decision, oldest first, each with the one before it. */
    public List<InboxItem> waitingFor(String manager) {
        return jdbi.withHandle(h -> h.attach(TurnDao.class).inbox(manager));
    }

    /** Remembers how a surface reaches {@code person} (opaque to the bot: a DM channel, a conversation reference). */
    public void saveAddress(String person, String address) {
        writeLock.lock();
        try {
            jdbi.useTransaction(h -> {
                TurnDao dao = h.attach(TurnDao.class);
                dao.ensurePerson(person, surfaceOf(person), null, Times.now());
                dao.saveAddress(person, address, Times.now());
            });
        } finally {
            writeLock.unlock();
        }
    }

    /** How a surface last said it can reach {@code person}, if it has. */
    public java.util.Optional<String> address(String person) {
        return jdbi.withHandle(h -> h.attach(TurnDao.class).address(person));
    }

    /** Remembers a message a surface posted about a version (to update it after a decision). */
    public void savePosted(VersionRef ref, String recipient, String messageRef) {
        writeLock.lock();
        try {
            jdbi.useTransaction(h -> {
                TurnDao dao = h.attach(TurnDao.class);
                dao.ensurePerson(recipient, surfaceOf(recipient), null, Times.now());
                dao.savePosted(ref.roleId(), ref.version(), recipient, messageRef, Times.now());
            });
        } finally {
            writeLock.unlock();
        }
    }

    /** The messages a surface posted to {@code recipient} about a version, oldest first. */
    public List<String> posted(VersionRef ref, String recipient) {
        return jdbi.withHandle(h -> h.attach(TurnDao.class).posted(ref.roleId(), ref.version(), recipient));
    }
}
