package rolecraft.bot.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * rolecraft's storage: one SQLite file (WAL, synchronous=NORMAL, foreign keys on) by default, or a PostgreSQL
 * database that several instances share; migrated by Flyway either way. A turn loads what the engine reads,
 * runs the step and saves what it decided, all or nothing, and its caller hears of it only once it is on disk.
 *
 * <p>On SQLite this process is the only writer: one writer thread runs every turn and every other write,
 * those queued while it commits together in the next transaction, each in a savepoint of its own
 * ({@link GroupCommit}), and remembers what each person's last turn left so that their next reads nothing it
 * wrote itself ({@link KnownConversations}). On PostgreSQL each turn is its own transaction and takes an
 * advisory lock on its person (and one on the role it touches) before it reads anything, so that instances
 * behind a load balancer apply one conversation's turns one at a time.
 */
public final class Store implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    private static final int BUSY_TIMEOUT_MS = 10_000;
    /** Readers run side by side in WAL mode; writers queue on the write lock. */
    private static final int POOL_SIZE = 8;
    /** Connections each instance keeps to PostgreSQL. */
    private static final int POSTGRES_POOL_SIZE = 10;
    /** Seconds to wait for PostgreSQL to answer a connection attempt. */
    private static final int CONNECT_TIMEOUT_S = 5;
    /** Advisory-lock namespaces: one for people, one for roles. */
    private static final int PERSON_LOCKS = 1;
    private static final int ROLE_LOCKS = 2;

    private final Jdbi jdbi;
    private final String kind;
    /** True when other instances may write to the same database (PostgreSQL). */
    private final boolean shared;

    private final DataSource dataSource;
    /** SQLite's one writer for turns and every other write, committing them in groups; null on PostgreSQL. */
    private final GroupCommit writer;
    /**
     * What each person's last turn left in the store, kept by the writer so that the next turn reads nothing
     * it wrote itself (SQLite only: this process is the database's only writer). Null on PostgreSQL.
     */
    private final KnownConversations known;
    /** When set (tests), every turn that uses what is known checks it against the store first. */
    static final boolean CHECK_KNOWN = Boolean.getBoolean("rolecraft.store.checkKnown");

    /**
     * SQLite's messages taken and acknowledged whose turns are still to run, in a folder beside the store's
     * file, opened when first needed; null on PostgreSQL, whose instances share the inbound_queue table.
     */
    private final Path inboxFolder;
    private volatile Inbox inbox;
    /**
     * On SQLite: true when the store's own inbound_queue table held messages at start (kept there by an earlier
     * rolecraft): they are run as before, and their turns take them off that table.
     */
    private final boolean legacyQueue;

    private Store(DataSource dataSource, String kind, boolean shared, String name) {
        this(dataSource, kind, shared, name, null, null);
    }

    private Store(DataSource dataSource, String kind, boolean shared, String name, DataSource writerSource,
                  Path inboxFolder) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        // A failed statement's message (logged at the edge) names no value bound to it: those are people's words.
        jdbi.getConfig(org.jdbi.v3.core.statement.StatementExceptions.class)
                .setMessageRendering(org.jdbi.v3.core.statement.StatementExceptions.MessageRendering.NONE);
        this.kind = kind;
        this.shared = shared;
        this.known = writerSource == null ? null : new KnownConversations(KnownConversations.CAPACITY);
        this.writer = writerSource == null ? null : new GroupCommit(writerSource, name, known::clear);
        this.inboxFolder = inboxFolder;
        this.legacyQueue = inboxFolder != null && jdbi.withHandle(h -> h.createQuery(
                "SELECT EXISTS (SELECT 1 FROM inbound_queue)").mapTo(Boolean.class).one());
    }

    /** Opens (creating and migrating as needed) the database {@code db} names. */
    public static Store open(Database db) {
        return db.postgres() ? postgres(db) : sqlite(db.file());
    }

    /**
     * The folder beside the SQLite store {@code file} that keeps the messages surfaces took and whose turns are to
     * run ({@code rolecraft.db}: {@code rolecraft.inbox}): it goes wherever the file goes.
     */
    public static Path inboxOf(Path file) {
        return Inbox.beside(file.toAbsolutePath());
    }

    /** Opens (creating if needed) and migrates the SQLite file at {@code file}. */
    public static Store sqlite(Path file) {
        SQLiteDataSource ds = sqliteFile(file);
        if (!current(ds)) {
            migrate(ds);
        }
        return new Store(pooled(ds, file.getFileName().toString()), "sqlite", false, file.getFileName().toString(), ds,
                Inbox.beside(file.toAbsolutePath()));
    }

    private static SQLiteDataSource sqliteFile(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the folder for " + file + ": " + e.getMessage(), e);
        }
        return dataSource(file);
    }

    /**
     * Connects to PostgreSQL and migrates it. Flyway takes a lock of its own in the database while it
     * migrates, so instances starting together run each migration once.
     */
    public static Store postgres(Database db) {
        com.zaxxer.hikari.HikariDataSource ds = postgresPool(db);
        try {
            migrate(ds, db, POSTGRES_LOCATIONS);
            return new Store(ds, "postgresql", true, "postgresql");
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /** Runs the migrations {@code db} has not seen and closes; returns how many ran (for deployments). */
    public static int migrateOnly(Database db) {
        if (db.postgres()) {
            try (com.zaxxer.hikari.HikariDataSource ds = postgresPool(db)) {
                return migrate(ds, db, POSTGRES_LOCATIONS);
            }
        }
        return migrate(sqliteFile(db.file()), db, SQLITE_LOCATIONS);
    }

    private static final String[] SQLITE_LOCATIONS = {"classpath:db/migration"};
    /** The shared migrations, then what PostgreSQL needs beside them (identity ids, wider types). */
    private static final String[] POSTGRES_LOCATIONS = {"classpath:db/migration", "classpath:db/postgresql"};

    private static com.zaxxer.hikari.HikariDataSource postgresPool(Database db) {
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(db.url());
        if (db.user() != null) {
            config.setUsername(db.user());
        }
        if (db.password() != null) {
            config.setPassword(db.password());
        }
        config.setPoolName("rolecraft-postgresql");
        config.setMaximumPoolSize(POSTGRES_POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_S * 2L));
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_S));
        config.addDataSourceProperty("ApplicationName", "rolecraft");
        // Nor does the server's detail of a failure, which quotes the row's values.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        try {
            return new com.zaxxer.hikari.HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot reach the database at " + db.describe() + ": " + rootMessage(e), e);
        }
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
        // The driver would otherwise run "SELECT last_insert_rowid()" (parsed anew) after every INSERT, asked or
        // not: the inserts whose id is needed say RETURNING id.
        config.setGetGeneratedKeys(false);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return ds;
    }

    /** The newest migration shipped in db/migration; a test keeps it equal to the files. */
    static final int SCHEMA_VERSION = 4;

    /** The schema version this build brings a database to. */
    public static int schemaVersion() {
        return SCHEMA_VERSION;
    }

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

    /** Runs the schema migrations that the SQLite database has not seen yet (tests add locations). */
    static void migrate(DataSource ds, String... extraLocations) {
        String[] locations = new String[extraLocations.length + 1];
        locations[0] = SQLITE_LOCATIONS[0];
        System.arraycopy(extraLocations, 0, locations, 1, extraLocations.length);
        migrate(ds, null, locations);
    }

    private static int migrate(DataSource ds, Database db, String... locations) {
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
            return result.migrationsExecuted;
        } catch (RuntimeException e) {
            throw new StoreException("cannot open or migrate the database" + (db == null ? "" : " at " + db.describe())
                    + ": " + rootMessage(e), e);
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
        if (writer != null) {
            writer.close();
        }
        synchronized (this) {
            if (inbox != null) {
                inbox.release();
            }
        }
        if (dataSource instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing the store: {}", e.getMessage());
            }
        }
    }

    /** "sqlite" or "postgresql": names the database in health checks. */
    public String kind() {
        return kind;
    }

    /** True when other instances may share this database (PostgreSQL): nothing read outside a turn stays true. */
    public boolean shared() {
        return shared;
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

    /**
     * Runs a write in a transaction: on SQLite by the writer, as every write of this process (so that a change
     * the writer did not make is another process's); on PostgreSQL at once.
     */
    <T> T writing(Function<org.jdbi.v3.core.Handle, T> work) {
        return writer != null ? writer.run(work) : jdbi.inTransaction(work::apply);
    }

    /**
     * Keeps a message a surface is about to acknowledge, so that a crash before its turn loses nothing.
     * Returns false when there is nothing more to do for it: a message with this id has had its turn already,
     * or (SQLite) is kept and waiting for its turn in this process. {@code address}, when not null, is how the
     * surface reaches {@code person} (their DM channel), saved too.
     */
    public boolean accept(String surface, String messageId, String person, String payload, String address) {
        if (inboxFolder != null) {
            return keep(surface, messageId, person, payload, address);
        }
        Function<org.jdbi.v3.core.Handle, Boolean> keep = h -> {
            TurnDao dao = dao(h);
            String now = Times.now();
            if (address != null) {
                dao.ensurePerson(person, surfaceOf(person), null, now);
                dao.saveAddress(person, address, now);
            }
            if (dao.processedCount(messageId) > 0) {
                return false;
            }
            dao.enqueueInbound(messageId, surface, person, payload, now);
            return true;
        };
        return jdbi.inTransaction(keep::apply);
    }

    /**
     * SQLite: the message goes to the inbox on the caller's thread (a platform is waiting), not behind the
     * turns queued for the writer, and nothing is read from the store: a retry of a message whose turn ran in
     * this process is known to the inbox, and one whose turn ran before a restart is kept again and its turn
     * found a repeat. The address goes to the writer without being waited for: the message's route holds it
     * too, and the writer saves it before the turn the message leads to.
     */
    private boolean keep(String surface, String messageId, String person, String payload, String address) {
        if (address != null) {
            writer.later(h -> {
                TurnDao dao = dao(h);
                String now = Times.now();
                dao.ensurePerson(person, surfaceOf(person), null, now);
                dao.saveAddress(person, address, now);
                return null;
            }).exceptionally(e -> {
                LOG.warn("could not save how to reach {}: {}", person, e.getMessage());
                return null;
            });
        }
        return inbox().keep(messageId, surface, person, payload);
    }

    /** The inbox, opened on first use (a store that never takes a platform's messages makes no folder). */
    private Inbox inbox() {
        Inbox in = inbox;
        if (in != null) {
            return in;
        }
        synchronized (this) {
            if (inbox == null) {
                inbox = Inbox.acquire(inboxFolder);
            }
            return inbox;
        }
    }

    /** The inbox when it is open or its folder exists; null when nothing was ever kept beside this store. */
    private Inbox inboxIfAny() {
        Inbox in = inbox;
        return in != null ? in : Files.exists(inboxFolder) ? inbox() : null;
    }

    /**
     * The messages {@code person} sent that were taken (here or by another instance) before the message
     * {@code messageId} and whose turns have not run, oldest first; empty when that message is not waiting.
     */
    public List<String> queuedBefore(String person, String messageId) {
        if (inboxFolder != null) {
            Inbox in = inboxIfAny();
            return in == null ? List.of() : in.before(person, messageId);
        }
        return jdbi.withHandle(h -> h.attach(TurnDao.class).queuedBefore(person, messageId));
    }

    /** The messages a surface took whose turns have not run, oldest first (to replay at start). */
    public List<String> acceptedOn(String surface) {
        List<String> out = new ArrayList<>();
        if (inboxFolder == null || legacyQueue) {
            out.addAll(jdbi.withHandle(h -> h.attach(TurnDao.class).queuedInbound(surface)));
        }
        Inbox in = inboxFolder == null ? null : inboxIfAny();
        if (in != null) {
            out.addAll(in.on(surface));
        }
        return out;
    }

    /** One person's records: everything stored about them, forgetting them; and retention. */
    public People people() {
        return new People(this);
    }

    /** The payloads of the messages {@code person} sent that are kept for a turn still to run, oldest first. */
    List<String> keptOf(String person) {
        List<String> out = new ArrayList<>(jdbi.withHandle(h -> h.createQuery(
                "SELECT payload FROM inbound_queue WHERE person_id = :p ORDER BY id").bind("p", person)
                .mapTo(String.class).list()));
        Inbox in = inboxFolder == null ? null : inboxIfAny();
        if (in != null) {
            out.addAll(in.of(person));
        }
        return out;
    }

    /** Deletes the messages {@code person} sent that are kept for a turn still to run; returns how many. */
    int forgetKept(String person) {
        int n = writing(h -> h.createUpdate("DELETE FROM inbound_queue WHERE person_id = :p").bind("p", person)
                .execute());
        Inbox in = inboxFolder == null ? null : inboxIfAny();
        return in == null ? n : n + in.forget(person);
    }

    /** After records were deleted outside a turn: what the writer remembers of conversations is read again. */
    void forgetKnown() {
        if (known != null) {
            known.clear();
        }
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
        // On SQLite the writer runs every turn one after another. When what the person's last turn left is known,
        // the engine's step runs here first, on the caller's thread, on that snapshot; the writer uses its outcome
        // if what it knows of the person is still that same snapshot, and runs the step itself otherwise.
        KnownConversations.Known before = writer != null && known != null && req.target() == null
                ? known.get(req.person()) : null;
        Outcome early = before != null && before.inbox() != null ? early(req.person(), before, step) : null;
        Function<org.jdbi.v3.core.Handle, TurnResult> work = h -> {
            TurnDao dao = dao(h);
            String now = Times.format(req.now());
            String person = req.person();
            if (shared) {
                // Other instances may be running this person's next message: one at a time, in order.
                dao.lock(PERSON_LOCKS, person);
            }
            if (req.messageId() != null) {
                // Taken off the inbound queue in the turn's own transaction: done, or still to do. (On SQLite the
                // inbox's copy goes once this has committed, below.)
                if (inboxFolder == null || legacyQueue) {
                    dao.dequeueInbound(req.messageId());
                }
                if (dao.markProcessed(req.messageId(), person, now) == 0) {
                    return TurnResult.repeat();
                }
            }
            KnownConversations.Known k = known == null ? null : known.get(person);
            if (k != null && CHECK_KNOWN) {
                k.check(read(dao, person, req), dao.inbox(person));
            }
            KnownConversations.Known loaded = k != null ? k : read(dao, person, req);
            if (loaded.displayName() == null || !loaded.displayName().equals(req.displayName())) {
                if (!loaded.stored()) {
                    // First message from this person: they need a row before anything refers to them.
                    dao.ensurePerson(person, surfaceOf(person), req.displayName(), now);
                }
                if (req.displayName() != null) {
                    dao.renamePerson(person, req.displayName());
                }
            }
            ConversationState state = loaded.state();
            if (shared) {
                // The role this turn reads and may write: a decision's target, else the person's own.
                Long role = req.target() != null ? Long.valueOf(req.target().roleId()) : state.roleId();
                if (role != null) {
                    dao.lock(ROLE_LOCKS, Long.toString(role));
                }
            }
            List<InboxItem> inbox = loaded.inbox() != null ? loaded.inbox() : dao.inbox(person);
            InboxItem target = req.target() == null ? null : dao.target(req.target()).orElse(null);
            Outcome out = early != null && k == before ? early
                    : step.apply(new Snapshot(person, state, loaded.draft(), loaded.previous(), inbox, target));
            Saved saved = save(dao, person, loaded.draft(), out, now);
            if (known != null) {
                known.after(person, req.displayName() != null ? req.displayName() : loaded.displayName(), loaded,
                        inbox, target, out, saved.state(), saved.draft());
            }
            return new TurnResult(out, saved.notifications(), false);
        };
        try {
            TurnResult result = writer != null ? writer.run(work) : jdbi.inTransaction(work::apply);
            // Processed, on disk: the kept copy has done its work. A stop before this line leaves it, and its turn at
            // the next start is a repeat. Only an open inbox can hold it: whatever a store keeps or replays opens it
            // first, so a turn costs no look at the disk for it.
            Inbox in = inbox;
            if (in != null && req.messageId() != null) {
                in.done(req.messageId());
            }
            return result;
        } catch (org.jdbi.v3.core.JdbiException e) {
            if (conflict(e)) {
                throw new ConflictException("turn for " + req.person() + " met a concurrent change: "
                        + rootMessage(e), e);
            }
            throw e;
        }
    }

    /** The step on what {@code person}'s last turn left; null when it throws (the writer runs it again, and says). */
    private static Outcome early(String person, KnownConversations.Known before, Function<Snapshot, Outcome> step) {
        try {
            return step.apply(new Snapshot(person, before.state(), before.draft(), before.previous(), before.inbox(),
                    null));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The TurnDao of {@code h}: on SQLite's writer thread attached once per handle, its simple statements run
     * directly on the writer's kept statements ({@link DirectTurnDao}); elsewhere attached each time.
     */
    private TurnDao dao(org.jdbi.v3.core.Handle h) {
        return writer != null && writer.isWriterThread() ? writer.dao(h) : h.attach(TurnDao.class);
    }

    /** What the store holds of {@code person}'s conversation, read for a turn. */
    private static KnownConversations.Known read(TurnDao dao, String person, TurnRequest req) {
        Optional<String> json = dao.stateJson(person);
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
        // The name is not read: a turn that brings one writes it (once per process, when it is known).
        return new KnownConversations.Known(json.isPresent(), null, state, draft, previous, null);
    }

    /** What a turn wrote: the notifications it queued, and the state and draft as stored. */
    private record Saved(List<Notification> notifications, ConversationState state, Draft draft) {
    }

    /**
     * True when the database refused a write because another transaction got there first (a duplicate key, a
     * deadlock, a serialization failure): running the turn again sees the other's result.
     */
    private static boolean conflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && List.of("23505", "40P01", "40001").contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private Saved save(TurnDao dao, String person, Draft before, Outcome out, String now) {
        ConversationState state = out.state();
        Draft d = out.draft();
        if (d != null && !d.equals(before)) {
            if (d.manager() != null && (before == null || !d.manager().equals(before.manager()))) {
                // A manager already on the draft has their row.
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
        return new Saved(queued, state, d);
    }

    /** The surface part of a person id: "slack" of "slack:T1:U1". */
    public static String surfaceOf(String person) {
        int colon = person.indexOf(':');
        return colon < 0 ? "local" : person.substring(0, colon);
    }

    /** Notifications for one person not yet delivered, marked delivered as they are taken (by one taker). */
    public List<Notification> takePending(String person) {
        return writing(h -> {
            List<Notification> taken = new ArrayList<>(dao(h).takePending(person, Times.now()));
            taken.sort(java.util.Comparator.comparingLong(Notification::id));
            return taken;
        });
    }

    /** Notifications not yet delivered to anyone on a surface ("slack", "teams"), oldest first. */
    public List<Notification> pendingOn(String surface) {
        return jdbi.withHandle(h -> h.attach(TurnDao.class).pendingWithPrefix(surface + ":%"));
    }

    /**
     * Claims a notification for delivery by this instance for {@code lease}: false when it was delivered
     * already or another instance is delivering it. An instance that stops mid-delivery lets the claim run out.
     */
    public boolean claim(long notificationId, java.time.Duration lease) {
        Instant now = Instant.now();
        return writing(h -> dao(h).claim(notificationId,
                Times.format(now.plus(lease)), Times.format(now))) == 1;
    }

    /** Gives back a claim whose delivery could not be made, so that the next retry may take it at once. */
    public void release(long notificationId) {
        writing(h -> dao(h).release(notificationId));
    }

    /** Gives back every claim on a notification not yet delivered; returns how many (see Deliveries). */
    public int releaseClaims() {
        return writing(h -> dao(h).releaseAll());
    }

    public void markDelivered(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        writing(h -> dao(h).markDelivered(ids, Times.now()));
    }

    /**
     * Counts a failed turn. At the second failure in a row the active step is cleared back to a safe
     * one, so that a state that makes the engine fail cannot trap the person.
     */
    public int countFailure(String person, Function<ConversationState, ConversationState> reset) {
        return writing(h -> {
            TurnDao dao = dao(h);
            if (shared) {
                dao.lock(PERSON_LOCKS, person);
            }
            if (dao.countFailure(person) == 0) {
                return 0;
            }
            int failures = dao.failures(person).orElse(0);
            if (failures >= 2) {
                dao.saveState(person, Json.write(reset.apply(dao.state(person))), Times.now());
                if (known != null) {
                    known.forget(person);
                }
            }
            return failures;
        });
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
        writing(h -> {
            TurnDao dao = dao(h);
            dao.ensurePerson(person, surfaceOf(person), null, Times.now());
            dao.saveAddress(person, address, Times.now());
            return null;
        });
    }

    /** How a surface last said it can reach {@code person}, if it has. */
    public java.util.Optional<String> address(String person) {
        return jdbi.withHandle(h -> h.attach(TurnDao.class).address(person));
    }

    /** Remembers a message a surface posted about a version (to update it after a decision). */
    public void savePosted(VersionRef ref, String recipient, String messageRef) {
        writing(h -> {
            TurnDao dao = dao(h);
            dao.ensurePerson(recipient, surfaceOf(recipient), null, Times.now());
            dao.savePosted(ref.roleId(), ref.version(), recipient, messageRef, Times.now());
            return null;
        });
    }

    /** The messages a surface posted to {@code recipient} about a version, oldest first. */
    public List<String> posted(VersionRef ref, String recipient) {
        return jdbi.withHandle(h -> h.attach(TurnDao.class).posted(ref.roleId(), ref.version(), recipient));
    }
}
