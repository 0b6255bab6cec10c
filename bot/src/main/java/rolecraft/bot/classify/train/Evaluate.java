package rolecraft.bot.classify.train;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import rolecraft.bot.classify.BgeSmallEmbedder;
import rolecraft.bot.classify.ExposureModel;
import rolecraft.bot.classify.ModelClassifier;
import rolecraft.bot.domain.Classification;

/**
 * Prints grouped-CV figures of the shipped recipe (with and without near-duplicate removal), the plain bag-of-words
 * baseline, and the chat-set figures of the shipped model beside the baseline.
 * Usage, from the project root: Evaluate [dataPath] [chatSetPath]
 * (defaults ../shared/data/onet-exposure-dev.tsv and bot/src/test/resources/classify/chat-tasks.tsv).
 */
public final class Evaluate {

    static final int FOLDS = 5;
    static final long CV_SEED = 42;
    /** Embedding cosine at or above which two statements of different occupations count as near-duplicates. */
    static final double NEAR_DUP = 0.93;

    private Evaluate() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : TrainModel.DEFAULT_DATA);
        Path chat = Path.of(args.length > 1 ? args[1] : "bot/src/test/resources/classify/chat-tasks.tsv");
        List<TaskRow> rows = DevData.read(data);
        List<float[]> emb = TrainModel.embeddings(rows);
        int[] y = rows.stream().mapToInt(TaskRow::label).toArray();
        int[][] nd = GroupedCv.nearDuplicates(rows, emb, NEAR_DUP);

        System.out.printf(Locale.ROOT, "== Grouped CV, %d folds by soc_code, %d rows, %d occupations%n", FOLDS, rows.size(),
                rows.stream().map(TaskRow::soc).distinct().count());
        int[] gpt4 = rows.stream().mapToInt(TaskRow::gpt4Label).toArray();
        double[][] gp = new double[rows.size()][3];
        for (int i = 0; i < gp.length; i++) {
            gp[i][gpt4[i]] = 1;
        }
        Metrics g = Metrics.of(y, gp);
        System.out.printf(Locale.ROOT, "GPT-4 labels vs human        : acc %.3f  macro-F1 %.3f%n", g.accuracy(), g.macroF1());
        for (Recipe r : List.of(Recipe.shipped(), Recipe.shippedBagOfWords(), Recipe.plainBagOfWords())) {
            Metrics all = Metrics.of(y, GroupedCv.run(rows, emb, r, FOLDS, CV_SEED, null));
            Metrics dedup = Metrics.of(y, GroupedCv.run(rows, emb, r, FOLDS, CV_SEED, nd));
            System.out.println(name(r));
            System.out.println("  all rows          : " + all.summary());
            System.out.print(all.confusionTable());
            System.out.println("  near-dups removed : " + dedup.summary());
            System.out.print(dedup.confusionTable());
        }

        List<ChatSet.Item> items = ChatSet.read(chat);
        int[] cy = items.stream().mapToInt(ChatSet.Item::label).toArray();
        List<String> texts = items.stream().map(ChatSet.Item::task).toList();
        System.out.printf(Locale.ROOT, "%n== Chat set %s: %d rows (E0 %d, E1 %d, E2 %d)%n", chat, items.size(),
                count(cy, 0), count(cy, 1), count(cy, 2));
        ModelClassifier shipped = ModelClassifier.load();
        shipped.awaitEmbedder(Duration.ofSeconds(60));
        List<Classification> out = shipped.classifyAll(texts);
        double[][] sp = new double[items.size()][];
        int capOk = 0;
        int withEvidence = 0;
        int evidenceAgrees = 0;
        for (int i = 0; i < items.size(); i++) {
            Classification c = out.get(i);
            sp[i] = oneHotWithConfidence(c.exposure().ordinal(), c.confidence());
            capOk += c.capability() == items.get(i).capability() ? 1 : 0;
            if (c.evidence() != null) {
                withEvidence++;
                evidenceAgrees += c.evidence().humanLabel().ordinal() == cy[i] ? 1 : 0;
            }
        }
        Metrics ms = Metrics.of(cy, sp);
        System.out.println("shipped model (TF-IDF + verb + BGE) : " + ms.summary());
        System.out.print(ms.confusionTable());
        ModelClassifier bowOnly = ModelClassifier.loadBagOfWords();
        double[][] fp = new double[items.size()][];
        for (int i = 0; i < items.size(); i++) {
            Classification c = bowOnly.classify(texts.get(i));
            fp[i] = oneHotWithConfidence(c.exposure().ordinal(), c.confidence());
        }
        System.out.println("shipped fallback (no embedder)      : " + Metrics.of(cy, fp).summary());
        ExposureModel base = Trainer.fitCalibrated(rows, emb, Recipe.plainBagOfWords(), TrainModel.SEED);
        double[][] bp = new double[items.size()][];
        for (int i = 0; i < items.size(); i++) {
            bp[i] = base.probabilities(texts.get(i), null);
        }
        Metrics mb = Metrics.of(cy, bp);
        System.out.println("plain BoW baseline (TF-IDF 1-2g LR) : " + mb.summary());
        System.out.print(mb.confusionTable());
        System.out.printf(Locale.ROOT, "capability agreement with my labels: %.3f (%d/%d)%n",
                (double) capOk / items.size(), capOk, items.size());
        System.out.printf(Locale.ROOT, "evidence shown for %d/%d; its human label equals my label for %d (%.3f of shown)%n",
                withEvidence, items.size(), evidenceAgrees, withEvidence == 0 ? 0 : (double) evidenceAgrees / withEvidence);
        System.out.print(roleCounts(out));
        latency(shipped, texts);
    }

    /** Probability row putting the confidence on the predicted class and the rest evenly on the others (for ECE). */
    static double[] oneHotWithConfidence(int pred, double conf) {
        double[] p = new double[3];
        Arrays.fill(p, (1 - conf) / 2);
        p[pred] = conf;
        return p;
    }

    static String roleCounts(List<Classification> out) {
        Map<String, Integer> m = new TreeMap<>();
        for (Classification c : out) {
            m.merge(c.aiRole() + "/" + c.exposure(), 1, Integer::sum);
        }
        return "ai_role by exposure on chat set: " + m + System.lineSeparator();
    }

    static void latency(ModelClassifier c, List<String> texts) {
        List<String> ten = texts.subList(0, 10);
        for (int i = 0; i < 20; i++) {
            c.classifyAll(ten);
        }
        long best = Long.MAX_VALUE;
        long total = 0;
        int reps = 30;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            c.classifyAll(ten);
            long dt = System.nanoTime() - t0;
            best = Math.min(best, dt);
            total += dt;
        }
        long seq = System.nanoTime();
        for (String t : ten) {
            c.classify(t);
        }
        seq = System.nanoTime() - seq;
        System.out.printf(Locale.ROOT, "warm latency, 10 tasks: classifyAll mean %.1f ms (best %.1f ms); sequential classify %.1f ms%n",
                total / 1e6 / reps, best / 1e6, seq / 1e6);
    }

    static int count(int[] y, int c) {
        int n = 0;
        for (int v : y) {
            n += v == c ? 1 : 0;
        }
        return n;
    }

    static String name(Recipe r) {
        if (r.equals(Recipe.shipped())) {
            return "shipped recipe (TF-IDF 1-2g + lead verb + BGE-small, class weights^0.5, temperature-scaled)";
        }
        if (r.equals(Recipe.shippedBagOfWords())) {
            return "shipped fallback recipe (same without embeddings)";
        }
        return "plain BoW baseline (TF-IDF 1-2g LR, unweighted, temperature-scaled)";
    }
}
