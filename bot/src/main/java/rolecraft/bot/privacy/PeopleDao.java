package rolecraft.bot.privacy;

import rolecraft.bot.store.Json;
import rolecraft.bot.store.Store;
import rolecraft.bot.store.StoreException;
import rolecraft.bot.store.Times;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.MapMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * The SQL of one person's records: everything stored about them (to give it to them), deleting it (to forget
 * them), and deleting drafts left unsubmitted for too long (retention).
 */
@RegisterRowMapper(MapMapper.class)
public interface PeopleDao {

    /** Who stands in for a forgotten manager on the decisions and drafts that stay with their employees. */
    String DELETED = "(deleted person)";

    String OWN_ROLES = "SELECT id FROM roles WHERE employee_id = :p";
    String OWN_VERSIONS = "SELECT v.id FROM role_versions v JOIN roles r ON r.id = v.role_id WHERE r.employee_id = :p";

    // --- what is stored about a person --------------------------------------------------------------------------

    @SqlQuery("SELECT id, surface, display_name, created_at FROM people WHERE id = :p")
    List<Map<String, Object>> person(@Bind("p") String person);

    @SqlQuery("SELECT id AS role_id, created_at FROM roles WHERE employee_id = :p ORDER BY id")
    List<Map<String, Object>> roles(@Bind("p") String person);

    @SqlQuery("SELECT v.role_id, v.version, v.status, v.title, v.manager_id, v.created_at, v.updated_at, "
            + "v.submitted_at, v.decided_at FROM role_versions v JOIN roles r ON r.id = v.role_id "
            + "WHERE r.employee_id = :p ORDER BY v.role_id, v.version")
    List<Map<String, Object>> versions(@Bind("p") String person);

    @SqlQuery("SELECT v.role_id, v.version, t.position, t.text, t.share_amount, t.share_unit, t.share_percent, "
            + "t.proposed_ai_role, t.proposed_capability, t.ai_role, t.capability, t.reason, t.changed_by_employee "
            + "FROM tasks t JOIN role_versions v ON v.id = t.version_id JOIN roles r ON r.id = v.role_id "
            + "WHERE r.employee_id = :p ORDER BY v.role_id, v.version, t.position")
    List<Map<String, Object>> tasks(@Bind("p") String person);

    @SqlQuery("SELECT v.role_id, v.version, a.question, a.answer "
            + "FROM answers a JOIN role_versions v ON v.id = a.version_id JOIN roles r ON r.id = v.role_id "
            + "WHERE r.employee_id = :p ORDER BY v.role_id, v.version, a.id")
    List<Map<String, Object>> answers(@Bind("p") String person);

    @SqlQuery("SELECT v.role_id, v.version, d.decided_by, d.decision, d.comment, d.decided_at "
            + "FROM decisions d JOIN role_versions v ON v.id = d.version_id JOIN roles r ON r.id = v.role_id "
            + "WHERE r.employee_id = :p ORDER BY d.id")
    List<Map<String, Object>> decisionsOnTheirs(@Bind("p") String person);

    @SqlQuery("SELECT v.role_id, v.version, d.decision, d.comment, d.decided_at "
            + "FROM decisions d JOIN role_versions v ON v.id = d.version_id WHERE d.decided_by = :p ORDER BY d.id")
    List<Map<String, Object>> decisionsTaken(@Bind("p") String person);

    @SqlQuery("SELECT role_id, version, status, submitted_at FROM role_versions WHERE manager_id = :p "
            + "ORDER BY role_id, version")
    List<Map<String, Object>> sentToThem(@Bind("p") String person);

    @SqlQuery("SELECT state, failures, updated_at FROM conversations WHERE person_id = :p")
    List<Map<String, Object>> conversation(@Bind("p") String person);

    @SqlQuery("SELECT id AS notification_id, payload, created_at, delivered_at FROM outbox WHERE recipient_id = :p "
            + "ORDER BY id")
    List<Map<String, Object>> notifications(@Bind("p") String person);

    @SqlQuery("SELECT address, updated_at FROM surface_addresses WHERE person_id = :p")
    List<Map<String, Object>> address(@Bind("p") String person);

