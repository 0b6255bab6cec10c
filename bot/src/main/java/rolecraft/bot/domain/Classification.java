package rolecraft.bot.domain;

/**
 * What the classifier says about one task. {@code capability} is always set (what the task draws on
 * most), even for AUTOMATE; {@code evidence} may be null.
 */
public record Classification(Exposure exposure, AiRole aiRole, Capability capability, double confidence,
                             String reason, Evidence evidence) {

    /** Stand-in for a task that could not be classified: the employee decides. */
    public static Classification unknown() {
        return new Classification(Exposure.E1, AiRole.AUGMENT, Capability.JUDGMENT, 0.0,
                "not classified yet; tell me how you see it", null);
    }
}
