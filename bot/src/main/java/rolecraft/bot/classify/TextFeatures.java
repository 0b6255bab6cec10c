package rolecraft.bot.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Tokenising and light stemming shared by training and inference. */
final class TextFeatures {

    /** Leading words of chat phrasing that are not the task's verb. */
    private static final Set<String> LEAD_FILLER = Set.of(
            "i", "we", "to", "my", "our", "the", "a", "an", "also", "then", "and", "please",
            "usually", "often", "sometimes", "always", "mostly", "daily", "weekly", "monthly",
            "need", "have", "must", "should", "will", "can", "just", "try", "help");

    private TextFeatures() {
    }

    /** Lower-cased alphanumeric tokens, lightly stemmed. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        String s = text.toLowerCase(Locale.ROOT);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '\'')) {
                i++;
            }
            String tok = s.substring(start, i);
            if (tok.endsWith("'s")) {
                tok = tok.substring(0, tok.length() - 2);
            }
            tok = tok.replace("'", "");
            if (!tok.isEmpty()) {
                out.add(stem(tok));
            }
        }
        return out;
    }

    /** Conservative suffix stripping: plurals and third-person -s only. */
    static String stem(String t) {
        int n = t.length();
        if (n <= 3 || !Character.isLetter(t.charAt(n - 1))) {
            return t;
        }
        if (t.endsWith("ies") && n > 4) {
            return t.substring(0, n - 3) + "y";
        }
        if (t.endsWith("sses") || t.endsWith("xes") || t.endsWith("ches") || t.endsWith("shes")) {
            return t.substring(0, n - 2);
        }
        if (t.endsWith("s") && !t.endsWith("ss") && !t.endsWith("us") && !t.endsWith("is")) {
            return t.substring(0, n - 1);
        }
        return t;
    }

    /** Unigrams and bigrams of the token list. */
    static List<String> ngrams(List<String> toks) {
        List<String> out = new ArrayList<>(toks.size() * 2);
        out.addAll(toks);
        for (int i = 0; i + 1 < toks.size(); i++) {
            out.add(toks.get(i) + ' ' + toks.get(i + 1));
        }
        return out;
    }

    /** The first token that is likely the task's main verb, or "" if none. */
    static String leadVerb(List<String> toks) {
        for (int i = 0; i < Math.min(toks.size(), 4); i++) {
            String t = toks.get(i);
            if (!LEAD_FILLER.contains(t)) {
                return t;
            }
        }
        return "";
    }
}
