package rolecraft.bot.domain;

/**
 * One task of a role: what the bot proposed and what the employee settled on. {@code share} is null
 * while the employee has not said how much time it takes; {@code capability} is null for AUTOMATE.
 */
public record Task(String text, Share share, Classification proposed, AiRole aiRole, Capability capability,
                   boolean changedByEmployee) {

    /** A new task, set as the classifier proposed it. */
    public static Task proposed(String text, Share share, Classification c) {
        return new Task(text, share, c, c.aiRole(), c.aiRole() == AiRole.AUTOMATE ? null : c.capability(), false);
    }

    public Task withShare(Share newShare) {
        return new Task(text, newShare, proposed, aiRole, capability, changedByEmployee);
    }

    /** The same task under a new name, its share and calls kept. */
    public Task renamed(String newText) {
        return new Task(newText, share, proposed, aiRole, capability, changedByEmployee);
    }

    /** The employee's choice; it counts as theirs only where it differs from the proposal. */
    public Task settle(AiRole role, Capability cap) {
        Capability kept = role == AiRole.AUTOMATE ? null : cap;
        Capability proposedCap = proposed.aiRole() == AiRole.AUTOMATE ? null : proposed.capability();
        boolean changed = role != proposed.aiRole() || (kept != null && kept != proposedCap);
        return new Task(text, share, proposed, role, kept, changed);
    }

    /** The key under which two lines count as the same task. */
    public String key() {
        return keyOf(text);
    }

    public static String keyOf(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }
}
