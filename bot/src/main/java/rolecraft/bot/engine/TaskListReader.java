package rolecraft.bot.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import rolecraft.bot.domain.Share;
import rolecraft.bot.understand.TimeReader;

/**
 * Reads the tasks a message lists, in the forms people use: one per line, bullets and numbers, several on a line
 * split by semicolons or commas (when each piece is a task), and a pasted paragraph or job description, split into
 * candidate tasks for the person to confirm. Each task's time is read by {@link TimeReader}.
 */
final class TaskListReader {

    /**
     * One task read: the line (text, share or problem) as {@link TaskLines} gives it, the hours per shift when the
     * shift's length is still unknown, and whether its time was a range or "most of my time".
     */
    record Item(TaskLines.Line line, Double perShift, boolean range, boolean most) {
    }

    /** What a message held: its tasks, whether they came from a paragraph (to confirm), a shift length it gave. */
    record Reading(List<Item> items, boolean paragraph, Double shiftHours) {
    }

    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*\u2022\u00b7>\u2013]+|\\(?\\d{1,2}[.):]|[a-z][.)])\\s+");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[a-z0-9)][.!?])\\s+(?=[A-Z])");
    private static final Pattern SEMICOLON = Pattern.compile("\\s*;\\s*");
    private static final Pattern COMMA = Pattern.compile("\\s*,\\s*(?!\\d)");
    private static final Pattern AND_CLAUSE = Pattern.compile(",\\s+and\\s+|;\\s*");
    private static final Pattern LEADING_AND = Pattern.compile("^(?:and|&|plus|also)\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern LEAD_IN = Pattern.compile(
            "^(?:i\\s+am\\s+|i'?m\\s+|you\\s+are\\s+|you\\s+will\\s+be\\s+|will\\s+be\\s+|is\\s+|the\\s+\\w+\\s+is\\s+)?"
                    + "(?:responsible\\s+for|in\\s+charge\\s+of|tasked\\s+with|duties\\s+include|responsibilities\\s+include"
                    + "|key\\s+responsibilities:?|my\\s+job\\s+is\\s+(?:to\\s+)?|i\\s+(?:also\\s+)?(?:do|handle)|you\\s+will)\\s+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EDGES = Pattern.compile("^[\\s\\-\u2013\u2014:,;|=~]++|(?<![\\s\\-\u2013\u2014:,;.(\\[|=~])[\\s\\-\u2013\u2014:,;.(\\[|=~]+$");
    /** The brackets a share stood in, left empty once it is taken out: "Triage tickets (10h)". */
    private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\(\\s*\\)|\\[\\s*\\]");
    private static final Pattern TRAILING_STOP = Pattern.compile("(?<![.!])[.!]+$");
    private static final int PARAGRAPH = 160;
    private static final int SHORT_PIECE_WORDS = 5;
    /** Two pieces on a line are two tasks only when both are this short. */
    private static final int PAIR_WORDS = 4;
    /** "A, B and C" splits its last "and" only when both sides are this short. */
    private static final int LIST_AND_WORDS = 3;
    /** A closing "etc" of a list. */
    private static final Pattern ETC = Pattern.compile("(?:and\\s+|&\\s*)?(?:etc\\.?|so\\s+on|more|stuff|the\\s+like|\\.{3}|\u2026)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LAST_AND = Pattern.compile("\\s+(?:and|&)\\s+|\\s*&\\s*", Pattern.CASE_INSENSITIVE);
    /** Words that make a piece go on from the one before it, or a lead-in, rather than a task of its own. */
    private static final Pattern GOES_ON = Pattern.compile("^(?:then|and|or|but|so|mostly|mainly|especially|"
            + "including|like|e\\.g|i\\.e|which|that|usually|often|sometimes|also|sure|ok|okay|well|yes|yeah|um|hmm|"
            + "i|i'm|im|my|we|it|this|for|with|to|from|at|in|on|by|about|not|no)\\b", Pattern.CASE_INSENSITIVE);

    private TaskListReader() {
    }

    /** Reads a message at the task step; {@code shiftHours} is the shift's length if known. */
    static Reading read(String message, Double shiftHours) {
        List<String> pieces = new ArrayList<>();
        boolean paragraph = false;
        for (String raw : TaskLines.LINE_BREAK.split(message)) {
            String line = BULLET.matcher(raw).replaceFirst("").strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() > PARAGRAPH && SENTENCE_END.matcher(line).find() || line.length() > 2 * PARAGRAPH) {
                paragraph = true;
                for (String sentence : SENTENCE_END.split(line)) {
                    for (String clause : AND_CLAUSE.split(sentence)) {
                        pieces.add(LEAD_IN.matcher(clause.strip()).replaceFirst(""));
                    }
                }
                continue;
            }
            pieces.addAll(splitLine(line, shiftHours));
        }
        Double shift = shiftHours;
        List<Item> items = new ArrayList<>();
        for (String piece : pieces) {
            String p = TRAILING_STOP.matcher(LEADING_AND.matcher(piece.strip()).replaceFirst("")).replaceFirst("");
            Optional<TimeReader.Time> time = TimeReader.find(p, shift);
            if (time.isPresent() && time.get().shiftHours() != null) {
                shift = time.get().shiftHours();
            }
            items.add(item(p, time));
        }
        return new Reading(items, paragraph, shift != null && !shift.equals(shiftHours) ? shift : null);
    }

    /**
     * A line holds several tasks when split by semicolons, or by commas when every piece reads as a task: each has
     * its own time, or none has and each is a short phrase ("charting, med admin and handoffs"; two of them only
     * when neither goes on from the other, as "then call them" or "mostly with clients" would). A closing "etc" is
     * no task.
     */
    private static List<String> splitLine(String line, Double shiftHours) {
        if (line.contains(";")) {
            return List.of(SEMICOLON.split(line));
        }
        List<String> parts = new ArrayList<>(List.of(COMMA.split(line)));
        if (parts.size() < 2) {
            return List.of(line);
        }
        boolean everyOneTimed = true;
        for (String part : parts) {
            everyOneTimed &= TimeReader.find(part, shiftHours).isPresent();
        }
        if (everyOneTimed) {
            return parts;
        }
        if (TimeReader.find(line, shiftHours).isPresent()) {
            return List.of(line);
        }
        while (parts.size() > 1 && ETC.matcher(parts.get(parts.size() - 1).strip()).matches()) {
            parts.remove(parts.size() - 1);
        }
        // "A, B and C": the last piece's "and" joins two items of the list when both are short.
        String[] last = LAST_AND.split(parts.get(parts.size() - 1).strip(), -1);
        if (parts.size() >= 2 && last.length == 2 && !last[0].isBlank() && !last[1].isBlank()
                && words(last[0]) <= LIST_AND_WORDS && words(last[1]) <= LIST_AND_WORDS) {
            parts.set(parts.size() - 1, last[0]);
            parts.add(last[1]);
        }
        boolean allShort = true;
        for (String part : parts) {
            allShort &= !part.isBlank() && words(part) <= SHORT_PIECE_WORDS;
        }
        boolean pair = parts.size() == 2 && words(parts.get(0)) <= PAIR_WORDS && words(parts.get(1)) <= PAIR_WORDS
                && !GOES_ON.matcher(parts.get(1).strip()).find() && !GOES_ON.matcher(parts.get(0).strip()).find();
        return allShort && (parts.size() >= 3 || pair) ? parts : List.of(line);
    }

    private static int words(String piece) {
        return TaskLines.BLANKS.split(piece.strip()).length;
    }

    private static Item item(String piece, Optional<TimeReader.Time> time) {
        if (time.isEmpty()) {
            return new Item(TaskLines.parseLine(piece), null, false, false);
        }
        TimeReader.Time t = time.get();
        String text = piece.substring(0, t.start()) + " " + piece.substring(t.end());
        text = EMPTY_BRACKETS.matcher(text).replaceAll(" ");
        text = EDGES.matcher(TaskLines.BLANKS.matcher(text.strip()).replaceAll(" ")).replaceAll("").strip();
        return new Item(check(text, t.share()), t.perShift(), t.range(), t.most());
    }

    private static TaskLines.Line check(String text, Share share) {
        if (text.length() < 3 || text.chars().filter(Character::isLetter).count() < 2) {
            return new TaskLines.Line(text, share, TaskLines.Problem.TOO_SHORT);
        }
        if (text.length() > TaskLines.MAX_TEXT) {
            return new TaskLines.Line(text.substring(0, TaskLines.MAX_TEXT), share, TaskLines.Problem.TOO_LONG);
        }
        if (share != null && share.amount() < 0) {
            return new TaskLines.Line(text, share, TaskLines.Problem.SHARE_NEGATIVE);
        }
        if (share != null && share.amount() == 0) {
            return new TaskLines.Line(text, share, TaskLines.Problem.SHARE_ZERO);
        }
        if (share != null && TaskLines.tooBig(share)) {
            return new TaskLines.Line(text, share, TaskLines.Problem.SHARE_TOO_BIG);
        }
        return new TaskLines.Line(text, share, null);
    }
}
