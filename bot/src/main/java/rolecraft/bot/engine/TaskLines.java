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
        TOO_SHORT, TOO_LONG, SHARE_ZERO, SHARE_TOO_BIG
    }

    private static final String NUMBER = "(\\d{1,4}(?:[.,]\\d{1,2})?)";
    private static final String UNIT =
            "(%|\\s?per\\s?cent\\b|\\s?pct\\b|\\s?h\\b|\\s?hrs?\\b|\\s?hours?\\b)";
    private static final String PERIOD =
            "(?:\\s*(?:/|per\\b|a\\b|an\\b|each\\b|every\\b)?\\s*(week|wk|w|day|d|daily|weekly|month|mo|monthly)\\b)?";
    private static final String SHARE = NUMBER + "\\s*" + UNIT + PERIOD;
    private static final Pattern AT_END = Pattern.compile(
            "^(.*?)[\\s\\-\u2013\u2014:,;(\\[|=~]*" + SHARE + "[\\s)\\].]*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern AT_START = Pattern.compile(
            "^[(\\[]?" + SHARE + "[)\\]]?[\\s\\-\u2013\u2014:,;|=~]+(.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ONLY = Pattern.compile("^\\s*" + SHARE + "\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*\u2022\u00b7>]+|\\d{1,2}[.)])\\s+");
    private static final Pattern TRAILING = Pattern.compile("[\\s\\-\u2013\u2014:,;(\\[|=~]+$");
    /** A line break of any kind, and a run of blanks: compiled once (String's split and replaceAll compile anew). */
    static final Pattern LINE_BREAK = Pattern.compile("\\R");
    static final Pattern BLANKS = Pattern.compile("\\s+");

    private TaskLines() {
    }

    /** Reads every non-blank line of a message. */
    public static List<Line> parse(String message) {
        List<Line> out = new ArrayList<>();
        for (String raw : LINE_BREAK.split(message)) {
            String line = BULLET.matcher(raw).replaceFirst("").strip();
            if (!line.isEmpty()) {
                out.add(parseLine(line));
            }
        }
        return out;
    }

    static Line parseLine(String line) {
        String text = line;
        Share share = null;
        Matcher end = AT_END.matcher(line);
        Matcher start = AT_START.matcher(line);
        if (end.matches() && !end.group(1).isBlank()) {
            text = end.group(1);
            share = toShare(end.group(2), end.group(3), end.group(4));
        } else if (start.matches()) {
            text = start.group(4);
            share = toShare(start.group(1), start.group(2), start.group(3));
        }
        text = TRAILING.matcher(text.strip()).replaceFirst("").strip();
        text = BLANKS.matcher(text).replaceAll(" ");
        if (text.length() < 3 || text.chars().filter(Character::isLetter).count() < 2) {
            return new Line(text, share, Problem.TOO_SHORT);
        }
        if (text.length() > MAX_TEXT) {
            return new Line(text.substring(0, MAX_TEXT), share, Problem.TOO_LONG);
        }
        if (share != null && share.amount() <= 0) {
            return new Line(text, share, Problem.SHARE_ZERO);
        }
        if (share != null && tooBig(share)) {
            return new Line(text, share, Problem.SHARE_TOO_BIG);
        }
        return new Line(text, share, null);
    }

    /** A message that is only a share ("20%", "5h", "3 hours a week"), answering a question about one task. */
    public static Optional<Share> bareShare(String message) {
        Matcher m = ONLY.matcher(message.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(toShare(m.group(1), m.group(2), m.group(3)));
    }

    static boolean tooBig(Share share) {
        return switch (share.unit()) {
            case PERCENT -> share.amount() > 100;
            case HOURS_PER_WEEK -> share.amount() > 100;
        };
    }

    private static Share toShare(String number, String unit, String period) {
        double amount = Double.parseDouble(number.replace(',', '.'));
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
