package rolecraft.bot.domain;

import java.util.Map;

/**
 * One thing the bot says: a template key and its values. Values are strings, numbers, booleans, lists
 * and maps, so that a surface can render text from the template or build rich blocks from the same data.
 * A person appears as {@code {"@person": id}} so that each surface can write them its own way.
 */
public record Reply(Say say, Map<String, Object> params) {

    public Reply {
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public static Reply of(Say say) {
        return new Reply(say, Map.of());
    }

    public static Reply of(Say say, Map<String, Object> params) {
        return new Reply(say, params);
    }
}
