package rolecraft.bot.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Evidence;
import rolecraft.bot.domain.Exposure;

/**
 * Classifies tasks with the shipped models: two calibrated softmax regressions over TF-IDF 1-2-grams, the lead verb
 * and a BGE-small sentence embedding, one for exposure and one for ai_role (over automation levels T0-T4). The embedder loads in the background from the first use; until it is ready
 * classify() waits for it (at most {@link #EMBEDDER_WAIT}), and if it cannot load the bag-of-words fallback model is
 * used.
 * confidence is the calibrated probability of the proposed ai_role.
 */
public final class ModelClassifier implements Classifier {

    private static final Logger LOG = LoggerFactory.getLogger(ModelClassifier.class);

    /** Longest a classify() call waits for the embedder before using the bag-of-words model. */
    static final Duration EMBEDDER_WAIT = Duration.ofSeconds(30);

    /**
     * Below this cosine the nearest statement is not shown as evidence: on 179 task phrasings whose closest statement
     * was labelled by hand as the same activity or not, those at 0.81 or more are related 2 times in 3 (25 of 38),
     * those below it 1 time in 3 (48 of 141); at the former line 0.72 shown evidence was related 43 times in 100
     * (docs/classification.md).
     */
    static final double MIN_EVIDENCE_SIMILARITY = 0.81;
    static final double MIN_EVIDENCE_WORD_SIMILARITY = 0.2;

    /** Below this maximum heap the embedder is not loaded: the bag-of-words model is used. */
    static final long MIN_HEAP_FOR_EMBEDDER = 256L << 20;

    /** Longest the process waits at exit for an embedder still loading: native code must not be cut off mid-load. */
    static final Duration EXIT_WAIT = Duration.ofSeconds(20);

    /**
     * How many tasks' results are kept, by their exact text. People in the same job list the same tasks in the
     * same words ("answer customer emails"); a result is a function of the text alone once the embedder is in
     * use, so a task seen before costs a lookup instead of an embedding (about 5 ms of CPU).
     */
    static final int SEEN_MAX = 8_192;

    private final Map<String, Classification> seen = new ConcurrentHashMap<>();
    private volatile int seenMax = SEEN_MAX;
    private final CompletableFuture<TextEmbedder> embedder;
    /** Set once the process is ending. */
    private volatile boolean exiting;
    private final Supplier<TextEmbedder> embedderFactory;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile ShippedModel model;

    private ModelClassifier(CompletableFuture<TextEmbedder> embedder, Supplier<TextEmbedder> embedderFactory) {
        this.embedder = embedder;
        this.embedderFactory = embedderFactory;
    }

    /**
     * Returns at once; loading starts on first use (or {@link #start()}), so a process that never classifies never
     * pays for it. With a heap of 256 MB or more a background thread reads the shipped model and then loads the
     * BGE-small embedder; with less, the bag-of-words model is used.
     */
    public static ModelClassifier load() {
        if (Runtime.getRuntime().maxMemory() < MIN_HEAP_FOR_EMBEDDER) {
            LOG.info("heap below {} MB: the classifier uses its bag-of-words model", MIN_HEAP_FOR_EMBEDDER >> 20);
            return loadBagOfWords();
        }
        return load(BgeSmallEmbedder::new);
    }

    /** Like {@link #load()}, building the embedder with the given factory. */
    public static ModelClassifier load(Supplier<TextEmbedder> embedderFactory) {
        return new ModelClassifier(new CompletableFuture<>(), embedderFactory);
    }

