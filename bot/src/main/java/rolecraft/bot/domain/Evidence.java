package rolecraft.bot.domain;

/** Closest labelled task statement, with the human raters' label. */
public record Evidence(String task, String occupation, Exposure humanLabel) {
}
