package rolecraft.bot.classify.train;

import java.util.Arrays;
import java.util.Locale;
import rolecraft.bot.classify.AiRoles;
import rolecraft.bot.domain.AiRole;

/**
 * ai_role against automation levels T0-T4: Cohen's kappa of automate-or-not (T3-T4), Spearman's rho of the role
 * order (automate < augment < human) against T4..T0, and the role-by-level confusion.
 */
record RoleMetrics(double kappa, double rho, double accuracy, int[][] confusion) {

    static RoleMetrics of(int[] levels, AiRole[] roles) {
        int n = levels.length;
        int[][] cm = new int[AiRole.values().length][5];
        int a11 = 0;
        int a10 = 0;
        int a01 = 0;
        int a00 = 0;
        int same = 0;
        double[] agency = new double[n];
        double[] order = new double[n];
        for (int i = 0; i < n; i++) {
            cm[roles[i].ordinal()][levels[i]]++;
            boolean gold = levels[i] >= 3;
            boolean pred = roles[i] == AiRole.AUTOMATE;
            if (gold && pred) {
                a11++;
            } else if (gold) {
                a10++;
            } else if (pred) {
                a01++;
            } else {
                a00++;
            }
            same += AiRoles.ofLevel(levels[i]) == roles[i] ? 1 : 0;
            agency[i] = 4 - levels[i];
            order[i] = roles[i].ordinal();
        }
        double po = (double) (a11 + a00) / n;
        double pe = ((double) (a11 + a10) * (a11 + a01) + (double) (a00 + a01) * (a00 + a10)) / ((double) n * n);
        double kappa = pe >= 1 ? 0 : (po - pe) / (1 - pe);
        return new RoleMetrics(kappa, spearman(order, agency), (double) same / n, cm);
    }

    /** Spearman's rank correlation with average ranks for ties. */
    static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = avg;
            }
            i = j + 1;
        }
        return r;
    }

    static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElse(0);
        double my = Arrays.stream(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    String summary() {
        return String.format(Locale.ROOT, "kappa(automate-or-not) %.3f  rho(role order) %.3f  role = level's role %.3f",
                kappa, rho, accuracy);
    }

    String confusionTable() {
        StringBuilder sb = new StringBuilder("              T0     T1     T2     T3     T4\n");
        for (AiRole r : AiRole.values()) {
            int[] row = confusion[r.ordinal()];
            sb.append(String.format(Locale.ROOT, "  %-9s%6d %6d %6d %6d %6d%n", r.word(), row[0], row[1], row[2], row[3],
                    row[4]));
        }
        return sb.toString();
    }
}
