package rolecraft.adapters.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import rolecraft.bot.classify.ModelClassifier;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Classification;

/** Classifies task statements in bulk: one per input line, one result per line, in input order. */
@Command(name = "classify",
        mixinStandardHelpOptions = true,
        description = {
            "Classify task statements, one per line, from standard input (or FILE): for each, its exposure to "
                + "LLMs (E0, E1, E2), what AI should do with it (automate, augment, human), the capability it draws "
                + "on (judgment, creativity, relationships; empty for automate), the calibrated confidence of the "
                + "exposure, and a one-line reason. Works offline; no database is opened.",
            "",
            "Output: one line per task, in input order. TSV (the default) starts with a header line; its columns "
                + "are exposure, ai_role, capability, confidence, reason, task (tabs and line breaks inside a "
                + "field become spaces). JSON writes one object per line (JSON Lines) with the same fields plus "
                + "evidence: the closest labelled O*NET task statement with its occupation and the human raters' "
                + "label, or null.",
            "Blank lines are skipped: they produce no output line. Leading and trailing spaces are trimmed.",
            "Progress goes to standard error every 1000 lines, with the rate."
        })
final class ClassifyCommand implements Callable<Integer> {

    /** The two output formats. */
    enum Format { tsv, json }

    static final String[] COLUMNS = {"exposure", "ai_role", "capability", "confidence", "reason", "task"};
    static final int PROGRESS_EVERY = 1000;
    /** Lines classified together: one batch is embedded in parallel. */
    private static final int BATCH = 64;

    @ParentCommand
    Main main;

    @Option(names = {"-f", "--format"}, defaultValue = "tsv", paramLabel = "tsv|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Parameters(arity = "0..1", paramLabel = "FILE",
            description = "Read the task statements from this UTF-8 file instead of standard input.")
    Path file;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = main.spec.commandLine().getOut();
        PrintWriter err = main.spec.commandLine().getErr();
        ModelClassifier classifier = ModelClassifier.load();
        InputStream source = file == null ? System.in : Files.newInputStream(file);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(source, StandardCharsets.UTF_8), 1 << 16)) {
            Output sink = format == Format.tsv ? new Tsv(out) : new JsonLines(out);
            long start = System.nanoTime();
            long done = 0;
            List<String> batch = new ArrayList<>(BATCH);
            for (String line = in.readLine(); ; line = in.readLine()) {
                if (line != null && !line.isBlank()) {
                    batch.add(line.strip());
                }
                if (batch.size() == BATCH || (line == null && !batch.isEmpty())) {
                    List<Classification> results = classifier.classifyAll(batch);
                    for (int i = 0; i < batch.size(); i++) {
                        sink.write(batch.get(i), results.get(i));
                        if (++done % PROGRESS_EVERY == 0) {
                            out.flush();
                            err.printf(Locale.ROOT, "classified %,d lines (%.0f lines/s)%n", done,
                                    done / seconds(start));
                            err.flush();
                        }
                    }
                    batch.clear();
                }
                if (line == null) {
                    break;
                }
            }
            sink.close();
            if (done >= PROGRESS_EVERY) {
                err.printf(Locale.ROOT, "classified %,d lines in %.1f s (%.0f lines/s)%n", done, seconds(start),
                        done / seconds(start));
            }
        } finally {
            out.flush();
            err.flush();
        }
        return 0;
    }

    private static double seconds(long startNanos) {
        return Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    }

    /** The capability as shown: empty for a task that AI takes over. */
    static String capabilityOf(Classification c) {
        return c.aiRole() == AiRole.AUTOMATE || c.capability() == null ? "" : c.capability().word();
    }

    private interface Output {
        void write(String task, Classification c) throws IOException;

        void close() throws IOException;
    }

    /** Tab-separated values with a header line. */
    private static final class Tsv implements Output {
        private final PrintWriter out;

        Tsv(PrintWriter out) {
            this.out = out;
            out.println(String.join("\t", COLUMNS));
        }

        @Override
        public void write(String task, Classification c) {
            out.println(String.join("\t", c.exposure().name(), c.aiRole().word(), capabilityOf(c),
                    String.format(Locale.ROOT, "%.2f", c.confidence()), field(c.reason()), field(task)));
        }

        @Override
        public void close() {
            out.flush();
        }

        private static String field(String s) {
            return s == null ? "" : s.replaceAll("[\\t\\r\\n]+", " ");
        }
    }

    /** One JSON object per line. */
    private static final class JsonLines implements Output {
        private final JsonGenerator json;
        private final Writer out;

        JsonLines(Writer out) throws IOException {
            this.out = out;
            this.json = new JsonFactory().createGenerator(out);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        }

        @Override
        public void write(String task, Classification c) throws IOException {
            json.writeStartObject();
            json.writeStringField(COLUMNS[0], c.exposure().name());
            json.writeStringField(COLUMNS[1], c.aiRole().word());
            String capability = capabilityOf(c);
            if (capability.isEmpty()) {
                json.writeNullField(COLUMNS[2]);
            } else {
                json.writeStringField(COLUMNS[2], capability);
            }
            json.writeNumberField(COLUMNS[3], Math.round(c.confidence() * 1000) / 1000.0);
            json.writeStringField(COLUMNS[4], c.reason());
            json.writeStringField(COLUMNS[5], task);
            if (c.evidence() == null) {
                json.writeNullField("evidence");
            } else {
                json.writeObjectFieldStart("evidence");
                json.writeStringField("task", c.evidence().task());
                json.writeStringField("occupation", c.evidence().occupation());
                json.writeStringField("human_label", c.evidence().humanLabel().name());
                json.writeEndObject();
            }
            json.writeEndObject();
            json.flush();
            out.write('\n');
        }

        @Override
        public void close() throws IOException {
            json.close();
            out.flush();
        }
    }
}
