package rolecraft.bot.classify;

import rolecraft.bot.domain.AiRole;

/**
 * ai_role from the automation levels of Eloundou et al. (T0 none of the task can be automated ... T4 all of it):
 * T3-T4 automate (AI does most or all, a person reviews), T2 augment (about half, a person deeply involved),
 * T0-T1 human (a small part at most).
 */
public final class AiRoles {

    private AiRoles() {
    }

    /** The role an automation level (0-4) stands for. */
    public static AiRole ofLevel(int level) {
        if (level >= 3) {
            return AiRole.AUTOMATE;
        }
        return level == 2 ? AiRole.AUGMENT : AiRole.HUMAN;
    }

    /** The most probable role of the given level probabilities. */
    public static AiRole mostProbable(double[] levels) {
        double[] p = ofLevels(levels);
        int best = 0;
        for (int r = 1; r < p.length; r++) {
            best = p[r] > p[best] ? r : best;
        }
        return AiRole.values()[best];
    }

    /**
     * The role the classifier proposes for a task from its level probabilities: the most probable role, with the
     * definitional exceptions of the decision (live interpersonal work, replies and the person's own judgments).
     */
    public static AiRole decided(String task, double[] levels) {
        return AiRoleRule.role(task, levels);
    }

    /** Role probabilities, in {@link AiRole} order, from the probabilities of the five levels. */
    public static double[] ofLevels(double[] levels) {
        double[] p = new double[AiRole.values().length];
        for (int t = 0; t < levels.length; t++) {
            p[ofLevel(t).ordinal()] += levels[t];
        }
        return p;
    }
}
