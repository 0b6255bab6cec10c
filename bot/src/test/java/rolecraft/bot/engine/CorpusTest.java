package rolecraft.bot.engine;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import rolecraft.bot.Prompts;
import rolecraft.bot.domain.Answer;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.Question;
import rolecraft.bot.domain.Reply;
import rolecraft.bot.domain.Task;

/**
 * Runs every conversation in {@code conversations/*.txt} through the real engine and checks what must hold after
 * each message. A file is lines of:
 * <pre>
 * # a comment
 * &gt; what the person types (a line of its own; "\n" in it is a line break)
 * = an assertion on the state after that message
 * ! unsure augment (from here on, the classifier proposes that call for every task, unsure of it)
 * </pre>
 * Assertions: {@code stage S}, {@code tasks N}, {@code task N text}, {@code share N 30%|6h},
 * {@code percent N 30}, {@code role N automate}, {@code title text}, {@code answer QUESTION text},
 * {@code no answer QUESTION}, {@code said KEY}, {@code not said KEY}, {@code says words},
 * {@code not says words}, {@code never said KEY} (in no reply so far), {@code not stored words} (in no title, task or answer), {@code unsure N} (calls still
 * unsettled), {@code card says words} and {@code card not says words} (the manager's notice of the last draft
 * sent, as the text surfaces show it).
 * Every failed assertion is reported, grouped by kind, so that the corpus also measures the engine.
 */
class CorpusTest {

    private static final Prompts PROMPTS = Prompts.builtIn();

