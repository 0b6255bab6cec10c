package rolecraft.bot.privacy;

import rolecraft.bot.store.Json;
import rolecraft.bot.store.Store;
import rolecraft.bot.store.Times;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One person's records, for their rights over them: everything stored about them (an export for them), and
 * forgetting them; and the retention that deletes drafts and kept messages nobody came back to.
 */
public final class People {

    private static final Logger LOG = LoggerFactory.getLogger(People.class);

    /** The tables a forget or a retention run deletes from: PostgreSQL vacuums them afterwards. */
    private static final List<String> TABLES = List.of("people", "roles", "role_versions", "tasks", "answers",
            "decisions", "conversations", "processed_messages", "outbox", "audit_log", "surface_addresses",
            "posted_messages", "inbound_queue");

    private final Store store;

    public People(Store store) {
        this.store = store;
    }

    /**
     * Everything stored about {@code person} (an id as stored: {@code slack:T1:U1}, {@code alice}), kind by kind,
     * each a list of rows; empty when nobody has that id.
     */
    public Optional<Map<String, List<Map<String, Object>>>> export(String person) {
        List<Map<String, Object>> kept = store.keptOf(person).stream()
                .map(p -> Map.<String, Object>of("payload", p)).toList();
        Map<String, List<Map<String, Object>>> out = store.jdbi().withHandle(h -> {
            PeopleDao dao = h.attach(PeopleDao.class);
            Map<String, List<Map<String, Object>>> m = new LinkedHashMap<>();
            m.put("person", dao.person(person));
            m.put("roles", dao.roles(person));
            m.put("versions", dao.versions(person));
            m.put("tasks", dao.tasks(person));
            m.put("answers", dao.answers(person));
            m.put("decisions_on_their_drafts", dao.decisionsOnTheirs(person));
            m.put("decisions_taken", dao.decisionsTaken(person));
            m.put("drafts_sent_to_them", dao.sentToThem(person));
            m.put("conversation", dao.conversation(person));
            m.put("notifications", dao.notifications(person));
            m.put("addresses", dao.address(person));
            m.put("posted_messages", dao.posted(person));
            m.put("history", dao.history(person));
            return m;
        });
        boolean known = known(out);
        out.put("kept_messages", kept);
        return known || kept.stream().anyMatch(k -> k.containsKey("payload")) ? Optional.of(out) : Optional.empty();
    }

    /** How many records of each kind {@link #forget} would delete or anonymise; empty when nobody has that id. */
    public Optional<Map<String, Integer>> preview(String person) {
        Map<String, Integer> n = store.jdbi().inTransaction(h ->
                h.attach(PeopleDao.class).forget(person, needle(person), Times.now(), false));
        n.put("kept_messages", store.keptOf(person).size());
        return counted(n);
    }

    /**
     * Deletes everything stored about {@code person}, everywhere; where they decided on or were sent someone's
     * draft, the draft and the decision stay, with {@link PeopleDao#DELETED} in their place. Returns how many
     * records of each kind went; empty (and nothing changed) when nobody has that id. Afterwards no deleted text
     * is left in the database's free space or log (SQLite), or in its tables' dead rows (PostgreSQL).
     */
    public Optional<Map<String, Integer>> forget(String person) {
        if (preview(person).isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> n = store.writing(h ->
                h.attach(PeopleDao.class).forget(person, needle(person), Times.now(), true));
        n.put("kept_messages", store.forgetKept(person));
        compact();
        // The id is what was to be forgotten: it is not logged.
        LOG.info("a person's records were deleted: {}", n);
        return Optional.of(n);
    }

    /** What retention deleted: drafts never submitted and kept messages, both older than the limit. */
    public record Expired(int drafts, int keptMessages) {
    }

    /**
     * Deletes the versions still being drafted whose last change is before {@code before}, and the messages kept
     * for a turn since before then (approved and submitted versions stay).
     */
    public Expired expire(Instant before) {
        String at = Times.format(before);
        Expired e = store.writing(h -> {
            PeopleDao dao = h.attach(PeopleDao.class);
            return new Expired(dao.deleteDraftsBefore(at), dao.deleteStaleQueued(at));
        });
        if (e.drafts() + e.keptMessages() > 0) {
            compact();
        }
        return e;
    }

    /** How a reply's JSON names a person ({@code {"@person": id}}), as a LIKE pattern. */
    static String needle(String person) {
        String json = Json.write(Map.of("@person", person));
        String inner = json.substring(1, json.length() - 1);
        return "%" + inner.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static boolean known(Map<String, List<Map<String, Object>>> records) {
        return records.values().stream().anyMatch(l -> !l.isEmpty());
    }

    private static Optional<Map<String, Integer>> counted(Map<String, Integer> n) {
        return n.values().stream().anyMatch(c -> c > 0) ? Optional.of(n) : Optional.empty();
    }

    /**
     * Leaves no deleted text behind: SQLite rebuilds the file (VACUUM) and copies its write-ahead log in and
     * empties it; PostgreSQL vacuums the tables, so that the deleted rows' space is reclaimed.
     */
    private void compact() {
        if (store.kind().equals("sqlite")) {
            store.jdbi().useHandle(h -> {
                h.execute("VACUUM");
                h.createQuery("PRAGMA wal_checkpoint(TRUNCATE)").mapToMap().list();
            });
        } else {
            store.jdbi().useHandle(h -> {
                for (String table : TABLES) {
                    h.execute("VACUUM " + table);
                }
            });
        }
    }
}
