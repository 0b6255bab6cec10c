package rolecraft.bot.classify.train;

import java.util.Locale;

/** Accuracy, macro-F1, expected calibration error and confusion matrix of 3-class predictions. */
record Metrics(double accuracy, double macroF1, double ece, double nll, int[][] confusion, double[] f1) {

    static final String[] NAMES = {"E0", "E1", "E2"};

    /** Computes metrics from gold labels and predicted probability rows. */
    static Metrics of(int[] gold, double[][] probs) {
        int k = probs[0].length;
        int[][] cm = new int[k][k];
        int correct = 0;
        double nll = 0;
        int bins = 10;
        double[] binConf = new double[bins];
        double[] binAcc = new double[bins];
        int[] binN = new int[bins];
        for (int i = 0; i < gold.length; i++) {
            int pred = argmax(probs[i]);
            cm[gold[i]][pred]++;
            boolean ok = pred == gold[i];
            if (ok) {
                correct++;
            }
            nll -= Math.log(Math.max(probs[i][gold[i]], 1e-12));
            double conf = probs[i][pred];
            int b = Math.min(bins - 1, (int) (conf * bins));
            binConf[b] += conf;
            binAcc[b] += ok ? 1 : 0;
            binN[b]++;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (binN[b] > 0) {
                ece += Math.abs(binAcc[b] - binConf[b]) / gold.length;
            }
        }
        double[] f1 = new double[k];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            int tp = cm[c][c];
            int fp = 0;
            int fn = 0;
            for (int o = 0; o < k; o++) {
                if (o != c) {
                    fp += cm[o][c];
                    fn += cm[c][o];
                }
            }
            f1[c] = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            sum += f1[c];
        }
        return new Metrics((double) correct / gold.length, sum / k, ece, nll / gold.length, cm, f1);
    }

    static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    String summary() {
        return String.format(Locale.ROOT, "acc %.3f  macro-F1 %.3f  ECE %.3f  NLL %.3f  F1[E0 %.3f E1 %.3f E2 %.3f]",
                accuracy, macroF1, ece, nll, f1[0], f1[1], f1[2]);
    }

    String confusionTable() {
        StringBuilder sb = new StringBuilder("          pred E0  pred E1  pred E2\n");
        for (int g = 0; g < confusion.length; g++) {
            sb.append(String.format(Locale.ROOT, "  gold %s %8d %8d %8d%n", NAMES[g], confusion[g][0], confusion[g][1], confusion[g][2]));
        }
        return sb.toString();
    }
}
