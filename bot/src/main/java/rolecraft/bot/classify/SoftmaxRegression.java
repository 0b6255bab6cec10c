package rolecraft.bot.classify;

import java.util.Arrays;
import java.util.List;

/** Multinomial logistic regression with L2 penalty, fitted by L-BFGS; deterministic. */
public final class SoftmaxRegression {

    private final int classes;
    private final int dim;
    private final float[] weights;
    private final float[] bias;

    /** Wraps fitted parameters: weights are class-major (classes x dim). */
    public SoftmaxRegression(int classes, int dim, float[] weights, float[] bias) {
        this.classes = classes;
        this.dim = dim;
        this.weights = weights;
        this.bias = bias;
    }

    public int classes() {
        return classes;
    }

    public int dim() {
        return dim;
    }

    float[] weights() {
        return weights;
    }

    float[] bias() {
        return bias;
    }

    /** Raw class scores for one row. */
    public double[] logits(SparseVector x) {
        double[] z = new double[classes];
        for (int c = 0; c < classes; c++) {
            z[c] = bias[c] + x.dot(weights, c * dim);
        }
        return z;
    }

    /** Softmax of logits divided by a temperature. */
    public static double[] softmax(double[] z, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v / temperature);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            p[c] = Math.exp(z[c] / temperature - max);
            sum += p[c];
        }
        for (int c = 0; c < z.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    /**
     * Fits the model.
     *
     * @param rows feature rows, indices below dim
     * @param labels class index per row
     * @param rowWeights weight per row (e.g. balanced class weights)
     * @param lambda L2 penalty on weights (not on biases), per unit of total row weight
     */
    public static SoftmaxRegression fit(List<SparseVector> rows, int[] labels, double[] rowWeights,
                                        int classes, int dim, double lambda, int maxIter) {
        Objective obj = new Objective(rows, labels, rowWeights, classes, dim, lambda);
        double[] theta = Lbfgs.minimize(obj, new double[classes * dim + classes], maxIter, 1e-6);
        float[] w = new float[classes * dim];
        float[] b = new float[classes];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) theta[i];
        }
        for (int c = 0; c < classes; c++) {
            b[c] = (float) theta[classes * dim + c];
        }
        return new SoftmaxRegression(classes, dim, w, b);
    }

    /** Weighted mean cross-entropy plus L2 penalty, with gradient. */
    private record Objective(List<SparseVector> rows, int[] labels, double[] rowWeights,
                             int classes, int dim, double lambda) implements Lbfgs.Function {

        @Override
        public double valueAndGradient(double[] theta, double[] grad) {
            Arrays.fill(grad, 0);
            int biasOff = classes * dim;
            double totalW = 0;
            for (double w : rowWeights) {
                totalW += w;
            }
            double loss = 0;
            double[] z = new double[classes];
            for (int i = 0; i < rows.size(); i++) {
                SparseVector x = rows.get(i);
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    z[c] = theta[biasOff + c] + x.dot(theta, c * dim);
                    max = Math.max(max, z[c]);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    z[c] = Math.exp(z[c] - max);
                    sum += z[c];
                }
                double wi = rowWeights[i] / totalW;
                loss -= wi * Math.log(Math.max(z[labels[i]] / sum, 1e-300));
                int[] idx = x.indices();
                float[] val = x.values();
                for (int c = 0; c < classes; c++) {
                    double g = wi * (z[c] / sum - (c == labels[i] ? 1 : 0));
                    grad[biasOff + c] += g;
                    int off = c * dim;
                    for (int j = 0; j < idx.length; j++) {
                        grad[off + idx[j]] += g * val[j];
                    }
                }
            }
            for (int i = 0; i < biasOff; i++) {
                loss += 0.5 * lambda * theta[i] * theta[i];
                grad[i] += lambda * theta[i];
            }
            return loss;
        }
    }
}
