package rolecraft.bot.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.Task;
import rolecraft.bot.understand.TimeReader;

/**
 * Reads a reply to the step where the person confirms or corrects what each task AI takes part in will take after
 * the change: the figures look right, they can't say, or their own figure for some tasks, by number ("2 3h",
 * "2: 3h a week") or by name ("reports more like 3 hours"). Anything else is no reply to this step.
 */
final class TimeAfter {

    /** What the reply says. */
    sealed interface Reading permits Confirm, Unknown, Figures {
    }

    /** The figures shown look right. */
    record Confirm() implements Reading {
    }

    /** The person can't say: the estimates stay the bot's. */
    record Unknown() implements Reading {
    }

    /** The person's own figures, by task number (1-based), each in the unit they said it. */
    record Figures(Map<Integer, Share> byTask) implements Reading {
    }

    private static final int LONGEST = 300;

    private static final Pattern CONFIRM = Pattern.compile("^(?:(?:yes|yeah|yep|yup|ok|okay|sure)[,!.\\s]+)?"
            + "(?:ok|okay|k|yes|yeah|yep|yup|y|sure|fine|good|correct|right|lgtm|agreed?|spot\\s+on"
            + "|(?:(?:that|those|these|it|they|all|the\\s+figures?|the\\s+numbers?|(?:the\\s+)?rest|(?:the\\s+)?others?)\\s+)?(?:looks?|seems?|sounds?|is|are|'s|'re)\\s+"
            + "(?:about\\s+|roughly\\s+|pretty\\s+much\\s+|more\\s+or\\s+less\\s+)?"
            + "(?:right|good|fine|ok|okay|correct|accurate|reasonable|about\\s+right)"
            + "|(?:about|roughly|pretty\\s+much|more\\s+or\\s+less)\\s+right|that'?s\\s+(?:about\\s+)?right"
            + "|(?:keep|use)\\s+(?:them|those|these)\\s+as\\s+mine)"
            + "(?:[,\\s]+(?:thanks|thank\\s+you|thx|ty))?[\\s.!]*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNKNOWN = Pattern.compile("^(?:(?:honestly|um+|hmm+|well)[,\\s]+)?"
            + "(?:idk|i\\s+don'?t\\s+know|i\\s+do\\s+not\\s+know|dunno|no\\s+idea|not\\s+sure|no\\s+clue|hard\\s+to\\s+say"
            + "|can'?t\\s+say|i'?m\\s+not\\s+sure|unsure|no\\s+clue|(?:leave|keep)\\s+(?:them|those|these|it)(?:\\s+as\\s+"
            + "(?:they\\s+are|your\\s+estimates?|estimates?))?|(?:use|keep)\\s+your\\s+estimates?)"
            + "(?:[,\\s]+(?:really|tbh|honestly|sorry))?[\\s.!]*$", Pattern.CASE_INSENSITIVE);
    /** Where a reply holding several corrections splits: commas, semicolons, line breaks, "and". */
    private static final Pattern PIECES = Pattern.compile("(?<!\\s)\\s*+(?:[,;\\n]|\\band\\b|&)\\s*+",
            Pattern.CASE_INSENSITIVE);
    /** A piece that says the rest are fine ("the rest look right"): it corrects nothing. */
    private static final Pattern REST_FINE = Pattern.compile("^(?:(?:the\\s+)?(?:rest|others?|other\\s+ones?)\\s+)?"
            + "(?:(?:looks?|seems?|is|are)\\s+)?(?:ok|okay|fine|good|right|correct)[\\s.!]*$", Pattern.CASE_INSENSITIVE);
    /** Words around a figure given by name that say nothing about which task it is. */
    private static final Set<String> FILLER = Set.of("more", "like", "is", "about", "around", "roughly", "maybe",
            "prob", "probably", "closer", "to", "takes", "take", "would", "will", "be", "should", "only", "actually",
            "really", "the", "a", "an", "one", "task", "for", "i'd", "id", "say", "guess", "think", "i", "it's", "its",
            "then", "just", "still", "now", "after", "down", "drops", "goes", "go", "my", "of", "with", "ai",
            "on", "that", "this", "at", "least", "most", "tops", "ish", "hmm", "um", "oh", "no", "so", "well");

    private TimeAfter() {
    }

    /** What {@code text} says to the step about {@code tasks}, or empty when it is no reply to it. */
    static Optional<Reading> read(String text, List<Task> tasks) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > LONGEST) {
            return Optional.empty();
        }
        if (CONFIRM.matcher(t).matches()) {
            return Optional.of(new Confirm());
        }
        if (UNKNOWN.matcher(t).matches()) {
            return Optional.of(new Unknown());
        }
        Map<Integer, Share> whole = new LinkedHashMap<>();
        if (figure(t, tasks, whole)) {
            return Optional.of(new Figures(whole));
        }
        Map<Integer, Share> byTask = new LinkedHashMap<>();
        for (String piece : PIECES.split(t)) {
            if (piece.isBlank() || REST_FINE.matcher(piece).matches()) {
                continue;
            }
            if (!figure(piece, tasks, byTask)) {
                return Optional.empty();
            }
        }
        return byTask.isEmpty() ? Optional.empty() : Optional.of(new Figures(byTask));
    }

    /** Reads one figure for one task from {@code piece} into {@code into}; false when the piece is not that. */
    private static boolean figure(String piece, List<Task> tasks, Map<Integer, Share> into) {
        Optional<TaskEdits.Edit> edit = TaskEdits.tasks(piece);
        if (edit.isPresent() && edit.get() instanceof TaskEdits.Reshare r && r.share().amount() > 0) {
            into.put(r.n(), r.share());
            return true;
        }
        Optional<TimeReader.Time> time = TimeReader.find(piece, null);
        if (time.isEmpty() || time.get().share() == null || time.get().range() || time.get().most()) {
            return false;
        }
        String before = piece.substring(0, time.get().start());
        String after = piece.substring(time.get().end());
        if ((before + after).chars().anyMatch(Character::isDigit)) {
            // Another number around it: more than one figure, read piece by piece.
            return false;
        }
        Set<String> said = TaskNames.words(before + " " + after);
        said.removeIf(FILLER::contains);
        if (said.isEmpty()) {
            return false;
        }
        // Every word that is not filler must name the task ("reports more like 3 hours", never a sentence about
        // hours).
        int best = TaskNames.find(said, tasks, t -> t.aiRole() != AiRole.HUMAN);
        if (best == 0) {
            return false;
        }
        into.put(best, time.get().share());
        return true;
    }
}
