package rolecraft.bot.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.Task;
import rolecraft.bot.understand.LeadIns;
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
    /** The first word naming a role in a message: where a call by the task's name turns to the call. */
    private static final Pattern ROLE_WORD = Pattern.compile("\\b(automate|augment|human)(?:d|ed)?\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME_LEAD = Pattern.compile("^" + CHANGE_OF_MIND
            + "(?:(?:i\\s+(?:think|want|guess)|let'?s)\\s++)?(?:(?:make|set|put|change|mark|call)\\s++)?", Pattern.CASE_INSENSITIVE);
    /** The words that lead from a task's name to its call: "docketing (should be) augment". */
    private static final Set<String> NAME_LINKS = Set.of("to", "as", "should", "be", "is", "are", "=",
            "->", ":", "-", "more", "like", "really", "actually");
    /** After the role: a capability, then a reason. */
    private static final Pattern AFTER_ROLE = Pattern.compile("^(?:\\s++(judgment|judgement|creativity|relationships))?"
            + "(?:\\s*+[:,.;\u2013\u2014-]++\\s*+(.*+)|\\s++(?:bc|b/c|because|cause|cuz|coz|since|as)\\s++(.*+)|[\\s.!]*+)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Set<String> NAME_FILLER = Set.of("the", "one", "task", "my", "a", "an",
            "that", "this", "bit", "part", "for", "of", "all", "whole");

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

    /**
     * A new call for one task named in words rather than by its number: "make docketing augment", "the first one
     * should be augment", "actually invoices human: …". Read only when {@link #calls(String)} finds no number.
     */
    static Optional<Calls> callsByName(String text, List<Task> tasks) {
        String t = text.strip();
        if (t.length() > 300) {
            return Optional.empty();
        }
        Matcher role = ROLE_WORD.matcher(t);
        if (!role.find()) {
            return Optional.empty();
        }
        String name = NAME_LEAD.matcher(t.substring(0, role.start())).replaceFirst("");
        name = LeadIns.withoutTrailing(name.strip(), NAME_LINKS).strip();
        Matcher rest = AFTER_ROLE.matcher(t.substring(role.end()));
        if (name.isEmpty() || !rest.matches()) {
            return Optional.empty();
        }
        int n = ordinal(name, tasks.size());
        if (n == 0) {
            Set<String> said = TaskNames.words(name);
            said.removeAll(NAME_FILLER);
            n = TaskNames.find(said, tasks, x -> true);
        }
        if (n == 0) {
            return Optional.empty();
        }
        Optional<Capability> cap = rest.group(1) == null ? Optional.empty() : Capability.parse(rest.group(1));
        String said = rest.group(2) != null ? rest.group(2) : rest.group(3);
        String why = said == null || said.isBlank() ? null : said.strip();
        return Optional.of(new Calls(List.of(n), AiRole.parse(role.group(1)), cap, why));
    }

    /** "the first one", "the second", "the last one": a task by its place in the list. */
    private static int ordinal(String name, int count) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("^the\\s+", "").replaceAll("\\s+(?:one|task)$", "");
        return switch (n) {
            case "first" -> count >= 1 ? 1 : 0;
            case "second" -> count >= 2 ? 2 : 0;
            case "third" -> count >= 3 ? 3 : 0;
            case "fourth" -> count >= 4 ? 4 : 0;
            case "fifth" -> count >= 5 ? 5 : 0;
            case "last" -> count;
            default -> 0;
        };
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
