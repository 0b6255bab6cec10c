package rolecraft.bot.classify;

/**
 * The labelled statements in embedding space, each with its automation level and, for a statement shown as
 * evidence, its item in the {@link EvidenceIndex}. A chat phrasing and the formal statement of the same task share
 * few words but the same neighbours, so the role model's probabilities are blended with the levels of the {@link #K}
 * nearest statements (weighted by similarity): the same task said two ways gets the same call more often, and
 * held-out occupations are called better too (docs/classification.md). One pass over the statements finds both the
 * neighbours and the evidence.
 */
public final class RoleNeighbours {

    /** How many nearest statements vote. */
    public static final int K = 25;
    /**
     * Below this cosine the nearest statement is other work (a nurse's "codes" next to programmers' code, at 0.73):
     * the neighbours then have no vote and the role model decides alone. Chat phrasings sit further from the
     * statements than formal ones (0.74-0.80 is common), and grouped cross-validation is as good with the vote down
     * to any line as with none (docs/classification.md).
     */
    public static final double MIN_SIMILARITY = 0.74;
    /** Share of the neighbours' levels in the blended probabilities; the role model has the rest. */
    public static final double WEIGHT = 0.85;
    /** Softmax temperature over cosine similarity: a neighbour 0.05 closer weighs e times more. */
    static final double SIMILARITY_TEMPERATURE = 0.05;
    /** Added to each level's share so that no level is impossible. */
    static final double SMOOTHING = 0.01;
    static final int LEVELS = 5;

    private final int dim;
    private final float[] vectors;
    private final byte[] levels;
    private final int[] items;

    /**
     * vectors holds levels.length unit embeddings of length dim, row after row; levels are 0-4 (T0-T4); items the
     * evidence item each row is (the same for every row of one statement), -1 for a row that is none.
     */
    public RoleNeighbours(int dim, float[] vectors, byte[] levels, int[] items) {
        if (dim % 4 != 0 || vectors.length != levels.length * dim || items.length != levels.length) {
            throw new IllegalArgumentException("dim must be a multiple of 4, vectors levels x dim, items one a row");
        }
        this.dim = dim;
        this.vectors = vectors;
        this.levels = levels;
        this.items = items;
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

    int[] items() {
        return items;
    }

    /**
     * What the statements nearest a unit embedding say: {@code levels}, the level probabilities T0-T4 from the
     * nearest (null when none is near), and {@code item}, the nearest evidence item (-1 for none), at cosine
     * {@code itemSimilarity}.
     */
    public record Nearest(double[] levels, int item, double itemSimilarity) {
    }

    /** The neighbours' vote and the nearest evidence item, in one pass over the statements. */
    public Nearest nearest(float[] embedding) {
        int[] top = new int[K];
        double[] topSim = new double[K];
        java.util.Arrays.fill(topSim, Double.NEGATIVE_INFINITY);
        int item = -1;
        double itemSim = Double.NEGATIVE_INFINITY;
        for (int i = 0, off = 0; i < levels.length; i++, off += dim) {
            double s = dot(vectors, off, embedding);
            keepNearest(top, topSim, i, s);
            if (items[i] >= 0 && s > itemSim) {
                itemSim = s;
                item = items[i];
            }
        }
        return new Nearest(vote(top, topSim, levels), item, itemSim);
    }

    /** Dot product of a query with the vector at off (dim a multiple of 4: four sums the JIT can vectorise). */
    static double dot(float[] vectors, int off, float[] q) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        for (int d = 0; d < q.length; d += 4) {
            s0 += vectors[off + d] * q[d];
            s1 += vectors[off + d + 1] * q[d + 1];
            s2 += vectors[off + d + 2] * q[d + 2];
            s3 += vectors[off + d + 3] * q[d + 3];
        }
        return (s0 + s1) + (s2 + s3);
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
