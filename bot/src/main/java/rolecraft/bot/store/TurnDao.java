package rolecraft.bot.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;
import org.jdbi.v3.core.mapper.RowMapper;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Answer;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.ConversationState;
import rolecraft.bot.domain.Decision;
import rolecraft.bot.domain.DecisionKind;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.Evidence;
import rolecraft.bot.domain.Exposure;
import rolecraft.bot.domain.InboxItem;
import rolecraft.bot.domain.Question;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.ShareUnit;
import rolecraft.bot.domain.Status;
import rolecraft.bot.domain.Task;
import rolecraft.bot.domain.VersionRef;
import rolecraft.bot.engine.Shares;

/** The SQL of a turn: loading what the engine reads and saving what it decided. */
public interface TurnDao extends SqlObject {

    /** One role_versions row with its employee. */
    record VersionRow(long id, long roleId, int version, Status status, String employee, String manager,
                      String title, Instant createdAt, Instant submittedAt, Instant decidedAt) {
    }

    String VERSION_COLUMNS = "v.id, v.role_id, v.version, v.status, r.employee_id, v.manager_id, v.title, "
            + "v.created_at, v.submitted_at, v.decided_at FROM role_versions v JOIN roles r ON r.id = v.role_id ";

    // --- locks (PostgreSQL) ---------------------------------------------------------------------------------

