package rolecraft.bot.understand;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What people put around an answer in chat, taken off so the answer is kept as meant: "um I'm a nurse I guess, ICU"
 * is the title "nurse, ICU"; "my manager is bob" names bob. The answer itself is never rewritten.
 */
public final class LeadIns {

    /** Words of hesitation or emphasis before an answer. */
    private static final String FILLER = "(?:um+|uh+|erm|er|hmm+|well|so|ok|okay|oh|fine|sure|yeah|yes|yep|alright"
            + "|honestly|basically|technically"
            + "|officially|currently|right now|at the moment)";
    /** What may come before a title: a filler set off by a comma, or a lead-in ("I'm a", "my title is"). */
    private static final Pattern TITLE_START = Pattern.compile("^(?:" + FILLER + "\\s*+[,.!]\\s*+)*+"
            + "(?:(?:" + FILLER + "\\s++)*+(?:i'?m\\s+working\\s+as|i\\s+work\\s+as|working\\s+as|i'?m|im|i\\s+am"
            + "|my\\s+(?:job\\s+)?(?:title|role|job|position)\\s+is|(?:job\\s+)?title\\s*:|it'?s)\\s++"
            + "(?:" + FILLER + "[\\s,]++)*+(?:an?\\s++|the\\s++)?)?", Pattern.CASE_INSENSITIVE);
    /** A closing hedge, alone or set off by commas: "I guess", "I think", "lol". */
    private static final Pattern HEDGE = Pattern.compile("(?<![\\s,])[\\s,]*+\\b(?:i\\s+guess|i\\s+think|i\\s+suppose"
            + "|lol|haha|technically|officially|basically)\\b(?=\\s*+(?:[,.!]|$))", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANSWER_START = Pattern.compile("^(?:(?:honestly|tbh|um+|uh+|erm|hmm+|well|so|idk|i\\s+guess)"
            + "\\s*+[,.!:-]\\s*+)++", Pattern.CASE_INSENSITIVE);
    /** Words of chat that end an answer without adding to it: "cooking lol", "pet owners obv". */
    private static final Set<String> CHAT_TAIL = Set.of("lol", "lmao", "tbh", "haha", "hahaha", "hehe", "obv", "ngl", "idk",
            "i guess");
    private static final Pattern EDGES = Pattern.compile("^[\\s,.;:!-]++|(?<![\\s,.;:!-])[\\s,.;:!-]++$");
    private static final Pattern PERSON_START = Pattern.compile("^(?:" + FILLER + "[\\s,.!]++)*+"
            + "(?:(?:my\\s+)?(?:manager|boss|line\\s+manager|supervisor|lead)(?:'s|\\s+is|\\s*:)|it'?s|its|that'?s"
            + "|that\\s+would\\s+be|i\\s+report\\s+to)\\s++", Pattern.CASE_INSENSITIVE);

    private LeadIns() {
    }

    /** A job title as typed, without the words around it; the text as typed when nothing would be left. */
    public static String title(String typed) {
        String t = TITLE_START.matcher(typed.strip()).replaceFirst("");
        t = HEDGE.matcher(t).replaceAll("");
        t = EDGES.matcher(t).replaceAll("");
        return t.chars().anyMatch(Character::isLetter) ? t : typed.strip();
    }

    /** An answer as typed, without a chat tail ("lol", "tbh", "haha") or a hedge before it ("honestly,"). */
    public static String answer(String typed) {
        String t = ANSWER_START.matcher(typed.strip()).replaceFirst("");
        t = withoutTrailing(t, CHAT_TAIL);
        return t.chars().anyMatch(Character::isLetterOrDigit) ? t : typed.strip();
    }

    /**
     * {@code text} without any of {@code words} at its end (each a word or a few, in any case, with ",.!:)" after
     * it), taken off one at a time from the end; never all of it. The chat tail of an answer, the words that led a
     * task to its time, the words that led a task's name to its call.
     */
    public static String withoutTrailing(String text, Set<String> words) {
        int end = text.length();
        boolean cut = true;
        while (cut) {
            cut = false;
            int e = end;
            while (e > 0 && (Character.isWhitespace(text.charAt(e - 1)) || ",.!:)".indexOf(text.charAt(e - 1)) >= 0)) {
                e--;
            }
            for (String w : words) {
                int start = e - w.length();
                if (start > 0 && Character.isWhitespace(text.charAt(start - 1)) && text.regionMatches(true, start, w, 0,
                        w.length())) {
                    end = start;
                    cut = true;
                    break;
                }
            }
        }
        while (end > 0 && (Character.isWhitespace(text.charAt(end - 1)) || text.charAt(end - 1) == ',')) {
            end--;
        }
        return text.substring(0, end);
    }

    /** The person a reply names, without "my manager is" or "it's" before it. */
    public static String person(String typed) {
        String t = PERSON_START.matcher(typed.strip()).replaceFirst("");
        return t.isEmpty() ? typed.strip() : t;
    }
}
