package rolecraft.bot.classify;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

/** In-process BGE-small-en-v1.5 (quantised, ONNX Runtime) sentence embeddings; offline, thread-safe. */
public final class BgeSmallEmbedder implements TextEmbedder {

    /** Dimension of BGE-small embeddings. */
    public static final int DIM = 384;

    private final BgeSmallEnV15QuantizedEmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();

    @Override
    public int dim() {
        return DIM;
    }

    @Override
    public float[] embed(String text) {
        float[] v = model.embed(text).content().vector();
        return normalise(v);
    }

    static float[] normalise(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        if (s > 0) {
            float inv = (float) (1 / Math.sqrt(s));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }
}