    /**
     * Waits for, then holds until the transaction ends, the advisory lock on {@code key} in {@code namespace}.
     * Keys are hashed to 32 bits: two keys that collide only wait for each other.
     */
    @SqlQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:namespace, hashtext(:key))) AS locked")
    int lockQuery(@Bind("namespace") int namespace, @Bind("key") String key);

    default void lock(int namespace, String key) {
        lockQuery(namespace, key);
    }

    // --- idempotency and people ---------------------------------------------------------------------------

    @SqlUpdate("INSERT INTO processed_messages (message_id, person_id, processed_at) VALUES (:id, :person, :at) "
            + "ON CONFLICT (message_id) DO NOTHING")
    int markProcessed(@Bind("id") String messageId, @Bind("person") String person, @Bind("at") String at);

    @SqlUpdate("INSERT INTO people (id, surface, display_name, created_at) VALUES (:id, :surface, :name, :at) "
            + "ON CONFLICT (id) DO NOTHING")
    void ensurePerson(@Bind("id") String id, @Bind("surface") String surface, @Bind("name") String name,
                      @Bind("at") String at);

    @SqlUpdate("UPDATE people SET display_name = :name WHERE id = :id "
            + "AND (display_name IS NULL OR display_name <> :name)")
    void renamePerson(@Bind("id") String id, @Bind("name") String name);

    // --- conversations --------------------------------------------------------------------------------------

    @SqlQuery("SELECT state FROM conversations WHERE person_id = :person")
    Optional<String> stateJson(@Bind("person") String person);

    @SqlUpdate("INSERT INTO conversations (person_id, state, failures, updated_at) VALUES (:person, :state, 0, :at) "
            + "ON CONFLICT (person_id) DO UPDATE SET state = excluded.state, failures = 0, updated_at = excluded.updated_at")
    void saveState(@Bind("person") String person, @Bind("state") String stateJson, @Bind("at") String at);

    @SqlUpdate("UPDATE conversations SET failures = failures + 1 WHERE person_id = :person")
    int countFailure(@Bind("person") String person);

    @SqlQuery("SELECT failures FROM conversations WHERE person_id = :person")
    Optional<Integer> failures(@Bind("person") String person);

    // --- versions -------------------------------------------------------------------------------------------

    @SqlQuery("SELECT " + VERSION_COLUMNS + "WHERE v.role_id = :role ORDER BY v.version DESC LIMIT 2")
    @UseRowMapper(VersionMapper.class)
    List<VersionRow> latestTwo(@Bind("role") long roleId);

    @SqlQuery("SELECT status FROM role_versions WHERE role_id = :role ORDER BY version DESC LIMIT 1")
    Optional<String> latestStatus(@Bind("role") long roleId);

    @SqlQuery("SELECT " + VERSION_COLUMNS + "WHERE v.role_id = :role AND v.version = :version")
    @UseRowMapper(VersionMapper.class)
    Optional<VersionRow> version(@Bind("role") long roleId, @Bind("version") int version);

    @SqlQuery("SELECT " + VERSION_COLUMNS + "WHERE v.manager_id = :manager AND v.status = 'submitted' "
            + "ORDER BY v.submitted_at, v.id")
    @UseRowMapper(VersionMapper.class)
    List<VersionRow> waitingFor(@Bind("manager") String manager);

    /** How many versions wait for {@code manager}: most people manage nobody, and this is the cheaper question. */
    @SqlQuery("SELECT count(*) FROM role_versions WHERE manager_id = :manager AND status = 'submitted'")
    int waitingCount(@Bind("manager") String manager);

    @SqlQuery("SELECT " + VERSION_COLUMNS + "WHERE r.employee_id = :employee "
            + "AND v.version = (SELECT MAX(l.version) FROM role_versions l WHERE l.role_id = v.role_id) "
            + "ORDER BY v.role_id DESC")
    @UseRowMapper(VersionMapper.class)
    List<VersionRow> latestOf(@Bind("employee") String employee);

    @SqlQuery("SELECT position, text, share_amount, share_unit, proposed_exposure, proposed_ai_role, "
            + "proposed_capability, confidence, reason, evidence_task, evidence_occupation, evidence_label, ai_role, "
            + "capability, changed_by_employee, settled_by_employee, call_note, after_amount, after_unit FROM tasks "
            + "WHERE version_id = :v "
            + "ORDER BY position")
    @UseRowMapper(TaskMapper.class)
    List<Task> tasks(@Bind("v") long versionId);

    @SqlQuery("SELECT question, answer FROM answers WHERE version_id = :v")
    @UseRowMapper(AnswerMapper.class)
    List<Answer> answers(@Bind("v") long versionId);

    @SqlQuery("SELECT decided_by, decision, comment, decided_at FROM decisions WHERE version_id = :v")
    @UseRowMapper(DecisionMapper.class)
    Optional<Decision> decision(@Bind("v") long versionId);

    @SqlQuery("INSERT INTO roles (employee_id, created_at) VALUES (:employee, :at) RETURNING id")
    long insertRole(@Bind("employee") String employee, @Bind("at") String at);

    @SqlQuery("INSERT INTO role_versions (role_id, version, status, title, manager_id, created_at, updated_at, "
            + "submitted_at, decided_at) VALUES (:role, :version, :status, :title, :manager, :created, :at, "
            + ":submitted, :decided) RETURNING id")
    long insertVersion(@Bind("role") long roleId, @Bind("version") int version, @Bind("status") String status,
                       @Bind("title") String title, @Bind("manager") String manager, @Bind("created") String createdAt,
                       @Bind("at") String at, @Bind("submitted") String submittedAt,
                       @Bind("decided") String decidedAt);

    @SqlUpdate("UPDATE role_versions SET status = :status, title = :title, manager_id = :manager, updated_at = :at, "
            + "submitted_at = :submitted WHERE id = :id AND status = 'drafting'")
    int updateDraftingVersion(@Bind("id") long id, @Bind("status") String status, @Bind("title") String title,
                              @Bind("manager") String manager, @Bind("at") String at,
                              @Bind("submitted") String submittedAt);

    @SqlQuery("UPDATE role_versions SET status = :status, title = :title, manager_id = :manager, updated_at = :at, "
            + "submitted_at = :submitted WHERE role_id = :role AND version = :version AND status = 'drafting' "
            + "RETURNING id")
    Optional<Long> updateDrafting(@Bind("role") long roleId, @Bind("version") int version,
                                  @Bind("status") String status, @Bind("title") String title,
                                  @Bind("manager") String manager, @Bind("at") String at,
                                  @Bind("submitted") String submittedAt);

    /**
     * The same for a turn that changes neither status, manager nor submission: SQLite rewrites the index entries
     * of every column an UPDATE sets, so the columns that did not change are left out.
     */
    @SqlQuery("UPDATE role_versions SET title = :title, updated_at = :at "
            + "WHERE role_id = :role AND version = :version AND status = 'drafting' RETURNING id")
    Optional<Long> touchDrafting(@Bind("role") long roleId, @Bind("version") int version,
                                 @Bind("title") String title, @Bind("at") String at);

    @SqlUpdate("DELETE FROM tasks WHERE version_id = :v")
    void deleteTasks(@Bind("v") long versionId);

    @SqlUpdate("DELETE FROM answers WHERE version_id = :v")
    void deleteAnswers(@Bind("v") long versionId);

    @SqlBatch("INSERT INTO tasks (version_id, position, text, share_amount, share_unit, share_percent, "
            + "proposed_exposure, proposed_ai_role, proposed_capability, confidence, reason, evidence_task, "
            + "evidence_occupation, evidence_label, ai_role, capability, changed_by_employee, settled_by_employee, "
            + "call_note, after_amount, after_unit) VALUES (:v, :position, :text, :amount, :unit, :percent, :exposure, "
            + ":proposedRole, :proposedCapability, :confidence, :reason, :evidenceTask, :evidenceOccupation, "
            + ":evidenceLabel, :aiRole, :capability, :changed, :settled, :note, :afterAmount, :afterUnit)")
    void insertTasks(@Bind("v") long versionId, @Bind("position") List<Integer> position,
                     @Bind("text") List<String> text, @Bind("amount") List<Double> amount,
                     @Bind("unit") List<String> unit, @Bind("percent") List<Double> percent,
                     @Bind("exposure") List<String> exposure, @Bind("proposedRole") List<String> proposedRole,
                     @Bind("proposedCapability") List<String> proposedCapability,
                     @Bind("confidence") List<Double> confidence, @Bind("reason") List<String> reason,
                     @Bind("evidenceTask") List<String> evidenceTask,
                     @Bind("evidenceOccupation") List<String> evidenceOccupation,
                     @Bind("evidenceLabel") List<String> evidenceLabel, @Bind("aiRole") List<String> aiRole,
                     @Bind("capability") List<String> capability, @Bind("changed") List<Boolean> changed,
                     @Bind("settled") List<Boolean> settled, @Bind("note") List<String> note,
                     @Bind("afterAmount") List<Double> afterAmount, @Bind("afterUnit") List<String> afterUnit);

    @SqlBatch("INSERT INTO answers (version_id, question, answer) VALUES (:v, :question, :answer)")
    void insertAnswers(@Bind("v") long versionId, @Bind("question") List<String> question,
                       @Bind("answer") List<String> answer);

    // --- decisions, outbox, audit ---------------------------------------------------------------------------

    @SqlUpdate("UPDATE role_versions SET status = :status, decided_at = :at, updated_at = :at "
            + "WHERE role_id = :role AND version = :version AND status = 'submitted'")
    int decideVersion(@Bind("role") long roleId, @Bind("version") int version, @Bind("status") String status,
                      @Bind("at") String at);

    @SqlUpdate("INSERT INTO decisions (version_id, decided_by, decision, comment, decided_at) "
            + "SELECT id, :by, :decision, :comment, :at FROM role_versions WHERE role_id = :role AND version = :version")
    void insertDecision(@Bind("role") long roleId, @Bind("version") int version, @Bind("by") String by,
                        @Bind("decision") String decision, @Bind("comment") String comment, @Bind("at") String at);

    @SqlQuery("INSERT INTO outbox (recipient_id, payload, created_at) VALUES (:to, :payload, :at) RETURNING id")
    long enqueue(@Bind("to") String recipient, @Bind("payload") String payload, @Bind("at") String at);

    @SqlQuery("UPDATE outbox SET delivered_at = :at WHERE recipient_id = :to AND delivered_at IS NULL "
            + "RETURNING id, recipient_id, payload")
    @UseRowMapper(NotificationMapper.class)
    List<Notification> takePending(@Bind("to") String recipient, @Bind("at") String at);

    @SqlUpdate("UPDATE outbox SET claimed_until = :until WHERE id = :id AND delivered_at IS NULL "
            + "AND (claimed_until IS NULL OR claimed_until <= :now)")
    int claim(@Bind("id") long id, @Bind("until") String until, @Bind("now") String now);

    @SqlUpdate("UPDATE outbox SET claimed_until = NULL WHERE id = :id")
    int release(@Bind("id") long id);

    @SqlUpdate("UPDATE outbox SET claimed_until = NULL WHERE delivered_at IS NULL AND claimed_until IS NOT NULL")
    int releaseAll();

    @SqlQuery("SELECT id, recipient_id, payload FROM outbox WHERE delivered_at IS NULL "
            + "AND recipient_id LIKE :prefix ORDER BY id")
    @UseRowMapper(NotificationMapper.class)
    List<Notification> pendingWithPrefix(@Bind("prefix") String prefixPattern);

    @SqlUpdate("UPDATE outbox SET delivered_at = :at WHERE id IN (<ids>) AND delivered_at IS NULL")
    int markDelivered(@BindList("ids") List<Long> ids, @Bind("at") String at);

    @SqlUpdate("INSERT INTO audit_log (at, actor_id, action, role_id, version, detail) "
            + "VALUES (:at, :actor, :action, :role, :version, :detail)")
    void audit(@Bind("at") String at, @Bind("actor") String actor, @Bind("action") String action,
               @Bind("role") Long roleId, @Bind("version") Integer version, @Bind("detail") String detail);

    // --- messages taken but not yet turned ---------------------------------------------------------------------

    @SqlQuery("SELECT count(*) FROM processed_messages WHERE message_id = :id")
    int processedCount(@Bind("id") String messageId);

    @SqlUpdate("INSERT INTO inbound_queue (message_id, surface, person_id, payload, received_at) VALUES (:id, "
            + ":surface, :person, :payload, :at) ON CONFLICT (message_id) DO NOTHING")
    int enqueueInbound(@Bind("id") String messageId, @Bind("surface") String surface, @Bind("person") String person,
                       @Bind("payload") String payload, @Bind("at") String at);

    /**
     * The payloads a person's kept messages before {@code :id} hold, oldest first. Read before every turn, so the
     * store runs it as a plain query (see Store#queuedBefore).
     */
    String QUEUED_BEFORE = "SELECT q.payload FROM inbound_queue q WHERE q.person_id = :person AND q.id < "
            + "(SELECT m.id FROM inbound_queue m WHERE m.message_id = :id) ORDER BY q.id";

    @SqlUpdate("DELETE FROM inbound_queue WHERE message_id = :id")
    int dequeueInbound(@Bind("id") String messageId);

    @SqlQuery("SELECT payload FROM inbound_queue WHERE surface = :surface ORDER BY id")
    List<String> queuedInbound(@Bind("surface") String surface);

    // --- what surfaces keep for themselves ---------------------------------------------------------------

    @SqlUpdate("INSERT INTO surface_addresses (person_id, address, updated_at) VALUES (:person, :address, :at) "
            + "ON CONFLICT (person_id) DO UPDATE SET address = excluded.address, updated_at = excluded.updated_at")
    void saveAddress(@Bind("person") String person, @Bind("address") String address, @Bind("at") String at);

    @SqlQuery("SELECT address FROM surface_addresses WHERE person_id = :person")
    Optional<String> address(@Bind("person") String person);

    @SqlUpdate("INSERT INTO posted_messages (role_id, version, recipient_id, message_ref, posted_at) "
            + "VALUES (:role, :version, :to, :ref, :at)")
    void savePosted(@Bind("role") long roleId, @Bind("version") int version, @Bind("to") String recipient,
                    @Bind("ref") String messageRef, @Bind("at") String at);

    @SqlQuery("SELECT message_ref FROM posted_messages WHERE role_id = :role AND version = :version "
            + "AND recipient_id = :to ORDER BY id")
    List<String> posted(@Bind("role") long roleId, @Bind("version") int version, @Bind("to") String recipient);

    // --- composite reads --------------------------------------------------------------------------------------

    /** A version with its tasks, answers and decision. */
    default Draft draft(VersionRow row) {
        return new Draft(row.roleId(), row.version(), row.status(), row.employee(), row.manager(), row.title(),
                tasks(row.id()),
                answers(row.id()).stream().sorted(java.util.Comparator.comparing(Answer::question)).toList(),
                row.createdAt(), row.submittedAt(), row.decidedAt(),
                // Only a decided version has a decision: no query for the others.
                row.status() == Status.APPROVED || row.status() == Status.CHANGES_REQUESTED
                        ? decision(row.id()).orElse(null) : null);
    }

    /** A version and the one before it, as a manager sees it. */
    default InboxItem item(VersionRow row) {
        Draft previous = row.version() > 1
                ? version(row.roleId(), row.version() - 1).map(this::draft).orElse(null) : null;
        return new InboxItem(draft(row), previous);
    }

    default List<InboxItem> inbox(String manager) {
        if (waitingCount(manager) == 0) {
            return List.of();
        }
        List<InboxItem> out = new ArrayList<>();
        for (VersionRow row : waitingFor(manager)) {
            out.add(item(row));
        }
        return out;
    }

    default Optional<InboxItem> target(VersionRef ref) {
        return version(ref.roleId(), ref.version()).map(this::item);
    }

    default ConversationState state(String person) {
        return stateJson(person).map(Json::state).orElse(ConversationState.initial());
    }

    /**
     * Writes a drafting version's content: the row, then its tasks and answers anew, each only where it
     * differs from {@code before} (the version as loaded for the turn, or null).
     */
    default void writeDraft(Draft d, Draft before, String now) {
        // The version the turn loaded is this one only if it is of the same role: a new redesign after an approved
        // first version is version 1 too, of a new role.
        boolean loaded = before != null && before.roleId() != null && before.roleId().equals(d.roleId())
                && before.version() == d.version();
        Optional<VersionRow> row = loaded ? Optional.empty() : version(d.roleId(), d.version());
        boolean exists = row.isPresent() || loaded;
        long id;
        String submitted = Times.format(d.submittedAt());
        boolean sameTasks = exists && before != null && before.tasks().equals(d.tasks());
        boolean sameAnswers = exists && before != null && before.answers().equals(d.answers());
        if (!exists) {
            id = insertVersion(d.roleId(), d.version(), d.status().word(), d.title(), d.manager(),
                    Times.format(d.createdAt()), now, submitted, null);
        } else {
            id = row.isPresent() ? row.get().id() : updateDraftingVersionReturningId(d, before, now);
            if (row.isPresent() && updateDraftingVersion(id, d.status().word(), d.title(), d.manager(), now,
                    submitted) != 1) {
                throw new ConflictException("role " + d.roleId() + " version " + d.version() + " is locked");
            }
            if (!sameTasks) {
                deleteTasks(id);
            }
            if (!sameAnswers) {
                deleteAnswers(id);
            }
        }
        if (sameTasks && sameAnswers) {
            return;
        }
        if (sameTasks) {
            writeAnswers(id, d);
            return;
        }
        List<Task> tasks = d.tasks();
        if (!tasks.isEmpty()) {
            Shares.Normalised norm = Shares.normalise(tasks);
            int n = tasks.size();
            List<Integer> position = new ArrayList<>(n);
            List<String> text = new ArrayList<>(n);
            List<Double> amount = new ArrayList<>(n);
            List<String> unit = new ArrayList<>(n);
            List<Double> percent = new ArrayList<>(n);
            List<String> exposure = new ArrayList<>(n);
            List<String> proposedRole = new ArrayList<>(n);
            List<String> proposedCap = new ArrayList<>(n);
            List<Double> confidence = new ArrayList<>(n);
            List<String> reason = new ArrayList<>(n);
            List<String> evTask = new ArrayList<>(n);
            List<String> evOcc = new ArrayList<>(n);
            List<String> evLabel = new ArrayList<>(n);
            List<String> aiRole = new ArrayList<>(n);
            List<String> capability = new ArrayList<>(n);
            List<Boolean> changed = new ArrayList<>(n);
            List<Boolean> settled = new ArrayList<>(n);
            List<String> note = new ArrayList<>(n);
            List<Double> afterAmount = new ArrayList<>(n);
            List<String> afterUnit = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Task t = tasks.get(i);
                Classification c = t.proposed();
                position.add(i + 1);
                text.add(t.text());
                amount.add(t.share() == null ? null : t.share().amount());
                unit.add(t.share() == null ? null : t.share().unit().name().toLowerCase(java.util.Locale.ROOT));
                percent.add(norm.kind() == Shares.Kind.INCOMPLETE ? null : Math.round(norm.percent()[i] * 100) / 100.0);
                exposure.add(c.exposure().name());
                proposedRole.add(c.aiRole().word());
                proposedCap.add(c.capability().word());
                confidence.add(c.confidence());
                reason.add(c.reason());
                evTask.add(c.evidence() == null ? null : c.evidence().task());
                evOcc.add(c.evidence() == null ? null : c.evidence().occupation());
                evLabel.add(c.evidence() == null ? null : c.evidence().humanLabel().name());
                aiRole.add(t.aiRole().word());
                capability.add(t.capability() == null ? null : t.capability().word());
                changed.add(t.changedByEmployee());
                settled.add(t.settled());
                note.add(t.note());
                afterAmount.add(t.after() == null ? null : t.after().amount());
                afterUnit.add(t.after() == null ? null : t.after().unit().name().toLowerCase(java.util.Locale.ROOT));
            }
            insertTasks(id, position, text, amount, unit, percent, exposure, proposedRole, proposedCap, confidence,
                    reason, evTask, evOcc, evLabel, aiRole, capability, changed, settled, note, afterAmount, afterUnit);
        }
        if (!sameAnswers) {
            writeAnswers(id, d);
        }
    }

    private void writeAnswers(long id, Draft d) {
        if (!d.answers().isEmpty()) {
            insertAnswers(id, d.answers().stream().map(a -> a.question().key()).toList(),
                    d.answers().stream().map(Answer::text).toList());
        }
    }

    /**
     * Updates a drafting version's row found by role and version ({@code before} is that version as the turn
     * loaded it), and returns its id; refuses a locked one.
     */
    private long updateDraftingVersionReturningId(Draft d, Draft before, String now) {
        boolean onlyContent = d.status() == before.status() && java.util.Objects.equals(d.manager(), before.manager())
                && java.util.Objects.equals(d.submittedAt(), before.submittedAt());
        Optional<Long> id = onlyContent ? touchDrafting(d.roleId(), d.version(), d.title(), now)
                : updateDrafting(d.roleId(), d.version(), d.status().word(), d.title(), d.manager(), now,
                        Times.format(d.submittedAt()));
        return id.orElseThrow(() -> new ConflictException("role " + d.roleId() + " version " + d.version()
                + " is locked"));
    }

    // --- row mappers ------------------------------------------------------------------------------------------

    /** Maps a role_versions row joined with its role. */
    final class VersionMapper implements RowMapper<VersionRow> {
        @Override
        public VersionRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new VersionRow(rs.getLong(1), rs.getLong(2), rs.getInt(3), Status.fromWord(rs.getString(4)),
                    rs.getString(5), rs.getString(6), rs.getString(7), instant(rs.getString(8)),
                    instant(rs.getString(9)), instant(rs.getString(10)));
        }
    }

    /** Maps a tasks row. */
    final class TaskMapper implements RowMapper<Task> {
        @Override
        public Task map(ResultSet rs, StatementContext ctx) throws SQLException {
            double amount = rs.getDouble("share_amount");
            Share share = rs.wasNull() ? null
                    : new Share(amount, ShareUnit.valueOf(rs.getString("share_unit").toUpperCase(java.util.Locale.ROOT)));
            String evTask = rs.getString("evidence_task");
            Evidence evidence = evTask == null ? null : new Evidence(evTask, rs.getString("evidence_occupation"),
                    Exposure.valueOf(rs.getString("evidence_label")));
            Classification proposed = new Classification(Exposure.valueOf(rs.getString("proposed_exposure")),
                    AiRole.parse(rs.getString("proposed_ai_role")).orElseThrow(),
                    Capability.parse(rs.getString("proposed_capability")).orElseThrow(),
                    rs.getDouble("confidence"), rs.getString("reason"), evidence);
            String cap = rs.getString("capability");
            double afterAmount = rs.getDouble("after_amount");
            Share after = rs.wasNull() ? null : new Share(afterAmount,
                    ShareUnit.valueOf(rs.getString("after_unit").toUpperCase(java.util.Locale.ROOT)));
            return new Task(rs.getString("text"), share, proposed,
                    AiRole.parse(rs.getString("ai_role")).orElseThrow(),
                    cap == null ? null : Capability.parse(cap).orElseThrow(), rs.getBoolean("changed_by_employee"),
                    rs.getBoolean("settled_by_employee"), rs.getString("call_note"), after);
        }
    }

    /** Maps an answers row. */
    final class AnswerMapper implements RowMapper<Answer> {
        @Override
        public Answer map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Answer(Question.fromKey(rs.getString(1)), rs.getString(2));
        }
    }

    /** Maps a decisions row. */
    final class DecisionMapper implements RowMapper<Decision> {
        @Override
        public Decision map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Decision(rs.getString(1), DecisionKind.fromWord(rs.getString(2)), rs.getString(3),
                    instant(rs.getString(4)));
        }
    }

    /** Maps an outbox row. */
    final class NotificationMapper implements RowMapper<Notification> {
        @Override
        public Notification map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Notification(rs.getLong(1), rs.getString(2), Json.replies(rs.getString(3)));
        }
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
