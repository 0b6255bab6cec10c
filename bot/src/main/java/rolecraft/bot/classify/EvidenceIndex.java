package rolecraft.bot.classify;

import java.util.ArrayList;
import java.util.List;
import rolecraft.bot.domain.Evidence;

/** Labelled O*NET task statements searchable by embedding cosine (or TF-IDF cosine when no embedding is given). */
public final class EvidenceIndex {

    private final List<Evidence> items;
    private final int dim;
    private final float[] vectors;
    private final FeatureEncoder encoder;
    private volatile List<SparseVector> tfidf;

    /** vectors holds items.size() unit embeddings of length dim, row after row. */
    public EvidenceIndex(List<Evidence> items, int dim, float[] vectors, FeatureEncoder encoder) {
        if (dim % 4 != 0 || vectors.length != items.size() * dim) {
            throw new IllegalArgumentException("dim must be a multiple of 4 and vectors items x dim");
        }
        this.items = List.copyOf(items);
        this.dim = dim;
        this.vectors = vectors;
        this.encoder = encoder;
    }

    /** TF-IDF vectors of the items, built on first use (only the fallback path needs them). */
    private List<SparseVector> tfidf() {
        List<SparseVector> t = tfidf;
        if (t == null) {
            synchronized (this) {
                t = tfidf;
                if (t == null) {
                    List<SparseVector> built = new ArrayList<>(items.size());
                    for (Evidence e : items) {
                        built.add(encoder.tfidf(e.task()));
                    }
                    t = List.copyOf(built);
                    tfidf = t;
                }
            }
        }
        return t;
    }

    List<Evidence> items() {
        return items;
    }

    int dim() {
        return dim;
    }

    float[] vectors() {
        return vectors;
    }

    /** A match and its cosine similarity. */
    record Match(Evidence evidence, double similarity) {
    }

    /** Nearest item by embedding cosine. */
    Match nearest(float[] embedding) {
        int best = -1;
        double bestSim = Double.NEGATIVE_INFINITY;
        for (int i = 0, off = 0; i < items.size(); i++, off += dim) {
            double s = dot(vectors, off, embedding);
            if (s > bestSim) {
                bestSim = s;
                best = i;
            }
        }
        return best < 0 ? null : new Match(items.get(best), bestSim);
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

    /** Nearest item by TF-IDF cosine; null when no word is shared. */
    Match nearestByWords(SparseVector q) {
        int best = -1;
        double bestSim = 0;
        List<SparseVector> vecs = tfidf();
        for (int i = 0; i < vecs.size(); i++) {
            double s = cosine(q, vecs.get(i));
            if (s > bestSim) {
                bestSim = s;
                best = i;
            }
        }
        return best < 0 ? null : new Match(items.get(best), bestSim);
    }

    static double cosine(SparseVector a, SparseVector b) {
        int i = 0;
        int j = 0;
        double s = 0;
        int[] ai = a.indices();
        int[] bi = b.indices();
        while (i < ai.length && j < bi.length) {
            if (ai[i] == bi[j]) {
                s += a.values()[i++] * b.values()[j++];
            } else if (ai[i] < bi[j]) {
                i++;
            } else {
                j++;
            }
        }
        return s;
    }
}
