package rolecraft.bot.classify;

/** Limited-memory BFGS minimiser with a backtracking Armijo line search. */
final class Lbfgs {

    /** A differentiable function: returns f(x) and writes the gradient into grad. */
    interface Function {
        double valueAndGradient(double[] x, double[] grad);
    }

    private static final int MEMORY = 10;

    private Lbfgs() {
    }

    static double[] minimize(Function f, double[] x0, int maxIter, double relTol) {
        int n = x0.length;
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        double[][] s = new double[MEMORY][];
        double[][] y = new double[MEMORY][];
        double[] rho = new double[MEMORY];
        int stored = 0;
        int head = 0;
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        for (int iter = 0; iter < maxIter; iter++) {
            double[] d = direction(g, s, y, rho, stored, head);
            double gd = dot(g, d);
            if (gd >= 0) {
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
                gd = dot(g, d);
                stored = 0;
            }
            double step = (iter == 0 && stored == 0) ? 1.0 / Math.max(1e-12, Math.sqrt(dot(g, g))) : 1.0;
            double fNew;
            int tries = 0;
            while (true) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * d[i];
                }
                fNew = f.valueAndGradient(xNew, gNew);
                if (fNew <= fx + 1e-4 * step * gd || tries++ > 30) {
                    break;
                }
                step *= 0.5;
            }
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int i = 0; i < n; i++) {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
            }
            double sy = dot(sk, yk);
            if (sy > 1e-12) {
                s[head] = sk;
                y[head] = yk;
                rho[head] = 1.0 / sy;
                head = (head + 1) % MEMORY;
                stored = Math.min(stored + 1, MEMORY);
            }
            double rel = Math.abs(fx - fNew) / Math.max(1.0, Math.abs(fx));
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (rel < relTol * 1e-3 || Math.sqrt(dot(g, g)) < relTol) {
                break;
            }
        }
        return x;
    }

    private static double[] direction(double[] g, double[][] s, double[][] y, double[] rho, int stored, int head) {
        double[] q = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            q[i] = -g[i];
        }
        double[] alpha = new double[MEMORY];
        for (int k = 0; k < stored; k++) {
            int j = Math.floorMod(head - 1 - k, MEMORY);
            alpha[j] = rho[j] * dot(s[j], q);
            axpy(-alpha[j], y[j], q);
        }
        if (stored > 0) {
            int last = Math.floorMod(head - 1, MEMORY);
            double gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
            for (int i = 0; i < q.length; i++) {
                q[i] *= gamma;
            }
        }
        for (int k = stored - 1; k >= 0; k--) {
            int j = Math.floorMod(head - 1 - k, MEMORY);
            double beta = rho[j] * dot(y[j], q);
            axpy(alpha[j] - beta, s[j], q);
        }
        return q;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }
}
