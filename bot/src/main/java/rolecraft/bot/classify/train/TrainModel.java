package rolecraft.bot.classify.train;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rolecraft.bot.classify.BgeSmallEmbedder;
import rolecraft.bot.classify.EvidenceIndex;
import rolecraft.bot.classify.ExposureModel;
import rolecraft.bot.classify.RoleNeighbours;
import rolecraft.bot.classify.ShippedModel;
import rolecraft.bot.classify.TaskCues;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Evidence;
import rolecraft.bot.domain.Exposure;

/**
 * Trains the shipped classifier model. Usage, from the project root: TrainModel [dataPath] [resourcesDir] [nonDeskPath]
 * (defaults ../shared/data/onet-exposure-dev.tsv, bot/src/main/resources and
 * ../shared/data/onet-automation-nondesk.tsv); writes rolecraft/classify/model.bin.gz under resourcesDir. Exposure
 * learns from the development statements; ai_role from GPT-4's automation level of those and the non-desk ones. Embeddings are cached in the file named by -Drolecraft.embedding.cache
 * (default target/embedding-cache.bin).
 */
public final class TrainModel {

    private static final Logger LOG = LoggerFactory.getLogger(TrainModel.class);

    static final String DEFAULT_DATA = "../shared/data/onet-exposure-dev.tsv";
    static final String DEFAULT_NON_DESK = "../shared/data/onet-automation-nondesk.tsv";
    static final String DEFAULT_RESOURCES = "bot/src/main/resources";
    static final long SEED = 20240607L;

    private TrainModel() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : DEFAULT_DATA);
        Path outDir = Path.of(args.length > 1 ? args[1] : DEFAULT_RESOURCES);
        Path nonDesk = Path.of(args.length > 2 ? args[2] : DEFAULT_NON_DESK);
        List<TaskRow> rows = DevData.read(data);
        List<float[]> emb = embeddings(rows);
        List<TaskRow> roleRows = roleRows(data, nonDesk);
        ShippedModel m = train(rows, emb, roleRows, embeddings(roleRows));
        Path out = outDir.resolve(ShippedModel.RESOURCE.substring(1));
        Files.createDirectories(out.getParent());
        try (OutputStream os = Files.newOutputStream(out)) {
            m.write(os);
        }
        System.out.printf("wrote %s (%d bytes)%n%s%n", out, Files.size(out), m.info());
    }

    /** The rows the ai_role model learns from: the development statements and the non-desk ones. */
    static List<TaskRow> roleRows(Path dev, Path nonDesk) throws IOException {
        List<TaskRow> rows = new ArrayList<>(DevData.read(dev));
        rows.addAll(DevData.read(nonDesk));
        return rows;
    }

    /** Embeds all task statements, reusing the embedding cache file when present. */
    static List<float[]> embeddings(List<TaskRow> rows) throws IOException {
        Path file = Path.of(System.getProperty("rolecraft.embedding.cache", "target/embedding-cache.bin"));
        EmbeddingCache cache = new EmbeddingCache(file, BgeSmallEmbedder::new);
        return cache.embedAll(rows.stream().map(TaskRow::task).toList());
    }

    static ShippedModel train(List<TaskRow> rows, List<float[]> emb, List<TaskRow> roleRows, List<float[]> roleEmb) {
        Recipe full = Recipe.shipped();
        Recipe bow = Recipe.shippedBagOfWords();
        LOG.info("training on {} rows", rows.size());
        ExposureModel withEmb = Trainer.fitCalibrated(rows, emb, full, SEED);
        ExposureModel bagOfWords = Trainer.fitCalibrated(rows, emb, bow, SEED);
        LOG.info("training ai_role on {} rows", roleRows.size());
        ExposureModel role = Trainer.fitCalibrated(roleRows, roleEmb, Recipe.role(), SEED, Trainer.Target.AUTOMATION);
        ExposureModel roleBow = Trainer.fitCalibrated(roleRows, roleEmb, Recipe.roleBagOfWords(), SEED,
                Trainer.Target.AUTOMATION);
        float[][] centroids = capabilityCentroids(rows, emb);
        // Evidence: one entry per distinct statement (first occupation in file order), of desk and non-desk work
        // alike, so that a nurse's "charting" is shown a nurse's statement rather than an analyst's "Draw charts".
        Map<String, Integer> itemOf = new LinkedHashMap<>();
        List<Evidence> items = new ArrayList<>();
        for (TaskRow r : roleRows) {
            if (itemOf.putIfAbsent(r.task(), items.size()) == null) {
                items.add(new Evidence(r.task(), r.occupation(), Exposure.values()[r.label()]));
            }
        }
        EvidenceIndex index = new EvidenceIndex(items, bagOfWords.encoder());
        RoleNeighbours neighbours = roleNeighbours(roleRows, roleEmb, itemOf);
        String info = String.format(Locale.ROOT,
                "exposure trained on %d O*NET task statements (%d occupations); recipe %s; T=%.3f (bow T=%.3f); "
                        + "ai_role trained on %d statements' automation levels (%d occupations); T=%.3f (bow T=%.3f), "
                        + "blended %.2f with the levels of the %d nearest; "
                        + "labels: Eloundou et al. 2023 (openai/GPTs-are-GPTs, MIT); tasks: O*NET (CC BY 4.0)",
                rows.size(), rows.stream().map(TaskRow::soc).distinct().count(), full, withEmb.temperature(),
                bagOfWords.temperature(), roleRows.size(), roleRows.stream().map(TaskRow::soc).distinct().count(),
                role.temperature(), roleBow.temperature(), RoleNeighbours.WEIGHT, RoleNeighbours.K);
        return new ShippedModel(withEmb, bagOfWords, role, roleBow, centroids, index, neighbours, info);
    }

    /**
     * Every statement the ai_role model learns from, with its automation level for the nearest-neighbour vote and
     * its evidence item ({@code itemOf} by statement; -1 for one that is not evidence).
     */
    static RoleNeighbours roleNeighbours(List<TaskRow> rows, List<float[]> emb, Map<String, Integer> itemOf) {
        int dim = emb.get(0).length;
        float[] vectors = new float[rows.size() * dim];
        byte[] levels = new byte[rows.size()];
        int[] items = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(emb.get(i), 0, vectors, i * dim, dim);
            levels[i] = (byte) rows.get(i).automation();
            items[i] = itemOf.getOrDefault(rows.get(i).task(), -1);
        }
        return new RoleNeighbours(dim, vectors, levels, items);
    }

    /** Mean embedding of the statements whose cue words give each capability (silver labels), normalised. */
    static float[][] capabilityCentroids(List<TaskRow> rows, List<float[]> emb) {
        int dim = emb.get(0).length;
        float[][] c = new float[Capability.values().length][dim];
        for (int i = 0; i < rows.size(); i++) {
            Capability cap = TaskCues.capabilityOf(rows.get(i).task());
            if (cap != null) {
                float[] v = emb.get(i);
                for (int d = 0; d < dim; d++) {
                    c[cap.ordinal()][d] += v[d];
                }
            }
        }
        for (float[] v : c) {
            double n = 0;
            for (float x : v) {
                n += x * x;
            }
            float inv = (float) (1 / Math.sqrt(Math.max(n, 1e-24)));
            for (int d = 0; d < dim; d++) {
                v[d] *= inv;
            }
        }
        return c;
    }
}
