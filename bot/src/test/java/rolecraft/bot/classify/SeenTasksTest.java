package rolecraft.bot.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import rolecraft.bot.domain.Classification;

/** A task seen before is answered from what was kept, with the same result, and only the embedder's results are kept. */
class SeenTasksTest {

    /** Deterministic unit vectors from the text's bytes; counts the texts it embeds. */
    static final class CountingEmbedder implements TextEmbedder {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        @Override
        public int dim() {
            return BgeSmallEmbedder.DIM;
        }

        @Override
        public float[] embed(String text) {
            calls.computeIfAbsent(text, t -> new AtomicInteger()).incrementAndGet();
            float[] v = new float[dim()];
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            double norm = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Math.sin(31.0 * i + (b.length == 0 ? 0 : b[i % b.length]) * (i % 7 + 1));
                norm += v[i] * v[i];
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) Math.sqrt(norm);
            }
            return v;
        }

        int count(String text) {
            AtomicInteger n = calls.get(text);
            return n == null ? 0 : n.get();
        }
    }

    @Test
    void a_task_seen_before_is_not_embedded_again_and_gets_the_same_result() {
        CountingEmbedder e = new CountingEmbedder();
        ModelClassifier c = ModelClassifier.load(() -> e);
        Classification first = c.classify("Answer customer emails");
        Classification again = c.classify("  Answer customer emails ");
        assertEquals(first, again);
        assertEquals(1, e.count("Answer customer emails"));
        // A classifier that never saw it gives the same answer: what is kept is what would be computed.
        assertEquals(first, ModelClassifier.load(CountingEmbedder::new).classify("Answer customer emails"));
    }

    @Test
    void a_message_embeds_only_its_new_tasks_and_keeps_their_order() {
        CountingEmbedder e = new CountingEmbedder();
        ModelClassifier c = ModelClassifier.load(() -> e);
        Classification budget = c.classify("Plan the quarterly budget");
        List<Classification> all = c.classifyAll(List.of("Coach new hires", "Plan the quarterly budget",
                "Write up meeting notes"));
        assertEquals(3, all.size());
        assertEquals(budget, all.get(1));
        assertEquals(c.classify("Coach new hires"), all.get(0));
        assertEquals(c.classify("Write up meeting notes"), all.get(2));
        assertNotEquals(all.get(0), all.get(2));
        assertEquals(1, e.count("Plan the quarterly budget"));
        assertEquals(1, e.count("Coach new hires"));
        assertEquals(1, e.count("Write up meeting notes"));
        // All seen: answered without the embedder.
        c.classifyAll(List.of("Write up meeting notes", "Coach new hires"));
        assertEquals(1, e.count("Coach new hires"));
    }

    @Test
    void results_of_the_fallback_model_are_not_kept() {
        ModelClassifier c = ModelClassifier.load(() -> {
            throw new IllegalStateException("no native library here");
        });
        c.classify("Respond to customer inquiries about orders");
        c.classifyAll(List.of("Chase late invoices", "Book travel"));
        assertEquals(0, c.seenCount());
    }

    @Test
    void what_is_kept_stays_bounded() {
        CountingEmbedder e = new CountingEmbedder();
        ModelClassifier c = ModelClassifier.load(() -> e).keepAtMost(5);
        for (int i = 0; i < 12; i++) {
            c.classify("Review contract number " + i);
            assertTrue(c.seenCount() <= 5, "kept " + c.seenCount());
        }
        assertTrue(c.seenCount() >= 1);
        assertEquals(c.classify("Review contract number 11"), ModelClassifier.load(CountingEmbedder::new)
                .classify("Review contract number 11"));
    }
}
