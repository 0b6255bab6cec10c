package rolecraft.bot.classify.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import rolecraft.bot.classify.AiRoles;
import rolecraft.bot.classify.ModelClassifier;
import rolecraft.bot.classify.RoleNeighbours;
import rolecraft.bot.classify.ShippedModel;
import rolecraft.bot.classify.SoftmaxRegression;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Classification;

/**
 * Prints the ai_role figures: grouped CV by occupation of the role model and of plain bag-of-words against GPT-4's
 * automation levels (dev + non-desk statements), the calibration of the role's confidence, the shipped classifier's
 * calls on the same rows, on the paraphrase pairs and on twenty non-desk tasks.
 * Usage, from the project root: EvaluateRole [devPath] [nonDeskPath] [--shipped-only] (defaults under
 * ../shared/data/; --shipped-only leaves out the cross-validation, the slow part).
 */
public final class EvaluateRole {

    static final String TEST_RESOURCES = "bot/src/test/resources/classify/";

    private EvaluateRole() {
    }

    public static void main(String[] args) throws Exception {
        List<String> paths = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        boolean cv = !List.of(args).contains("--shipped-only");
        List<TaskRow> rows = TrainModel.roleRows(Path.of(paths.size() > 0 ? paths.get(0) : TrainModel.DEFAULT_DATA),
                Path.of(paths.size() > 1 ? paths.get(1) : TrainModel.DEFAULT_NON_DESK));
        List<float[]> emb = TrainModel.embeddings(rows);
        int[] levels = rows.stream().mapToInt(TaskRow::automation).toArray();
        System.out.printf(Locale.ROOT, "== ai_role against GPT-4's automation level: %d rows, %d occupations%n",
                rows.size(), rows.stream().map(TaskRow::soc).distinct().count());

        // One uncalibrated fit per fold; probabilities with the shipped role model's temperature.
        double temperature = cv ? shippedRoleTemperature() : 1;
        for (Recipe r : cv ? List.of(Recipe.role(), Recipe.plainBagOfWords()) : List.<Recipe>of()) {
            double[][] p = probabilities(GroupedCv.logits(rows, emb, r, Evaluate.FOLDS, Evaluate.CV_SEED,
                    Trainer.Target.AUTOMATION), temperature);
            RoleMetrics m = RoleMetrics.of(levels, roles(p));
            System.out.println((r.equals(Recipe.role()) ? "role model alone" : "plain bag-of-words") + ", grouped CV: "
                    + m.summary());
            System.out.print(m.confusionTable());
            if (r.equals(Recipe.role())) {
                double[][] b = blended(p, GroupedCv.neighbourLevels(rows, emb, Evaluate.FOLDS, Evaluate.CV_SEED));
                RoleMetrics bm = RoleMetrics.of(levels, roles(b));
                System.out.println("role model blended with the nearest statements' levels, grouped CV: "
                        + bm.summary());
                System.out.print(bm.confusionTable());
                System.out.print(calibration(levels, b));
                RoleMetrics dm = RoleMetrics.of(levels, decided(rows, b));
                System.out.println("the role decided (blend and the definitional exceptions), grouped CV: "
                        + dm.summary());
                System.out.print(dm.confusionTable());
            }
        }

        if (cv) {
            System.out.print(evidenceBySimilarity(rows, emb));
        }

        ModelClassifier shipped = ModelClassifier.load();
        shipped.awaitEmbedder(Duration.ofSeconds(60));
        List<Classification> all = shipped.classifyAll(rows.stream().map(TaskRow::task).toList());
        RoleMetrics sm = RoleMetrics.of(levels, all.stream().map(Classification::aiRole).toArray(AiRole[]::new));
        System.out.println("shipped classifier on the same rows (seen in training by a trained role model): "
                + sm.summary());
        System.out.print(sm.confusionTable());

        List<String[]> pairs = paraphrasePairs(Path.of(TEST_RESOURCES + "paraphrase-pairs.tsv"));
        int same = 0;
        for (String[] pair : pairs) {
            List<Classification> c = shipped.classifyAll(List.of(pair[0], pair[1]));
            boolean agree = c.get(0).aiRole() == c.get(1).aiRole();
            same += agree ? 1 : 0;
            if (!agree) {
                System.out.printf(Locale.ROOT, "  differs: %s (%s) / %s (%s)%n", pair[0], c.get(0).aiRole().word(),
                        pair[1], c.get(1).aiRole().word());
            }
        }
        System.out.printf(Locale.ROOT, "paraphrase pairs: same ai_role on %d of %d (%.3f)%n", same, pairs.size(),
                (double) same / pairs.size());

        System.out.println("twenty non-desk tasks:");
        for (String t : Files.readAllLines(Path.of(TEST_RESOURCES + "nondesk-tasks.txt"), StandardCharsets.UTF_8)) {
            Classification c = shipped.classify(t);
            System.out.printf(Locale.ROOT, "  %s\t%s · %.0f%%\t%s\t%s%n", t, c.aiRole().word(), c.confidence() * 100,
                    c.reason(), c.evidence() == null ? "-" : c.evidence().task());
        }
    }

