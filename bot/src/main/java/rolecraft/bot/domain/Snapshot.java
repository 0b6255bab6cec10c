package rolecraft.bot.domain;

import java.util.List;

/**
 * Everything the engine may read for one turn: the person's conversation, their active draft and the
 * version before it, the drafts waiting for them as a manager, and the draft a button click names.
 */
public record Snapshot(String person, ConversationState state, Draft draft, Draft previous,
                       List<InboxItem> inbox, InboxItem target) {

    public Snapshot {
        inbox = List.copyOf(inbox);
    }
}
