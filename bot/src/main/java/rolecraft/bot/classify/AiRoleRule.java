package rolecraft.bot.classify;

import java.util.ArrayList;
import java.util.List;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Capability;

/**
 * Decides what AI should do with a task from the role model's calibrated probabilities. The model decides, with
 * exceptions true by definition, where GPT-4's automation levels it learns from cannot speak: live interpersonal work
 * (the task's lead verb is meet, coach, negotiate, interview, call, comfort, teach ...) stays human-led; a reply to
 * people (answer, respond, reply) and a judgment the person is accountable for (review, approve, decide, diagnose,
 * audit ...) are at most augment, never automate. Other cue words only name, in the reason, what the task says.
 */
final class AiRoleRule {

    private AiRoleRule() {
    }

    /** The chosen role, its confidence (calibrated probability) and a one-line reason. */
    record Decision(AiRole role, double confidence, String reason) {
    }

    /**
     * @param levels probabilities of the automation levels T0-T4
     */
    static Decision decide(double[] levels, Capability capability, TaskCues.Hits h) {
        return decide(AiRoles.mostProbable(levels), AiRoles.ofLevels(levels), capability, h);
    }

    /**
     * Like {@link #decide(double[], Capability, TaskCues.Hits)}, with the role model's own level probabilities
     * {@code wordsLevels} (before the neighbours' vote) for the confidence of live interpersonal work: the statements
     * nearest a call are about what the call is about ("Coordinate with vendors"), not about the conversation.
     */
    static Decision decide(double[] levels, double[] wordsLevels, Capability capability, TaskCues.Hits h) {
        Decision d = decide(levels, capability, h);
        if (h.leads(TaskCues.Kind.PEOPLE_LIVE)) {
            return new Decision(d.role(), 1 - AiRoles.ofLevels(wordsLevels)[AiRole.AUTOMATE.ordinal()], d.reason());
        }
        return d;
    }

    /**
     * @param proposed the model's role
     * @param roleP probabilities of automate, augment and human (in {@link AiRole} order)
     */
    static Decision decide(AiRole proposed, double[] roleP, Capability capability, TaskCues.Hits h) {
        if (h.leads(TaskCues.Kind.PEOPLE_LIVE)) {
            // Human-led by definition; the confidence is the model's probability that a person stays involved.
            return new Decision(AiRole.HUMAN, 1 - roleP[AiRole.AUTOMATE.ordinal()], "live interpersonal work"
                    + cueText(h, TaskCues.Kind.PEOPLE_LIVE) + "; AI can prepare notes, the conversation stays yours");
        }
        boolean reply = h.governs(TaskCues.Kind.REPLY);
        if (reply || h.governs(TaskCues.Kind.DECIDE)) {
            // "Automate" means AI does it and the person reviews: when the task is itself the person's reply or
            // judgment, reviewing AI's draft is doing the task. Automate's probability joins augment's: the
            // model's probability that AI can do about half of it or more.
            double p = roleP[AiRole.AUTOMATE.ordinal()] + roleP[AiRole.AUGMENT.ordinal()];
            if (p >= roleP[AiRole.HUMAN.ordinal()]) {
                String reason = reply
                        ? "a reply to people" + cueText(h, TaskCues.Kind.REPLY, TaskCues.Kind.PEOPLE)
                        + ": AI drafts it, you send it and own the relationship"
                        : "a judgment that is yours" + cueText(h, TaskCues.Kind.DECIDE)
                        + ": AI does the first pass, you check and decide";
                return new Decision(AiRole.AUGMENT, p, reason);
            }
        }
        return new Decision(proposed, roleP[proposed.ordinal()], reason(proposed, capability, h));
    }

    /** The role decided for a task from its automation-level probabilities, without the reason. */
    static AiRole role(String task, double[] levels) {
        return decide(levels, Capability.JUDGMENT, TaskCues.find(task)).role();
    }

    private static String reason(AiRole role, Capability capability, TaskCues.Hits h) {
        return switch (role) {
            case AUTOMATE -> "tasks like this are mostly routine processing" + cueText(h, TaskCues.Kind.ROUTINE)
                    + ": AI can do most of it and you review it" + stillYours(h);
            case HUMAN -> "tasks like this need a person throughout"
                    + cueText(h, TaskCues.Kind.PEOPLE_LIVE, TaskCues.Kind.HIGH_STAKES, TaskCues.Kind.PEOPLE,
                    TaskCues.Kind.JUDGMENT) + "; AI can help with a small part at most";
            case AUGMENT -> switch (capability) {
                case RELATIONSHIPS -> "people-facing" + cueText(h, TaskCues.Kind.PEOPLE)
                        + ": AI drafts, you own the relationship";
                case CREATIVITY -> "creative work" + cueText(h, TaskCues.Kind.CREATIVE)
                        + ": AI gives first drafts and options, you choose";
                case JUDGMENT -> "judgment work" + cueText(h, TaskCues.Kind.JUDGMENT, TaskCues.Kind.ROUTINE)
                        + ": AI does the first pass, you check and decide";
            };
        };
    }

    /** For automated work that names people or decisions: those stay the person's. */
    private static String stillYours(TaskCues.Hits h) {
        String who = cueText(h, TaskCues.Kind.PEOPLE_LIVE, TaskCues.Kind.PEOPLE, TaskCues.Kind.HIGH_STAKES);
        return who.isEmpty() ? "" : "; the people and decisions it involves" + who + " stay yours";
    }

    /** " ('w1', 'w2')" listing up to three cue words of the given kinds, or "" if none. */
    static String cueText(TaskCues.Hits h, TaskCues.Kind... kinds) {
        List<String> w = new ArrayList<>();
        for (TaskCues.Kind k : kinds) {
            for (String s : h.words().get(k)) {
                if (!w.contains(s) && w.size() < 3) {
                    w.add(s);
                }
            }
        }
        if (w.isEmpty()) {
            return "";
        }
        return " ('" + String.join("', '", w) + "')";
    }
}
