package rolecraft.bot.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Task;

/** Finds where what a person says about their work contradicts a call: the part they love is set to automate. */
final class Contradictions {

    private static final Pattern NON_LETTERS = Pattern.compile("[^\\p{L}]+");
    /** Words this long or longer are compared by their first letters, so "reconciling" meets "reconciliations". */
    private static final int STEM = 6;
    private static final int SHORTEST = 5;

    /** Words that say a piece of work matters to the person, whatever the question was. */
    private static final Pattern ATTACHED = Pattern.compile("\\b(?:love|loves|enjoy|enjoys|favou?rite|hate\\s+to\\s+lose"
            + "|would\\s+miss|i'?d\\s+miss|best\\s+part|proud|mine|keep\\s+doing|most\\s+rewarding)\\b",
            Pattern.CASE_INSENSITIVE);

    private Contradictions() {
    }

    /**
     * The number of the first automated task an answer to any question names as work that matters to the person
     * ("I love the reconciliations", "I'd miss the audits"), or 0.
     */
    static int automatedTaskCherished(String answer, List<Task> tasks) {
        return ATTACHED.matcher(answer).find() ? automatedTaskNamed(answer, tasks) : 0;
    }

    /** The number (1-based) of the first automated task the answer names, or 0. */
    static int automatedTaskNamed(String answer, List<Task> tasks) {
        Set<String> said = stems(answer);
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).aiRole() == AiRole.AUTOMATE && stems(tasks.get(i).text()).stream().anyMatch(said::contains)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static Set<String> stems(String text) {
        Set<String> out = new HashSet<>();
        for (String w : NON_LETTERS.split(text.toLowerCase(Locale.ROOT))) {
            if (w.length() >= SHORTEST) {
                out.add(w.length() > STEM ? w.substring(0, STEM) : w);
            }
        }
        return out;
    }
}
