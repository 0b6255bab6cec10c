package rolecraft.bot.domain;

import java.util.List;

/** The result of one engine step: the new state and draft, the replies to the sender, and the effects. */
public record Outcome(ConversationState state, Draft draft, List<Reply> replies, List<Effect> effects) {

    public Outcome {
        replies = List.copyOf(replies);
        effects = List.copyOf(effects);
    }
}
