package rolecraft.bot.classify;

/** Maps text to an L2-normalised sentence embedding. */
public interface TextEmbedder {

    /** Embedding dimension. */
    int dim();

    /** Embeds one text; the result has unit length. */
    float[] embed(String text);
}