    @SqlQuery("SELECT role_id, version, message_ref, posted_at FROM posted_messages WHERE recipient_id = :p "
            + "ORDER BY id")
    List<Map<String, Object>> posted(@Bind("p") String person);

    @SqlQuery("SELECT at, action, role_id, version, detail FROM audit_log WHERE actor_id = :p "
            + "OR role_id IN (" + OWN_ROLES + ") ORDER BY id")
    List<Map<String, Object>> history(@Bind("p") String person);

    @SqlQuery("SELECT message_id, surface, payload, received_at FROM inbound_queue WHERE person_id = :p ORDER BY id")
    List<Map<String, Object>> queued(@Bind("p") String person);

    @SqlQuery("SELECT count(*) FROM processed_messages WHERE person_id = :p")
    int processed(@Bind("p") String person);

    // --- forgetting a person -----------------------------------------------------------------------------------

    @SqlUpdate("INSERT INTO people (id, surface, display_name, created_at) VALUES (:id, 'deleted', NULL, :at) "
            + "ON CONFLICT (id) DO NOTHING")
    void ensurePlaceholder(@Bind("id") String id, @Bind("at") String at);

    @SqlUpdate("UPDATE decisions SET decided_by = :gone, comment = NULL WHERE decided_by = :p")
    int replaceDecider(@Bind("p") String person, @Bind("gone") String gone);

    @SqlUpdate("UPDATE role_versions SET manager_id = :gone WHERE manager_id = :p")
    int replaceManager(@Bind("p") String person, @Bind("gone") String gone);

    /** What they did on others' roles stays as done by nobody in particular; what they wrote there goes. */
    @SqlUpdate("UPDATE audit_log SET actor_id = :gone, detail = NULL WHERE actor_id = :p")
    int replaceActor(@Bind("p") String person, @Bind("gone") String gone);

    /** An employee's "submitted" names the manager it went to. */
    @SqlUpdate("UPDATE audit_log SET detail = :gone WHERE detail = :p")
    int replaceNamed(@Bind("p") String person, @Bind("gone") String gone);

    @SqlUpdate("DELETE FROM audit_log WHERE role_id IN (" + OWN_ROLES + ")")
    int deleteHistory(@Bind("p") String person);

    @SqlUpdate("DELETE FROM posted_messages WHERE recipient_id = :p OR role_id IN (" + OWN_ROLES + ")")
    int deletePosted(@Bind("p") String person);

    /** Their notifications, and everyone's that names them ({@code needle}: how a reply's JSON names a person). */
    @SqlUpdate("DELETE FROM outbox WHERE recipient_id = :p OR payload LIKE :needle ESCAPE '\\'")
    int deleteNotifications(@Bind("p") String person, @Bind("needle") String needle);

    @SqlUpdate("DELETE FROM decisions WHERE version_id IN (" + OWN_VERSIONS + ")")
    int deleteDecisionsOnTheirs(@Bind("p") String person);

    @SqlQuery("SELECT count(*) FROM tasks WHERE version_id IN (" + OWN_VERSIONS + ")")
    int countTasks(@Bind("p") String person);

    @SqlQuery("SELECT count(*) FROM answers WHERE version_id IN (" + OWN_VERSIONS + ")")
    int countAnswers(@Bind("p") String person);

    /** Tasks and answers go with their versions (ON DELETE CASCADE). */
    @SqlUpdate("DELETE FROM role_versions WHERE role_id IN (" + OWN_ROLES + ")")
    int deleteVersions(@Bind("p") String person);

    @SqlUpdate("DELETE FROM roles WHERE employee_id = :p")
    int deleteRoles(@Bind("p") String person);

    @SqlUpdate("DELETE FROM conversations WHERE person_id = :p")
    int deleteConversation(@Bind("p") String person);

    @SqlUpdate("DELETE FROM processed_messages WHERE person_id = :p")
    int deleteProcessed(@Bind("p") String person);

    @SqlUpdate("DELETE FROM surface_addresses WHERE person_id = :p")
    int deleteAddress(@Bind("p") String person);

    @SqlUpdate("DELETE FROM people WHERE id = :p")
    int deletePerson(@Bind("p") String person);

