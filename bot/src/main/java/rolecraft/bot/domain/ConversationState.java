package rolecraft.bot.domain;

import java.util.List;

/**
 * What a conversation remembers between messages, besides the draft itself: the step, the question
 * being asked, the active role, a pending restart confirmation, the review list a manager last saw, and
 * what the bot last asked that the next reply answers ({@code pending}: null when nothing is open), and the
 * length of the person's shift once they said it, and the questions this person is asked, in their order
 * ({@code questions}: null before the questions start, or in a state kept before they adapted; {@code question}
 * indexes it).
 */
public record ConversationState(Stage stage, int question, Long roleId, boolean confirmingRestart,
                                List<VersionRef> shownInbox, String pending, Double shiftHours,
                                List<Question> questions) {

    /** A follow-up was asked on a vague answer: the next reply belongs to the same question. */
    public static final String FOLLOW_UP = "follow_up";
    /** Tasks were given in hours per shift and the shift's length was asked: "shift:N=hours,…" (task numbers). */
    public static final String SHIFT = "shift:";
    /** An answer named work set to automate; keep it or make it augment: "check:N" (the task's number). */
    public static final String CHECK = "check:";
    /** The calls the classifier was unsure of were asked about at the review. */
    public static final String UNSURE = "unsure";
    /**
     * What each task AI takes part in will take after the change was shown, for the person to confirm or correct,
     * just before the clean-sheet question (which is asked with it, and which a reply that is neither answers).
     */
    public static final String TIME_AFTER = "time_after";
    /** An even split of the time was offered. */
    public static final String SPLIT = "split";

    public ConversationState {
        shownInbox = shownInbox == null ? List.of() : List.copyOf(shownInbox);
        questions = questions == null || questions.isEmpty() ? null : List.copyOf(questions);
    }

    public ConversationState(Stage stage, int question, Long roleId, boolean confirmingRestart,
                             List<VersionRef> shownInbox, String pending, Double shiftHours) {
        this(stage, question, roleId, confirmingRestart, shownInbox, pending, shiftHours, null);
    }

    public ConversationState(Stage stage, int question, Long roleId, boolean confirmingRestart,
                             List<VersionRef> shownInbox) {
        this(stage, question, roleId, confirmingRestart, shownInbox, null, null);
    }

    public static ConversationState initial() {
        return new ConversationState(Stage.IDLE, 0, null, false, List.of());
    }

    public ConversationState at(Stage next) {
        return new ConversationState(next, 0, roleId, false, shownInbox, null, shiftHours, questions);
    }

    public ConversationState atQuestion(int index) {
        return new ConversationState(Stage.QUESTIONS, index, roleId, false, shownInbox, null, shiftHours, questions);
    }

    public ConversationState withRole(Long id) {
        return new ConversationState(stage, question, id, confirmingRestart, shownInbox, pending, shiftHours, questions);
    }

    public ConversationState confirming(boolean value) {
        return new ConversationState(stage, question, roleId, value, shownInbox, pending, shiftHours, questions);
    }

    public ConversationState showing(List<VersionRef> refs) {
        return new ConversationState(stage, question, roleId, confirmingRestart, refs, pending, shiftHours, questions);
    }

    /** The same state, with {@code what} open (null: nothing). */
    public ConversationState awaiting(String what) {
        return new ConversationState(stage, question, roleId, confirmingRestart, shownInbox, what, shiftHours, questions);
    }

    /** The same state, knowing the person's shift is {@code hours} long. */
    public ConversationState withShift(Double hours) {
        return new ConversationState(stage, question, roleId, confirmingRestart, shownInbox, pending, hours, questions);
    }

    /** The questions this person is asked, in their order (the order of {@link Question} when none was set). */
    public List<Question> plan() {
        return questions == null ? List.of(Question.values()) : questions;
    }

    /** The same state, asking {@code list}, in that order. */
    public ConversationState asking(List<Question> list) {
        return new ConversationState(stage, question, roleId, confirmingRestart, shownInbox, pending, shiftHours, list);
    }
}
