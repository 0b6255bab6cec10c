package rolecraft.bot.domain;

import java.util.Locale;

/** The optional questions, in the order they are asked. */
public enum Question {
    IDENTITY, DECISIONS, STAKEHOLDERS, TACIT_KNOWLEDGE, CLEAN_SHEET, SKILLS;

    /** The lower-case key the store, the export and the prompt templates use. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Question fromKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
