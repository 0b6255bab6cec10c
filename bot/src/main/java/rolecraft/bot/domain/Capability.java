package rolecraft.bot.domain;

import java.util.Locale;
import java.util.Optional;

/** The human capability a task draws on most: the work AI cannot do. */
public enum Capability {
    JUDGMENT, CREATIVITY, RELATIONSHIPS;

    /** The lower-case word users type and exports show. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts the word, British "judgement" and the singular "relationship". */
    public static Optional<Capability> parse(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return switch (w) {
            case "judgment", "judgement" -> Optional.of(JUDGMENT);
            case "creativity", "creative" -> Optional.of(CREATIVITY);
            case "relationships", "relationship" -> Optional.of(RELATIONSHIPS);
            default -> Optional.empty();
        };
    }
}
