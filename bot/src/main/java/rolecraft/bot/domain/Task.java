package rolecraft.bot.domain;

/**
 * One task of a role: what the bot proposed and what the employee settled on. {@code share} is null
 * while the employee has not said how much time it takes; {@code capability} is null for AUTOMATE.
 * {@code settled} is true once the employee has answered the call (kept or changed it), and {@code note} is the
 * reason they gave with it, or null. {@code after} is the time the employee expects the task to take once AI does
 * its part, in the unit of {@code share}, or null while they have not said (the draft then shows a range).
 */
public record Task(String text, Share share, Classification proposed, AiRole aiRole, Capability capability,
                   boolean changedByEmployee, boolean settled, String note, Share after) {

    /** A task whose call the employee has not answered, with no reason given. */
    public Task(String text, Share share, Classification proposed, AiRole aiRole, Capability capability,
                boolean changedByEmployee) {
        this(text, share, proposed, aiRole, capability, changedByEmployee, changedByEmployee, null, null);
    }

    /** A new task, set as the classifier proposed it. */
    public static Task proposed(String text, Share share, Classification c) {
        return new Task(text, share, c, c.aiRole(), c.aiRole() == AiRole.AUTOMATE ? null : c.capability(), false);
    }

    public Task withShare(Share newShare) {
        return new Task(text, newShare, proposed, aiRole, capability, changedByEmployee, settled, note,
                newShare == null || after == null || !newShare.equals(share) ? null : after);
    }

    /** The same task under a new name, its share and calls kept. */
    public Task renamed(String newText) {
        return new Task(newText, share, proposed, aiRole, capability, changedByEmployee, settled, note, after);
    }

    /** The employee's choice; it counts as theirs only where it differs from the proposal. */
    public Task settle(AiRole role, Capability cap) {
        return settle(role, cap, null);
    }

    /**
     * The employee's choice with the reason they gave ({@code why}, null: none given now, an earlier reason is
     * kept while the call stays the one it was given for). Either way the call is now answered.
     */
    public Task settle(AiRole role, Capability cap, String why) {
        Capability kept = role == AiRole.AUTOMATE ? null : cap;
        Capability proposedCap = proposed.aiRole() == AiRole.AUTOMATE ? null : proposed.capability();
        boolean changed = role != proposed.aiRole() || (kept != null && kept != proposedCap);
        String reason = why != null ? why : role == aiRole && kept == capability ? note : null;
        return new Task(text, share, proposed, role, kept, changed, true, reason, role == aiRole ? after : null);
    }

    /** The same task, with the time the employee expects it to take after the change. */
    public Task expecting(Share value) {
        return new Task(text, share, proposed, aiRole, capability, changedByEmployee, settled, note, value);
    }

    /** True when the classifier was unsure of the call and the employee has not answered it yet. */
    public boolean unsure() {
        return proposed.unsure() && !settled;
    }

    /** The key under which two lines count as the same task. */
    public String key() {
        return keyOf(text);
    }

    public static String keyOf(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }
}
