package rolecraft.bot.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Exposure;

/**
 * Decides what AI should do with a task from its exposure, calibrated confidence, capability and cue words.
 * In order: (1) E0 -> HUMAN; (2) live interpersonal work (meet, coach, negotiate, interview, present, ...) -> HUMAN;
 * (3) an accountable judgment call (decide, approve, hire, sign off, strategy, ...) -> HUMAN;
 * (4) AUTOMATE only if exposure is E1/E2 with confidence >= 0.60 and P(E0) < 0.15, the task is routine information
 * processing (routine cues outweigh judgment and creative cues) and the capability is not relationships;
 * (5) otherwise AUGMENT.
 */
final class AiRoleRule {

    static final double AUTOMATE_MIN_CONFIDENCE = 0.60;
    static final double AUTOMATE_MAX_P_E0 = 0.15;

    private AiRoleRule() {
    }

    /** The chosen role with a one-line reason. */
    record Decision(AiRole role, String reason) {
    }

    static Decision decide(Exposure exposure, double confidence, double pE0, Capability capability, TaskCues.Hits h) {
        if (exposure == Exposure.E0) {
            return new Decision(AiRole.HUMAN, "human-rated work: similar tasks need presence, people or hands-on effort"
                    + cueText(h, TaskCues.Kind.PEOPLE_LIVE, TaskCues.Kind.HIGH_STAKES, TaskCues.Kind.PEOPLE,
                    TaskCues.Kind.CREATIVE, TaskCues.Kind.JUDGMENT) + "; an LLM would not halve the time");
        }
        if (h.governs(TaskCues.Kind.PEOPLE_LIVE)) {
            return new Decision(AiRole.HUMAN, "live interpersonal work" + cueText(h, TaskCues.Kind.PEOPLE_LIVE)
                    + "; AI can prepare notes, the conversation stays human");
        }
        if (h.governs(TaskCues.Kind.HIGH_STAKES)) {
            return new Decision(AiRole.HUMAN, "accountable judgment call" + cueText(h, TaskCues.Kind.HIGH_STAKES)
                    + "; AI can brief, a person decides");
        }
        double routine = h.score(TaskCues.Kind.ROUTINE);
        boolean isRoutine = routine > 0 && routine >= h.score(TaskCues.Kind.JUDGMENT)
                && routine > h.score(TaskCues.Kind.CREATIVE);
        if (isRoutine && capability == Capability.JUDGMENT && confidence >= AUTOMATE_MIN_CONFIDENCE
                && pE0 < AUTOMATE_MAX_P_E0) {
            return new Decision(AiRole.AUTOMATE, "routine information processing" + cueText(h, TaskCues.Kind.ROUTINE)
                    + "; no people or judgment involved");
        }
        String why;
        if (capability == Capability.RELATIONSHIPS) {
            why = "people-facing" + cueText(h, TaskCues.Kind.PEOPLE) + ": AI drafts, you own the relationship";
        } else if (capability == Capability.CREATIVITY) {
            why = "creative work" + cueText(h, TaskCues.Kind.CREATIVE) + ": AI gives first drafts and options, you choose";
        } else if (isRoutine) {
            why = "mostly routine" + cueText(h, TaskCues.Kind.ROUTINE)
                    + String.format(Locale.ROOT, " but not certain enough to hand over (confidence %.2f)", confidence);
        } else {
            why = "judgment work" + cueText(h, TaskCues.Kind.JUDGMENT) + ": AI does the first pass, you check and decide";
        }
        return new Decision(AiRole.AUGMENT, why);
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
