package rolecraft.bot.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Share;
import rolecraft.bot.understand.TimeReader;

/**
 * Reads the edits people make to their task list with the numbers they see: {@code drop 1 3}, {@code rename 2
 * social media graphics}, {@code 3 is more like 10%}, and to the calls: {@code 1, 6 human},
 * {@code make 1 augment}, {@code 2 augment: every PR needs a human approver}.
 */
final class TaskEdits {

    /** One edit, by task numbers as shown (1-based). */
    sealed interface Edit {
    }

    record Drop(List<Integer> numbers) implements Edit {
    }

    record Rename(int n, String text) implements Edit {
    }

    record Reshare(int n, Share share) implements Edit {
    }

    /** New calls for several tasks; {@code role} or {@code capability} may be absent, {@code reason} may be null. */
    record Calls(List<Integer> numbers, Optional<AiRole> role, Optional<Capability> capability, String reason)
            implements Edit {
    }

    private static final String NUMBERS = "#?(\\d{1,2}(?:\\s*(?:,|&|and|\\s)\\s*#?\\d{1,2}){0,39})";
    private static final Pattern DROP = Pattern.compile(
            "^(?:drop|remove|delete|del|scrap)\\s+(?:tasks?\\s+)?" + NUMBERS + "$", Pattern.CASE_INSENSITIVE);
    private static final Pattern RENAME = Pattern.compile(
            "^(?:rename|edit|call|change)\\s+(?:task\\s+)?#?(\\d{1,2})(?:\\s+to|\\s*:|\\s*->|\\s*=)?\\s+(.{3,300})$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern RESHARE = Pattern.compile(
            "^(?:(?:make|set|change|share(?:\\s+of)?)\\s+)?(?:task\\s+)?#?(\\d{1,2})\\s*(?:is|=|:|->|to|takes|should\\s+be)?\\s*"
                    + "(?:more\\s+like|about|around|roughly|actually|really|only|now|closer\\s+to)?\\s*(.{1,40})$",
            Pattern.CASE_INSENSITIVE);
    /** Words before a change that only say the person changed their mind: "wait no, make 4 human". */
    private static final String CHANGE_OF_MIND = "(?:(?:wait|no|nah|actually|sorry|oops|ok|okay|hmm+|um+|and|also|oh"
            + "|so)[\\s,.!]++)*+";
    /** What may stand between a call and its reason: a colon or dash, a full stop, or "because". */
    private static final String BECAUSE = "(?:[:,.;\u2013\u2014-]+\\s*|\\s+(?:bc|b/c|because|cause|cuz|coz|since|as)\\s+)";
    private static final Pattern CALLS = Pattern.compile(
            "^" + CHANGE_OF_MIND + "(?:(?:make|set|change|mark|put)\\s+)?(?:tasks?\\s+)?" + NUMBERS
                    + "\\s*(?:to|->|:|is|are|=|should\\s+be)?\\s*"
                    + "([a-z]+)(?:\\s+(?!(?:bc|because|cause|cuz|coz|since|as)\\b)([a-z]+))?\\s*(?:" + BECAUSE + "(.{1,500}))?$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern DIGITS = Pattern.compile("\\d{1,2}");

    private TaskEdits() {
    }

    /** An edit of the task list, if the message is one. */
    static Optional<Edit> tasks(String text) {
        Matcher m = DROP.matcher(text.strip());
        if (m.matches()) {
            return Optional.of(new Drop(numbers(m.group(1))));
        }
        m = RENAME.matcher(text.strip());
        if (m.matches()) {
            return Optional.of(new Rename(Integer.parseInt(m.group(1)), m.group(2).strip()));
        }
        m = RESHARE.matcher(text.strip());
        if (m.matches()) {
            Optional<TimeReader.Time> t = TimeReader.find(m.group(2), null);
            if (t.isPresent() && t.get().share() != null && t.get().start() == 0
                    && t.get().end() >= m.group(2).strip().length() - 1) {
                return Optional.of(new Reshare(Integer.parseInt(m.group(1)), t.get().share()));
            }
        }
        return Optional.empty();
    }

    /** New calls for one or several tasks at the review, if the message is that. */
    static Optional<Calls> calls(String text) {
        Matcher m = CALLS.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<AiRole> role = AiRole.parse(m.group(2));
        Optional<Capability> cap = m.group(3) == null ? Optional.empty() : Capability.parse(m.group(3));
        if (role.isEmpty()) {
            cap = Capability.parse(m.group(2));
            if (cap.isEmpty() || m.group(3) != null) {
                return Optional.empty();
            }
        } else if (m.group(3) != null && cap.isEmpty()) {
            return Optional.empty();
        }
        String reason = m.group(4) == null || m.group(4).isBlank() ? null : m.group(4).strip();
        return Optional.of(new Calls(numbers(m.group(1)), role, cap, reason));
    }

    private static List<Integer> numbers(String list) {
        TreeSet<Integer> out = new TreeSet<>();
        Matcher d = DIGITS.matcher(list);
        while (d.find()) {
            out.add(Integer.parseInt(d.group()));
        }
        return new ArrayList<>(out);
    }
}
