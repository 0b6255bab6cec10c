package rolecraft.bot.classify;

import java.util.List;
import rolecraft.bot.domain.Classification;

/** Turns a task statement into advice. Implementations are thread-safe; only {@link LlmReasons} goes to the network. */
public interface Classifier {

    Classification classify(String task);

    /** The sentence embedder, once it is loaded and without waiting for it; null when there is none (yet). */
    default TextEmbedder embedderIfReady() {
        return null;
    }

    /** Classifies the tasks of one message, results in the same order; implementations may work in parallel. */
    default List<Classification> classifyAll(List<String> tasks) {
        return tasks.stream().map(this::classify).toList();
    }
}
