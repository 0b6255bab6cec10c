package rolecraft.bot.domain;

import java.util.Locale;
import java.util.Optional;

/** What AI does with a task: takes it over, assists with it, or leaves it to a person. */
public enum AiRole {
    AUTOMATE, AUGMENT, HUMAN;

    /** The lower-case word users type and exports show. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AiRole> parse(String word) {
        for (AiRole role : values()) {
            if (role.word().equalsIgnoreCase(word)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
