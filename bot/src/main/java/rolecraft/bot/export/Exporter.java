package rolecraft.bot.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.core.result.ResultIterator;
import org.jdbi.v3.core.statement.Query;
import rolecraft.bot.domain.Status;

/**
 * Streams role records out of the store: CSV with one row per task of each role version, or JSON as
 * roles, versions, tasks, answers and decisions. Rows are written as the database yields them, so memory
 * stays flat however many there are.
 */
public final class Exporter {

    /** The CSV columns, in order. */
    public static final String[] COLUMNS = {
        "employee", "manager", "title", "status", "version", "submitted_at", "decided_at", "task",
        "share_percent", "ai_role", "capability", "reason", "changed_by_employee", "proposed_ai_role",
        "proposed_capability", "exposure", "confidence", "evidence", "evidence_label", "decided_by",
        "decision_comment", "role_id", "task_number", "employee_reason", "time_after_percent", "time_after_by"
    };

    /** Hours in the working week a share in percent is of: as the engine counts it when hours and percent mix. */
    private static final double WEEK_HOURS = 40.0;

    /**
     * The employee's figure for a task's time after the change, on the same base as share_percent (the task's
     * share scaled by after / now, the two in one unit), and whose figure it is: 'employee' (they gave or
     * confirmed it), 'estimate' (AI takes part and the bot's range stands), or nothing (human work).
     */
    private static final String TIME_AFTER = "CASE WHEN t.after_amount IS NULL OR t.share_amount IS NULL "
            + "OR t.share_amount <= 0 OR t.share_percent IS NULL THEN NULL "
            + "WHEN t.after_unit = t.share_unit THEN t.share_percent * t.after_amount / t.share_amount "
            + "WHEN t.after_unit = 'percent' THEN t.share_percent * t.after_amount * " + (WEEK_HOURS / 100)
            + " / t.share_amount ELSE t.share_percent * t.after_amount * " + (100 / WEEK_HOURS)
            + " / t.share_amount END, CASE WHEN t.after_amount IS NOT NULL THEN 'employee' "
            + "WHEN t.ai_role IN ('automate', 'augment') AND t.share_amount IS NOT NULL THEN 'estimate' END";

    /** Which versions to export: by status, and changed on or after an instant; nulls mean all. */
    public record Filter(Status status, Instant since) {
        public static Filter all() {
            return new Filter(null, null);
        }

        /** The earliest and latest {@code since} taken: the store writes years of four digits. */
        private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
        private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

        /**
         * A "since" as people write it: a date (2026-01-31, midnight UTC) or an ISO-8601 instant; null for
         * none. Anything else, or a year beyond four digits, is an IllegalArgumentException.
         */
        public static Instant since(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            Instant since;
            try {
                since = text.length() <= 10
                        ? java.time.LocalDate.parse(text).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
                        : Instant.parse(text);
            } catch (java.time.DateTimeException e) {
                since = null;
            }
            if (since == null || since.isBefore(FIRST) || since.isAfter(LAST)) {
                throw new IllegalArgumentException("since takes a date like 2026-01-31 or an ISO-8601 instant");
            }
            return since;
        }
    }

    private static final String WHERE = " WHERE (:status IS NULL OR v.status = :status)"
            + " AND (:since IS NULL OR v.updated_at >= :since) ";

    private static final String ROWS = "SELECT r.id AS role_id, r.employee_id, v.manager_id, v.title, v.status, "
            + "v.version, v.submitted_at, v.decided_at, t.position, t.text, t.share_percent, t.ai_role, t.capability, "
            + "t.reason, t.changed_by_employee, t.proposed_ai_role, t.proposed_capability, t.proposed_exposure, "
            + "t.confidence, t.evidence_task, t.evidence_label, d.decided_by, d.decision, d.comment, d.decided_at "
            + "AS decision_at, t.call_note, " + TIME_AFTER + " FROM role_versions v JOIN roles r ON r.id = v.role_id "
            + "LEFT JOIN tasks t ON t.version_id = v.id LEFT JOIN decisions d ON d.version_id = v.id"
            + WHERE + "ORDER BY r.id, v.version, t.position";

