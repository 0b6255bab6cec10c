package rolecraft.bot.store;

import java.util.List;
import rolecraft.bot.domain.Outcome;

/** What a stored turn produced: the engine's outcome and the notifications it queued; empty for a repeat. */
public record TurnResult(Outcome outcome, List<Notification> notifications, boolean duplicate) {

    public TurnResult {
        notifications = List.copyOf(notifications);
    }

    static TurnResult repeat() {
        return new TurnResult(null, List.of(), true);
    }
}
