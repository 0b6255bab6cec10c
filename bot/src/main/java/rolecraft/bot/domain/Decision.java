package rolecraft.bot.domain;

import java.time.Instant;

/** A manager's decision on one version, with who made it, when and why. */
public record Decision(String decidedBy, DecisionKind kind, String comment, Instant at) {
}