    /**
     * The CSV's rows, in the same order: the free-text columns one by one, and the values the program writes itself
     * (numbers, timestamps, vocabulary words, none holding a '|') joined into one '|'-separated column, read as one
     * string. Each column read through the driver has a cost of its own that, at one per cell, is most of an
     * export's time; plain SQL, so it runs on PostgreSQL too.
     */
    private static final String CSV_ROWS = "SELECT r.employee_id, v.manager_id, v.title, t.text, t.reason, "
            + "t.evidence_task, d.decided_by, d.comment, t.share_percent, t.confidence, "
            + "r.id || '|' || v.version || '|' || v.status || '|' || COALESCE(v.submitted_at, '') || '|' "
            + "|| COALESCE(v.decided_at, '') || '|' || COALESCE(CAST(t.position AS VARCHAR(11)), '') || '|' "
            + "|| COALESCE(t.ai_role, '') || '|' || COALESCE(t.capability, '') || '|' "
            + "|| COALESCE(CAST(t.changed_by_employee AS VARCHAR(5)), '') || '|' || COALESCE(t.proposed_ai_role, '') "
            + "|| '|' || COALESCE(t.proposed_capability, '') || '|' || COALESCE(t.proposed_exposure, '') || '|' "
            + "|| COALESCE(t.evidence_label, '') || '|' || CASE WHEN t.share_percent IS NULL THEN '' ELSE 's' END, "
            + "t.call_note, " + TIME_AFTER + " FROM role_versions v JOIN roles r ON r.id = v.role_id "
            + "LEFT JOIN tasks t ON t.version_id = v.id LEFT JOIN decisions d ON d.version_id = v.id"
            + WHERE + "AND r.id BETWEEN :first AND :last ORDER BY r.id, v.version, t.position";

    /** Roles in one slice of a CSV export: each slice is read and formatted on its own, then written in order. */
    static final int SLICE_ROLES = 250;
    /** Threads reading slices side by side (each with its own connection), and how many slices may wait written. */
    private static final int READERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private static final int SLICES_AHEAD = READERS + 1;

    /** Values joined in CSV_ROWS' last column, in order. */
    private static final int ROLE_ID = 0;
    private static final int VERSION = 1;
    private static final int STATUS = 2;
    private static final int SUBMITTED_AT = 3;
    private static final int DECIDED_AT = 4;
    private static final int POSITION = 5;
    private static final int AI_ROLE = 6;
    private static final int CAPABILITY = 7;
    private static final int CHANGED = 8;
    private static final int PROPOSED_AI_ROLE = 9;
    private static final int PROPOSED_CAPABILITY = 10;
    private static final int EXPOSURE = 11;
    private static final int EVIDENCE_LABEL = 12;
    private static final int HAS_SHARE = 13;
    private static final int JOINED = 14;

    private static final String ANSWERS = "SELECT r.id AS role_id, v.version, a.question, a.answer "
            + "FROM answers a JOIN role_versions v ON v.id = a.version_id JOIN roles r ON r.id = v.role_id"
            + WHERE + "ORDER BY r.id, v.version, a.id";

    private final Jdbi jdbi;

    public Exporter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One joined row: a version with one of its tasks (task fields null when it has none). */
    record Row(long roleId, String employee, String manager, String title, String status, int version,
               String submittedAt, String decidedAt, Integer position, String task, Double sharePercent,
               String aiRole, String capability, String reason, Boolean changed, String proposedAiRole,
               String proposedCapability, String exposure, Double confidence, String evidence,
               String evidenceLabel, String decidedBy, String decision, String comment, String decisionAt,
               String employeeReason, Double timeAfterPercent, String timeAfterBy) {

        /** Reads the columns by position, in the order ROWS selects them. */
        static Row map(ResultSet rs) throws SQLException {
            long roleId = rs.getLong(1);
            String employee = rs.getString(2);
            String manager = rs.getString(3);
            String title = rs.getString(4);
            String status = rs.getString(5);
            int version = rs.getInt(6);
            String submittedAt = rs.getString(7);
            String decidedAt = rs.getString(8);
            int position = rs.getInt(9);
            Integer pos = rs.wasNull() ? null : position;
            String task = rs.getString(10);
            double share = rs.getDouble(11);
            Double sharePercent = rs.wasNull() ? null : share;
            String aiRole = rs.getString(12);
            String capability = rs.getString(13);
            String reason = rs.getString(14);
            boolean changed = rs.getBoolean(15);
            Boolean changedByEmployee = rs.wasNull() ? null : changed;
            String proposedAiRole = rs.getString(16);
            String proposedCapability = rs.getString(17);
            String exposure = rs.getString(18);
            double conf = rs.getDouble(19);
            Double confidence = rs.wasNull() ? null : conf;
            double after = rs.getDouble(27);
            Double timeAfter = rs.wasNull() ? null : after;
            return new Row(roleId, employee, manager, title, status, version, submittedAt, decidedAt, pos, task,
                    sharePercent, aiRole, capability, reason, changedByEmployee, proposedAiRole, proposedCapability,
                    exposure, confidence, rs.getString(20), rs.getString(21), rs.getString(22), rs.getString(23),
                    rs.getString(24), rs.getString(25), rs.getString(26), timeAfter, rs.getString(28));
        }

        boolean sameVersion(Row o) {
            return o != null && roleId == o.roleId && version == o.version;
        }
    }

