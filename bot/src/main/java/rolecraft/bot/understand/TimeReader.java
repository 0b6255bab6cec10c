package rolecraft.bot.understand;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.ShareUnit;

/**
 * Finds how much time a piece of text says a task takes, in the forms people use: "30%", "10h", "4 hours/week",
 * "90 minutes a day", "8 hrs a month", "3 hrs out of a 12 hr shift", "2 hrs per shift", "1/4 of my time",
 * "a quarter", "half my day", "20-30%" (read as the midpoint, and said so), "most of my time" (asked about).
 */
public final class TimeReader {

    /** Days in the working week that "a day" is counted against. */
    public static final double WORK_DAYS = 5;

    /**
     * What was found: the share (null when none or when it needs the shift's length), the hours per shift when the
     * shift's length is not known yet, the shift's length when the text gave it, whether it was a range (its
     * midpoint taken) or "most" (a guess to ask about), and where in the text it stood.
     */
    public record Time(Share share, Double perShift, Double shiftHours, boolean range, boolean most, int start, int end) {
    }

    private static final String NUM = "(\\d{1,4}(?:[.,]\\d{1,2})?)";
    private static final String HOURS = "(?:h|hrs?|hours?)";
    private static final String MINUTES = "(?:mins?|minutes?)";
    private static final String PERCENT = "(?:%|\\s?percent\\b|\\s?per\\s?cent\\b|\\s?pct\\b)";
    private static final String PERIOD = "(?:\\s*+(?:/|per\\b|a\\b|an\\b|each\\b|every\\b|in\\s+a\\b|on\\s+a\\b)?\\s*+"
            + "(week|wk|w|day|d|daily|weekly|month|mo|monthly|shift)\\b)?";
    private static final String OF_MY_TIME = "(?:\\s++(?:of\\s++)?(?:my|the)\\s++(?:time|day|week|working\\s+week|hours))?";
    private static final Pattern OUT_OF_SHIFT = Pattern.compile(
            NUM + "\\s*" + HOURS + "?\\s+(?:out\\s+)?of\\s+(?:a|an|my|the|each)?\\s*" + NUM + "\\s*-?\\s*" + HOURS
                    + "\\s+shifts?\\b");
    /**
     * "5-10%", "5 to 10%", "5% - 10%": a dash with blanks on both sides is a range only when the first number has
     * its unit, since "Plan route number 1 - 10%" is a task, a separator and its share.
     */
    private static final Pattern RANGE = Pattern.compile(
            NUM + "(?:\\s*(?:%|" + HOURS + ")\\s*(?:-|\u2013|to)\\s*|(?:-|\u2013)|\\s+(?:to|\u2013)\\s+)" + NUM + "\\s*(" + PERCENT + "|" + HOURS + "\\b)" + PERIOD
                    + OF_MY_TIME);
    private static final Pattern AMOUNT = Pattern.compile(
            NUM + "\\s*+(" + PERCENT + "|" + HOURS + "\\b|" + MINUTES + "\\b)" + PERIOD + OF_MY_TIME);
    /** Hours said in words: "an hour a day", "two hours a week", "half an hour per shift". */
    private static final Pattern WORD_HOURS = Pattern.compile(
            "\\b(an|one|two|three|four|five|six|seven|eight|nine|ten|half\\s+an)\\s+(hours?|hrs?)\\b" + PERIOD);
    /** Days of the week or month: "1 day a week", "two days a month", "2 days every 2 weeks". */
    private static final Pattern DAYS = Pattern.compile(
            "\\b(\\d(?:[.,]5)?|a|an|one|two|three|four|half\\s+a)\\s+(days?|weekends?)\\s+(?:a|an|per|each|every|in\\s+a)\\s+"
                    + "(week|wk|month|mo|fortnight|2\\s+weeks|two\\s+weeks)\\b");
    private static final Pattern FRACTION = Pattern.compile(
            "\\b([1-9])\\s*/\\s*([1-9]|10)\\b" + OF_MY_TIME
                    + "|\\b((?:the\\s+)?other\\s+half|half|a\\s+half|one\\s+half|a\\s+quarter|one\\s+quarter|quarter|three\\s+quarters|a\\s+third"
                    + "|one\\s+third|two\\s+thirds|a\\s+fifth|a\\s+tenth)\\b(?:\\s+(?:of\\s+)?(?:my|the)\\s+"
                    + "(?:time|day|week|working\\s+week|hours|shift))?");
    private static final Pattern MOST = Pattern.compile(
            "\\b(?:most|majority|bulk|lots?)\\s+of\\s+(?:my|the)\\s+(?:time|day|week)\\b");
    private static final Pattern SHIFT_LENGTH = Pattern.compile(
            "^(?:about|around|roughly|usually|my\\s+shifts?\\s+(?:is|are)|they'?re|it'?s)?\\s*" + NUM + "\\s*-?\\s*"
                    + HOURS + "?(?:\\s+(?:long\\s+)?shifts?)?(?:\\s+long)?[.!]?$");

