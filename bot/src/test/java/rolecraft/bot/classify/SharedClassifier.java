package rolecraft.bot.classify;

import java.time.Duration;

/** One shipped classifier per test JVM, with its embedder loaded. */
final class SharedClassifier {

    private static ModelClassifier instance;

    private SharedClassifier() {
    }

    static synchronized ModelClassifier get() {
        if (instance == null) {
            instance = ModelClassifier.load();
            if (!instance.awaitEmbedder(Duration.ofSeconds(60))) {
                throw new IllegalStateException("embedder did not load");
            }
        }
        return instance;
    }
}
