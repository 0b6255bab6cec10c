package rolecraft.bot.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message to the engine: who sent it, what they said, when, the people it mentions (surface-qualified
 * ids), the classification of each task line it may hold (made before the turn), and an optional action.
 */
public record Inbound(String from, String text, Instant now, List<String> mentions,
                      Map<String, Classification> classifications, Action action) {

    public Inbound {
        text = text == null ? "" : text;
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        classifications = classifications == null ? Map.of() : Map.copyOf(classifications);
    }
}
