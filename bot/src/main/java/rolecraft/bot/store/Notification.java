package rolecraft.bot.store;

import java.util.List;
import rolecraft.bot.domain.Reply;

/** Replies queued for someone other than the sender, kept until a surface delivers them. */
public record Notification(long id, String recipient, List<Reply> replies) {

    public Notification {
        replies = List.copyOf(replies);
    }
}
