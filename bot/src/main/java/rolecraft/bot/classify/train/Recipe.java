package rolecraft.bot.classify.train;

/**
 * Hyper-parameters of a model (exposure or ai_role).
 *
 * @param balance exponent of the inverse-class-frequency row weights (0 none, 1 fully balanced)
 * @param gpt4Weight weight of an extra copy of each row carrying GPT-4's label (0 for none)
 */
record Recipe(int minDf, float verbWeight, float embeddingWeight, double lambda, double balance,
              double gpt4Weight, int maxIter) {

    /** The shipped recipe: TF-IDF 1-2-grams + lead verb + BGE embedding. */
    static Recipe shipped() {
        return new Recipe(2, 0.5f, 1.0f, 3e-4, 0.5, 0.0, 300);
    }

    /** The shipped recipe without embeddings (fallback if the embedder is unavailable). */
    static Recipe shippedBagOfWords() {
        return new Recipe(2, 0.5f, 0f, 3e-4, 0.5, 0.0, 300);
    }

    /**
     * The ai_role model's recipe over automation levels T0-T4: TF-IDF and embedding without the lead verb, with a
     * penalty ten times the exposure model's (both keep formal and chat phrasings of a task on the same role).
     */
    static Recipe role() {
        return new Recipe(2, 0f, 1.0f, 3e-3, 0.5, 0.0, 300);
    }

    /** The ai_role fallback without embeddings. */
    static Recipe roleBagOfWords() {
        return new Recipe(2, 0f, 0f, 3e-3, 0.5, 0.0, 300);
    }

    /** A plain TF-IDF 1-2-gram logistic regression, the baseline. */
    static Recipe plainBagOfWords() {
        return new Recipe(2, 0f, 0f, 1e-4, 0, 0, 300);
    }

    boolean useEmbedding() {
        return embeddingWeight > 0;
    }
}
