package rolecraft.bot.domain;

/** A task's share of time as the employee gave it: a percentage or hours per week. */
public record Share(double amount, ShareUnit unit) {

    public static Share percent(double amount) {
        return new Share(amount, ShareUnit.PERCENT);
    }

    public static Share hours(double perWeek) {
        return new Share(perWeek, ShareUnit.HOURS_PER_WEEK);
    }
}
