package rolecraft.bot.domain;

/** Names one version of one role. */
public record VersionRef(long roleId, int version) {
}
