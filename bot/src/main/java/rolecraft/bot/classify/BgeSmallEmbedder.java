package rolecraft.bot.classify;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;

/** In-process BGE-small-en-v1.5 (quantised, ONNX Runtime) sentence embeddings; offline, thread-safe. */
public final class BgeSmallEmbedder implements TextEmbedder {

    /** Dimension of BGE-small embeddings. */
    public static final int DIM = 384;

    // The files the LangChain4j artifact ships, loaded as it loads them (CLS pooling), but with one ONNX Runtime
    // thread per call: short texts gain nothing from intra-op threads, and parallel callers then use the cores
    // without contending (about 1.6 times the throughput on two cores). No arena and no memory pattern: for
    // inputs of a few dozen tokens ONNX Runtime's own allocator keeps about 15 MB more that it never gives back, and
    // the plain allocator costs no measurable time.
    private static final String MODEL = "/bge-small-en-v1.5-q.onnx";
    private static final String TOKENIZER = "/bge-small-en-v1.5-q-tokenizer.json";

    private static Encoder shared;

    private final Encoder model;

    /** Loads the model on first construction; later instances share it. */
    public BgeSmallEmbedder() {
        this.model = encoder();
    }

    private static synchronized Encoder encoder() {
        if (shared == null) {
            try (InputStream onnx = resource(MODEL); InputStream tokenizer = resource(TOKENIZER)) {
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.setCPUArenaAllocator(false);
                options.setMemoryPatternOptimization(false);
                OrtSession session = env.createSession(onnx.readAllBytes(), options);
                shared = new Encoder(new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.CLS));
            } catch (IOException | OrtException e) {
                throw new IllegalStateException("cannot load the BGE-small embedding model", e);
            }
        }
        return shared;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = BgeSmallEnV15QuantizedEmbeddingModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("not on the classpath: " + name);
        }
        return in;
    }

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

    /** The LangChain4j embedding model over our own ONNX session. */
    private static final class Encoder extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        Encoder(OnnxBertBiEncoder encoder) {
            super(null);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIM;
        }
    }
}