    /** Starts loading the model and the embedder in the background, if not started yet; returns at once. */
    public ModelClassifier start() {
        if (embedderFactory == null || !started.compareAndSet(false, true)) {
            return this;
        }
        Thread t = new Thread(() -> {
            try {
                long t0 = System.nanoTime();
                model();
                TextEmbedder e = embedderFactory.get();
                e.embed("warm up");
                LOG.debug("classifier ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
                embedder.complete(e);
            } catch (Throwable ex) {
                // Any failure, including OutOfMemoryError from a small heap, must release waiting callers. A process
                // that ends while the embedder loads (a terminal chat read from a pipe) has nothing to warn about.
                if (exiting) {
                    LOG.debug("sentence embedder not loaded before exit: {}", ex.toString());
                } else {
                    LOG.warn("sentence embedder unavailable, using the bag-of-words model: {}", ex.toString());
                }
                embedder.completeExceptionally(ex);
            }
        }, "rolecraft-classifier-loader");
        t.setDaemon(true);
        t.start();
        // The embedder loads native libraries; a JVM that exits while they initialise can abort.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            exiting = true;
            awaitEmbedder(EXIT_WAIT);
        }, "rolecraft-classifier-exit"));
        return this;
    }

    /** The shipped model without the embedder: bag-of-words model, word-overlap evidence; read on first use. */
    public static ModelClassifier loadBagOfWords() {
        CompletableFuture<TextEmbedder> none = new CompletableFuture<>();
        none.completeExceptionally(new IllegalStateException("embedder disabled"));
        return new ModelClassifier(none, null);
    }

    private ShippedModel model() {
        ShippedModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    m = readResource();
                    model = m;
                }
            }
        }
        return m;
    }

    private static ShippedModel readResource() {
        try (InputStream in = ModelClassifier.class.getResourceAsStream(ShippedModel.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classifier model not on classpath: " + ShippedModel.RESOURCE);
            }
            return ShippedModel.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the embedder is loaded; true if it is usable. */
    public boolean awaitEmbedder(Duration timeout) {
        start();
        try {
            embedder.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts loading the embedder if it has not started; returns it only once it is loaded. */
    @Override
    public TextEmbedder embedderIfReady() {
        start();
        return embedder.isDone() && !embedder.isCompletedExceptionally() ? embedder.getNow(null) : null;
    }

    private TextEmbedder embedderOrNull() {
        return awaitEmbedder(EMBEDDER_WAIT) ? embedder.getNow(null) : null;
    }

    @Override
    public Classification classify(String task) {
        String text = task == null ? "" : task.strip();
        Classification known = seen.get(text);
        if (known != null) {
            return known;
        }
        TextEmbedder e = text.isEmpty() ? null : embedderOrNull();
        return classifyNew(text, e);
    }

    /** Classifies several tasks, embedding the ones not seen before in parallel. */
    @Override
    public List<Classification> classifyAll(List<String> tasks) {
        List<String> texts = tasks.stream().map(t -> t == null ? "" : t.strip()).toList();
        List<Classification> known = new java.util.ArrayList<>(texts.size());
        for (String t : texts) {
            Classification k = seen.get(t);
            if (k == null) {
                known = null;
                break;
            }
            known.add(k);
        }
        if (known != null) {
            return List.copyOf(known);
        }
        TextEmbedder e = embedderOrNull();
        return texts.parallelStream().map(t -> {
            Classification k = seen.get(t);
            return k != null ? k : classifyNew(t, e);
        }).toList();
    }

    /** How many results are kept now (for tests). */
    int seenCount() {
        return seen.size();
    }

    /** Keeps at most {@code max} results (tests; the default is {@link #SEEN_MAX}). */
    ModelClassifier keepAtMost(int max) {
        this.seenMax = max;
        return this;
    }

    /**
     * Classifies a task not seen before. Only results of the embedder are kept: a result of the bag-of-words
     * model, used while the embedder loads, is not the one the task will have once it is ready.
     */
    private Classification classifyNew(String text, TextEmbedder e) {
        Classification c = classify(text, e == null || text.isEmpty() ? null : e.embed(text));
        if (e != null && !text.isEmpty()) {
            if (seen.size() >= seenMax) {
                // Simpler than an LRU and as good here: the common tasks come back within moments.
                seen.clear();
            }
            seen.put(text, c);
        }
        return c;
    }

    /** Calibrated E0/E1/E2 probabilities of a task (embedding may be null to use the bag-of-words model). */
    double[] probabilities(String text, float[] embedding) {
        ExposureModel m = embedding != null ? model().withEmbedding() : model().bagOfWords();
        return m.probabilities(text, embedding);
    }

    /** The role model's own probabilities of levels T0-T4, before the neighbours' vote. */
    private double[] roleModelProbabilities(String text, float[] embedding) {
        return embedding == null ? model().roleBagOfWords().probabilities(text, null)
                : model().roleWithEmbedding().probabilities(text, embedding);
    }

    private Classification classify(String text, float[] embedding) {
        double[] p = probabilities(text, embedding);
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        Exposure exposure = Exposure.values()[best];
        TaskCues.Hits hits = TaskCues.find(text);
        Capability capability = capability(hits, embedding);
        // One pass over the labelled statements gives both the neighbours' vote and the evidence.
        RoleNeighbours.Nearest near = embedding == null ? null : model().roleNeighbours().nearest(embedding);
        double[] own = roleModelProbabilities(text, embedding);
        AiRoleRule.Decision d = AiRoleRule.decide(RoleNeighbours.blend(own, near == null ? null : near.levels()), own,
                capability, hits);
        Evidence evidence = evidence(text, near);
        return new Classification(exposure, d.role(), capability, d.confidence(), d.reason(), evidence);
    }

    /**
     * Capability from cue words; without cues, the nearer of the judgment and relationships centroids (judgment
     * without embedding).
     */
    Capability capability(TaskCues.Hits hits, float[] embedding) {
        Capability c = TaskCues.capability(hits);
        if (c != null) {
            return c;
        }
        if (embedding == null) {
            return Capability.JUDGMENT;
        }
        float[][] cents = model().capabilityCentroids();
        int best = Capability.JUDGMENT.ordinal();
        double bestSim = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < cents.length; k++) {
            if (k == Capability.CREATIVITY.ordinal()) {
                // Creativity only where the task says it creates something (a creative cue word): a task that
                // merely sits near creative statements in embedding space ("assign pickers to zones") is not.
                continue;
            }
            double s = 0;
            for (int d = 0; d < embedding.length; d++) {
                s += cents[k][d] * embedding[d];
            }
            if (s > bestSim) {
                bestSim = s;
                best = k;
            }
        }
        return Capability.values()[best];
    }

    private Evidence evidence(String text, RoleNeighbours.Nearest near) {
        if (near != null) {
            return near.item() >= 0 && near.itemSimilarity() >= MIN_EVIDENCE_SIMILARITY
                    ? model().evidence().items().get(near.item()) : null;
        }
        EvidenceIndex.Match m = model().evidence().nearestByWords(model().bagOfWords().encoder().tfidf(text));
        return m != null && m.similarity() >= MIN_EVIDENCE_WORD_SIMILARITY ? m.evidence() : null;
    }

    /** Training provenance of the loaded model. */
    public String modelInfo() {
        return model().info();
    }
}
