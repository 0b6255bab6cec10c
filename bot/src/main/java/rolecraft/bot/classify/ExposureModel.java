package rolecraft.bot.classify;

/**
 * A feature encoder, a softmax regression and its calibration temperature: over exposure E0/E1/E2, or over the
 * automation levels T0-T4 that give ai_role.
 */
public record ExposureModel(FeatureEncoder encoder, SoftmaxRegression regression, double temperature) {

    /** Whether the model expects a sentence embedding. */
    public boolean usesEmbedding() {
        return encoder.embeddingDim() > 0;
    }

    /** Uncalibrated class scores. */
    public double[] logits(String text, float[] embedding) {
        return regression.logits(encoder.encode(text, embedding));
    }

    /** Calibrated class probabilities (E0, E1, E2; or T0-T4). */
    public double[] probabilities(String text, float[] embedding) {
        return SoftmaxRegression.softmax(logits(text, embedding), temperature);
    }
}
