package rolecraft.adapters.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rolecraft.bot.Prompts;

/** Slack people as rolecraft ids ("slack:T1:U1"), mentions in and out, and mrkdwn escaping. */
final class SlackPeople {

    static final String PREFIX = "slack:";
    /** A label stops at the next '<', so that a message of many "<@U1|" is read once, not once from each. */
    private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]{1,40})(?:\\|[^<>]*+)?>");

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
    static List<String> mentions(CharSequence text, String team, String except) {
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

    /**
     * Escapes text for mrkdwn as Slack documents (&amp;, &lt;, &gt;), so that what people type shows as text:
     * a mention (&lt;@U1&gt;, &lt;!here&gt;), a channel or a link typed into a task is not made live. People are
     * mentioned only through {@link #FORMAT}, from ids Slack gave.
     */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Reply params with every string escaped for mrkdwn; people ({"@person": id}) are left for the format. */
    static Map<String, Object> escapeParams(Map<String, Object> params) {
        return Prompts.escaped(params, SlackPeople::escape);
    }
}
