package rolecraft.bot.classify.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rolecraft.bot.classify.TextEmbedder;

/** Embeds texts once and keeps the vectors in a local cache file (under target/) to speed up repeated runs. */
final class EmbeddingCache {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);

    private final Path file;
    private final Map<String, float[]> cache = new HashMap<>();
    private TextEmbedder embedder;
    private final Supplier<TextEmbedder> factory;

    EmbeddingCache(Path file, Supplier<TextEmbedder> factory) throws IOException {
        this.file = file;
        this.factory = factory;
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                int n = in.readInt();
                int dim = in.readInt();
                for (int i = 0; i < n; i++) {
                    String key = in.readUTF();
                    float[] v = new float[dim];
                    for (int d = 0; d < dim; d++) {
                        v[d] = in.readFloat();
                    }
                    cache.put(key, v);
                }
            }
        }
    }

    List<float[]> embedAll(List<String> texts) throws IOException {
        int missing = 0;
        for (String t : texts) {
            if (!cache.containsKey(t)) {
                missing++;
            }
        }
        if (missing > 0) {
            LOG.info("embedding {} texts", missing);
            if (embedder == null) {
                embedder = factory.get();
            }
            List<String> todo = texts.stream().filter(t -> !cache.containsKey(t)).distinct().toList();
            List<float[]> out = todo.parallelStream().map(embedder::embed).toList();
            for (int i = 0; i < todo.size(); i++) {
                cache.put(todo.get(i), out.get(i));
            }
            save();
        }
        return texts.stream().map(cache::get).toList();
    }

    private void save() throws IOException {
        Files.createDirectories(file.getParent());
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(cache.size());
            int dim = cache.values().iterator().next().length;
            out.writeInt(dim);
            for (Map.Entry<String, float[]> e : new TreeMap<>(cache).entrySet()) {
                out.writeUTF(e.getKey());
                for (float f : e.getValue()) {
                    out.writeFloat(f);
                }
            }
        }
    }
}
