package rolecraft.bot.understand;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What kind of message a person sent, read before the conversation files anything: a worry, a question, an
 * apology, a vague "idk", a correction, small talk, something off the topic ("what's the weather", "tell me a
 * joke"), a command typed with a typo, or something else (content).
 */
public final class MessageKind {

    /** The kinds of message that are never content (a task, a title, an answer), and OTHER for content. */
    public enum Kind {
        WORRY, QUESTION, VAGUE, APOLOGY, CORRECTION, SMALL_TALK, OFF_TOPIC, TYPO, OTHER
    }

    /** A message read: its kind, the worry's theme (for WORRY) and the command meant (for TYPO). */
    public record Reading(Kind kind, Worries.Theme theme, String command) {

        public boolean content() {
            return kind == Kind.OTHER;
        }
    }

    /** Words of the conversation a typo is matched against. */
    static final List<String> COMMANDS = List.of("list", "done", "drop", "help", "status", "submit", "skip",
            "restart", "review", "show", "back", "keep", "start", "approve", "changes");

    private static final Pattern APOLOGY = Pattern.compile(
            "^(?:sorry|sry|soz|srry|apologies|my\\s+bad|oops)\\b|\\b(?:had\\s+to\\s+(?:run|go|step\\s+away)|got\\s+pulled"
                    + "|brb|be\\s+right\\s+back|one\\s+sec|hang\\s+on\\s+a\\s+sec)\\b");
    private static final Pattern CORRECTION = Pattern.compile(
            "^(?:no+\\s+wait|wait|actually|nah|nope|no\\s+no|scratch\\s+that|never\\s*mind|nvm|hold\\s+on|hmm\\s+no)\\b"
                    + "|\\b(?:those|these)\\s+(?:are|were)\\s+(?:like\\s+)?(?:\\d+|several|many|different)\\b"
                    + "|\\bi\\s+meant\\b|\\bthat'?s\\s+(?:wrong|not\\s+right)\\b");
    private static final Pattern VAGUE = Pattern.compile(
            "^(?:(?:still|honestly|tbh|um+|uh+|well|really|i\\s+guess|again)[,\\s]+)?(?:idk|idc|i\\s+dunno|dunno|i\\s+don'?t\\s+know|don'?t\\s+know|not\\s+sure|no\\s+idea|no\\s+clue|hard\\s+to\\s+say"
                    + "|it\\s+varies|varies|depends|it\\s+depends|stuff|things|various|whatever|n/?a|nothing|not\\s+really"
                    + "|hmm+|eh|meh|pass|\\?+|no\\s+comment|same\\s+as\\s+before|all\\s+sorts)\\b");
    private static final Pattern SMALL_TALK = Pattern.compile(
            "^(?:thx|thanks|thank\\s+you|ty|cheers|lol|haha|cool|great|nice|awesome|ok\\s+cool|good\\s+(?:morning|afternoon)"
                    + "|hi|hello|hey|yo|hiya|you\\s+there|anyone\\s+there|are\\s+you\\s+there)\\b");
    /**
     * Off the topic: a question or request about the weather, a joke, the news, the bot itself… Only in that form,
     * since the same nouns can be work ("football coaching", "weather forecasting").
     */
    private static final Pattern OFF_TOPIC = Pattern.compile(
            "^(?:(?:hey|so|btw|ok|okay|lol|haha)[,!\\s]+)?(?:(?:what'?s|whats|what\\s+is|what|how'?s|hows|how\\s+is|who|tell\\s+me"
                    + "|do\\s+you\\s+know|can\\s+you|could\\s+you|will\\s+you|wanna|want\\s+to|let'?s|any|got)\\b[^\\n]{0,60}?\\b"
                    + "(?:weather|forecast|joke|jokes|riddle|poem|song|sing|recipe|lunch|dinner|game|match|score|news|movie"
                    + "|film|stocks?|bitcoin|horoscope|your\\s+name|you\\s+doing|time\\s+is\\s+it|day\\s+is\\s+it)\\b"
                    + "|how\\s+are\\s+you\\b|how'?s\\s+it\\s+going\\b|who\\s+are\\s+you\\b"
                    + "|are\\s+you\\s+(?:a\\s+)?(?:bot|robot|real|human|person|ai|chatgpt)\\b)");
    private static final Pattern QUESTION_START = Pattern.compile(
            "^(?:(?:so|but|and|ok|okay|wait|hmm+|um+)[,\\s]++)?(?:who|what|why|how|when|where|which|can|could|is|are|do"
                    + "|does|did|will|would|should|may|am|whats|what's|hows|how's|whos|who's|wheres|where's|wat|wot)\\b");
    private static final Pattern TRAILING_STOP = Pattern.compile("(?<![.!])[.!]+$");

    private MessageKind() {
    }

    /**
     * Reads one message, as typed. Every pattern runs on the message folded in place ({@link Folded}), in time
     * linear in its length whatever it holds.
     */
    public static Reading read(CharSequence message) {
        Folded text = Folded.of(message);
        Optional<Worries.Theme> worry = Worries.theme(text);
        if (worry.isPresent()) {
            return new Reading(Kind.WORRY, worry.get(), null);
        }
        if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            // Emoji, punctuation, a lone "?": nothing to file.
            return new Reading(Kind.SMALL_TALK, null, null);
        }
        if (text.has('\n')) {
            return new Reading(Kind.OTHER, null, null);
        }
        int words = words(text);
        if (words > 12) {
            return new Reading(Kind.OTHER, null, null);
        }
        if (APOLOGY.matcher(text).find()) {
            return new Reading(Kind.APOLOGY, null, null);
        }
        if (CORRECTION.matcher(text).find()) {
            return new Reading(Kind.CORRECTION, null, null);
        }
        if (VAGUE.matcher(text).find() && words <= 8 && text.chars().noneMatch(Character::isDigit)) {
            return new Reading(Kind.VAGUE, null, null);
        }
        if (SMALL_TALK.matcher(text).find() && words <= 4) {
            return new Reading(Kind.SMALL_TALK, null, null);
        }
        if (OFF_TOPIC.matcher(text).find()) {
            return new Reading(Kind.OFF_TOPIC, null, null);
        }
        if (text.length() > 0 && text.charAt(text.length() - 1) == '?' && QUESTION_START.matcher(text).find()) {
            return new Reading(Kind.QUESTION, null, null);
        }
        if (words == 1) {
            String word = TRAILING_STOP.matcher(text).replaceFirst("");
            if (word.length() >= 4 && !COMMANDS.contains(word)) {
                for (String c : COMMANDS) {
                    if (distance(word, c) == 1) {
                        return new Reading(Kind.TYPO, null, c);
                    }
                }
            }
        }
        return new Reading(Kind.OTHER, null, null);
    }

    /** The words of a message, counted up to 13 (enough to tell a long message from a short one). */
    private static int words(CharSequence text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length() && words <= 12; i++) {
            boolean part = Character.isLetterOrDigit(text.charAt(i));
            if (part && !inWord) {
                words++;
            }
            inWord = part;
        }
        return words;
    }

    /** Edits (insert, delete, substitute, swap two neighbours) between two words: optimal string alignment. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
