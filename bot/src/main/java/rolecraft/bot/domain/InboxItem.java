package rolecraft.bot.domain;

/** A version waiting for its manager, with the version they saw before it (or null). */
public record InboxItem(Draft draft, Draft previous) {
}