    record AnswerRow(long roleId, int version, String question, String answer) {
    }

    /**
     * Writes the CSV; returns the number of data rows. The roles are read in slices of {@link #SLICE_ROLES} roles,
     * a few side by side, each on a connection of its own and formatted into a buffer of its own, and the slices
     * are written out in order: the rows come out as one ordered query would give them, and the heap holds a few
     * slices at most, however many rows there are. Each slice reads the store as it is when that slice starts
     * (one role is never split), so rows written during a long export may be in it or not, role by role.
     */
    public long csv(Writer out, Filter filter) {
        try {
            // The caller owns the writer: it is flushed, never closed.
            CsvWriter header = new CsvWriter(out);
            for (String column : COLUMNS) {
                header.text(column);
            }
            header.endRecord();
            header.flush();
            ExecutorService readers = Executors.newFixedThreadPool(READERS,
                    r -> {
                        Thread t = new Thread(r, "rolecraft-export");
                        t.setDaemon(true);
                        return t;
                    });
            ArrayDeque<Future<Slice>> ahead = new ArrayDeque<>();
            // One buffer per slice on its way, used again for slice after slice: the heap holds these and the
            // rows being read, whatever the export's size.
            ArrayDeque<Slice> free = new ArrayDeque<>();
            for (int i = 0; i < SLICES_AHEAD; i++) {
                // Sized for a slice of the usual rows (a few hundred chars each), so that it seldom grows; the
                // cells reach it in small blocks.
                CharArrayWriter text = new CharArrayWriter(SLICE_ROLES * 400);
                free.add(new Slice(text, new CsvWriter(text, 1 << 12)));
            }
            Long next = Long.MIN_VALUE;
            long rows = 0;
            try {
                while (next != null || !ahead.isEmpty()) {
                    while (next != null && ahead.size() < SLICES_AHEAD) {
                        long first = next;
                        Long last = sliceEnd(first);
                        if (last == null) {
                            next = null;
                            break;
                        }
                        Slice into = free.poll();
                        ahead.add(readers.submit(() -> slice(filter, first, last, into)));
                        next = last == Long.MAX_VALUE ? null : last + 1;
                    }
                    if (ahead.isEmpty()) {
                        break;
                    }
                    Slice slice = ahead.poll().get();
                    slice.text().writeTo(out);
                    rows += slice.rows;
                    slice.text().reset();
                    free.add(slice);
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("export interrupted", e);
            } finally {
                readers.shutdownNow();
            }
            out.flush();
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A buffer for one slice of the CSV at a time: its rows as text, and how many. */
    private static final class Slice {
        private final CharArrayWriter text;
        private final CsvWriter csv;
        private long rows;

        Slice(CharArrayWriter text, CsvWriter csv) {
            this.text = text;
            this.csv = csv;
        }

        CharArrayWriter text() {
            return text;
        }
    }

    /**
     * The id of the last of the next {@link #SLICE_ROLES} roles from id {@code first} on, or null when there are
     * none: slices hold that many roles however the ids are spread (a sequence may leave wide gaps).
     */
    private Long sliceEnd(long first) {
        return jdbi.withHandle(h -> h.createQuery("SELECT MAX(id) FROM (SELECT id FROM roles WHERE id >= :first "
                        + "ORDER BY id LIMIT " + SLICE_ROLES + ") AS slice").bind("first", first)
                .map((rs, ctx) -> rs.getObject(1) == null ? null : rs.getLong(1)).findOne().orElse(null));
    }

    /** Reads the CSV rows of the roles with ids from {@code first} to {@code last}, in order, into {@code into}. */
    private Slice slice(Filter filter, long first, long last, Slice into) {
        into.rows = jdbi.withHandle(h -> bind(h.createQuery(CSV_ROWS), filter).bind("first", first)
                .bind("last", last).scanResultSet((results, ctx) -> {
                    try (ResultSet rs = results.get()) {
                        return csvRows(rs, into.csv);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
        try {
            into.csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return into;
    }

    /** Writes one CSV row per result row, cells in COLUMNS' order; returns how many. */
    private static long csvRows(ResultSet rs, CsvWriter csv) throws SQLException, IOException {
        int[] at = new int[JOINED + 1];
        long n = 0;
        while (rs.next()) {
            String joined = rs.getString(11);
            at[0] = 0;
            for (int i = 1; i <= JOINED; i++) {
                int bar = i == JOINED ? joined.length() : joined.indexOf('|', at[i - 1]);
                if (bar < 0) {
                    throw new IllegalStateException("a joined export row with fewer values than expected");
                }
                at[i] = bar + 1;
            }
            if (joined.indexOf('|', at[HAS_SHARE]) >= 0) {
                // The program never writes a '|' in these values: a row that holds one is not read at all.
                throw new IllegalStateException("a stored role value holds a '|'");
            }
            boolean hasTask = at[POSITION + 1] - 1 > at[POSITION];
            csv.cell(rs.getString(1));
            csv.cell(rs.getString(2));
            csv.cell(rs.getString(3));
            csv.text(joined, at[STATUS], at[STATUS + 1] - 1);
            csv.text(joined, at[VERSION], at[VERSION + 1] - 1);
            csv.cell(joined, at[SUBMITTED_AT], at[SUBMITTED_AT + 1] - 1);
            csv.cell(joined, at[DECIDED_AT], at[DECIDED_AT + 1] - 1);
            csv.cell(rs.getString(4));
            if (at[HAS_SHARE + 1] - 1 > at[HAS_SHARE]) {
                csv.decimals(rs.getDouble(9), 1);
            } else {
                csv.text("");
            }
            csv.cell(joined, at[AI_ROLE], at[AI_ROLE + 1] - 1);
            csv.cell(joined, at[CAPABILITY], at[CAPABILITY + 1] - 1);
            csv.cell(rs.getString(5));
            csv.text(bool(joined, at[CHANGED], at[CHANGED + 1] - 1));
            int role = at[PROPOSED_AI_ROLE];
            int roleEnd = at[PROPOSED_AI_ROLE + 1] - 1;
            csv.cell(joined, role, roleEnd);
            if (roleEnd == role || joined.startsWith("automate|", role)) {
                csv.text("");
            } else {
                csv.cell(joined, at[PROPOSED_CAPABILITY], at[PROPOSED_CAPABILITY + 1] - 1);
            }
            csv.cell(joined, at[EXPOSURE], at[EXPOSURE + 1] - 1);
            if (hasTask) {
                csv.decimals(rs.getDouble(10), 2);
            } else {
                csv.text("");
            }
            csv.cell(rs.getString(6));
            csv.cell(joined, at[EVIDENCE_LABEL], at[EVIDENCE_LABEL + 1] - 1);
            csv.cell(rs.getString(7));
            csv.cell(rs.getString(8));
            csv.text(joined, at[ROLE_ID], at[ROLE_ID + 1] - 1);
            csv.text(joined, at[POSITION], at[POSITION + 1] - 1);
            csv.cell(rs.getString(12));
            double after = rs.getDouble(13);
            if (rs.wasNull()) {
                csv.text("");
            } else {
                csv.decimals(after, 1);
            }
            csv.cell(rs.getString(14));
            csv.endRecord();
            n++;
        }
        return n;
    }

    /** A stored boolean as text: SQLite keeps 0 or 1, PostgreSQL writes false or true; empty stays empty. */
    private static String bool(String s, int from, int to) {
        if (to == from) {
            return "";
        }
        char c = s.charAt(from);
        if (to - from == 1 && (c == '0' || c == '1')) {
            return c == '1' ? "true" : "false";
        }
        if (c == 't' || c == 'f') {
            return c == 't' ? "true" : "false";
        }
        // Anything else numeric, as the driver's getBoolean reads it: its integer part, zero or not.
        return (long) Double.parseDouble(s.substring(from, to)) != 0 ? "true" : "false";
    }

    /** Writes the JSON document; returns the number of versions written. */
    public long json(OutputStream out, Filter filter) {
        return jdbi.withHandle(h -> {
            long versions = 0;
            JsonFactory factory = JsonFactory.builder().disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();
            try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8);
                 ResultIterator<Row> rows = rows(h, filter).iterator();
                 ResultIterator<AnswerRow> answers = bind(h.createQuery(ANSWERS), filter)
                         .map((rs, ctx) -> new AnswerRow(rs.getLong(1), rs.getInt(2), rs.getString(3),
                                 rs.getString(4))).iterator()) {
                g.writeStartObject();
                g.writeStringField("exported_at", rolecraft.bot.store.Times.now());
                g.writeArrayFieldStart("roles");
                Peeking<AnswerRow> ans = new Peeking<>(answers);
                Peeking<Row> it = new Peeking<>(rows);
                while (it.hasNext()) {
                    Row first = it.peek();
                    g.writeStartObject();
                    g.writeNumberField("role_id", first.roleId());
                    g.writeStringField("employee", first.employee());
                    g.writeArrayFieldStart("versions");
                    while (it.hasNext() && it.peek().roleId() == first.roleId()) {
                        writeVersion(g, it, ans);
                        versions++;
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return versions;
        });
    }

    private static void writeVersion(JsonGenerator g, Peeking<Row> it, Peeking<AnswerRow> ans) throws IOException {
        Row v = it.peek();
        g.writeStartObject();
        g.writeNumberField("version", v.version());
        g.writeStringField("status", v.status());
        g.writeStringField("title", v.title());
        g.writeStringField("manager", v.manager());
        g.writeStringField("submitted_at", v.submittedAt());
        g.writeStringField("decided_at", v.decidedAt());
        g.writeArrayFieldStart("tasks");
        while (it.hasNext() && it.peek().sameVersion(v)) {
            Row t = it.next();
            if (t.position() == null) {
                continue;
            }
            g.writeStartObject();
            g.writeNumberField("number", t.position());
            g.writeStringField("task", t.task());
            if (t.sharePercent() == null) {
                g.writeNullField("share_percent");
            } else {
                g.writeNumberField("share_percent", t.sharePercent());
            }
            g.writeStringField("ai_role", t.aiRole());
            g.writeStringField("capability", t.capability());
            g.writeStringField("reason", t.reason());
            g.writeBooleanField("changed_by_employee", Boolean.TRUE.equals(t.changed()));
            g.writeStringField("employee_reason", t.employeeReason());
            if (t.timeAfterPercent() == null) {
                g.writeNullField("time_after_percent");
            } else {
                g.writeNumberField("time_after_percent", Math.round(t.timeAfterPercent() * 10) / 10.0);
            }
            g.writeStringField("time_after_by", t.timeAfterBy());
            g.writeObjectFieldStart("proposed");
            g.writeStringField("ai_role", t.proposedAiRole());
            g.writeStringField("capability", t.proposedCapability());
            g.writeStringField("exposure", t.exposure());
            g.writeNumberField("confidence", t.confidence() == null ? 0 : t.confidence());
            g.writeStringField("evidence", t.evidence());
            g.writeStringField("evidence_label", t.evidenceLabel());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("answers");
        while (ans.hasNext() && (ans.peek().roleId() < v.roleId()
                || (ans.peek().roleId() == v.roleId() && ans.peek().version() < v.version()))) {
            ans.next();
        }
        while (ans.hasNext() && ans.peek().roleId() == v.roleId() && ans.peek().version() == v.version()) {
            AnswerRow a = ans.next();
            g.writeStartObject();
            g.writeStringField("question", a.question());
            g.writeStringField("answer", a.answer());
            g.writeBooleanField("skipped", a.answer() == null);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("decisions");
        if (v.decision() != null) {
            g.writeStartObject();
            g.writeStringField("decision", v.decision());
            g.writeStringField("decided_by", v.decidedBy());
            g.writeStringField("comment", v.comment());
            g.writeStringField("decided_at", v.decisionAt());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static ResultIterable<Row> rows(Handle h, Filter filter) {
        return bind(h.createQuery(ROWS), filter).map((rs, ctx) -> Row.map(rs));
    }

    private static Query bind(Query q, Filter filter) {
        return q.bind("status", filter.status() == null ? null : filter.status().word())
                .bind("since", rolecraft.bot.store.Times.format(filter.since()))
                .setFetchSize(500);
    }

    /**
     * A cell as a spreadsheet will read it: text that starts like a formula (=, +, -, @, tab, carriage
     * return) is prefixed with an apostrophe so that it is shown, never run.
     */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return CsvWriter.formulaStart(value.charAt(0)) ? "'" + value : value;
    }

    /** An iterator that can look one element ahead, for merging two ordered result streams. */
    private static final class Peeking<T> {
        private final Iterator<T> it;
        private T next;

        Peeking(Iterator<T> it) {
            this.it = Objects.requireNonNull(it);
        }

        boolean hasNext() {
            return next != null || it.hasNext();
        }

        T peek() {
            if (next == null) {
                next = it.next();
            }
            return next;
        }

        T next() {
            T out = peek();
            next = null;
            return out;
        }
    }
}