    /**
     * Deletes everything stored about {@code person} but the messages kept for a turn still to run (see
     * {@link Store#forgetKept}); returns how many of each kind went, or would go when {@code apply} is false (then
     * nothing changes). Where they were someone's manager, the decision and the draft stay with {@link #DELETED}.
     */
    @Transaction
    default Map<String, Integer> forget(String person, String needle, String now, boolean apply) {
        Map<String, Integer> n = new LinkedHashMap<>();
        if (!apply) {
            n.put("roles", roles(person).size());
            n.put("versions", versions(person).size());
            n.put("tasks", tasks(person).size());
            n.put("answers", answers(person).size());
            n.put("decisions_on_their_drafts", decisionsOnTheirs(person).size());
            n.put("decisions_taken_anonymised", decisionsTaken(person).size());
            n.put("drafts_sent_to_them_anonymised", sentToThem(person).size());
            n.put("conversations", conversation(person).size());
            n.put("notifications", notifications(person).size());
            n.put("addresses", address(person).size() + posted(person).size());
            n.put("processed_message_ids", processed(person));
            n.put("people", person(person).size());
            return n;
        }
        if (!decisionsTaken(person).isEmpty() || !sentToThem(person).isEmpty()) {
            ensurePlaceholder(DELETED, now);
        }
        replaceActor(person, DELETED);
        replaceNamed(person, DELETED);
        deleteHistory(person);
        int posted = deletePosted(person);
        int notifications = deleteNotifications(person, needle);
        n.put("roles", roles(person).size());
        n.put("versions", versions(person).size());
        n.put("tasks", countTasks(person));
        n.put("answers", countAnswers(person));
        n.put("decisions_on_their_drafts", deleteDecisionsOnTheirs(person));
        n.put("decisions_taken_anonymised", replaceDecider(person, DELETED));
        n.put("drafts_sent_to_them_anonymised", replaceManager(person, DELETED));
        deleteVersions(person);
        deleteRoles(person);
        n.put("conversations", deleteConversation(person));
        n.put("notifications", notifications);
        n.put("addresses", deleteAddress(person) + posted);
        n.put("processed_message_ids", deleteProcessed(person));
        n.put("people", deletePerson(person));
        return n;
    }

    // --- retention ---------------------------------------------------------------------------------------------

    @SqlQuery("SELECT DISTINCT role_id FROM role_versions WHERE status = 'drafting' AND updated_at < :before")
    List<Long> rolesWithStaleDrafts(@Bind("before") String before);

    @SqlUpdate("DELETE FROM role_versions WHERE status = 'drafting' AND updated_at < :before")
    int deleteStaleDrafts(@Bind("before") String before);

    /** The conversation that was writing a deleted draft starts over (its state pointed at the draft). */
    @SqlUpdate("DELETE FROM conversations WHERE person_id IN (SELECT employee_id FROM roles WHERE id = :role)")
    int restart(@Bind("role") long role);

    @SqlUpdate("DELETE FROM audit_log WHERE role_id = :role "
            + "AND NOT EXISTS (SELECT 1 FROM role_versions WHERE role_id = :role)")
    int deleteEmptiedHistory(@Bind("role") long role);

    @SqlUpdate("DELETE FROM posted_messages WHERE role_id = :role "
            + "AND NOT EXISTS (SELECT 1 FROM role_versions WHERE role_id = :role)")
    int deleteEmptiedPosted(@Bind("role") long role);

    @SqlUpdate("DELETE FROM roles WHERE id = :role AND NOT EXISTS (SELECT 1 FROM role_versions WHERE role_id = :role)")
    int deleteEmptiedRole(@Bind("role") long role);

    @SqlUpdate("DELETE FROM inbound_queue WHERE received_at < :before")
    int deleteStaleQueued(@Bind("before") String before);

    /**
     * Deletes the versions still being drafted whose last change is before {@code before}, and the roles this
     * leaves empty; their employees' conversations start over. Returns how many versions went.
     */
    @Transaction
    default int deleteDraftsBefore(String before) {
        List<Long> roles = rolesWithStaleDrafts(before);
        int versions = deleteStaleDrafts(before);
        for (long role : roles) {
            restart(role);
            deleteEmptiedHistory(role);
            deleteEmptiedPosted(role);
            deleteEmptiedRole(role);
        }
        return versions;
    }
}
