package rolecraft.bot.classify;

import java.util.ArrayList;
import java.util.List;
import rolecraft.bot.domain.Evidence;

/**
 * Labelled O*NET task statements shown as evidence: found by embedding cosine among the {@link RoleNeighbours}
 * (which keep their embeddings), or by TF-IDF cosine here when no embedding is given.
 */
public final class EvidenceIndex {

    private final List<Evidence> items;
    private final FeatureEncoder encoder;
    private volatile List<SparseVector> tfidf;

    public EvidenceIndex(List<Evidence> items, FeatureEncoder encoder) {
        this.items = List.copyOf(items);
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

    /** A match and its cosine similarity. */
    record Match(Evidence evidence, double similarity) {
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
