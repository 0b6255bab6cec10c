package rolecraft.adapters.teams;

import java.util.Map;
import rolecraft.bot.Prompts;
import rolecraft.bot.domain.Reply;

/**
 * Replies rendered for Teams, whose message text and card TextBlocks are Markdown: every value in a reply
 * (what people typed: titles, tasks, answers, comments) and every person's name has its Markdown characters
 * escaped with a backslash, so that a typed link, image, heading or emphasis shows as the text it is.
 */
final class TeamsText {

    /** The characters that make Markdown (or the HTML it lets through) out of text; a backslash makes them text. */
    private static final String MARKUP = "\\`*_{}[]()<>#+-!|~:";

    private TeamsText() {
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (MARKUP.indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** A template for Teams, its values and people's names escaped. */
    static String render(Prompts prompts, String key, Map<String, Object> params, Prompts.PersonFormat people) {
        return prompts.render(key, Prompts.escaped(params, TeamsText::escape), id -> escape(people.name(id)));
    }

    /** Every value in {@code params} escaped, to be rendered more than once with {@link #renderEscaped}. */
    static Map<String, Object> escaped(Map<String, Object> params) {
        return Prompts.escaped(params, TeamsText::escape);
    }

    /** A template for Teams over params escaped already; people's names escaped. */
    static String renderEscaped(Prompts prompts, String key, Map<String, Object> escaped, Prompts.PersonFormat people) {
        return prompts.render(key, escaped, id -> escape(people.name(id)));
    }

    static String render(Prompts prompts, Reply reply, Prompts.PersonFormat people) {
        return render(prompts, reply.say().key(), reply.params(), people);
    }
}
