package rolecraft.bot.domain;

/** How the employee gave a task's share of their time. */
public enum ShareUnit {
    PERCENT, HOURS_PER_WEEK
}
