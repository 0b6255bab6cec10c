package rolecraft.bot.classify.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rolecraft.bot.classify.ExposureModel;
import rolecraft.bot.classify.ModelClassifier;
import rolecraft.bot.domain.Classification;

/**
 * Grouped cross-validation of the shipped recipe on the labelled data beside the project
 * (../shared/data/onet-exposure-dev.tsv from the project root); skipped, with one line, when it is absent.
 */
class CrossValidationFloorTest {

    private static Path data;

    @BeforeAll
    static void findData() {
        Path root = Path.of(System.getProperty("rolecraft.root", ".."));
        data = root.resolve(TrainModel.DEFAULT_DATA).normalize().toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(data),
                "skipping the grouped-CV floors: labelled data not found at " + data);
    }

    @Test
    void grouped_cv_by_occupation_meets_the_accuracy_macro_f1_and_calibration_floors() throws Exception {
        List<TaskRow> rows = DevData.read(data);
        List<float[]> emb = TrainModel.embeddings(rows);
        int[] y = rows.stream().mapToInt(TaskRow::label).toArray();
        Metrics m = Metrics.of(y, GroupedCv.run(rows, emb, Recipe.shipped(), Evaluate.FOLDS, Evaluate.CV_SEED, null));
        System.out.println("grouped CV (" + Evaluate.FOLDS + " folds by soc_code): " + m.summary());
        System.out.print(m.confusionTable());
        assertTrue(m.accuracy() >= 0.66, "accuracy " + m.accuracy());
        assertTrue(m.macroF1() >= 0.64, "macro-F1 " + m.macroF1());
        assertTrue(m.ece() <= 0.05, "ECE " + m.ece());
    }

    @Test
    void folds_never_split_an_occupation() throws Exception {
        List<TaskRow> rows = DevData.read(data);
        int[] fold = GroupedCv.assignFolds(rows, Evaluate.FOLDS, Evaluate.CV_SEED);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Integer prev = seen.putIfAbsent(rows.get(i).soc(), fold[i]);
            assertTrue(prev == null || prev == fold[i], rows.get(i).soc());
        }
    }

    @Test
    void on_the_chat_set_the_shipped_model_beats_plain_bag_of_words_and_meets_the_floors() throws Exception {
        List<TaskRow> rows = DevData.read(data);
        List<float[]> emb = TrainModel.embeddings(rows);
        List<ChatSet.Item> items = ChatSet.read(Path.of(getClass().getResource("/classify/chat-tasks.tsv").toURI()));
        int[] gold = items.stream().mapToInt(ChatSet.Item::label).toArray();
        List<String> texts = items.stream().map(ChatSet.Item::task).toList();

        ExposureModel bow = Trainer.fitCalibrated(rows, emb, Recipe.plainBagOfWords(), TrainModel.SEED);
        double[][] bp = new double[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            bp[i] = bow.probabilities(texts.get(i), null);
        }
        Metrics baseline = Metrics.of(gold, bp);
        ModelClassifier shipped = ModelClassifier.load();
        assertTrue(shipped.awaitEmbedder(Duration.ofSeconds(60)), "the embedder did not load");
        List<Classification> out = shipped.classifyAll(texts);
        double[][] sp = new double[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            sp[i] = Evaluate.oneHotWithConfidence(out.get(i).exposure().ordinal(), out.get(i).confidence());
        }
        Metrics ours = Metrics.of(gold, sp);
        System.out.println("chat set, " + texts.size() + " rows");
        System.out.println("  shipped model      : " + ours.summary());
        System.out.print(ours.confusionTable());
        System.out.println("  plain bag-of-words : " + baseline.summary());
        System.out.print(baseline.confusionTable());
        assertTrue(ours.accuracy() >= 0.60, "chat accuracy " + ours.accuracy());
        assertTrue(ours.macroF1() >= 0.60, "chat macro-F1 " + ours.macroF1());
        assertTrue(ours.accuracy() > baseline.accuracy(), "no better than bag-of-words: " + baseline.summary());
        assertTrue(ours.macroF1() > baseline.macroF1(), "no better than bag-of-words: " + baseline.summary());
    }
}
