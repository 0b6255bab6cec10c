package rolecraft.bot.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Answer;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.InboxItem;
import rolecraft.bot.domain.Question;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.ShareUnit;
import rolecraft.bot.domain.Task;

/** Turns drafts into the plain values that templates and rich surfaces render. */
public final class Views {

    private Views() {
    }

    /** The task list as entered: each task with the share given and, once complete, its percentage. */
    public static List<Map<String, Object>> taskList(Draft d) {
        Shares.Normalised norm = Shares.normalise(d.tasks());
        int[] pct = Shares.rounded(norm.percent());
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < d.tasks().size(); i++) {
            Task t = d.tasks().get(i);
            out.add(Params.of()
                    .put("n", i + 1)
                    .put("text", t.text())
                    .put("given", given(t.share()))
                    .put("missing", t.share() == null)
                    .put("percent", norm.kind() == Shares.Kind.INCOMPLETE ? null : pct[i])
                    .map());
        }
        return out;
    }

    /** The review: each task with its AI role, capability, reason, confidence and evidence. */
    public static List<Map<String, Object>> review(Draft d) {
        int[] pct = Shares.rounded(Shares.normalise(d.tasks()).percent());
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < d.tasks().size(); i++) {
            out.add(reviewItem(i + 1, d.tasks().get(i), pct[i]));
        }
        return out;
    }

    static Map<String, Object> reviewItem(int n, Task t, int percent) {
        Classification c = t.proposed();
        Params p = Params.of()
                .put("n", n)
                .put("text", t.text())
                .put("percent", percent)
                .put("ai_role", t.aiRole().word())
                .put("automate", t.aiRole() == AiRole.AUTOMATE)
                .put("augment", t.aiRole() == AiRole.AUGMENT)
                .put("human", t.aiRole() == AiRole.HUMAN)
                .put("capability", t.capability() == null ? null : t.capability().word())
                .put("has_capability", t.capability() != null)
                .put("reason", c.reason())
                .put("confidence", (int) Math.round(c.confidence() * 100))
                .put("exposure", c.exposure().name())
                .put("changed", t.changedByEmployee())
                .put("role_changed", t.changedByEmployee() && t.aiRole() != c.aiRole())
                .put("unsure", t.unsure())
                .put("note", t.note())
                .put("has_note", t.note() != null)
                .put("has_range", t.aiRole() != AiRole.HUMAN && t.share() != null)
                .put("has_after", t.aiRole() != AiRole.HUMAN && t.after() != null)
                .put("after_given", t.after() == null ? null : given(t.after()))
                .put("proposed_ai_role", c.aiRole().word())
                .put("proposed_capability", c.aiRole() == AiRole.AUTOMATE ? null : c.capability().word())
                .put("has_evidence", c.evidence() != null);
        if (t.aiRole() != AiRole.HUMAN && t.share() != null) {
            // What the task takes after the change, in the unit the employee gave: their figure, or a range.
            // A share in percent is said on the same base as the row (the shares rescaled to 100% when they were
            // not), so one row never shows two figures for the same time.
            double[] keep = KEEP.get(t.aiRole());
            Share now = t.share().unit() == ShareUnit.PERCENT ? Share.percent(percent) : t.share();
            p.put("now", given(now))
                    .put("estimate", given(new Share(rounded(now, now.amount() * (keep[0] + keep[1]) / 2), now.unit())))
                    .put("after_range", number(now, now.amount() * keep[0]) + "–"
                            + given(new Share(rounded(now, now.amount() * keep[1]), now.unit())));
        }
        if (c.evidence() != null) {
            p.put("evidence_task", c.evidence().task())
                    .put("evidence_occupation", c.evidence().occupation())
                    .put("evidence_label", c.evidence().humanLabel().name());
        }
        return p.map();
    }

    /** The tasks AI takes part in, as review items: what each takes now, and after (the person's figure or not). */
    static List<Map<String, Object>> timeAfter(Draft d) {
        return review(d).stream().filter(t -> Boolean.TRUE.equals(t.get("has_range"))).toList();
    }

    /**
     * One figure for what a task AI takes part in will take after the change: the middle of its range, rounded as
     * people say it, in the unit the person gave.
     */
    /** Below this share of the week handed to or helped by AI, the purpose says AI helps with a small part. */
    static final double SMALL_PART = 10;

    static Share estimate(Task t) {
        double[] keep = KEEP.get(t.aiRole());
        return new Share(rounded(t.share(), t.share().amount() * (keep[0] + keep[1]) / 2), t.share().unit());
    }

    /**
     * The whole draft, as every surface renders it (the text template {@code draft_body}, Slack's sections, Teams'
     * card): purpose inputs, the task table, time before and after, responsibilities, delegation, answers, and what
     * changed since the version the manager saw. Keys:
     * <ul>
     * <li>who and which: {@code title}, {@code employee}, {@code manager} (people as {@code {"@person": id}}),
     * {@code version}, {@code status};</li>
     * <li>purpose: {@code focus} (the capability most of the time goes to) and {@code focus_most} (it takes over half
     * the week), {@code ai_small} (AI takes part in under a tenth of the week), {@code has_automate},
     * {@code has_augment}, and the answer {@code identity};</li>
     * <li>the task table: {@code tasks}, each a review item (below), and {@code overridden}, the tasks whose call
     * the employee changed, with {@code has_overridden};</li>
     * <li>time: {@code time_roles} and {@code time_capabilities}, rows of name, before, after, show, changed and
     * is_freed; {@code freed}, {@code freed_low}, {@code freed_high}, {@code frees_time},
     * {@code automate_before}, {@code automate_after}, {@code automate_falls}, {@code core_before},
     * {@code core_after}, {@code core_rises}, {@code has_own_figures} (the employee gave a task's time after), {@code has_estimates} (some task AI
     * takes part in still has only the estimate);</li>
     * <li>responsibilities and oversight: {@code responsibilities} and {@code delegated} (review items),
     * {@code has_responsibilities}, {@code has_delegated}, {@code uses_ai}, and the delegated ones by role, for the
     * skills: {@code automated}, {@code has_automated}, {@code assisted}, {@code has_assisted};</li>
     * <li>answers, each under its question's key when given: {@code identity}, {@code decisions},
     * {@code stakeholders}, {@code tacit_knowledge}, {@code clean_sheet}, {@code skills};</li>
     * <li>{@code changes}: see {@link #changes(Draft, Draft)}; absent for a first version.</li>
     * </ul>
     * A review item: {@code n}, {@code text}, {@code percent}, {@code ai_role}, {@code automate}, {@code augment},
     * {@code human}, {@code capability}, {@code has_capability}, {@code reason} (the classifier's),
     * {@code confidence}, {@code exposure}, {@code changed} (the employee changed the call), {@code role_changed} (to another role than proposed), {@code unsure} (asked,
     * not yet answered), {@code note} and {@code has_note} (the employee's reason for their call), for a task AI
     * takes part in {@code has_range}, {@code now} (its share as given), {@code after_range} (what it may take
     * after, said in the same unit), {@code estimate} (one figure, the middle of that range), {@code has_after} and {@code after_given} (what the employee said it will take),
     * {@code proposed_ai_role}, {@code proposed_capability}, {@code has_evidence}, {@code evidence_task},
     * {@code evidence_occupation}, {@code evidence_label}.
     */
    public static Map<String, Object> draft(Draft d, Draft previous) {
        Redesign r = Redesign.of(d.tasks());
        int[] pct = Shares.rounded(Shares.normalise(d.tasks()).percent());
        Params p = Params.of()
                .put("title", d.title())
                .put("employee", Params.person(d.employee()))
                .put("manager", d.manager() == null ? null : Params.person(d.manager()))
                .put("version", d.version())
                .put("status", d.status().word())
                .put("focus", r.focus().word())
                .put("focus_most", r.capabilityAfter(r.focus()) > 50)
                .put("time_roles", roleRows(r))
                .put("time_capabilities", capabilityRows(r))
                .put("freed", (int) Math.round(r.freed()))
                .put("automate_before", (int) Math.round(r.roleBefore(AiRole.AUTOMATE)))
                .put("automate_after", (int) Math.round(r.roleAfter(AiRole.AUTOMATE)))
                .put("core_before", (int) Math.round(coreTotal(r, false)))
                .put("core_after", (int) Math.round(coreTotal(r, true)))
                .put("has_automate", r.roleBefore(AiRole.AUTOMATE) > 0)
                .put("ai_small", r.roleBefore(AiRole.AUTOMATE) + r.roleBefore(AiRole.AUGMENT) < SMALL_PART)
                .put("has_augment", r.roleBefore(AiRole.AUGMENT) > 0)
                .put("automate_falls", Math.round(r.roleBefore(AiRole.AUTOMATE)) > Math.round(r.roleAfter(AiRole.AUTOMATE)))
                .put("core_rises", Math.round(coreTotal(r, true)) > Math.round(coreTotal(r, false)))
                .put("freed_low", (int) Math.round(freed(d, pct, FREED_LOW)))
                .put("freed_high", (int) Math.round(freed(d, pct, FREED_HIGH)))
                .put("frees_time", Math.round(freed(d, pct, FREED_HIGH)) > 0)
                .put("has_own_figures", d.tasks().stream().anyMatch(t -> t.aiRole() != AiRole.HUMAN && t.after() != null))
                .put("has_estimates", d.tasks().stream().anyMatch(t -> t.aiRole() != AiRole.HUMAN && t.share() != null
                        && t.after() == null));
        List<Map<String, Object>> responsibilities = new ArrayList<>();
        List<Map<String, Object>> delegated = new ArrayList<>();
        for (int i = 0; i < d.tasks().size(); i++) {
            Map<String, Object> item = reviewItem(i + 1, d.tasks().get(i), pct[i]);
            if (d.tasks().get(i).aiRole() == AiRole.HUMAN) {
                responsibilities.add(item);
            } else {
                delegated.add(item);
                if (d.tasks().get(i).aiRole() == AiRole.AUGMENT) {
                    responsibilities.add(item);
                }
            }
        }
        List<Map<String, Object>> automated = delegated.stream().filter(t -> Boolean.TRUE.equals(t.get("automate"))).toList();
        List<Map<String, Object>> assisted = delegated.stream().filter(t -> Boolean.TRUE.equals(t.get("augment"))).toList();
        p.put("responsibilities", responsibilities).put("delegated", delegated)
                .put("automated", automated).put("has_automated", !automated.isEmpty())
                .put("assisted", assisted).put("has_assisted", !assisted.isEmpty())
                .put("has_responsibilities", !responsibilities.isEmpty())
                .put("has_delegated", !delegated.isEmpty())
                .put("uses_ai", !delegated.isEmpty());
        for (Question q : Question.values()) {
            d.answer(q).filter(a -> !a.skipped()).ifPresent(a -> p.put(q.key(), a.text()));
        }
        Map<String, Object> changes = changes(previous, d);
        if (changes != null) {
            p.put("changes", changes);
        }
        List<Map<String, Object>> tasks = review(d);
        List<Map<String, Object>> overridden = tasks.stream().filter(t -> Boolean.TRUE.equals(t.get("changed"))).toList();
        p.put("tasks", tasks).put("overridden", overridden).put("has_overridden", !overridden.isEmpty());
        return p.map();
    }

    /** Share of an automated and an assisted task's time kept, at the low and high ends of the freed range. */
    private static final double[] FREED_LOW = {0.3, 0.8};
    private static final double[] FREED_HIGH = {0.1, 0.5};
    /** The least and most of its time a task keeps, by its call: the same assumptions, per task. */
    private static final Map<AiRole, double[]> KEEP = Map.of(AiRole.AUTOMATE, new double[] {FREED_HIGH[0], FREED_LOW[0]},
            AiRole.AUGMENT, new double[] {FREED_HIGH[1], FREED_LOW[1]});

    /**
     * Percent of the week freed if AI-handled work keeps {@code keep[0]} and assisted work {@code keep[1]}, except
     * where the employee said what a task will take after the change.
     */
    private static double freed(Draft d, int[] pct, double[] keep) {
        double sum = 0;
        for (int i = 0; i < d.tasks().size(); i++) {
            Task t = d.tasks().get(i);
            AiRole role = t.aiRole();
            if (role != AiRole.HUMAN && t.after() != null && t.share() != null && t.share().amount() > 0) {
                sum += pct[i] * (1 - Math.min(1, inUnitOf(t.share(), t.after()) / t.share().amount()));
                continue;
            }
            sum += role == AiRole.AUTOMATE ? pct[i] * (1 - keep[0]) : role == AiRole.AUGMENT ? pct[i] * (1 - keep[1]) : 0;
        }
        return sum;
    }

    /** {@code value} in the unit of {@code base} (hours and percent of a 40-hour week). */
    static double inUnitOf(Share base, Share value) {
        if (base.unit() == value.unit()) {
            return value.amount();
        }
        return value.unit() == ShareUnit.PERCENT ? value.amount() * Shares.WEEK_HOURS / 100
                : value.amount() / Shares.WEEK_HOURS * 100;
    }

    /** An amount in a share's unit, rounded as people say it: whole percents, half hours. */
    private static double rounded(Share unit, double amount) {
        return unit.unit() == ShareUnit.PERCENT ? Math.round(amount) : Math.round(amount * 2) / 2.0;
    }

    private static String number(Share unit, double amount) {
        String g = given(new Share(rounded(unit, amount), unit.unit()));
        return g.replace("%", "").replace("h/week", "");
    }

    private static double coreTotal(Redesign r, boolean after) {
        double sum = 0;
        for (Capability c : Capability.values()) {
            sum += after ? r.capabilityAfter(c) : r.capabilityBefore(c);
        }
        return sum;
    }

    private static List<Map<String, Object>> roleRows(Redesign r) {
        double[] before = new double[4];
        double[] after = new double[4];
        AiRole[] roles = AiRole.values();
        for (int i = 0; i < roles.length; i++) {
            before[i] = r.roleBefore(roles[i]);
            after[i] = r.roleAfter(roles[i]);
        }
        after[3] = r.freed();
        int[] b = Shares.rounded(before);
        // Human work keeps all its time: show it with the same figure before and after, and round the rest
        // so that the column still adds up.
        int human = AiRole.HUMAN.ordinal();
        double[] others = after.clone();
        others[human] = 0;
        int[] a = Shares.rounded(others, Math.max(0, (int) Math.round(sum(after)) - b[human]));
        a[human] = b[human];
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < roles.length; i++) {
            rows.add(row(roles[i].word(), b[i], a[i]));
        }
        Map<String, Object> freed = row("freed for new work", b[3], a[3]);
        // The freed figure is an estimate: the row shows the range, said with its assumptions under the table.
        freed.put("is_freed", true);
        rows.add(freed);
        return rows;
    }

    private static List<Map<String, Object>> capabilityRows(Redesign r) {
        Capability[] caps = Capability.values();
        double[] before = new double[caps.length + 1];
        double[] after = new double[caps.length + 1];
        for (int i = 0; i < caps.length; i++) {
            before[i] = r.capabilityBefore(caps[i]);
            after[i] = r.capabilityAfter(caps[i]);
        }
        before[caps.length] = r.roleBefore(AiRole.AUTOMATE);
        after[caps.length] = r.roleAfter(AiRole.AUTOMATE);
        int[] b = Shares.rounded(before);
        int[] a = Shares.rounded(after);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < caps.length; i++) {
            rows.add(row(caps[i].word(), b[i], a[i]));
        }
        rows.add(row("oversight", b[caps.length], a[caps.length]));
        return rows;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** A row of a before/after table; {@code show} is false for a row that is 0% on both sides. */
    private static Map<String, Object> row(String name, int before, int after) {
        return Params.of().put("name", name).put("before", before).put("after", after)
                .put("show", before != 0 || after != 0).put("changed", before != after).put("is_freed", false).map();
    }

    /**
     * What changed from the version a manager saw to this one: tasks added, removed, re-shared (by a point or
     * more) and re-classified (with the employee's reason), the answers given, changed or withdrawn, and the
     * purpose (its title and the work it mostly draws on). Null when there is no earlier version. Keys:
     * {@code since}, {@code added} (text, percent), {@code removed} (text), {@code reshared} (text, before, after),
     * {@code reclassified} (text, before, after, note, has_note), {@code answers} (question, before, after,
     * answered, withdrawn, and every question's key as a flag, true for its own), {@code retitled},
     * {@code title_before}, {@code title_after}, {@code refocused}, {@code focus_before}, {@code focus_after},
     * {@code any}.
     */
    public static Map<String, Object> changes(Draft before, Draft after) {
        if (before == null) {
            return null;
        }
        Map<String, Integer> oldIndex = new LinkedHashMap<>();
        for (int i = 0; i < before.tasks().size(); i++) {
            oldIndex.put(before.tasks().get(i).key(), i);
        }
        int[] oldPct = Shares.rounded(Shares.normalise(before.tasks()).percent());
        int[] newPct = Shares.rounded(Shares.normalise(after.tasks()).percent());
        List<Object> added = new ArrayList<>();
        List<Object> reshared = new ArrayList<>();
        List<Object> reclassified = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < after.tasks().size(); i++) {
            Task t = after.tasks().get(i);
            Integer j = oldIndex.get(t.key());
            if (j == null) {
                added.add(Params.of().put("text", t.text()).put("percent", newPct[i]).map());
                continue;
            }
            seen.add(t.key());
            Task old = before.tasks().get(j);
            if (oldPct[j] != newPct[i]) {
                reshared.add(Params.of().put("text", t.text()).put("before", oldPct[j]).put("after", newPct[i]).map());
            }
            if (old.aiRole() != t.aiRole() || old.capability() != t.capability()) {
                reclassified.add(Params.of().put("text", t.text())
                        .put("before", label(old)).put("after", label(t))
                        .put("note", t.note()).put("has_note", t.note() != null).map());
            }
        }
        List<Object> answers = new ArrayList<>();
        for (Question q : Question.values()) {
            String was = before.answer(q).filter(a -> !a.skipped()).map(Answer::text).orElse(null);
            String now = after.answer(q).filter(a -> !a.skipped()).map(Answer::text).orElse(null);
            if (!java.util.Objects.equals(was, now)) {
                Params item = Params.of().put("question", q.key()).put("before", was).put("after", now)
                        .put("answered", was == null).put("withdrawn", now == null);
                // Every question's flag, false but for this one: a template must not find the answer of the same
                // name in the draft around it.
                for (Question other : Question.values()) {
                    item.put(other.key(), other == q);
                }
                answers.add(item.map());
            }
        }
        String focusBefore = Redesign.of(before.tasks()).focus().word();
        String focusAfter = Redesign.of(after.tasks()).focus().word();
        boolean retitled = !java.util.Objects.equals(before.title(), after.title());
        boolean refocused = !focusBefore.equals(focusAfter);
        List<Object> removed = new ArrayList<>();
        for (Task old : before.tasks()) {
            if (!seen.contains(old.key())) {
                removed.add(Params.of().put("text", old.text()).map());
            }
        }
        return Params.of()
                .put("since", before.version())
                .put("added", added).put("removed", removed)
                .put("reshared", reshared).put("reclassified", reclassified)
                .put("answers", answers)
                .put("retitled", retitled).put("title_before", before.title()).put("title_after", after.title())
                .put("refocused", refocused).put("focus_before", focusBefore).put("focus_after", focusAfter)
                .put("any", !(added.isEmpty() && removed.isEmpty() && reshared.isEmpty() && reclassified.isEmpty()
                        && answers.isEmpty() && !retitled && !refocused))
                .map();
    }

    static String label(Task t) {
        return t.capability() == null ? t.aiRole().word() : t.aiRole().word() + " " + t.capability().word();
    }

    static String given(Share s) {
        if (s == null) {
            return "";
        }
        String n = s.amount() == Math.rint(s.amount())
                ? String.valueOf((long) s.amount()) : String.format(Locale.ROOT, "%.1f", s.amount());
        return s.unit() == ShareUnit.PERCENT ? n + "%" : n + "h/week";
    }

    /** One line of a manager's review list. */
    public static Map<String, Object> inboxItem(int n, InboxItem item) {
        Draft d = item.draft();
        Map<String, Object> changes = changes(item.previous(), d);
        return Params.of()
                .put("n", n)
                .put("employee", Params.person(d.employee()))
                .put("title", d.title())
                .put("version", d.version())
                .put("task_count", d.tasks().size())
                .put("submitted", d.submittedAt() == null ? "" : d.submittedAt().toString().substring(0, 10))
                .put("resubmitted", item.previous() != null)
                .put("changes", changes)
                .map();
    }

    /** The answers given, in order, for the status and the draft. */
    static int answered(Draft d) {
        int n = 0;
        for (Answer a : d.answers()) {
            if (!a.skipped()) {
                n++;
            }
        }
        return n;
    }
}
