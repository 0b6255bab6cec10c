package rolecraft.bot.engine;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Task;

/**
 * Where an employee's time goes before and after the redesign. A task AI takes part in keeps the time the employee
 * said it will take after the change; without their figure, automated work keeps a fifth of its time for review and
 * AI-assisted work three fifths. Human work keeps all of it; the time freed goes to
 * judgment, creativity and relationships in the proportions the role already has (in thirds if none).
 */
public final class Redesign {

    /** Share of an automated task's time the employee keeps, to direct and review the AI. */
    public static final double KEEP_AUTOMATE = 0.2;
    /** Share of an AI-assisted task's time the employee keeps. */
    public static final double KEEP_AUGMENT = 0.6;

    final Map<AiRole, Double> roleBefore = new EnumMap<>(AiRole.class);
    final Map<AiRole, Double> roleAfter = new EnumMap<>(AiRole.class);
    final Map<Capability, Double> capBefore = new EnumMap<>(Capability.class);
    final Map<Capability, Double> capAfter = new EnumMap<>(Capability.class);
    final double freed;

    private Redesign(List<Task> tasks, double[] percent) {
        for (AiRole r : AiRole.values()) {
            roleBefore.put(r, 0.0);
            roleAfter.put(r, 0.0);
        }
        for (Capability c : Capability.values()) {
            capBefore.put(c, 0.0);
            capAfter.put(c, 0.0);
        }
        double freedTime = 0;
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            double p = percent[i];
            double keep = switch (t.aiRole()) {
                case AUTOMATE -> KEEP_AUTOMATE;
                case AUGMENT -> KEEP_AUGMENT;
                case HUMAN -> 1.0;
            };
            if (t.aiRole() != AiRole.HUMAN && t.after() != null && t.share() != null && t.share().amount() > 0) {
                keep = Math.max(0, Math.min(1, Views.inUnitOf(t.share(), t.after()) / t.share().amount()));
            }
            roleBefore.merge(t.aiRole(), p, Double::sum);
            roleAfter.merge(t.aiRole(), p * keep, Double::sum);
            freedTime += p * (1 - keep);
            if (t.capability() != null) {
                capBefore.merge(t.capability(), p, Double::sum);
                capAfter.merge(t.capability(), p * keep, Double::sum);
            }
        }
        this.freed = freedTime;
        double retained = capAfter.values().stream().mapToDouble(Double::doubleValue).sum();
        for (Capability c : Capability.values()) {
            double weight = retained > 0 ? capAfter.get(c) / retained : 1.0 / Capability.values().length;
            capAfter.merge(c, freedTime * weight, Double::sum);
        }
    }

    public static Redesign of(List<Task> tasks) {
        return new Redesign(tasks, Shares.normalise(tasks).percent());
    }

    public double roleBefore(AiRole r) {
        return roleBefore.get(r);
    }

    public double roleAfter(AiRole r) {
        return roleAfter.get(r);
    }

    public double capabilityBefore(Capability c) {
        return capBefore.get(c);
    }

    public double capabilityAfter(Capability c) {
        return capAfter.get(c);
    }

    public double freed() {
        return freed;
    }

    /** The capability that takes the most time after the redesign. */
    public Capability focus() {
        Capability best = Capability.JUDGMENT;
        for (Capability c : Capability.values()) {
            if (capAfter.get(c) > capAfter.get(best) + 1e-9) {
                best = c;
            }
        }
        return best;
    }
}
