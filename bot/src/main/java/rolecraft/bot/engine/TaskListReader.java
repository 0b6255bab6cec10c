package rolecraft.bot.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.ShareUnit;
import rolecraft.bot.understand.LeadIns;
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
    private static final Pattern SEMICOLON = Pattern.compile("(?<!\\s)\\s*+;\\s*+");
    private static final Pattern COMMA = Pattern.compile("(?<!\\s)\\s*+(?:,(?!\\d)|(?<![?!])[?!]++(?=\\s))\\s*+");
    private static final Pattern AND_CLAUSE = Pattern.compile(",\\s+and\\s+|;\\s*");
    private static final Pattern LEADING_AND = Pattern.compile("^(?:and|&|plus|also|then|and\\s+then)\\s+",
            Pattern.CASE_INSENSITIVE);
    /** Words after which a number is a clock time, a place or a rank, not a share: "handoff at 7", "escalate to tier 2". */
    private static final Set<String> NAMES_A_NUMBER = Set.of("at", "@", "by", "till", "until", "from", "to", "before",
            "after", "around", "tier", "level", "grade", "year", "room", "ward", "bay", "gate", "floor", "route", "line",
            "step", "phase", "unit", "zone", "team", "no", "no.", "number", "#", "platform", "aisle", "dock", "bed");
    /** Words that led to a time taken out of the end of a task: "charting is like (half my shift)". */
    private static final Set<String> LINKS_TO_TIME = Set.of("is", "are", "take", "takes", "taking", "about", "around",
            "roughly", "like", "maybe", "probably", "prob", "approx", "approximately", "~", "=");
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
    private static final Pattern LAST_AND = Pattern.compile("(?<!\\s)(?:\\s++(?:and|&)\\s++|\\s*+&\\s*+)",
            Pattern.CASE_INSENSITIVE);
    /** Words that make a piece go on from the one before it, or a lead-in, rather than a task of its own. */
    private static final Pattern GOES_ON = Pattern.compile("^(?:then|and|or|but|so|mostly|mainly|especially|"
            + "including|like|e\\.g|i\\.e|which|that|usually|often|sometimes|also|sure|ok|okay|well|yes|yeah|um|hmm|"
            + "i|i'm|im|my|we|it|this|for|with|to|from|at|in|on|by|about|not|no)\\b", Pattern.CASE_INSENSITIVE);

    /**
     * A piece that takes whatever time the others leave: "rest family stuff", "the rest: admin", "remainder on
     * email", "everything else is meetings", or the same said after the task ("family stuff the rest").
     */
    private static final Pattern REST_FIRST = Pattern.compile("^(?:and\\s+)?(?:the\\s+)?(?:rest|remainder"
            + "|everything\\s+else|whatever'?s\\s+left|whatever\\s+is\\s+left|what'?s\\s+left)\\b(?:\\s+(?:is|goes\\s+to|on|for|of\\s+it|of\\s+the\\s+time)\\b)?"
            + "[\\s:\\-\u2013\u2014]*+(?<task>\\S.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern REST_LAST = Pattern.compile("(?<![\\s:\\-\u2013\u2014])(?:\\s*+[:\\-\u2013\u2014]\\s*+"
            + "(?:the\\s+)?|\\s++(?:for\\s+|is\\s+)?(?:most\\s+of\\s+)?the\\s+)(?:rest|remainder)(?:\\s+of\\s+(?:it|the\\s+time|my\\s+time))?$",
            Pattern.CASE_INSENSITIVE);
    /** Where "the rest" begins inside a piece that gave a time before it: "15 handoffs rest family stuff". */
    private static final Pattern REST_INSIDE = Pattern.compile("(?<!\\s)\\s++(?=(?:and\\s+)?(?:the\\s+)?(?:rest|remainder)\\b)",
            Pattern.CASE_INSENSITIVE);
    /** A number inside a line that starts an item of a list: " 2) ", " 3. ". */
    private static final Pattern INLINE_NUMBER = Pattern.compile("(?:^|(?<=\\s))(\\d{1,2})[.)]\\s++");
    /** "and", "&" or "plus" between two pieces. */
    private static final Pattern AND_BETWEEN = Pattern.compile("(?<!\\s)\\s++(?:and|&|plus)\\s++", Pattern.CASE_INSENSITIVE);
    /** Right after a time ("10%", "5h", "3 hrs"), where the next task begins: "cycle counts 10% forklift …". */
    private static final Pattern AFTER_A_TIME = Pattern.compile("(?<=%|\\d\\s?h|\\dh|hrs|hours|hr)\\s++(?=\\p{L})",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING_LINK = Pattern.compile("^(?:is|are|goes\\s+to|go\\s+to|spent\\s+on|on|doing|i'?m"
            + "|im)\\s++(?:(?:is|are|doing)\\s++)?", Pattern.CASE_INSENSITIVE);
    /** How much said without a number, at a piece's start: "mostly radio", "some covering no-shows". */
    static final Pattern QUANTITY = Pattern.compile("(?:mostly|mainly|largely|some|a\\s+bit\\s+of|a\\s+little(?:\\s+bit)?\\s+of"
            + "|a\\s+lot\\s+of|lots\\s+of|occasionally|sometimes|rarely|plus)\\s++", Pattern.CASE_INSENSITIVE);
    /** The quantities that say most of the time: asked about as "most of my time" is. */
    private static final Pattern QUANTITY_MOST = Pattern.compile("(?:mostly|mainly|largely|a\\s+lot\\s+of|lots\\s+of)\\b",
            Pattern.CASE_INSENSITIVE);
    /** A number with no unit at a piece's start or end ("20 med admin", "handoffs 15"), in a list whose shares have one. */
    private static final Pattern BARE_FIRST = Pattern.compile("^(\\d{1,3}(?:[.,]\\d)?)(?=\\s+\\p{L})");
    private static final Pattern BARE_LAST = Pattern.compile("(?<=\\p{L}\\s{1,3})(\\d{1,3}(?:[.,]\\d)?)$");
    /**
     * Words of hesitation before the first share of a list, not part of its task: "idk like 40% charting",
     * "um so maybe 30% triage".
     */
    private static final Pattern HEDGE = Pattern.compile("^(?:(?:idk|i\\s+dunno|dunno|i\\s+guess|i\\s+think|i'?d\\s+say"
            + "|like|um+|uh+|erm|so|maybe|probably|prob|roughly|approx|ok|okay|well|hmm+)\\b[\\s,]*+)++(?=\\d)",
            Pattern.CASE_INSENSITIVE);

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
        int rest = -1;
        for (String piece : pieces) {
            String p = TRAILING_STOP.matcher(LEADING_AND.matcher(piece.strip()).replaceFirst("")).replaceFirst("");
            p = HEDGE.matcher(p).replaceFirst("");
            boolean mostly = false;
            Matcher quantity = QUANTITY.matcher(p);
            if (pieces.size() > 1 && quantity.lookingAt() && quantity.end() < p.length()) {
                mostly = QUANTITY_MOST.matcher(p).lookingAt();
                p = p.substring(quantity.end());
            }
            Optional<TimeReader.Time> time = TimeReader.find(p, shift);
            if (time.isPresent() && time.get().shiftHours() != null) {
                shift = time.get().shiftHours();
            }
            Optional<String> restOf = time.isEmpty() && rest < 0 ? rest(p) : Optional.empty();
            if (restOf.isPresent()) {
                rest = items.size();
                p = restOf.get();
            }
            Item item = item(p, time);
            if (mostly && time.isEmpty()) {
                item = new Item(item.line(), null, false, true);
            }
            items.add(item);
        }
        Item restItem = rest >= 0 ? items.get(rest) : null;
        items = timesJoined(items);
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == restItem) {
                items = withRest(items, i);
                break;
            }
        }
        return new Reading(items, paragraph, shift != null && !shift.equals(shiftHours) ? shift : null);
    }

    /**
     * A piece that is only a time ("service calls most of the day, maybe 60%?") gives it to the task before it when
     * that one has none, or only "most of my time".
     */
    private static List<Item> timesJoined(List<Item> items) {
        List<Item> out = new ArrayList<>();
        for (Item item : items) {
            TaskLines.Line line = item.line();
            boolean timeAlone = line.problem() == TaskLines.Problem.TOO_SHORT && line.text().chars().noneMatch(Character::isLetter)
                    && (line.share() != null || item.perShift() != null);
            Item before = out.isEmpty() ? null : out.get(out.size() - 1);
            if (timeAlone && before != null && before.line().problem() == null
                    && (before.line().share() == null && before.perShift() == null || before.most())) {
                out.set(out.size() - 1, new Item(check(before.line().text(), line.share()), item.perShift(), item.range(),
                        false));
                continue;
            }
            out.add(item);
        }
        return out;
    }

    /** The task of a piece that takes the time left ("rest family stuff" → "family stuff"), if it is one. */
    private static Optional<String> rest(String piece) {
        if (piece.length() > TaskLines.MAX_TEXT) {
            return Optional.empty();
        }
        Matcher first = REST_FIRST.matcher(piece);
        if (first.matches()) {
            return Optional.of(first.group("task"));
        }
        Matcher last = REST_LAST.matcher(piece);
        return last.find() && last.start() > 0 ? Optional.of(piece.substring(0, last.start())) : Optional.empty();
    }

    /**
     * The piece at {@code rest} gets the percent the others leave, when every other piece has a percent share and
     * they leave some; otherwise it stays without a share, to be asked about like any other.
     */
    private static List<Item> withRest(List<Item> items, int rest) {
        double used = 0;
        for (int i = 0; i < items.size(); i++) {
            Share s = items.get(i).line().share();
            if (i == rest) {
                continue;
            }
            if (s == null || s.unit() != ShareUnit.PERCENT || items.get(i).line().problem() != null) {
                return items;
            }
            used += s.amount();
        }
        if (used <= 0 || used >= 100) {
            return items;
        }
        List<Item> out = new ArrayList<>(items);
        TaskLines.Line line = items.get(rest).line();
        out.set(rest, new Item(check(line.text(), Share.percent(Math.round((100 - used) * 10) / 10.0)), null, false, false));
        return out;
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
        List<String> parts = new ArrayList<>();
        for (String piece : numberedApart(line)) {
            for (String part : COMMA.split(piece)) {
                parts.addAll(timedApart(part, shiftHours));
            }
        }
        if (parts.size() < 2) {
            return List.of(line);
        }
        restApart(parts, shiftHours);
        carryUnit(parts, shiftHours);
        boolean everyOneTimed = true;
        boolean restSeen = false;
        for (String part : parts) {
            String p = HEDGE.matcher(part.strip()).replaceFirst("");
            boolean timed = TimeReader.find(p, shiftHours).isPresent() || QUANTITY.matcher(p).lookingAt();
            boolean isRest = !timed && !restSeen && rest(p).isPresent();
            restSeen |= isRest;
            everyOneTimed &= timed || isRest;
        }
        if (everyOneTimed && (!restSeen || parts.size() > 1)) {
            return parts;
        }
        // Most pieces timed, the others short ("charting half my shift, meds 2 hrs, then handoff"): a task each, the
        // untimed ones asked about.
        int timed = 0;
        boolean othersShort = true;
        for (String part : parts) {
            if (TimeReader.find(part, shiftHours).isPresent()) {
                timed++;
            } else {
                othersShort &= !part.isBlank() && words(part) <= SHORT_PIECE_WORDS;
            }
        }
        if (timed >= 2 && 2 * timed >= parts.size() && othersShort) {
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

    /**
     * In a list where some pieces have a time and others only a number ("40% charting, 20 med admin, handoffs 15"),
     * each bare number takes the unit of the first time given.
     */
    private static void carryUnit(List<String> parts, Double shiftHours) {
        String unit = null;
        for (String part : parts) {
            String p = HEDGE.matcher(part.strip()).replaceFirst("");
            Optional<TimeReader.Time> t = TimeReader.find(p, shiftHours);
            if (t.isPresent()) {
                String said = p.substring(t.get().start(), t.get().end());
                int digits = 0;
                while (digits < said.length() && (Character.isDigit(said.charAt(digits)) || said.charAt(digits) == '.'
                        || said.charAt(digits) == ',')) {
                    digits++;
                }
                unit = digits > 0 && digits < said.length() ? said.substring(digits) : null;
                if (unit != null) {
                    break;
                }
            }
        }
        if (unit == null) {
            return;
        }
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i).strip();
            if (TimeReader.find(p, shiftHours).isPresent()) {
                continue;
            }
            Matcher first = BARE_FIRST.matcher(p);
            Matcher last = BARE_LAST.matcher(p);
            if (first.find()) {
                parts.set(i, first.group(1) + unit + p.substring(first.end()));
            } else if (last.find() && !NAMES_A_NUMBER.contains(wordBefore(p, last.start()))) {
                parts.set(i, p.substring(0, last.start()) + last.group(1) + unit);
            }
        }
    }

    /**
     * A line numbered inside ("taking minutes 40% 2) docketing 25% 3) filing"; its "1)" went as a bullet): a piece
     * for each number, when they run 2, 3, … in order.
     */
    private static List<String> numberedApart(String line) {
        Matcher m = INLINE_NUMBER.matcher(line);
        List<String> out = new ArrayList<>();
        int from = 0;
        int expected = 2;
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n == 1 && out.isEmpty() && from == 0 && line.substring(0, m.start()).isBlank()) {
                from = m.end();
                continue;
            }
            if (n != expected) {
                return List.of(line);
            }
            out.add(line.substring(from, m.start()));
            from = m.end();
            expected++;
        }
        if (out.isEmpty()) {
            return List.of(line);
        }
        out.add(line.substring(from));
        return out;
    }

    /**
     * Pieces that each have a time, said without a comma between them: "room inspections 30% and the daily board
     * 15%", "cycle counts 10% forklift training 5%". Split only when every piece has its own time.
     */
    private static List<String> timedApart(String piece, Double shiftHours) {
        String[] byAnd = AND_BETWEEN.split(piece);
        if (byAnd.length > 1 && allTimed(byAnd, shiftHours)) {
            return List.of(byAnd);
        }
        String[] afterTime = AFTER_A_TIME.split(piece);
        if (afterTime.length > 1 && allTimed(afterTime, shiftHours)) {
            return List.of(afterTime);
        }
        return List.of(piece);
    }

    private static boolean allTimed(String[] pieces, Double shiftHours) {
        for (String p : pieces) {
            if (p.isBlank() || TimeReader.find(p, shiftHours).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** A piece with a time and then "the rest …" is two pieces. */
    private static void restApart(List<String> parts, Double shiftHours) {
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            Matcher m = REST_INSIDE.matcher(p);
            String before = m.find() ? p.substring(0, m.start()) : "";
            // The piece before has a time, or a bare number that takes the list's unit ("charting 15 and the rest …").
            if (!before.isEmpty() && (TimeReader.find(before, shiftHours).isPresent()
                    || BARE_LAST.matcher(before).find() || BARE_FIRST.matcher(before.strip()).find())
                    && rest(p.substring(m.end())).isPresent()) {
                parts.set(i, p.substring(0, m.start()));
                parts.add(i + 1, p.substring(m.end()));
                return;
            }
        }
    }

    /** The word that ends right before {@code at} (blanks between), in lower case. */
    private static String wordBefore(String text, int at) {
        int end = at;
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        return text.substring(start, end).toLowerCase(Locale.ROOT);
    }

    private static int words(String piece) {
        return TaskLines.BLANKS.split(piece.strip()).length;
    }

    private static Item item(String piece, Optional<TimeReader.Time> time) {
        if (time.isEmpty()) {
            return new Item(TaskLines.parseLine(piece), null, false, false);
        }
        TimeReader.Time t = time.get();
        String before = piece.substring(0, t.start());
        if (piece.substring(t.end()).isBlank()) {
            before = LeadIns.withoutTrailing(before.stripTrailing(), LINKS_TO_TIME);
        }
        String after = piece.substring(t.end());
        if (before.isBlank()) {
            // "(the other half) is scheduling", "(20%) on rotas": the words that led from the time to the task.
            after = LEADING_LINK.matcher(after.strip()).replaceFirst("");
        }
        String text = before + " " + after;
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
