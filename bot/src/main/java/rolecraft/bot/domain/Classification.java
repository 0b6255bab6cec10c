package rolecraft.bot.domain;

/**
 * What the classifier says about one task. {@code capability} is always set (what the task draws on
 * most), even for AUTOMATE; {@code evidence} may be null.
 */
public record Classification(Exposure exposure, AiRole aiRole, Capability capability, double confidence,
                             String reason, Evidence evidence) {

    /**
     * Below this {@code confidence} in its {@code aiRole} the classifier is unsure, and the conversation asks the
     * employee rather than asserting a call. The confidence is a calibrated probability, so below one half the
     * proposed role is more likely wrong than right (the ai_role model's grouped cross-validation bears it out).
     */
    public static final double UNSURE_BELOW = 0.5;

    /** True when the call should be asked of the employee rather than asserted. */
    public boolean unsure() {
        return confidence < UNSURE_BELOW;
    }

    /** Stand-in for a task that could not be classified: the employee decides. */
    public static Classification unknown() {
        return new Classification(Exposure.E1, AiRole.AUGMENT, Capability.JUDGMENT, 0.0,
                "not classified yet; tell me how you see it", null);
    }
}
