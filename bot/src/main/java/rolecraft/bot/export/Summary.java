package rolecraft.bot.export;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.Task;
import rolecraft.bot.engine.Redesign;
import rolecraft.bot.store.Times;

/**
 * The figures admins see across the organisation: roles by status, drafts waiting too long, where time
 * goes before and after across approved roles (overall and per job title), the tasks most often handed to
 * AI, and the tacit knowledge captured. Computed from the same rows the export writes.
 */
public final class Summary {

    /** A group is shown on its own only when it holds at least this many people. */
    public static final int MIN_GROUP = 5;
    /** A submitted draft counts as waiting too long after this. */
    public static final Duration WAITING_TOO_LONG = Duration.ofDays(7);
    /** How many of the tasks most often handed to AI are listed. */
    public static final int TOP_TASKS = 10;

    private final Jdbi jdbi;

    public Summary(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The figures as plain maps and lists, ready for JSON and for the dashboard's template. */
    public Map<String, Object> compute(Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generated_at", Times.format(now));
        out.put("roles_by_status", rolesByStatus());
        out.put("waiting_over_7_days", waiting(now));
        List<Approved> approved = approved();
        out.put("approved", breakdown("all approved roles", approved));
        out.put("by_title", byTitle(approved));
        out.put("top_ai_tasks", topAiTasks(approved));
        out.put("tacit_knowledge_items", tacitKnowledgeItems());
        out.put("concerns", concerns());
        out.put("min_group", MIN_GROUP);
        return out;
    }

    /** One approved version: its employee, title and tasks. */
    record Approved(long roleId, String employee, String title, List<Task> tasks) {
    }

    private static final String LATEST = "v.version = (SELECT max(l.version) FROM role_versions l "
            + "WHERE l.role_id = v.role_id)";

    private Map<String, Object> rolesByStatus() {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (String s : List.of("drafting", "submitted", "changes_requested", "approved")) {
            counts.put(s, 0);
        }
        jdbi.useHandle(h -> h.createQuery("SELECT v.status, count(*) FROM role_versions v WHERE " + LATEST
                        + " GROUP BY v.status")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    private List<Map<String, Object>> waiting(Instant now) {
        String cutoff = Times.format(now.minus(WAITING_TOO_LONG));
        return jdbi.withHandle(h -> h.createQuery("SELECT r.employee_id, v.manager_id, v.title, v.version, "
                        + "v.submitted_at FROM role_versions v JOIN roles r ON r.id = v.role_id "
                        + "WHERE v.status = 'submitted' AND v.submitted_at < :cutoff ORDER BY v.submitted_at")
                .bind("cutoff", cutoff)
                .map((rs, ctx) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("employee", rs.getString(1));
                    m.put("manager", rs.getString(2));
                    m.put("title", rs.getString(3));
                    m.put("version", rs.getInt(4));
                    m.put("submitted_at", rs.getString(5));
                    m.put("days_waiting", Duration.between(Instant.parse(rs.getString(5)), now).toDays());
                    return m;
                }).list());
    }

    private List<Approved> approved() {
        Map<Long, Approved> byVersion = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT v.id, r.id, r.employee_id, v.title, t.text, t.share_percent, "
                        + "t.ai_role, t.capability FROM role_versions v JOIN roles r ON r.id = v.role_id "
                        + "JOIN tasks t ON t.version_id = v.id WHERE v.status = 'approved' ORDER BY v.id, t.position")
                .map((rs, ctx) -> {
                    long versionId = rs.getLong(1);
                    Approved a = byVersion.computeIfAbsent(versionId, k -> {
                        try {
                            return new Approved(rs.getLong(2), rs.getString(3), rs.getString(4), new ArrayList<>());
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    String cap = rs.getString(8);
                    a.tasks().add(new Task(rs.getString(5), Share.percent(rs.getDouble(6)), Classification.unknown(),
                            AiRole.parse(rs.getString(7)).orElseThrow(),
                            cap == null ? null : Capability.parse(cap).orElseThrow(), false));
                    return versionId;
                }).forEach(id -> { }));
        return new ArrayList<>(byVersion.values());
    }

    /**
     * Where time goes across these roles, each role counting once: the mean over roles of each role's
     * share by AI role and by capability, before and after the redesign.
     */
    static Map<String, Object> breakdown(String name, List<Approved> roles) {
        double[] roleBefore = new double[AiRole.values().length];
        double[] roleAfter = new double[AiRole.values().length + 1];
        double[] capBefore = new double[Capability.values().length + 1];
        double[] capAfter = new double[Capability.values().length + 1];
        Set<String> people = new HashSet<>();
        for (Approved a : roles) {
            people.add(a.employee());
            Redesign r = Redesign.of(a.tasks());
            for (AiRole role : AiRole.values()) {
                roleBefore[role.ordinal()] += r.roleBefore(role);
                roleAfter[role.ordinal()] += r.roleAfter(role);
            }
            roleAfter[AiRole.values().length] += r.freed();
            for (Capability c : Capability.values()) {
                capBefore[c.ordinal()] += r.capabilityBefore(c);
                capAfter[c.ordinal()] += r.capabilityAfter(c);
            }
            capBefore[Capability.values().length] += r.roleBefore(AiRole.AUTOMATE);
            capAfter[Capability.values().length] += r.roleAfter(AiRole.AUTOMATE);
        }
        int n = roles.size();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("people", people.size());
        out.put("roles", n);
        Map<String, Object> byRole = new LinkedHashMap<>();
        for (AiRole role : AiRole.values()) {
            byRole.put(role.word(), pair(roleBefore[role.ordinal()], roleAfter[role.ordinal()], n));
        }
        byRole.put("freed", pair(0, roleAfter[AiRole.values().length], n));
        Map<String, Object> byCap = new LinkedHashMap<>();
        for (Capability c : Capability.values()) {
            byCap.put(c.word(), pair(capBefore[c.ordinal()], capAfter[c.ordinal()], n));
        }
        byCap.put("oversight", pair(capBefore[Capability.values().length], capAfter[Capability.values().length], n));
        out.put("by_ai_role", byRole);
        out.put("by_capability", byCap);
        return out;
    }

    private static Map<String, Object> pair(double before, double after, int n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("before", n == 0 ? 0.0 : round(before / n));
        m.put("after", n == 0 ? 0.0 : round(after / n));
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Per job title; titles held by fewer than MIN_GROUP people fold into "other". */
    private static List<Map<String, Object>> byTitle(List<Approved> approved) {
        Map<String, List<Approved>> groups = new LinkedHashMap<>();
        Map<String, String> display = new LinkedHashMap<>();
        for (Approved a : approved) {
            String key = a.title() == null ? "" : a.title().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
            display.putIfAbsent(key, a.title() == null ? "(no title)" : a.title().strip());
        }
        List<Map<String, Object>> shown = new ArrayList<>();
        List<Approved> other = new ArrayList<>();
        for (Map.Entry<String, List<Approved>> g : groups.entrySet()) {
            long people = g.getValue().stream().map(Approved::employee).distinct().count();
            if (people >= MIN_GROUP) {
                shown.add(breakdown(display.get(g.getKey()), g.getValue()));
            } else {
                other.addAll(g.getValue());
            }
        }
        shown.sort(Comparator.comparing((Map<String, Object> m) -> -((Integer) m.get("people"))));
        if (!other.isEmpty()) {
            shown.add(breakdown("other", other));
        }
        return shown;
    }

    /** Task texts handed to AI (automate or augment) in the most approved roles. */
    private static List<Map<String, Object>> topAiTasks(List<Approved> approved) {
        Map<String, Set<Long>> roles = new LinkedHashMap<>();
        Map<String, String> display = new LinkedHashMap<>();
        Map<String, int[]> automated = new LinkedHashMap<>();
        for (Approved a : approved) {
            for (Task t : a.tasks()) {
                if (t.aiRole() == AiRole.HUMAN) {
                    continue;
                }
                String key = t.key();
                roles.computeIfAbsent(key, k -> new HashSet<>()).add(a.roleId());
                display.putIfAbsent(key, t.text());
                automated.computeIfAbsent(key, k -> new int[1]);
                if (t.aiRole() == AiRole.AUTOMATE) {
                    automated.get(key)[0]++;
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        roles.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Set<Long>> e) -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP_TASKS)
                .forEach(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("task", display.get(e.getKey()));
                    m.put("roles", e.getValue().size());
                    m.put("automate", automated.get(e.getKey())[0]);
                    m.put("augment", e.getValue().size() - automated.get(e.getKey())[0]);
                    out.add(m);
                });
        return out;
    }

    /** Answers to the tacit-knowledge question (not skipped) in the latest version of every role. */
    /**
     * The worries people voiced, by theme (replacement, evaluation, who sees this, talking to a person, why): how
     * many people voiced each, shown only for themes at least {@link #MIN_GROUP} people voiced, never their words.
     */
    private Map<String, Object> concerns() {
        Map<String, Set<String>> people = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT detail, actor_id FROM audit_log WHERE action = 'concern'")
                .map((rs, ctx) -> Map.entry(rs.getString(1) == null ? "" : rs.getString(1), rs.getString(2)))
                .forEach(e -> {
                    String detail = e.getKey();
                    int at = detail.indexOf(" at ");
                    people.computeIfAbsent(at < 0 ? detail : detail.substring(0, at), k -> new HashSet<>())
                            .add(e.getValue());
                }));
        List<Map<String, Object>> shown = new ArrayList<>();
        int hidden = 0;
        for (Map.Entry<String, Set<String>> e : people.entrySet()) {
            if (e.getValue().size() >= MIN_GROUP) {
                Map<String, Object> theme = new LinkedHashMap<>();
                theme.put("theme", e.getKey().replace('_', ' '));
                theme.put("people", e.getValue().size());
                shown.add(theme);
            } else {
                hidden++;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("by_theme", shown);
        out.put("themes_under_floor", hidden);
        return out;
    }

    private int tacitKnowledgeItems() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM answers a JOIN role_versions v "
                + "ON v.id = a.version_id WHERE a.question = 'tacit_knowledge' AND a.answer IS NOT NULL AND "
                + LATEST).mapTo(Integer.class).one());
    }
}
