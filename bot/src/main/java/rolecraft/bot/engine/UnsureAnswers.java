package rolecraft.bot.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import rolecraft.bot.domain.AiRole;

/**
 * Reads an answer in words to the question asked about a call the classifier was unsure of ("Could AI draft this
 * for you to check, or does it need you throughout?"): "AI could draft it" is augment, "it needs me throughout" or
 * "AI can't do that" is human. Nothing when the reply is no clear answer, or a question of its own.
 */
final class UnsureAnswers {

    /** Longer replies are no short answer to an either-or question. */
    private static final int LONGEST = 300;
    private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "cant", "cannot", "couldnt", "wouldnt",
            "shouldnt", "wont", "doesnt", "dont", "nope", "nah");
    private static final Set<String> AUGMENT_CUES = Set.of("draft", "drafts", "drafting", "assist", "assists",
            "assisting", "first", "prepare", "prepares", "suggest", "suggests");
    private static final Set<String> HUMAN_CUES = Set.of("throughout", "second", "myself", "mine");
    /** Two words side by side that say the work needs the person: "needs me", "need someone". */
    private static final Set<String> NEEDS = Set.of("need", "needs", "needed");
    private static final Set<String> PEOPLE = Set.of("me", "us", "someone", "somebody", "person", "human", "people");

    private UnsureAnswers() {
    }

    /** The call the reply gives, if it gives one clearly. */
    static Optional<AiRole> read(CharSequence text) {
        if (text.length() > LONGEST) {
            return Optional.empty();
        }
        List<String> words = words(text);
        if (words == null || words.isEmpty()) {
            return Optional.empty();
        }
        AiRole named = null;
        for (String w : words) {
            Optional<AiRole> role = AiRole.parse(w);
            if (role.isPresent()) {
                if (named != null && named != role.get()) {
                    return Optional.empty();
                }
                named = role.get();
            }
        }
        if (named != null) {
            return Optional.of(named);
        }
        boolean negated = false;
        boolean augment = false;
        boolean human = false;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            negated |= NEGATIONS.contains(w);
            augment |= AUGMENT_CUES.contains(w);
            human |= HUMAN_CUES.contains(w) || (NEEDS.contains(w) && i + 1 < words.size()
                    && (PEOPLE.contains(words.get(i + 1)) || words.get(i + 1).equals("a") && i + 2 < words.size()
                    && PEOPLE.contains(words.get(i + 2))));
        }
        if (human || negated && augment) {
            // "it needs me throughout", and "AI can't draft that" or "no, it couldn't draft it".
            return Optional.of(AiRole.HUMAN);
        }
        return augment ? Optional.of(AiRole.AUGMENT) : Optional.empty();
    }

    /** The reply's words, lower case, apostrophes dropped ("can't" is "cant"); null for a question. */
    private static List<String> words(CharSequence text) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '?') {
                return null;
            }
            if (Character.isLetter(c)) {
                w.append(Character.toLowerCase(c));
            } else if (c != '\'' && c != '\u2019') {
                if (!w.isEmpty()) {
                    out.add(w.toString());
                    w.setLength(0);
                }
            }
        }
        if (!w.isEmpty()) {
            out.add(w.toString());
        }
        return out;
    }
}
