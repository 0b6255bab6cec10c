package rolecraft.bot.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import rolecraft.bot.domain.Task;

/**
 * Finds the task a person names in their own words ("reports" for "Weekly reports", "quotes" for "quoting jobs"):
 * every word they said must name the task, in its form or another form of it (the same first letters); a word the
 * task holds as it is counts more than one it holds only in another form. No task, or two equally named: none.
 */
final class TaskNames {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");
    private static final int STEM = 4;

    private TaskNames() {
    }

    /** The number (1-based) of the one task {@code said} names among those {@code eligible}, or 0. */
    static int find(Set<String> said, List<Task> tasks, Predicate<Task> eligible) {
        if (said.isEmpty()) {
            return 0;
        }
        int best = 0;
        int bestScore = 0;
        boolean tie = false;
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            if (!eligible.test(task)) {
                continue;
            }
            Set<String> exact = new HashSet<>();
            words(task.text()).forEach(w -> exact.add(plain(w)));
            Set<String> stems = new HashSet<>();
            exact.forEach(w -> stems.add(stem(w)));
            int score = 0;
            for (String w : said) {
                if (!stems.contains(stem(w))) {
                    score = 0;
                    break;
                }
                score += exact.contains(plain(w)) ? 2 : 1;
            }
            if (score > bestScore) {
                best = i + 1;
                bestScore = score;
                tie = false;
            } else if (score == bestScore && score > 0) {
                tie = true;
            }
        }
        return best == 0 || tie ? 0 : best;
    }

    /** The words of {@code text} in lower case, each once; numbers alone are no words. */
    static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (!w.isEmpty() && w.chars().anyMatch(Character::isLetter)) {
                out.add(w);
            }
        }
        return out;
    }

    /** A word without its possessive or plural ending. */
    private static String plain(String w) {
        String s = w.endsWith("'s") ? w.substring(0, w.length() - 2) : w;
        return s.length() > 3 && s.endsWith("s") ? s.substring(0, s.length() - 1) : s;
    }

    private static String stem(String w) {
        String s = plain(w);
        return s.length() > STEM ? s.substring(0, STEM) : s;
    }
}
