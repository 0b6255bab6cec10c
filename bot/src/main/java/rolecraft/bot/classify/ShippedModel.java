package rolecraft.bot.classify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import rolecraft.bot.domain.Evidence;
import rolecraft.bot.domain.Exposure;

/**
 * Everything the classifier ships: the exposure model and its bag-of-words fallback, the ai_role model (automation
 * levels T0-T4) and its fallback, capability centroids, the evidence statements, and the labelled statements'
 * embeddings (each stored once) with their levels for ai_role's neighbours, as one gzipped binary resource.
 */
public record ShippedModel(ExposureModel withEmbedding, ExposureModel bagOfWords, ExposureModel roleWithEmbedding,
                           ExposureModel roleBagOfWords, float[][] capabilityCentroids, EvidenceIndex evidence,
                           RoleNeighbours roleNeighbours, String info) {

    /** Classpath location of the model resource. */
    public static final String RESOURCE = "/rolecraft/classify/model.bin.gz";

    private static final int MAGIC = 0x52434c46;
    private static final int VERSION = 4;

    /** Writes the model; output is byte-identical for identical inputs. */
    public void write(OutputStream os) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(os)))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(info);
            writeModel(out, withEmbedding);
            writeModel(out, bagOfWords);
            writeModel(out, roleWithEmbedding);
            writeModel(out, roleBagOfWords);
            out.writeInt(capabilityCentroids.length);
            out.writeInt(capabilityCentroids[0].length);
            for (float[] c : capabilityCentroids) {
                writeFloats(out, c);
            }
            List<Evidence> items = evidence.items();
            out.writeInt(items.size());
            for (Evidence e : items) {
                out.writeUTF(e.task());
                out.writeUTF(e.occupation());
                out.writeByte(e.humanLabel().ordinal());
            }
            RoleNeighbours rn = roleNeighbours;
            out.writeInt(rn.levels().length);
            out.writeInt(rn.dim());
            for (int i = 0; i < rn.levels().length; i++) {
                out.writeByte(rn.levels()[i]);
                out.writeInt(rn.items()[i]);
                writeQuantised(out, rn.vectors(), i * rn.dim(), rn.dim());
            }
        }
    }

    /** A vector as its largest magnitude and one signed byte per dimension. */
    private static void writeQuantised(DataOutputStream out, float[] v, int off, int dim) throws IOException {
        float max = 1e-12f;
        for (int d = 0; d < dim; d++) {
            max = Math.max(max, Math.abs(v[off + d]));
        }
        out.writeFloat(max);
        for (int d = 0; d < dim; d++) {
            out.writeByte(Math.round(v[off + d] / max * 127f));
        }
    }

    /** Reads a vector written by {@link #writeQuantised}, normalised to unit length. */
    private static void readQuantised(DataInputStream in, byte[] q, float[] vectors, int off) throws IOException {
        int dim = q.length;
        float scale = in.readFloat() / 127f;
        in.readFully(q);
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            float x = q[d] * scale;
            vectors[off + d] = x;
            norm += x * x;
        }
        float inv = (float) (1 / Math.sqrt(Math.max(norm, 1e-24)));
        for (int d = 0; d < dim; d++) {
            vectors[off + d] *= inv;
        }
    }

    /** Reads a model written by {@link #write}. */
    public static ShippedModel read(InputStream is) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(is, 1 << 16), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException("not a rolecraft classifier model (or wrong version)");
            }
            String info = in.readUTF();
            ExposureModel full = readModel(in);
            ExposureModel bow = readModel(in);
            ExposureModel role = readModel(in);
            ExposureModel roleBow = readModel(in);
            float[][] centroids = new float[in.readInt()][];
            int cdim = in.readInt();
            for (int c = 0; c < centroids.length; c++) {
                centroids[c] = readFloats(in, cdim);
            }
            int n = in.readInt();
            List<Evidence> items = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                items.add(new Evidence(in.readUTF(), in.readUTF(), Exposure.values()[in.readByte()]));
            }
            int rows = in.readInt();
            int dim = in.readInt();
            byte[] levels = new byte[rows];
            int[] itemOfRow = new int[rows];
            float[] vectors = new float[rows * dim];
            byte[] q = new byte[dim];
            for (int i = 0; i < rows; i++) {
                levels[i] = in.readByte();
                itemOfRow[i] = in.readInt();
                readQuantised(in, q, vectors, i * dim);
            }
            return new ShippedModel(full, bow, role, roleBow, centroids, new EvidenceIndex(items, bow.encoder()),
                    new RoleNeighbours(dim, vectors, levels, itemOfRow), info);
        }
    }

    private static void writeModel(DataOutputStream out, ExposureModel m) throws IOException {
        FeatureEncoder e = m.encoder();
        out.writeInt(e.terms().size());
        for (String t : e.terms()) {
            out.writeUTF(t);
        }
        writeFloats(out, e.idf());
        out.writeInt(e.verbs().size());
        for (String v : e.verbs()) {
            out.writeUTF(v);
        }
        out.writeFloat(e.verbWeight());
        out.writeInt(e.embeddingDim());
        out.writeFloat(e.embeddingWeight());
        SoftmaxRegression r = m.regression();
        out.writeInt(r.classes());
        out.writeInt(r.dim());
        writeFloats(out, r.weights());
        writeFloats(out, r.bias());
        out.writeDouble(m.temperature());
    }

    private static ExposureModel readModel(DataInputStream in) throws IOException {
        int nt = in.readInt();
        List<String> terms = new ArrayList<>(nt);
        for (int i = 0; i < nt; i++) {
            terms.add(in.readUTF());
        }
        float[] idf = readFloats(in, nt);
        int nv = in.readInt();
        List<String> verbs = new ArrayList<>(nv);
        for (int i = 0; i < nv; i++) {
            verbs.add(in.readUTF());
        }
        float verbWeight = in.readFloat();
        int embDim = in.readInt();
        float embWeight = in.readFloat();
        FeatureEncoder enc = new FeatureEncoder(terms, idf, verbs, verbWeight, embDim, embWeight);
        int classes = in.readInt();
        int dim = in.readInt();
        float[] w = readFloats(in, classes * dim);
        float[] b = readFloats(in, classes);
        double t = in.readDouble();
        return new ExposureModel(enc, new SoftmaxRegression(classes, dim, w, b), t);
    }

    private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
        for (float f : a) {
            out.writeFloat(f);
        }
    }

    private static float[] readFloats(DataInputStream in, int n) throws IOException {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }
}
