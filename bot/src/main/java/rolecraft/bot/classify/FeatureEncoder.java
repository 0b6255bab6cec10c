package rolecraft.bot.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Maps a task statement (and optionally its sentence embedding) to a sparse vector:
 * TF-IDF word 1-2-grams (sublinear tf, L2-normalised), a one-hot lead verb, and the scaled embedding.
 */
public final class FeatureEncoder {

    private final List<String> terms;
    private final Map<String, Integer> termIndex;
    private final float[] idf;
    private final List<String> verbs;
    private final Map<String, Integer> verbIndex;
    private final float verbWeight;
    private final int embeddingDim;
    private final float embeddingWeight;

    /** Creates an encoder from its vocabularies and weights. */
    public FeatureEncoder(List<String> terms, float[] idf, List<String> verbs, float verbWeight,
                          int embeddingDim, float embeddingWeight) {
        this.terms = List.copyOf(terms);
        this.idf = idf;
        this.verbs = List.copyOf(verbs);
        this.verbWeight = verbWeight;
        this.embeddingDim = embeddingDim;
        this.embeddingWeight = embeddingWeight;
        this.termIndex = indexOf(this.terms);
        this.verbIndex = indexOf(this.verbs);
    }

    private static Map<String, Integer> indexOf(List<String> list) {
        Map<String, Integer> m = new HashMap<>(list.size() * 2);
        for (int i = 0; i < list.size(); i++) {
            m.put(list.get(i), i);
        }
        return m;
    }

    /**
     * Learns vocabularies from training texts.
     *
     * @param minDf minimum document frequency of a term
     * @param minVerbDf minimum frequency of a lead verb
     * @param embeddingDim 0 to leave embeddings out
     */
    public static FeatureEncoder fit(List<String> texts, int minDf, int minVerbDf, float verbWeight,
                                     int embeddingDim, float embeddingWeight) {
        Map<String, Integer> df = new TreeMap<>();
        Map<String, Integer> vf = new TreeMap<>();
        for (String t : texts) {
            List<String> toks = TextFeatures.tokens(t);
            for (String g : new TreeSet<>(TextFeatures.ngrams(toks))) {
                df.merge(g, 1, Integer::sum);
            }
            String v = TextFeatures.leadVerb(toks);
            if (!v.isEmpty()) {
                vf.merge(v, 1, Integer::sum);
            }
        }
        List<String> terms = new ArrayList<>();
        List<Float> idfs = new ArrayList<>();
        int n = texts.size();
        for (Map.Entry<String, Integer> e : df.entrySet()) {
            if (e.getValue() >= minDf) {
                terms.add(e.getKey());
                idfs.add((float) (Math.log((1.0 + n) / (1.0 + e.getValue())) + 1.0));
            }
        }
        float[] idf = new float[idfs.size()];
        for (int i = 0; i < idf.length; i++) {
            idf[i] = idfs.get(i);
        }
        List<String> verbs = new ArrayList<>();
        for (Map.Entry<String, Integer> e : vf.entrySet()) {
            if (e.getValue() >= minVerbDf) {
                verbs.add(e.getKey());
            }
        }
        return new FeatureEncoder(terms, idf, verbWeight > 0 ? verbs : Collections.emptyList(), verbWeight,
                embeddingDim, embeddingWeight);
    }

    /** Total number of features. */
    public int dim() {
        return terms.size() + verbs.size() + embeddingDim;
    }

    public int embeddingDim() {
        return embeddingDim;
    }

    List<String> terms() {
        return terms;
    }

    float[] idf() {
        return idf;
    }

    List<String> verbs() {
        return verbs;
    }

    float verbWeight() {
        return verbWeight;
    }

    float embeddingWeight() {
        return embeddingWeight;
    }

    /** Encodes one text; embedding may be null only when embeddingDim is 0. */
    public SparseVector encode(String text, float[] embedding) {
        List<String> toks = TextFeatures.tokens(text);
        Map<Integer, Float> tf = new TreeMap<>();
        for (String g : TextFeatures.ngrams(toks)) {
            Integer i = termIndex.get(g);
            if (i != null) {
                tf.merge(i, 1f, Float::sum);
            }
        }
        Map<Integer, Float> feats = new LinkedHashMap<>();
        double norm = 0;
        for (Map.Entry<Integer, Float> e : tf.entrySet()) {
            float v = (float) ((1 + Math.log(e.getValue())) * idf[e.getKey()]);
            feats.put(e.getKey(), v);
            norm += v * v;
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            feats.replaceAll((k, v) -> v * inv);
        }
        if (!verbs.isEmpty()) {
            Integer vi = verbIndex.get(TextFeatures.leadVerb(toks));
            if (vi != null) {
                feats.put(terms.size() + vi, verbWeight);
            }
        }
        int size = feats.size() + embeddingDim;
        int[] idx = new int[size];
        float[] val = new float[size];
        int k = 0;
        for (Map.Entry<Integer, Float> e : feats.entrySet()) {
            idx[k] = e.getKey();
            val[k++] = e.getValue();
        }
        int off = terms.size() + verbs.size();
        for (int d = 0; d < embeddingDim; d++) {
            idx[k] = off + d;
            val[k++] = embedding[d] * embeddingWeight;
        }
        return new SparseVector(idx, val);
    }

    /** L2-normalised TF-IDF part only, used for bag-of-words nearest neighbours. */
    public SparseVector tfidf(String text) {
        SparseVector full = encode(text, embeddingDim == 0 ? null : new float[embeddingDim]);
        int m = 0;
        while (m < full.indices().length && full.indices()[m] < terms.size()) {
            m++;
        }
        return new SparseVector(Arrays.copyOf(full.indices(), m), Arrays.copyOf(full.values(), m));
    }
}
