package rolecraft.bot.domain;

import java.util.List;

/**
 * What a conversation remembers between messages, besides the draft itself: the step, the question
 * being asked, the active role, a pending restart confirmation and the review list a manager last saw.
 */
public record ConversationState(Stage stage, int question, Long roleId, boolean confirmingRestart,
                                List<VersionRef> shownInbox) {

    public ConversationState {
        shownInbox = shownInbox == null ? List.of() : List.copyOf(shownInbox);
    }

    public static ConversationState initial() {
        return new ConversationState(Stage.IDLE, 0, null, false, List.of());
    }

    public ConversationState at(Stage next) {
        return new ConversationState(next, 0, roleId, false, shownInbox);
    }

    public ConversationState atQuestion(int index) {
        return new ConversationState(Stage.QUESTIONS, index, roleId, false, shownInbox);
    }

    public ConversationState withRole(Long id) {
        return new ConversationState(stage, question, id, confirmingRestart, shownInbox);
    }

    public ConversationState confirming(boolean value) {
        return new ConversationState(stage, question, roleId, value, shownInbox);
    }

    public ConversationState showing(List<VersionRef> refs) {
        return new ConversationState(stage, question, roleId, confirmingRestart, refs);
    }
}
