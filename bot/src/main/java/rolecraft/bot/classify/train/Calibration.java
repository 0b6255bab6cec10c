package rolecraft.bot.classify.train;

import rolecraft.bot.classify.SoftmaxRegression;

/** Temperature scaling: the temperature minimising the negative log-likelihood of held-out logits. */
final class Calibration {

    private Calibration() {
    }

    static double fitTemperature(double[][] logits, int[] y) {
        double lo = Math.log(0.05);
        double hi = Math.log(20);
        double phi = (Math.sqrt(5) - 1) / 2;
        double a = hi - phi * (hi - lo);
        double b = lo + phi * (hi - lo);
        double fa = nll(logits, y, Math.exp(a));
        double fb = nll(logits, y, Math.exp(b));
        for (int i = 0; i < 80; i++) {
            if (fa < fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - phi * (hi - lo);
                fa = nll(logits, y, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + phi * (hi - lo);
                fb = nll(logits, y, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    static double nll(double[][] logits, int[] y, double t) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s -= Math.log(Math.max(SoftmaxRegression.softmax(logits[i], t)[y[i]], 1e-12));
        }
        return s / y.length;
    }
}
