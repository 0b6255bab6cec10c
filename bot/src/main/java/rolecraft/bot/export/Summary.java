package rolecraft.bot.export;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 *
 * <p>The anonymity floor is kept here, so that every consumer (dashboard, admin API) gets it: each figure
 * drawn from people's answers stands for at least {@link #MIN_GROUP} distinct people, or is left out (null, or
 * no row). People count, not roles: five roles of one person are one person.
 */
public final class Summary {

    /** A group, row or count drawn from people's answers is shown only when it stands for this many people. */
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
        out.put("approved", people(approved) >= MIN_GROUP ? breakdown("all approved roles", approved) : null);
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

    private static long people(List<Approved> roles) {
        return roles.stream().map(Approved::employee).distinct().count();
    }

    /**
     * Per job title; titles held by fewer than MIN_GROUP people fold into "other", which is shown only at
     * MIN_GROUP people too. A smaller "other" takes in the smallest title shown, since the overall figures less
     * the titles shown would otherwise give its figures away.
     */
    static List<Map<String, Object>> byTitle(List<Approved> approved) {
        Map<String, List<Approved>> groups = new LinkedHashMap<>();
        Map<String, String> display = new LinkedHashMap<>();
        for (Approved a : approved) {
            String key = a.title() == null ? "" : a.title().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
            display.putIfAbsent(key, a.title() == null ? "(no title)" : a.title().strip());
        }
        List<Map.Entry<String, List<Approved>>> big = new ArrayList<>();
        List<Approved> other = new ArrayList<>();
        for (Map.Entry<String, List<Approved>> g : groups.entrySet()) {
            if (people(g.getValue()) >= MIN_GROUP) {
                big.add(g);
            } else {
                other.addAll(g.getValue());
            }
        }
        big.sort(Comparator.comparing((Map.Entry<String, List<Approved>> g) -> -people(g.getValue())));
        while (!other.isEmpty() && people(other) < MIN_GROUP && !big.isEmpty()) {
            other.addAll(big.remove(big.size() - 1).getValue());
        }
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Map.Entry<String, List<Approved>> g : big) {
            shown.add(breakdown(display.get(g.getKey()), g.getValue()));
        }
        if (people(other) >= MIN_GROUP) {
            shown.add(breakdown("other", other));
        }
        return shown;
    }

    /**
     * Task texts handed to AI (automate or augment) in the most approved roles, each held by at least
     * MIN_GROUP people. Its split into automate and augment is shown only when neither side stands for
     * fewer than MIN_GROUP people (but more than none).
     */
    static List<Map<String, Object>> topAiTasks(List<Approved> approved) {
        Map<String, Set<Long>> roles = new LinkedHashMap<>();
        Map<String, String> display = new LinkedHashMap<>();
        Map<String, Set<Long>> automatedRoles = new HashMap<>();
        Map<String, Set<String>> automatedBy = new HashMap<>();
        Map<String, Set<String>> augmentedBy = new HashMap<>();
        for (Approved a : approved) {
            for (Task t : a.tasks()) {
                if (t.aiRole() == AiRole.HUMAN) {
                    continue;
                }
                String key = t.key();
                roles.computeIfAbsent(key, k -> new HashSet<>()).add(a.roleId());
                display.putIfAbsent(key, t.text());
                if (t.aiRole() == AiRole.AUTOMATE) {
                    automatedRoles.computeIfAbsent(key, k -> new HashSet<>()).add(a.roleId());
                    automatedBy.computeIfAbsent(key, k -> new HashSet<>()).add(a.employee());
                } else {
                    augmentedBy.computeIfAbsent(key, k -> new HashSet<>()).add(a.employee());
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        roles.entrySet().stream()
                .filter(e -> peopleHolding(e.getKey(), automatedBy, augmentedBy) >= MIN_GROUP)
                .sorted(Comparator.comparing((Map.Entry<String, Set<Long>> e) -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP_TASKS)
                .forEach(e -> {
                    String key = e.getKey();
                    int automate = automatedRoles.getOrDefault(key, Set.of()).size();
                    boolean split = floorKept(automatedBy.getOrDefault(key, Set.of()).size())
                            && floorKept(augmentedBy.getOrDefault(key, Set.of()).size());
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("task", display.get(key));
                    m.put("roles", e.getValue().size());
                    m.put("people", peopleHolding(key, automatedBy, augmentedBy));
                    m.put("automate", split ? automate : null);
                    m.put("augment", split ? e.getValue().size() - automate : null);
                    out.add(m);
                });
        return out;
    }

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
        for (Map.Entry<String, Set<String>> e : people.entrySet()) {
            if (e.getValue().size() >= MIN_GROUP) {
                Map<String, Object> theme = new LinkedHashMap<>();
                theme.put("theme", e.getKey().replace('_', ' '));
                theme.put("people", e.getValue().size());
                shown.add(theme);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("by_theme", shown);
        return out;
    }

    private static int peopleHolding(String key, Map<String, Set<String>> automatedBy,
                                     Map<String, Set<String>> augmentedBy) {
        Set<String> people = new HashSet<>(automatedBy.getOrDefault(key, Set.of()));
        people.addAll(augmentedBy.getOrDefault(key, Set.of()));
        return people.size();
    }

    private static boolean floorKept(int people) {
        return people == 0 || people >= MIN_GROUP;
    }

    /**
     * Answers to the tacit-knowledge question (not skipped) in the latest version of every role; null when
     * fewer than MIN_GROUP people gave them.
     */
    private Integer tacitKnowledgeItems() {
        int[] itemsAndPeople = jdbi.withHandle(h -> h.createQuery("SELECT count(*), count(DISTINCT r.employee_id) FROM answers a "
                        + "JOIN role_versions v ON v.id = a.version_id JOIN roles r ON r.id = v.role_id "
                        + "WHERE a.question = 'tacit_knowledge' AND a.answer IS NOT NULL AND " + LATEST)
                .map((rs, ctx) -> new int[] {rs.getInt(1), rs.getInt(2)}).one());
        return itemsAndPeople[1] >= MIN_GROUP ? itemsAndPeople[0] : null;
    }
}