    private TimeReader() {
    }

    /** The last time expression in {@code text}; {@code shiftHours} is the shift's length if known (or null). */
    public static Optional<Time> find(String text, Double shiftHours) {
        String t = text.toLowerCase(Locale.ROOT);
        Matcher m = OUT_OF_SHIFT.matcher(t);
        if (m.find()) {
            double part = number(m.group(1));
            double shift = number(m.group(2));
            return Optional.of(new Time(shift > 0 ? Share.percent(round1(part / shift * 100)) : null, null, shift,
                    false, false, m.start(), m.end()));
        }
        Time found = null;
        m = RANGE.matcher(t);
        while (m.find()) {
            double mid = (number(m.group(1)) + number(m.group(2))) / 2;
            found = time(mid, m.group(3), m.group(4), shiftHours, true, m.start(), m.end());
        }
        if (found != null) {
            return Optional.of(found);
        }
        m = AMOUNT.matcher(t);
        while (m.find()) {
            found = time(number(m.group(1)), m.group(2), m.group(3), shiftHours, false, m.start(), m.end());
        }
        if (found != null) {
            return Optional.of(negative(t, found.start()) ? negated(found) : found);
        }
        m = WORD_HOURS.matcher(t);
        while (m.find()) {
            found = time(wordNumber(m.group(1)), m.group(2), m.group(3), shiftHours, false, m.start(), m.end());
        }
        if (found != null) {
            return Optional.of(found);
        }
        m = DAYS.matcher(t);
        while (m.find()) {
            double days = wordNumber(m.group(1)) * (m.group(2).startsWith("weekend") ? 2 : 1);
            String per = m.group(3).replaceAll("\\s+", " ");
            double perWeek = per.startsWith("w") ? days : per.startsWith("mo") ? days * 12 / 52 : days / 2;
            found = new Time(Share.percent(round1(perWeek / WORK_DAYS * 100)), null, null, false, false, m.start(),
                    m.end());
        }
        if (found != null) {
            return Optional.of(found);
        }
        m = FRACTION.matcher(t);
        while (m.find()) {
            boolean said = m.group(1) != null || m.group().contains(" my ") || m.group().contains(" the ")
                    || m.group(3) != null && m.group(3).contains("other")
                    || m.end() == t.strip().length();
            if (!said) {
                // "half-day workshops" names a task; "a quarter" at the end, or "half my day", is a share.
                continue;
            }
            double fraction = m.group(1) != null ? number(m.group(1)) / number(m.group(2)) : word(m.group(3));
            found = new Time(Share.percent(round1(fraction * 100)), null, null, false, false, m.start(), m.end());
        }
        if (found != null) {
            return Optional.of(found);
        }
        m = MOST.matcher(t);
        if (m.find()) {
            return Optional.of(new Time(null, null, null, false, true, m.start(), m.end()));
        }
        return Optional.empty();
    }

    /** A message that is only a time ("20%", "2 hrs a shift", "half my day"), answering a question about one task. */
    public static Optional<Time> only(String text, Double shiftHours) {
        String t = text.strip().replaceAll("(?<![.!])[.!]+$", "");
        Optional<Time> found = find(t, shiftHours);
        return found.filter(f -> f.start() == 0 && f.end() == t.length());
    }

    private static final String HEDGE_WORDS = "idk|i\\s+dunno|dunno|like|maybe|about|around|roughly|prob|probably|approx"
            + "|approximately|i'?d\\s+say|i\\s+guess|i\\s+think|um+|uh+|so|ok|okay|well|honestly|basically|usually|normally"
            + "|typically|on\\s+average|avg|~|hmm+|oh|erm";
    private static final Pattern HEDGES_BEFORE = Pattern.compile("^(?:(?:" + HEDGE_WORDS + ")(?:\\b|(?<=~))[\\s,.]*+)++");
    private static final Pattern HEDGES_AFTER = Pattern.compile("(?<![\\s,.!?])(?:[\\s,.!?]*+(?:-?ish|or\\s+so"
            + "|give\\s+or\\s+take|maybe|probably|prob|i\\s+guess|i\\s+think|averaged\\s+out|on\\s+average|basically"
            + "|usually|normally|tops|or\\s+something|lol|roughly|at\\s+most|at\\s+least|max|min)\\b)++[\\s,.!?]*+$");
    /** Where an answer goes on to what sometimes differs: "10 hrs usually, sometimes 12". */
    private static final Pattern GOES_ON = Pattern.compile("(?<!\\s)\\s*+(?:,|;|\\bbut\\b|\\bsometimes\\b|\\bor\\b|\\bexcept\\b"
            + "|\\bdepending\\b|\\bdepends\\b|\\(|\\bincl)");
    private static final Pattern BARE_NUMBER = Pattern.compile("^(\\d{1,3}(?:[.,]\\d{1,2})?)\\s*+(?:-?ish)?$");

