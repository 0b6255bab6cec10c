package rolecraft.bot;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import rolecraft.bot.domain.Reply;

/**
 * Every sentence the bot says, as Mustache templates named by key: prompts/&lt;key&gt;.txt in the jar, or the
 * same name in an override folder, which wins.
 */
public final class Prompts {

    /** How a surface writes a person: a mention on Slack, a name on Teams, the plain id in a terminal. */
    @FunctionalInterface
    public interface PersonFormat {
        String name(String personId);

        /** The id without its surface prefix: "bob" for "local:bob". */
        PersonFormat PLAIN = id -> id.substring(id.lastIndexOf(':') + 1);
    }

    private final Path overrides;
    private final Map<String, Optional<Template>> cache = new ConcurrentHashMap<>();
    /** Partials ({{>name}}) are looked up like any template, overrides first. */
    private final Mustache.Compiler compiler;

    private Prompts(Path overrides) {
        this.overrides = overrides;
        this.compiler = Mustache.compiler()
                .escapeHTML(false)
                .defaultValue("")
                .emptyStringIsFalse(true)
                .zeroIsFalse(true)
                .withLoader(name -> new java.io.StringReader(source(name)
                        .orElseThrow(() -> new IllegalArgumentException("no template for partial " + name))));
    }

    /**
     * At most {@code max} UTF-16 units of {@code text} (a surface's limit), cut between characters and ended with
     * an ellipsis where something was cut.
     */
    public static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).stripTrailing() + "…";
    }

    /** Templates from the jar, overridden by files in {@code folder} where it has them (null: none). */
    public static Prompts load(Path folder) {
        if (folder != null && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException(Files.exists(folder)
                    ? "the prompts folder names a file, not a folder of templates: " + folder
                    : "prompts folder not found: " + folder);
        }
        return new Prompts(folder);
    }

    /** The jar's templates only. */
    public static Prompts builtIn() {
        return new Prompts(null);
    }

    /** A file of {@code prompts/} as written (examples of what people mean, say), overrides first. */
    public Optional<String> text(String key) {
        return source(key);
    }

    public boolean has(String key) {
        return template(key).isPresent();
    }

    /** The reply as text, people written by {@code people}. */
    public String render(Reply reply, PersonFormat people) {
        return render(reply.say().key(), reply.params(), people);
    }

    /** Renders one template; an unknown key is a programming error. */
    public String render(String key, Map<String, Object> params, PersonFormat people) {
        Template t = template(key).orElseThrow(() -> new IllegalArgumentException("no template for " + key));
        String text = t.execute(resolvePeople(params, people));
        return tidy(text);
    }

    /** Renders every reply and joins them with a blank line. */
    public String renderAll(List<Reply> replies, PersonFormat people) {
        List<String> parts = new ArrayList<>();
        for (Reply r : replies) {
            String text = render(r, people);
            if (!text.isBlank()) {
                parts.add(text);
            }
        }
        return String.join("\n\n", parts);
    }

    private Optional<Template> template(String key) {
        return cache.computeIfAbsent(key, this::compile);
    }

    private Optional<Template> compile(String key) {
        return source(key).map(compiler::compile);
    }

    /** A template's text: from the override folder if it has the file, else from the jar. */
    private Optional<String> source(String key) {
        if (!key.matches("[a-z0-9_]+")) {
            return Optional.empty();
        }
        try {
            if (overrides != null) {
                Path file = overrides.resolve(key + ".txt");
                if (Files.isRegularFile(file)) {
                    return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
            try (InputStream in = Prompts.class.getResourceAsStream("/prompts/" + key + ".txt")) {
                if (in == null) {
                    return Optional.empty();
                }
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + key, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object resolve(Object value, PersonFormat people) {
        if (value instanceof Map<?, ?> map) {
            Object id = map.get("@person");
            if (id != null && map.size() == 1) {
                return people.name(id.toString());
            }
            return resolvePeople((Map<String, Object>) map, people);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(resolve(o, people));
            }
            return out;
        }
        return value;
    }

    /**
     * Params with every string in them (what people typed among them) passed through {@code escape}, for a
     * surface whose text is markup; people ({"@person": id}) are left for the surface's format.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> escaped(Map<String, Object> params, UnaryOperator<String> escape) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, escapedValue(v, escape)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object escapedValue(Object v, UnaryOperator<String> escape) {
        if (v instanceof String s) {
            return escape.apply(s);
        }
        if (v instanceof Map<?, ?> map) {
            return map.size() == 1 && map.containsKey("@person") ? map : escaped((Map<String, Object>) map, escape);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(escapedValue(o, escape));
            }
            return out;
        }
        return v;
    }

    private static Map<String, Object> resolvePeople(Map<String, Object> params, PersonFormat people) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, resolve(v, people)));
        return out;
    }

    /** Drops trailing blanks on each line and runs of blank lines that empty sections leave. */
    static String tidy(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder b = new StringBuilder();
        int blank = 0;
        for (String line : lines) {
            String l = line.stripTrailing();
            if (l.isEmpty()) {
                blank++;
                if (blank > 1) {
                    continue;
                }
            } else {
                blank = 0;
            }
            b.append(l).append('\n');
        }
        return b.toString().strip();
    }
}
