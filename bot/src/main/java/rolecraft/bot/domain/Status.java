package rolecraft.bot.domain;

import java.util.Locale;

/** Where a role version stands. Every status but DRAFTING locks the version. */
public enum Status {
    DRAFTING, SUBMITTED, CHANGES_REQUESTED, APPROVED;

    /** The lower-case word the store and exports use. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromWord(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
