package rolecraft.bot.understand;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import rolecraft.bot.Prompts;
import rolecraft.bot.classify.TextEmbedder;

/**
 * Tells a worry by meaning when the rules of {@link Worries} do not place a question: the question is compared with
 * written examples of each worry and of questions that are none ({@code prompts/understand_worries.txt}), by the
 * sentence embedder the classifier ships. It is a worry when its nearest worry example is nearer than every example
 * of a question that is none. Only questions are compared (a task, a title or an answer is never taken for a
 * worry), and nothing is compared until the embedder is loaded.
 */
public final class WorryMeaning {

    /** The key of the examples in {@code prompts/}. */
    public static final String EXAMPLES = "understand_worries";
    /** Below this similarity to its nearest worry example, a question is too far from every worry to be one. */
    static final double FLOOR = 0.60;
    /** Longest question compared, in words: longer messages describe work. */
    private static final int MAX_WORDS = 20;

    /** The words a question starts with, asked without a question mark ("is this going to be used to…"). */
    private static final Pattern ASKING = Pattern.compile("^(?:(?:so|but|and|ok|honestly|wait|um+|hmm+)[,\\s]+)*+"
            + "(?:is|are|will|would|could|can|do|does|did|am|should|why|who|what|how|where)\\b", Pattern.CASE_INSENSITIVE);

    /** One example: its theme, or null for a question that is no worry. */
    public record Example(Worries.Theme theme, String text) {
    }

    private final List<Example> examples;
    private final Supplier<TextEmbedder> embedder;
    private volatile float[][] vectors;

    /** Compares with {@code examples} by {@code embedder}, which gives null while no embedder is ready. */
    public WorryMeaning(List<Example> examples, Supplier<TextEmbedder> embedder) {
        this.examples = List.copyOf(examples);
        this.embedder = embedder;
    }

    /** The examples an organisation's prompts hold (the built-in ones unless overridden). */
    public static List<Example> examples(Prompts prompts) {
        return parse(prompts.text(EXAMPLES).orElse(""));
    }

    /** Reads examples: one per line, "theme: text"; blank lines and lines starting with # are skipped. */
    public static List<Example> parse(String text) {
        List<Example> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            int colon = line.indexOf(':');
            if (line.isBlank() || line.startsWith("#") || colon < 0) {
                continue;
            }
            String theme = line.substring(0, colon).strip().toUpperCase(Locale.ROOT);
            String example = line.substring(colon + 1).strip();
            if (!example.isEmpty()) {
                out.add(new Example(theme.equals("NONE") ? null : Worries.Theme.valueOf(theme), example));
            }
        }
        return out;
    }

    /** The worry {@code message} voices by meaning, when the rules read it as a question they cannot place. */
    public Optional<Worries.Theme> theme(String message) {
        if (message == null || !asks(message)) {
            return Optional.empty();
        }
        TextEmbedder e = embedder.get();
        if (e == null || examples.isEmpty()) {
            return Optional.empty();
        }
        float[][] known = vectors(e);
        float[] v = e.embed(message.strip());
        Map<Worries.Theme, Double> nearest = new EnumMap<>(Worries.Theme.class);
        double none = -1;
        for (int i = 0; i < known.length; i++) {
            double sim = dot(v, known[i]);
            Worries.Theme theme = examples.get(i).theme();
            if (theme == null) {
                none = Math.max(none, sim);
            } else {
                nearest.merge(theme, sim, Math::max);
            }
        }
        Optional<Map.Entry<Worries.Theme, Double>> best = nearest.entrySet().stream().max(Map.Entry.comparingByValue());
        double noWorry = none;
        return best.filter(b -> b.getValue() >= FLOOR && b.getValue() > noWorry).map(Map.Entry::getKey);
    }

    /** A question the rules read as one they cannot place: a question, or a short message with a question mark. */
    static boolean asks(String message) {
        MessageKind.Reading r = MessageKind.read(message);
        if (r.kind() == MessageKind.Kind.QUESTION) {
            return true;
        }
        return r.kind() == MessageKind.Kind.OTHER && !message.contains("\n")
                && (message.indexOf('?') >= 0 || ASKING.matcher(message.strip()).lookingAt())
                && message.strip().split("\\s+").length <= MAX_WORDS;
    }

    private float[][] vectors(TextEmbedder e) {
        float[][] v = vectors;
        if (v == null) {
            synchronized (this) {
                v = vectors;
                if (v == null) {
                    v = new float[examples.size()][];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = e.embed(examples.get(i).text());
                    }
                    vectors = v;
                }
            }
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
