package rolecraft.bot.domain;

/** The step of a redesign a conversation is at. */
public enum Stage {
    /** No redesign in progress. */
    IDLE,
    TITLE,
    MANAGER,
    TASKS,
    REVIEW,
    QUESTIONS,
    DRAFT,
    /** Sent to the manager; the version is locked until they decide. */
    SUBMITTED
}
