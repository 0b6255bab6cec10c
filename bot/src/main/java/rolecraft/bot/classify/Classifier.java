package rolecraft.bot.classify;

import rolecraft.bot.domain.Classification;

/** Turns a task statement into advice. Implementations are thread-safe and do no network I/O. */
public interface Classifier {

    Classification classify(String task);
}
