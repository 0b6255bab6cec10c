package rolecraft.bot.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rolecraft.bot.domain.Share;

/**
 * Reads task lines such as "Prepare the monthly report - 30%", "Triage tickets 10h" or
 * "4 hours/week: write specs" into a task text and an optional share of time.
 */
public final class TaskLines {

    /** Longest task text accepted, in characters. */
    public static final int MAX_TEXT = 300;

    /** One line read: either a task (with or without a share) or a problem to tell the employee. */
    public record Line(String text, Share share, Problem problem) {
    }

    /** Why a line could not be taken. */
    public enum Problem {
        TOO_SHORT, TOO_LONG, SHARE_ZERO, SHARE_NEGATIVE, SHARE_TOO_BIG
    }

    /*
     * Every pattern here runs in time linear in the line, whatever it holds: a run of blanks or separators is
     * taken whole (possessive) and is entered only from its first character, so no run is scanned again from
     * each of its positions. TaskLinesTest counts the characters the patterns read to keep it so.
     */
    private static final String NUMBER = "(\\d{1,4}(?:[.,]\\d{1,2})?)";
    private static final String UNIT =
            "(%|per\\s?cent\\b|pct\\b|h\\b|hrs?\\b|hours?\\b)";
    private static final String PERIOD =
            "(?:\\s*+(?:/|per\\b|a\\b|an\\b|each\\b|every\\b)?\\s*+(week|wk|w|day|d|daily|weekly|month|mo|monthly)\\b)?";
    private static final String SHARE = NUMBER + "\\s*+" + UNIT + PERIOD;
    /** What may stand between a task and a share written after it: blanks, dashes, colons, an opening bracket. */
    private static final String SEPARATORS = "\\s\\-\u2212\u2013\u2014:,;(\\[|=~";
    /** A minus sign written right before a number: the share is negative. */
    private static final String MINUS = "-\u2212";
    private static final Pattern AT_END = Pattern.compile(
            "^(.*?[^" + SEPARATORS + "])??[" + SEPARATORS + "]*+" + SHARE + "[\\s)\\].]*+$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AT_START = Pattern.compile(
            "^[(\\[]?([" + MINUS + "])?" + SHARE + "[)\\]]?[\\s\\-\u2013\u2014:,;|=~]+(.+)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ONLY = Pattern.compile("^\\s*+([" + MINUS + "])?" + SHARE + "\\s*+$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BULLET = Pattern.compile("(?<!\\s)\\s*+(?:[-*\u2022\u00b7>]++|\\d{1,2}[.)])\\s++");
    /** Characters dropped from the end of a task's text, with blanks. */
    private static final String TRAILING = "-\u2212\u2013\u2014:,;([|=~";
    /** A line break of any kind, and a run of blanks: compiled once (String's split and replaceAll compile anew). */
    static final Pattern LINE_BREAK = Pattern.compile("\\R");
    static final Pattern BLANKS = Pattern.compile("\\s+");

    private TaskLines() {
    }

    /** Reads every non-blank line of a message. */
    public static List<Line> parse(CharSequence message) {
        List<Line> out = new ArrayList<>();
        Matcher breaks = LINE_BREAK.matcher(message);
        int from = 0;
        while (from <= message.length()) {
            int to = breaks.find(from) ? breaks.start() : message.length();
            CharSequence raw = message.subSequence(from, to);
            Matcher bullet = BULLET.matcher(raw);
            int start = bullet.lookingAt() ? bullet.end() : 0;
            CharSequence line = strip(raw, start, raw.length());
            if (line.length() > 0) {
                out.add(parseLine(line));
            }
            from = to == message.length() ? to + 1 : breaks.end();
        }
        return out;
    }

    static Line parseLine(CharSequence line) {
        String text = line.toString();
        Share share = null;
        Matcher end = AT_END.matcher(line);
        if (end.matches() && end.group(1) != null && !end.group(1).isBlank()) {
            text = end.group(1);
            share = toShare(minusBefore(line, end.start(2)), end.group(2), end.group(3), end.group(4));
        } else {
            Matcher start = AT_START.matcher(line);
            if (start.matches()) {
                text = start.group(5);
                share = toShare(start.group(1) != null, start.group(2), start.group(3), start.group(4));
            }
        }
        text = strip(text, 0, text.length()).toString();
        int cut = text.length();
        while (cut > 0 && (Character.isWhitespace(text.charAt(cut - 1)) || TRAILING.indexOf(text.charAt(cut - 1)) >= 0)) {
            cut--;
        }
        text = BLANKS.matcher(text.substring(0, cut)).replaceAll(" ");
        if (text.length() < 3 || text.chars().filter(Character::isLetter).count() < 2) {
            return new Line(text, share, Problem.TOO_SHORT);
        }
        if (text.length() > MAX_TEXT) {
            return new Line(text.substring(0, MAX_TEXT), share, Problem.TOO_LONG);
        }
        if (share != null && share.amount() < 0) {
            return new Line(text, share, Problem.SHARE_NEGATIVE);
        }
        if (share != null && share.amount() == 0) {
            return new Line(text, share, Problem.SHARE_ZERO);
        }
        if (share != null && tooBig(share)) {
            return new Line(text, share, Problem.SHARE_TOO_BIG);
        }
        return new Line(text, share, null);
    }

    /**
     * True when the number at {@code at} has a minus sign right before it that is not a dash between words:
     * "Report -5h" and "Report: -10%" are negative, "Report - 5h" and "Month-end 5h" are not.
     */
    private static boolean minusBefore(CharSequence line, int at) {
        return at > 0 && MINUS.indexOf(line.charAt(at - 1)) >= 0
                && (at == 1 || !Character.isLetterOrDigit(line.charAt(at - 2)));
    }

    private static CharSequence strip(CharSequence s, int from, int to) {
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return s.subSequence(from, to);
    }

    /** A message that is only a share ("20%", "5h", "3 hours a week"), answering a question about one task. */
    public static Optional<Share> bareShare(CharSequence message) {
        Matcher m = ONLY.matcher(message);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(toShare(m.group(1) != null, m.group(2), m.group(3), m.group(4)));
    }

    static boolean tooBig(Share share) {
        return switch (share.unit()) {
            case PERCENT -> share.amount() > 100;
            case HOURS_PER_WEEK -> share.amount() > 100;
        };
    }

    private static Share toShare(boolean negative, String number, String unit, String period) {
        double amount = Double.parseDouble(number.replace(',', '.')) * (negative ? -1 : 1);
        String u = unit.strip().toLowerCase(Locale.ROOT);
        if (u.equals("%") || u.startsWith("per") || u.equals("pct")) {
            return Share.percent(amount);
        }
        String p = period == null ? "week" : period.toLowerCase(Locale.ROOT);
        double perWeek = switch (p) {
            case "day", "d", "daily" -> amount * 5;
            case "month", "mo", "monthly" -> amount * 12 / 52;
            default -> amount;
        };
        return Share.hours(Math.round(perWeek * 100) / 100.0);
    }
}
