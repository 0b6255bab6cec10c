package rolecraft.bot.domain;

import java.util.Locale;

/** What a manager decided on a submitted version. */
public enum DecisionKind {
    APPROVED, CHANGES_REQUESTED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DecisionKind fromWord(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }

    public Status resultingStatus() {
        return this == APPROVED ? Status.APPROVED : Status.CHANGES_REQUESTED;
    }
}