    @TestFactory
    Stream<DynamicTest> every_conversation_holds() throws IOException, URISyntaxException {
        URL dir = CorpusTest.class.getResource("/conversations");
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of(dir.toURI()))) {
            files = list.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        Map<Path, List<String>> results = new LinkedHashMap<>();
        StringBuilder drafts = new StringBuilder();
        for (Path f : files) {
            Dialogue d = new Dialogue("local:employee", "Pat Lee (HR, ext. 4411)");
            results.put(f, run(d, Files.readAllLines(f, StandardCharsets.UTF_8)));
            if (d.draft != null && d.state.stage().ordinal() >= rolecraft.bot.domain.Stage.DRAFT.ordinal()) {
                drafts.append("## ").append(f.getFileName()).append('\n')
                        .append(PROMPTS.render("draft_body", Views.draft(d.draft, d.previous), Prompts.PersonFormat.PLAIN))
                        .append("\n\n");
            }
        }
        Files.writeString(Path.of("target", "corpus-figures.txt"), figures(files, results));
        // The drafts the corpus reached, to read as a manager would.
        Files.writeString(Path.of("target", "corpus-drafts.txt"), drafts);
        Stream<DynamicTest> size = Stream.of(DynamicTest.dynamicTest("at least 40 conversations", () -> {
            if (files.size() < 40) {
                fail("the corpus holds " + files.size() + " conversations; it should hold at least 40");
            }
        }));
        return Stream.concat(size, results.entrySet().stream().map(e -> DynamicTest.dynamicTest(
                e.getKey().getFileName().toString(), () -> {
                    List<String> failures = e.getValue().stream().filter(x -> !x.startsWith(GAP)).toList();
                    if (!failures.isEmpty()) {
                        fail(String.join("\n", failures));
                    }
                })));
    }

    /** Marks an assertion the engine does not meet yet: counted in the figures, not failed. */
    private static final String GAP = "gap: ";

    /** Runs one conversation; the failed assertions, each prefixed by its kind and line number. */
    static List<String> run(Dialogue d, List<String> lines) {
        List<String> failures = new ArrayList<>();
        String lastMessage = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("! unsure ")) {
                rolecraft.bot.domain.AiRole role = rolecraft.bot.domain.AiRole.parse(line.substring(9).strip()).orElseThrow();
                d.classifier = t -> new rolecraft.bot.domain.Classification(rolecraft.bot.domain.Exposure.E1, role,
                        rolecraft.bot.domain.Capability.JUDGMENT, rolecraft.bot.domain.Classification.UNSURE_BELOW / 2,
                        "a guess", null);
            } else if (line.startsWith("> ") || line.equals(">")) {
                lastMessage = line.length() > 2 ? line.substring(2).replace("\\n", "\n") : "";
                d.say(lastMessage);
            } else if (line.startsWith("= ") || line.startsWith("=? ")) {
                String assertion = line.substring(line.indexOf(' ') + 1).strip();
                String problem = check(d, assertion);
                if (problem != null) {
                    failures.add((line.startsWith("=?") ? GAP : "") + kind(assertion) + " | line " + (i + 1)
                            + " after \"" + lastMessage + "\": " + problem);
                }
            }
        }
        return failures;
    }

    /** The kind of failure an assertion measures, for the corpus's figures. */
    static String kind(String assertion) {
        String a = assertion.strip();
        if (a.startsWith("tasks") || a.startsWith("task ") || a.startsWith("share") || a.startsWith("percent")) {
            return "task misread";
        }
        if (a.startsWith("not stored") || a.startsWith("title") || a.startsWith("answer") || a.startsWith("no answer")) {
            return "wrongly stored";
        }
        if (a.startsWith("not says") || a.startsWith("card not says")) {
            return "false or empty claim";
        }
        return "reply";
    }

    private static String check(Dialogue d, String assertion) {
        String[] w = assertion.split("\\s+", 3);
        String text = rendered(d);
        Draft draft = d.draft;
        List<Task> tasks = draft == null ? List.of() : draft.tasks();
        switch (w[0]) {
            case "stage" -> {
                return d.state.stage().name().equalsIgnoreCase(w[1]) ? null
                        : "stage is " + d.state.stage() + ", expected " + w[1];
            }
            case "tasks" -> {
                int n = Integer.parseInt(w[1]);
                return tasks.size() == n ? null : tasks.size() + " tasks " + texts(tasks) + ", expected " + n;
            }
            case "task" -> {
                Task t = task(tasks, w[1]);
                String want = w.length > 2 ? w[2] : "";
                return t != null && t.text().equalsIgnoreCase(want) ? null
                        : "task " + w[1] + " is " + (t == null ? "missing" : "\"" + t.text() + "\"") + ", expected \""
                        + want + "\" in " + texts(tasks);
            }
            case "share" -> {
                Task t = task(tasks, w[1]);
                String given = t == null ? "missing" : Views.given(t.share()).replace("h/week", "h");
                return given.equalsIgnoreCase(w[2]) ? null : "share of task " + w[1] + " is " + given + ", expected " + w[2];
            }
            case "percent" -> {
                int[] pct = Shares.rounded(Shares.normalise(tasks).percent());
                int n = Integer.parseInt(w[1]);
                return n <= pct.length && pct[n - 1] == Integer.parseInt(w[2]) ? null
                        : "percent of task " + n + " is " + (n <= pct.length ? pct[n - 1] : "missing") + ", expected " + w[2];
            }
            case "role" -> {
                Task t = task(tasks, w[1]);
                return t != null && t.aiRole().word().equals(w[2]) ? null
                        : "role of task " + w[1] + " is " + (t == null ? "missing" : t.aiRole().word());
            }
            case "title" -> {
                String want = assertion.substring(6).strip();
                String title = draft == null ? null : draft.title();
                return want.equals(title) ? null : "title is \"" + title + "\", expected \"" + want + "\"";
            }
            case "answer" -> {
                String got = answer(draft, w[1]);
                return got != null && got.toLowerCase(Locale.ROOT).contains(w[2].toLowerCase(Locale.ROOT)) ? null
                        : "answer " + w[1] + " is \"" + got + "\", expected it to hold \"" + w[2] + "\"";
            }
            case "said" -> {
                return d.said().stream().anyMatch(s -> s.key().equals(w[1])) ? null : "said " + d.said() + ", not " + w[1];
            }
            case "says" -> {
                String words = assertion.substring(5).strip();
                return text.toLowerCase(Locale.ROOT).contains(words.toLowerCase(Locale.ROOT)) ? null
                        : "reply lacks \"" + words + "\": " + text;
            }
            case "unsure" -> {
                long n = tasks.stream().filter(Task::unsure).count();
                return n == Integer.parseInt(w[1]) ? null : n + " calls unsettled, expected " + w[1];
            }
            case "card" -> {
                String card = card(d).toLowerCase(Locale.ROOT);
                boolean negated = w[1].equals("not");
                String words = assertion.substring(assertion.indexOf("says") + 4).strip().toLowerCase(Locale.ROOT);
                return card.contains(words) != negated ? null
                        : "the manager's card " + (negated ? "holds" : "lacks") + " \"" + words + "\": " + card;
            }
            case "never" -> {
                String key = w[2];
                return d.all.stream().noneMatch(r -> r.say().key().equals(key)) ? null : "said " + key + " at some point";
            }
            case "no" -> {
                String got = answer(draft, w[2]);
                return got == null ? null : "answer " + w[2] + " was stored: \"" + got + "\"";
            }
            case "not" -> {
                String rest = assertion.substring(4).strip();
                if (rest.startsWith("said ")) {
                    String key = rest.substring(5).strip();
                    return d.said().stream().noneMatch(s -> s.key().equals(key)) ? null : "said " + key;
                }
                if (rest.startsWith("says ")) {
                    String words = rest.substring(5).strip().toLowerCase(Locale.ROOT);
                    return !text.toLowerCase(Locale.ROOT).contains(words) ? null : "reply holds \"" + words + "\": " + text;
                }
                if (rest.startsWith("stored ")) {
                    String words = rest.substring(7).strip().toLowerCase(Locale.ROOT);
                    for (String s : stored(draft)) {
                        if (s.toLowerCase(Locale.ROOT).contains(words)) {
                            return "\"" + words + "\" was stored: \"" + s + "\"";
                        }
                    }
                    return null;
                }
                throw new IllegalArgumentException("unknown assertion: " + assertion);
            }
            default -> throw new IllegalArgumentException("unknown assertion: " + assertion);
        }
    }

    private static Task task(List<Task> tasks, String n) {
        int i = Integer.parseInt(n);
        return i >= 1 && i <= tasks.size() ? tasks.get(i - 1) : null;
    }

    private static String answer(Draft draft, String question) {
        if (draft == null) {
            return null;
        }
        return draft.answer(Question.fromKey(question.toLowerCase(Locale.ROOT))).filter(a -> !a.skipped())
                .map(Answer::text).orElse(null);
    }

    private static List<String> texts(List<Task> tasks) {
        return tasks.stream().map(t -> t.text() + (t.share() == null ? "" : " [" + Views.given(t.share()) + "]")).toList();
    }

    private static List<String> stored(Draft draft) {
        List<String> out = new ArrayList<>();
        if (draft == null) {
            return out;
        }
        if (draft.title() != null) {
            out.add(draft.title());
        }
        draft.tasks().forEach(t -> out.add(t.text()));
        draft.answers().stream().filter(a -> !a.skipped()).forEach(a -> out.add(a.text()));
        return out;
    }

    /** The manager's notice of the last draft the person sent, rendered as the text surfaces show it. */
    private static String card(Dialogue d) {
        String out = "";
        for (rolecraft.bot.domain.Effect e : d.effects) {
            if (e instanceof rolecraft.bot.domain.Effect.Notify n) {
                for (Reply r : n.replies()) {
                    if (r.say() == rolecraft.bot.domain.Say.NOTICE_NEW_DRAFT) {
                        out = PROMPTS.render(r, Prompts.PersonFormat.PLAIN);
                    }
                }
            }
        }
        return out;
    }

    private static String rendered(Dialogue d) {
        StringBuilder b = new StringBuilder();
        for (Reply r : d.last == null ? List.<Reply>of() : d.last.replies()) {
            b.append(PROMPTS.render(r, Prompts.PersonFormat.PLAIN)).append('\n');
        }
        return b.toString();
    }

    /** The failures of every conversation grouped by kind: the corpus's figures for a change. */
    static String figures(List<Path> files, Map<Path, List<String>> results) throws IOException {
        Map<String, Integer> byKind = new TreeMap<>();
        Map<String, Integer> total = new TreeMap<>();
        StringBuilder b = new StringBuilder();
        int failing = 0;
        for (Path f : files) {
            Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("=")).forEach(l ->
                    total.merge(kind(l.substring(l.indexOf(' ') + 1)), 1, Integer::sum));
            List<String> failures = results.get(f);
            if (!failures.isEmpty()) {
                failing++;
                b.append("## ").append(f.getFileName()).append('\n');
                failures.forEach(x -> b.append("  ").append(x).append('\n'));
            }
            failures.forEach(x -> byKind.merge(x.replace(GAP, "").substring(0, x.replace(GAP, "").indexOf(" |")),
                    1, Integer::sum));
        }
        Map<String, String> out = new LinkedHashMap<>();
        total.forEach((k, v) -> out.put(k, byKind.getOrDefault(k, 0) + " of " + v + " fail"));
        return files.size() + " conversations, " + failing + " with a failure or gap; " + out + "\n" + b;
    }
}
