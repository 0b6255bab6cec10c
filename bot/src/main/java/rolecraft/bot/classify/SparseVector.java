package rolecraft.bot.classify;

/** A sparse feature vector: parallel arrays of ascending indices and values. */
public record SparseVector(int[] indices, float[] values) {

    /** Dot product with a dense vector segment starting at offset. */
    double dot(double[] dense, int offset) {
        double s = 0;
        for (int j = 0; j < indices.length; j++) {
            s += dense[offset + indices[j]] * values[j];
        }
        return s;
    }

    /** Dot product with a dense float vector segment starting at offset. */
    double dot(float[] dense, int offset) {
        double s = 0;
        for (int j = 0; j < indices.length; j++) {
            s += dense[offset + indices[j]] * values[j];
        }
        return s;
    }
}