    /**
     * The answer to a question about one time, without what people say around it: "idk like 20ish" is "20",
     * "maybe 4 hrs a week averaged out" is "4 hrs a week", "10 hrs usually, sometimes 12" is "10 hrs".
     */
    public static String plainAnswer(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        t = HEDGES_BEFORE.matcher(t).replaceFirst("");
        Matcher on = GOES_ON.matcher(t);
        if (on.find() && on.start() > 0) {
            t = t.substring(0, on.start());
        }
        t = HEDGES_AFTER.matcher(t.strip()).replaceFirst("");
        t = HEDGES_BEFORE.matcher(t.strip()).replaceFirst("");
        return t.replaceAll("(?<=\\d)\\s*+-?ish$", "").strip();
    }

    /**
     * A reply to a question about one task's time, read as people answer: any form {@link #only} reads, with the
     * words around it left out ({@link #plainAnswer}), or a bare number in {@code bareUnit} ("like 60" when the
     * others are percentages); empty when it says no time.
     */
    public static Optional<Time> answer(String text, Double shiftHours, ShareUnit bareUnit) {
        String t = plainAnswer(text);
        Optional<Time> time = only(t, shiftHours);
        if (time.isPresent()) {
            return time;
        }
        Matcher bare = BARE_NUMBER.matcher(t);
        if (bare.matches() && bareUnit != null) {
            double n = number(bare.group(1));
            Share share = bareUnit == ShareUnit.PERCENT ? Share.percent(n) : Share.hours(n);
            return Optional.of(new Time(share, null, null, false, false, 0, t.length()));
        }
        return Optional.empty();
    }

    /** A reply that gives a shift's length: "12", "12h", "12 hour shifts", "about 8 hours". */
    public static Optional<Double> shiftLength(String text) {
        Matcher m = SHIFT_LENGTH.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        double hours = number(m.group(1));
        return hours > 0 && hours <= 24 ? Optional.of(hours) : Optional.empty();
    }

    private static Time time(double amount, String unit, String period, Double shiftHours, boolean range,
                             int start, int end) {
        String u = unit.strip().toLowerCase(Locale.ROOT);
        if (u.equals("%") || u.startsWith("per") || u.equals("pct")) {
            return new Time(Share.percent(amount), null, null, range, false, start, end);
        }
        double hours = u.startsWith("m") ? amount / 60 : amount;
        String p = period == null ? "week" : period;
        if (p.equals("shift")) {
            if (shiftHours == null) {
                return new Time(null, hours, null, range, false, start, end);
            }
            return new Time(Share.percent(round1(hours / shiftHours * 100)), null, null, range, false, start, end);
        }
        double perWeek = switch (p) {
            case "day", "d", "daily" -> hours * WORK_DAYS;
            case "month", "mo", "monthly" -> hours * 12 / 52;
            default -> hours;
        };
        return new Time(Share.hours(Math.round(perWeek * 100) / 100.0), null, null, range, false, start, end);
    }

    /**
     * A minus sign stuck to the number, at the start or after a blank or a colon ("-5h", "tickets: -10%"), makes
     * the time negative, to be refused; a dash between words and a number ("Report - 5h", "Month-end 8h") does not.
     */
    private static boolean negative(String t, int start) {
        if (start == 0 || (t.charAt(start - 1) != '-' && t.charAt(start - 1) != '\u2212')) {
            return false;
        }
        return start == 1 || Character.isWhitespace(t.charAt(start - 2)) || t.charAt(start - 2) == ':';
    }

    private static Time negated(Time t) {
        Share s = t.share() == null ? null : new Share(-t.share().amount(), t.share().unit());
        Double perShift = t.perShift() == null ? null : -t.perShift();
        return new Time(s, perShift, t.shiftHours(), t.range(), t.most(), t.start() - 1, t.end());
    }

    private static double word(String w) {
        String f = w.replaceAll("\\s+", " ");
        return switch (f) {
            case "half", "a half", "one half", "other half", "the other half" -> 0.5;
            case "a quarter", "one quarter", "quarter" -> 0.25;
            case "three quarters" -> 0.75;
            case "a third", "one third" -> 1.0 / 3;
            case "two thirds" -> 2.0 / 3;
            case "a fifth" -> 0.2;
            default -> 0.1;
        };
    }

    /** A count said in digits or words: "2", "two", "an", "half a". */
    private static double wordNumber(String w) {
        String f = w.replaceAll("\\s+", " ");
        return switch (f) {
            case "a", "an", "one" -> 1;
            case "two" -> 2;
            case "three" -> 3;
            case "four" -> 4;
            case "five" -> 5;
            case "six" -> 6;
            case "seven" -> 7;
            case "eight" -> 8;
            case "nine" -> 9;
            case "ten" -> 10;
            case "half an", "half a" -> 0.5;
            default -> number(f);
        };
    }

    private static double number(String n) {
        return Double.parseDouble(n.replace(',', '.'));
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