    static double[][] probabilities(double[][] logits, double temperature) {
        double[][] p = new double[logits.length][];
        for (int i = 0; i < p.length; i++) {
            p[i] = SoftmaxRegression.softmax(logits[i], temperature);
        }
        return p;
    }

    /** The role model's out-of-fold probabilities blended with the out-of-fold neighbour votes, row by row. */
    static double[][] blended(double[][] model, double[][] neighbours) {
        double[][] out = new double[model.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = RoleNeighbours.blend(model[i], neighbours[i]);
        }
        return out;
    }

    /** The role the classifier decides for each row from its level probabilities. */
    static AiRole[] decided(List<TaskRow> rows, double[][] levelProbs) {
        AiRole[] out = new AiRole[levelProbs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = AiRoles.decided(rows.get(i).task(), levelProbs[i]);
        }
        return out;
    }

    /** The calibration temperature of the shipped ai_role model. */
    static double shippedRoleTemperature() throws IOException {
        try (InputStream in = EvaluateRole.class.getResourceAsStream(ShippedModel.RESOURCE)) {
            return ShippedModel.read(in).roleWithEmbedding().temperature();
        }
    }

    /** The role of each row: the most probable of the grouped level probabilities, as the classifier reads it. */
    static AiRole[] roles(double[][] levelProbs) {
        AiRole[] out = new AiRole[levelProbs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = AiRoles.mostProbable(levelProbs[i]);
        }
        return out;
    }

    /** Reliability of the role's probability: per bin of confidence, how often the role is the level's role. */
    static String calibration(int[] levels, double[][] levelProbs) {
        StringBuilder sb = new StringBuilder("  confidence bin   rows   role right\n");
        int bins = 10;
        int[] n = new int[bins];
        int[] ok = new int[bins];
        double ece = 0;
        double[] conf = new double[bins];
        for (int i = 0; i < levels.length; i++) {
            double[] p = AiRoles.ofLevels(levelProbs[i]);
            int best = AiRoles.mostProbable(levelProbs[i]).ordinal();
            int b = Math.min(bins - 1, (int) (p[best] * bins));
            n[b]++;
            conf[b] += p[best];
            ok[b] += AiRoles.ofLevel(levels[i]).ordinal() == best ? 1 : 0;
        }
        for (int b = 0; b < bins; b++) {
            if (n[b] > 0) {
                sb.append(String.format(Locale.ROOT, "  %.1f-%.1f      %6d   %.3f%n", b / 10.0, (b + 1) / 10.0, n[b],
                        (double) ok[b] / n[b]));
                ece += Math.abs(ok[b] - conf[b]) / levels.length;
            }
        }
        return sb.append(String.format(Locale.ROOT, "  ECE %.3f%n", ece)).toString();
    }

    /**
     * How often the closest development statement of another occupation (what evidence shows) carries the row's own
     * labels, by its cosine: the line below which evidence says nothing. Every 4th row is asked.
     */
    static String evidenceBySimilarity(List<TaskRow> rows, List<float[]> emb) {
        double[] edges = {0.70, 0.75, 0.78, 0.80, 0.82, 0.84, 0.86, 0.88, 0.90, 0.95, 1.01};
        int[] n = new int[edges.length];
        int[] sameExposure = new int[edges.length];
        int[] sameRole = new int[edges.length];
        List<Integer> index = new ArrayList<>();
        for (int j = 0; j < rows.size(); j++) {
            if (rows.get(j).gpt4Label() >= 0 && rows.get(j).soc().compareTo("29") < 0) {
                index.add(j);
            }
        }
        for (int i = 0; i < rows.size(); i += 4) {
            float[] a = emb.get(i);
            int best = -1;
            double bestSim = -2;
            for (int j : index) {
                if (rows.get(j).soc().equals(rows.get(i).soc())) {
                    continue;
                }
                float[] b = emb.get(j);
                double sim = 0;
                for (int d = 0; d < a.length; d++) {
                    sim += a[d] * b[d];
                }
                if (sim > bestSim) {
                    bestSim = sim;
                    best = j;
                }
            }
            int bin = 0;
            while (bin < edges.length - 1 && bestSim >= edges[bin]) {
                bin++;
            }
            n[bin]++;
            sameExposure[bin] += rows.get(best).label() == rows.get(i).label() ? 1 : 0;
            sameRole[bin] += AiRoles.ofLevel(rows.get(best).automation()) == AiRoles.ofLevel(rows.get(i).automation())
                    ? 1 : 0;
        }
        StringBuilder sb = new StringBuilder("closest statement of another occupation, by cosine: rows, same exposure, "
                + "same role\n");
        for (int b = 0; b < edges.length; b++) {
            if (n[b] > 0) {
                sb.append(String.format(Locale.ROOT, "  below %.2f  %6d  %.3f  %.3f%n", edges[b], n[b],
                        (double) sameExposure[b] / n[b], (double) sameRole[b] / n[b]));
            }
        }
        return sb.toString();
    }

    static List<String[]> paraphrasePairs(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            if (f.length == 2) {
                out.add(f);
            }
        }
        return out;
    }
}
