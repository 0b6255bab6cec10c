package rolecraft.bot.domain;

import java.time.Instant;
import java.util.List;

/** Something a turn causes beyond its replies; the store applies it in the turn's transaction. */
public sealed interface Effect {

    /** Tell someone other than the sender; delivered after the commit, kept until delivered. */
    record Notify(String to, List<Reply> replies) implements Effect {
        public Notify {
            replies = List.copyOf(replies);
        }
    }

    /** Record a manager's decision on a submitted version and set its status. */
    record Decide(VersionRef ref, String by, DecisionKind kind, String comment, Instant at) implements Effect {
    }

    /** One line of the audit log. */
    record Audit(String action, VersionRef ref, String detail) implements Effect {
    }
}
