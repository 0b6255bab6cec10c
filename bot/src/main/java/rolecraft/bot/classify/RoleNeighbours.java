package rolecraft.bot.classify;

/**
 * The automation levels of the labelled statements nearest a task in embedding space. A chat phrasing and the formal
 * statement of the same task share few words but the same neighbours, so the role model's probabilities are blended
 * with the levels of the {@link #K} nearest statements (weighted by similarity): the same task said two ways gets
 * the same call more often, and held-out occupations are called better too (docs/classification.md).
 */
public final class RoleNeighbours {

    /** How many nearest statements vote. */
    public static final int K = 25;
    /**
     * Below this cosine the nearest statement is other work (a nurse's "codes" next to programmers' code): the
     * neighbours then have no vote and the role model decides alone.
     */
    public static final double MIN_SIMILARITY = 0.80;
    /** Share of the neighbours' levels in the blended probabilities; the role model has the rest. */
    public static final double WEIGHT = 0.75;
    /** Softmax temperature over cosine similarity: a neighbour 0.05 closer weighs e times more. */
    static final double SIMILARITY_TEMPERATURE = 0.05;
    /** Added to each level's share so that no level is impossible. */
    static final double SMOOTHING = 0.01;
    static final int LEVELS = 5;

    private final int dim;
    private final float[] vectors;
    private final byte[] levels;

    /** vectors holds levels.length unit embeddings of length dim, row after row; levels are 0-4 (T0-T4). */
    public RoleNeighbours(int dim, float[] vectors, byte[] levels) {
        if (dim % 4 != 0 || vectors.length != levels.length * dim) {
            throw new IllegalArgumentException("dim must be a multiple of 4 and vectors levels x dim");
        }
        this.dim = dim;
        this.vectors = vectors;
        this.levels = levels;
    }

    int dim() {
        return dim;
    }

    float[] vectors() {
        return vectors;
    }

    byte[] levels() {
        return levels;
    }

    /** Level probabilities T0-T4 from the nearest statements to a unit embedding; null when none is near. */
    public double[] levelProbabilities(float[] embedding) {
        int[] top = new int[K];
        double[] topSim = new double[K];
        java.util.Arrays.fill(topSim, Double.NEGATIVE_INFINITY);
        for (int i = 0, off = 0; i < levels.length; i++, off += dim) {
            keepNearest(top, topSim, i, EvidenceIndex.dot(vectors, off, embedding));
        }
        return vote(top, topSim, levels);
    }

    /** Puts item i with similarity s into the top list (sorted, most similar first) if it belongs there. */
    public static void keepNearest(int[] top, double[] topSim, int i, double s) {
        int j = top.length - 1;
        if (s <= topSim[j]) {
            return;
        }
        while (j > 0 && topSim[j - 1] < s) {
            topSim[j] = topSim[j - 1];
            top[j] = top[j - 1];
            j--;
        }
        topSim[j] = s;
        top[j] = i;
    }

    /**
     * Similarity-weighted, smoothed distribution of the given neighbours' levels (sorted, most similar first); null
     * when the nearest is below {@link #MIN_SIMILARITY}.
     */
    public static double[] vote(int[] neighbours, double[] similarity, byte[] levels) {
        if (similarity[0] < MIN_SIMILARITY) {
            return null;
        }
        double[] p = new double[LEVELS];
        double total = 0;
        for (int r = 0; r < neighbours.length; r++) {
            if (similarity[r] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            // Relative to the nearest, so that the weights stay finite.
            double w = Math.exp((similarity[r] - similarity[0]) / SIMILARITY_TEMPERATURE);
            p[levels[neighbours[r]]] += w;
            total += w;
        }
        for (int t = 0; t < LEVELS; t++) {
            p[t] = (p[t] + SMOOTHING) / (total + SMOOTHING * LEVELS);
        }
        return p;
    }

    /** The role model's probabilities blended with the neighbours' levels (the model's alone if neighbours is null). */
    public static double[] blend(double[] model, double[] neighbours) {
        if (neighbours == null) {
            return model;
        }
        double[] p = new double[model.length];
        for (int t = 0; t < p.length; t++) {
            p[t] = (1 - WEIGHT) * model[t] + WEIGHT * neighbours[t];
        }
        return p;
    }
}
