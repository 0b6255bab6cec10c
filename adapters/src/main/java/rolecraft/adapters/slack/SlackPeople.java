package rolecraft.adapters.slack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rolecraft.bot.Prompts;

/** Slack people as rolecraft ids ("slack:T1:U1"), mentions in and out, and mrkdwn escaping. */
final class SlackPeople {

    static final String PREFIX = "slack:";
    private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]{1,40})(?:\\|[^>]*)?>");

    /** Writes a Slack person as a mention, anyone else by their plain id. */
    static final Prompts.PersonFormat FORMAT = id -> id.startsWith(PREFIX) ? "<@" + userOf(id) + ">"
            : Prompts.PersonFormat.PLAIN.name(id);

    private SlackPeople() {
    }

    static String person(String team, String user) {
        return PREFIX + team + ":" + user;
    }

    /** The Slack user id of a rolecraft id: "U1" of "slack:T1:U1". */
    static String userOf(String person) {
        return person.substring(person.lastIndexOf(':') + 1);
    }

    /** The people mentioned in a message, in order, once each, leaving out {@code except} (the bot). */
    static List<String> mentions(String text, String team, String except) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            String id = person(team, m.group(1));
            if (!m.group(1).equals(except) && !out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** Message text as the person typed it: Slack sends &amp;, &lt; and &gt; escaped. */
    static String unescape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** Escapes text for mrkdwn, keeping user mentions as mentions. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        Matcher m = MENTION.matcher(text);
        int at = 0;
        while (m.find()) {
            escapeInto(b, text, at, m.start());
            b.append(m.group());
            at = m.end();
        }
        escapeInto(b, text, at, text.length());
        return b.toString();
    }

    private static void escapeInto(StringBuilder b, String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> b.append(c);
            }
        }
    }

    /** Reply params with every string escaped for mrkdwn; people ({"@person": id}) are left for the format. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> escapeParams(Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, escapeValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object escapeValue(Object v) {
        if (v instanceof String s) {
            return escape(s);
        }
        if (v instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.containsKey("@person")) {
                return map;
            }
            return escapeParams((Map<String, Object>) map);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(escapeValue(o));
            }
            return out;
        }
        return v;
    }
}
