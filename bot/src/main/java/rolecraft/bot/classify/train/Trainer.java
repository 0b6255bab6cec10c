package rolecraft.bot.classify.train;

import java.util.ArrayList;
import java.util.List;
import rolecraft.bot.classify.ExposureModel;
import rolecraft.bot.classify.FeatureEncoder;
import rolecraft.bot.classify.SoftmaxRegression;
import rolecraft.bot.classify.SparseVector;

/** Fits an exposure model on a set of rows, calibrating its temperature by inner grouped cross-validation. */
final class Trainer {

    static final int INNER_FOLDS = 3;

    private Trainer() {
    }

    /** Fits without calibration (temperature 1). */
    static ExposureModel fitRaw(List<TaskRow> rows, List<float[]> emb, Recipe r) {
        List<String> texts = rows.stream().map(TaskRow::task).toList();
        int embDim = r.useEmbedding() ? emb.get(0).length : 0;
        FeatureEncoder enc = FeatureEncoder.fit(texts, r.minDf(), 2, r.verbWeight(), embDim, r.embeddingWeight());
        List<SparseVector> x = new ArrayList<>(rows.size());
        int[] gold = rows.stream().mapToInt(TaskRow::label).toArray();
        double[] classW = classWeights(gold, r.balance());
        List<Integer> ys = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            SparseVector v = enc.encode(texts.get(i), embDim == 0 ? null : emb.get(i));
            x.add(v);
            ys.add(gold[i]);
            ws.add(classW[gold[i]]);
            if (r.gpt4Weight() > 0) {
                x.add(v);
                ys.add(rows.get(i).gpt4Label());
                ws.add(r.gpt4Weight() * classW[gold[i]]);
            }
        }
        int[] y = ys.stream().mapToInt(Integer::intValue).toArray();
        double[] w = ws.stream().mapToDouble(Double::doubleValue).toArray();
        SoftmaxRegression lr = SoftmaxRegression.fit(x, y, w, 3, enc.dim(), r.lambda(), r.maxIter());
        return new ExposureModel(enc, lr, 1.0);
    }

    /** Fits on all rows and calibrates the temperature on inner out-of-fold logits. */
    static ExposureModel fitCalibrated(List<TaskRow> rows, List<float[]> emb, Recipe r, long seed) {
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
            ExposureModel m = fitRaw(tr, te, r);
            for (int i = 0; i < rows.size(); i++) {
                if (fold[i] == f) {
                    logits[i] = m.logits(rows.get(i).task(), emb == null ? null : emb.get(i));
                }
            }
        }
        int[] y = rows.stream().mapToInt(TaskRow::label).toArray();
        double t = Calibration.fitTemperature(logits, y);
        ExposureModel full = fitRaw(rows, emb, r);
        return new ExposureModel(full.encoder(), full.regression(), t);
    }

    /** Inverse class frequency raised to a power, normalised to mean 1 over rows. */
    static double[] classWeights(int[] y, double power) {
        int[] count = new int[3];
        for (int v : y) {
            count[v]++;
        }
        double[] w = new double[3];
        double mean = 0;
        for (int c = 0; c < 3; c++) {
            w[c] = Math.pow((double) y.length / (3.0 * Math.max(1, count[c])), power);
            mean += w[c] * count[c] / y.length;
        }
        for (int c = 0; c < 3; c++) {
            w[c] /= mean;
        }
        return w;
    }
}
