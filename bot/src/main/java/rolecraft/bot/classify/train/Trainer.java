package rolecraft.bot.classify.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import rolecraft.bot.classify.ExposureModel;
import rolecraft.bot.classify.FeatureEncoder;
import rolecraft.bot.classify.SoftmaxRegression;
import rolecraft.bot.classify.SparseVector;

/**
 * Fits a model (exposure E0-E2, or automation level T0-T4 for ai_role) on a set of rows, calibrating its temperature
 * by inner grouped cross-validation.
 */
final class Trainer {

    static final int INNER_FOLDS = 3;

    private Trainer() {
    }

    /** What a model learns: the human exposure label (3 classes) or GPT-4's automation level (5 classes). */
    record Target(int classes, ToIntFunction<TaskRow> label) {
        static final Target EXPOSURE = new Target(3, TaskRow::label);
        static final Target AUTOMATION = new Target(5, TaskRow::automation);
    }

    /** Fits an exposure model without calibration (temperature 1). */
    static ExposureModel fitRaw(List<TaskRow> rows, List<float[]> emb, Recipe r) {
        return fitRaw(rows, emb, r, Target.EXPOSURE);
    }

    /** Fits without calibration (temperature 1). */
    static ExposureModel fitRaw(List<TaskRow> rows, List<float[]> emb, Recipe r, Target target) {
        List<String> texts = rows.stream().map(TaskRow::task).toList();
        int embDim = r.useEmbedding() ? emb.get(0).length : 0;
        FeatureEncoder enc = FeatureEncoder.fit(texts, r.minDf(), 2, r.verbWeight(), embDim, r.embeddingWeight());
        List<SparseVector> x = new ArrayList<>(rows.size());
        int[] gold = rows.stream().mapToInt(target.label()).toArray();
        double[] classW = classWeights(gold, r.balance(), target.classes());
        List<Integer> ys = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            SparseVector v = enc.encode(texts.get(i), embDim == 0 ? null : emb.get(i));
            x.add(v);
            ys.add(gold[i]);
            ws.add(classW[gold[i]]);
            if (r.gpt4Weight() > 0 && target == Target.EXPOSURE) {
                x.add(v);
                ys.add(rows.get(i).gpt4Label());
                ws.add(r.gpt4Weight() * classW[gold[i]]);
            }
        }
        int[] y = ys.stream().mapToInt(Integer::intValue).toArray();
        double[] w = ws.stream().mapToDouble(Double::doubleValue).toArray();
        SoftmaxRegression lr = SoftmaxRegression.fit(x, y, w, target.classes(), enc.dim(), r.lambda(), r.maxIter());
        return new ExposureModel(enc, lr, 1.0);
    }

    /** Fits an exposure model on all rows and calibrates the temperature on inner out-of-fold logits. */
    static ExposureModel fitCalibrated(List<TaskRow> rows, List<float[]> emb, Recipe r, long seed) {
        return fitCalibrated(rows, emb, r, seed, Target.EXPOSURE);
    }

    /** Fits on all rows and calibrates the temperature on inner out-of-fold logits. */
    static ExposureModel fitCalibrated(List<TaskRow> rows, List<float[]> emb, Recipe r, long seed, Target target) {
        int[] fold = GroupedCv.assignFolds(rows, INNER_FOLDS, seed + 17);
        double[][] logits = new double[rows.size()][];
        for (int f = 0; f < INNER_FOLDS; f++) {
            List<TaskRow> tr = new ArrayList<>();
            List<float[]> te = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (fold[i] != f) {
                    tr.add(rows.get(i));
                    te.add(emb == null ? null : emb.get(i));
                }
            }
            ExposureModel m = fitRaw(tr, te, r, target);
            for (int i = 0; i < rows.size(); i++) {
                if (fold[i] == f) {
                    logits[i] = m.logits(rows.get(i).task(), emb == null ? null : emb.get(i));
                }
            }
        }
        int[] y = rows.stream().mapToInt(target.label()).toArray();
        double t = Calibration.fitTemperature(logits, y);
        ExposureModel full = fitRaw(rows, emb, r, target);
        return new ExposureModel(full.encoder(), full.regression(), t);
    }

    /** Inverse class frequency raised to a power, normalised to mean 1 over rows. */
    static double[] classWeights(int[] y, double power, int classes) {
        int[] count = new int[classes];
        for (int v : y) {
            count[v]++;
        }
        double[] w = new double[classes];
        double mean = 0;
        for (int c = 0; c < classes; c++) {
            w[c] = Math.pow((double) y.length / ((double) classes * Math.max(1, count[c])), power);
            mean += w[c] * count[c] / y.length;
        }
        for (int c = 0; c < classes; c++) {
            w[c] /= mean;
        }
        return w;
    }
}
