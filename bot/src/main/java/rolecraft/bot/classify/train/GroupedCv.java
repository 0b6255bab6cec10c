package rolecraft.bot.classify.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;
import rolecraft.bot.classify.ExposureModel;
import rolecraft.bot.classify.RoleNeighbours;

/** Cross-validation grouped by occupation (soc_code), optionally dropping near-duplicates of test rows from training. */
final class GroupedCv {

    private GroupedCv() {
    }

    /** Assigns whole occupations to folds: shuffled with a fixed seed, then each to the currently smallest fold. */
    static int[] assignFolds(List<TaskRow> rows, int k, long seed) {
        Map<String, List<Integer>> bySoc = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            bySoc.computeIfAbsent(rows.get(i).soc(), s -> new ArrayList<>()).add(i);
        }
        List<String> socs = new ArrayList<>(bySoc.keySet());
        Collections.shuffle(socs, new Random(seed));
        int[] size = new int[k];
        int[] fold = new int[rows.size()];
        for (String s : socs) {
            int best = 0;
            for (int f = 1; f < k; f++) {
                if (size[f] < size[best]) {
                    best = f;
                }
            }
            for (int i : bySoc.get(s)) {
                fold[i] = best;
            }
            size[best] += bySoc.get(s).size();
        }
        return fold;
    }

    /** Out-of-fold calibrated probabilities. nearDup may be null; else nearDup[i] lists rows too similar to row i. */
    static double[][] run(List<TaskRow> rows, List<float[]> emb, Recipe r, int k, long seed, int[][] nearDup) {
        return run(rows, emb, r, k, seed, nearDup, Trainer.Target.EXPOSURE);
    }

    /** Like {@link #run(List, List, Recipe, int, long, int[][])} for the given target. */
    static double[][] run(List<TaskRow> rows, List<float[]> emb, Recipe r, int k, long seed, int[][] nearDup,
                          Trainer.Target target) {
        int[] fold = assignFolds(rows, k, seed);
        double[][] probs = new double[rows.size()][];
        IntStream.range(0, k).parallel().forEach(f -> {
            boolean[] excluded = new boolean[rows.size()];
            if (nearDup != null) {
                for (int i = 0; i < rows.size(); i++) {
                    if (fold[i] == f) {
                        for (int j : nearDup[i]) {
                            excluded[j] = true;
                        }
                    }
                }
            }
            List<TaskRow> tr = new ArrayList<>();
            List<float[]> te = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (fold[i] != f && !excluded[i]) {
                    tr.add(rows.get(i));
                    te.add(emb.get(i));
                }
            }
            ExposureModel m = Trainer.fitCalibrated(tr, te, r, seed + f, target);
            for (int i = 0; i < rows.size(); i++) {
                if (fold[i] == f) {
                    probs[i] = m.probabilities(rows.get(i).task(), emb.get(i));
                }
            }
        });
        return probs;
    }

    /**
     * Out-of-fold logits of models fitted without calibration (one fit per fold, a quarter of the work of
     * {@link #run}): enough for the most probable class; scale them by a temperature for probabilities.
     */
    static double[][] logits(List<TaskRow> rows, List<float[]> emb, Recipe r, int k, long seed, Trainer.Target target) {
        int[] fold = assignFolds(rows, k, seed);
        double[][] out = new double[rows.size()][];
        IntStream.range(0, k).parallel().forEach(f -> {
            List<TaskRow> tr = new ArrayList<>();
            List<float[]> te = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (fold[i] != f) {
                    tr.add(rows.get(i));
                    te.add(emb.get(i));
                }
            }
            ExposureModel m = Trainer.fitRaw(tr, te, r, target);
            for (int i = 0; i < rows.size(); i++) {
                if (fold[i] == f) {
                    out[i] = m.logits(rows.get(i).task(), emb.get(i));
                }
            }
        });
        return out;
    }

    /**
     * Out-of-fold neighbour votes: for each row, the level distribution of its {@link RoleNeighbours#K} nearest rows
     * (embedding cosine) in the other folds, as the shipped classifier votes.
     */
    static double[][] neighbourLevels(List<TaskRow> rows, List<float[]> emb, int k, long seed) {
        int[] fold = assignFolds(rows, k, seed);
        byte[] levels = new byte[rows.size()];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = (byte) rows.get(i).automation();
        }
        double[][] out = new double[rows.size()][];
        IntStream.range(0, rows.size()).parallel().forEach(i -> {
            int[] top = new int[RoleNeighbours.K];
            double[] topSim = new double[RoleNeighbours.K];
            java.util.Arrays.fill(topSim, Double.NEGATIVE_INFINITY);
            float[] a = emb.get(i);
            for (int j = 0; j < rows.size(); j++) {
                if (fold[j] == fold[i]) {
                    continue;
                }
                float[] b = emb.get(j);
                double s = 0;
                for (int d = 0; d < a.length; d++) {
                    s += a[d] * b[d];
                }
                RoleNeighbours.keepNearest(top, topSim, j, s);
            }
            out[i] = RoleNeighbours.vote(top, topSim, levels);
        });
        return out;
    }

    /** For each row, the rows of other occupations whose embedding cosine is at least the threshold. */
    static int[][] nearDuplicates(List<TaskRow> rows, List<float[]> emb, double threshold) {
        int n = rows.size();
        int[][] out = new int[n][];
        IntStream.range(0, n).parallel().forEach(i -> {
            List<Integer> hits = new ArrayList<>();
            float[] a = emb.get(i);
            for (int j = 0; j < n; j++) {
                if (j == i || rows.get(j).soc().equals(rows.get(i).soc())) {
                    continue;
                }
                float[] b = emb.get(j);
                double s = 0;
                for (int d = 0; d < a.length; d++) {
                    s += a[d] * b[d];
                }
                if (s >= threshold) {
                    hits.add(j);
                }
            }
            out[i] = hits.stream().mapToInt(Integer::intValue).toArray();
        });
        return out;
    }
}
