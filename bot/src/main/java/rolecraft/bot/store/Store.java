package rolecraft.bot.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
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
 * database that several instances share; migrated by Flyway either way. A turn is one transaction: it loads what
 * the engine reads, runs the step and saves what it decided, all or nothing, and its caller hears of it only once
 * it has committed. A message a surface is about to acknowledge is kept in the {@code inbound_queue} table and
 * taken off it by its turn's transaction.
 *
 * <p>On SQLite one thread of this process writes, one transaction at a time, in the order writes came rather than
 * in SQLite's busy loop; a message a platform waits for goes before the turns queued (see {@link SqliteWriter}). On
 * PostgreSQL each turn takes an advisory lock on its person (and one on the role it touches) before it reads
 * anything, so that instances behind a load balancer apply one conversation's turns one at a time.
 */
public final class Store implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    private static final int BUSY_TIMEOUT_MS = 10_000;
    /** Readers run side by side in WAL mode; one more connection is the writer's. */
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
    /** SQLite: the one thread that writes to the file for this process; null on PostgreSQL. */
    private final SqliteWriter writer;

    private Store(DataSource dataSource, String kind, boolean shared) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        // A failed statement's message (logged at the edge) names no value bound to it: those are people's words.
        jdbi.getConfig(org.jdbi.v3.core.statement.StatementExceptions.class)
                .setMessageRendering(org.jdbi.v3.core.statement.StatementExceptions.MessageRendering.NONE);
        this.kind = kind;
        this.shared = shared;
        this.writer = shared ? null : new SqliteWriter(jdbi, kind);
    }

    /** Opens (creating and migrating as needed) the database {@code db} names. */
    public static Store open(Database db) {
        return db.postgres() ? postgres(db) : sqlite(db.file());
    }

    /** Opens (creating if needed) and migrates the SQLite file at {@code file}. */
    public static Store sqlite(Path file) {
        SQLiteDataSource ds = sqliteFile(file);
        if (!current(ds)) {
            try {
                migrate(ds);
            } catch (StoreException e) {
                throw notADatabase(file, e);
            }
        }
        return new Store(pooled(ds, file.getFileName().toString()), "sqlite", false);
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
            return new Store(ds, "postgresql", true);
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
        try {
            return migrate(sqliteFile(db.file()), db, SQLITE_LOCATIONS);
        } catch (StoreException e) {
            throw notADatabase(db.file(), e);
        }
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
                LOG.debug("store migrated to schema version {} ({} migrations)", result.targetSchemaVersion,
                        result.migrationsExecuted);
            }
            return result.migrationsExecuted;
        } catch (RuntimeException e) {
            throw new StoreException("cannot open or migrate the database" + (db == null ? "" : " at " + db.describe())
                    + ": " + rootMessage(e), e);
        }
    }

    /** A file that is not a SQLite database is named as such, rather than in the driver's words. */
    private static StoreException notADatabase(Path file, StoreException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.sqlite.SQLiteException s
                    && (s.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_NOTADB
                    || s.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_CORRUPT)) {
                return new StoreException(file + " is not a SQLite database (name another file for the store, "
                        + "or move this one away)", e);
            }
        }
        return e;
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

    /** Runs a write in one transaction; on SQLite after the messages being kept and the writes handed in before. */
    public <T> T writing(Function<Handle, T> work) {
        return write((h, dao) -> work.apply(h));
    }

    /** As {@link #writing}, handed the transaction's {@link TurnDao} too. */
    private <T> T write(BiFunction<Handle, TurnDao, T> work) {
        if (writer == null) {
            return jdbi.inTransaction(h -> work.apply(h, h.attach(TurnDao.class)));
        }
        return writer.write(work);
    }

    /**
     * Keeps a message a surface is about to acknowledge, so that a crash before its turn loses nothing; returns
     * once it is committed. Returns false when there is nothing more to do for it: a message with this id has had
     * its turn already, or (SQLite, whose one process runs every kept message) is kept and waiting for its turn.
     * {@code address}, when not null, is how the surface reaches {@code person} (their DM channel), saved too.
     */
    public boolean accept(String surface, String messageId, String person, String payload, String address) {
        BiFunction<Handle, TurnDao, Boolean> keep = (h, dao) -> {
            String now = Times.now();
            if (address != null) {
                dao.ensurePerson(person, surfaceOf(person), null, now);
                dao.saveAddress(person, address, now);
            }
            if (dao.processedCount(messageId) > 0) {
                return false;
            }
            // On PostgreSQL another instance may hold the kept copy and stop before its turn: taken again here.
            return dao.enqueueInbound(messageId, surface, person, payload, now) == 1 || shared;
        };
        if (writer == null) {
            return jdbi.inTransaction(h -> keep.apply(h, h.attach(TurnDao.class)));
        }
        return writer.keep(keep);
    }

    /**
     * The messages {@code person} sent that were taken (here or by another instance) before the message
     * {@code messageId} and whose turns have not run, oldest first; empty when that message is not waiting.
     */
    public List<String> queuedBefore(String person, String messageId) {
        // Asked before every turn: a plain query, since preparing a SQL object for a connection costs more.
        return jdbi.withHandle(h -> h.createQuery(TurnDao.QUEUED_BEFORE).bind("person", person)
                .bind("id", messageId).mapTo(String.class).list());
    }

    /** The messages a surface took whose turns have not run, oldest first (to replay at start). */
    public List<String> acceptedOn(String surface) {
        return jdbi.withHandle(h -> h.attach(TurnDao.class).queuedInbound(surface));
    }


    /** The payloads of the messages {@code person} sent that are kept for a turn still to run, oldest first. */
    public List<String> keptOf(String person) {
        return jdbi.withHandle(h -> h.createQuery(
                "SELECT payload FROM inbound_queue WHERE person_id = :p ORDER BY id").bind("p", person)
                .mapTo(String.class).list());
    }

    /** Deletes the messages {@code person} sent that are kept for a turn still to run; returns how many. */
    public int forgetKept(String person) {
        return writing(h -> h.createUpdate("DELETE FROM inbound_queue WHERE person_id = :p").bind("p", person)
                .execute());
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
     * Runs one turn in one transaction: takes its message off the inbound queue and records its id, loads what the
     * engine reads, runs {@code step} and saves its outcome. A message id seen before makes it a repeat: nothing
     * runs and nothing changes.
     */
    public TurnResult turn(TurnRequest req, Function<Snapshot, Outcome> step) {
        try {
            return write((h, dao) -> {
                String now = Times.format(req.now());
                String person = req.person();
                if (shared) {
                    // Other instances may be running this person's next message: one at a time, in order.
                    dao.lock(PERSON_LOCKS, person);
                }
                if (req.messageId() != null) {
                    // Off the inbound queue in the turn's own transaction: done, or still to do.
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
                if (shared) {
                    // The role this turn reads and may write: a decision's target, else the person's own.
                    Long role = req.target() != null ? Long.valueOf(req.target().roleId()) : state.roleId();
                    if (role != null) {
                        dao.lock(ROLE_LOCKS, Long.toString(role));
                    }
                }
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
        } catch (org.jdbi.v3.core.JdbiException e) {
            if (conflict(e)) {
                throw new ConflictException("turn for " + req.person() + " met a concurrent change: "
                        + rootMessage(e), e);
            }
            throw e;
        }
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

    /** Saves a turn's outcome; returns the notifications it queued. */
    private static List<Notification> save(TurnDao dao, String person, Draft before, Outcome out, String now) {
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
        return queued;
    }

    /** The surface part of a person id: "slack" of "slack:T1:U1". */
    public static String surfaceOf(String person) {
        int colon = person.indexOf(':');
        return colon < 0 ? "local" : person.substring(0, colon);
    }

    /** Notifications for one person not yet delivered, marked delivered as they are taken (by one taker). */
    public List<Notification> takePending(String person) {
        return write((h, dao) -> {
            List<Notification> taken = new ArrayList<>(dao.takePending(person, Times.now()));
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
        return write((h, dao) -> dao.claim(notificationId,
                Times.format(now.plus(lease)), Times.format(now))) == 1;
    }

    /** Gives back a claim whose delivery could not be made, so that the next retry may take it at once. */
    public void release(long notificationId) {
        write((h, dao) -> dao.release(notificationId));
    }

    /** Gives back every claim on a notification not yet delivered; returns how many (see Deliveries). */
    public int releaseClaims() {
        return write((h, dao) -> dao.releaseAll());
    }

    public void markDelivered(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        write((h, dao) -> dao.markDelivered(ids, Times.now()));
    }

    /**
     * Counts a failed turn. At the second failure in a row the active step is cleared back to a safe
     * one, so that a state that makes the engine fail cannot trap the person.
     */
    public int countFailure(String person, Function<ConversationState, ConversationState> reset) {
        return write((h, dao) -> {
            if (shared) {
                dao.lock(PERSON_LOCKS, person);
            }
            if (dao.countFailure(person) == 0) {
                return 0;
            }
            int failures = dao.failures(person).orElse(0);
            if (failures >= 2) {
                dao.saveState(person, Json.write(reset.apply(dao.state(person))), Times.now());
            }
            return failures;
        });
    }

    /**
     * One version of a role (with its decision once decided) and the one before it, as a manager sees it; empty
     * when there is no such version.
     */
    public Optional<InboxItem> version(VersionRef ref) {
        return jdbi.withHandle(h -> {
            TurnDao dao = h.attach(TurnDao.class);
            return dao.version(ref.roleId(), ref.version()).map(dao::item);
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
        write((h, dao) -> {
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
        write((h, dao) -> {
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
