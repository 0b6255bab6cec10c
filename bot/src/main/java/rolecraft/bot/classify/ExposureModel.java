package rolecraft.bot.classify;

/** A feature encoder, a softmax regression over E0/E1/E2 and its calibration temperature. */
public record ExposureModel(FeatureEncoder encoder, SoftmaxRegression regression, double temperature) {

    /** Whether the model expects a sentence embedding. */
    public boolean usesEmbedding() {
        return encoder.embeddingDim() > 0;
    }

    /** Uncalibrated class scores. */
    public double[] logits(String text, float[] embedding) {
        return regression.logits(encoder.encode(text, embedding));
    }

    /** Calibrated class probabilities for E0, E1, E2. */
    public double[] probabilities(String text, float[] embedding) {
        return SoftmaxRegression.softmax(logits(text, embedding), temperature);
    }
}
