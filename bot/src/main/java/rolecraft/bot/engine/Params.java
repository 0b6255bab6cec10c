package rolecraft.bot.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** An ordered map of reply values that leaves out nulls, so templates see a key or nothing. */
final class Params {

    private final Map<String, Object> map = new LinkedHashMap<>();

    static Params of() {
        return new Params();
    }

    Params put(String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
        return this;
    }

    Map<String, Object> map() {
        return map;
    }

    /** A person, written by each surface its own way. */
    static Map<String, Object> person(String id) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("@person", id);
        return p;
    }
}
