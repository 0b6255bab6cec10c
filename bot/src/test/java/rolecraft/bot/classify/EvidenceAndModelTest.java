package rolecraft.bot.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import rolecraft.bot.domain.Classification;

/** Evidence, confidence, the fallback model and the model file. */
class EvidenceAndModelTest {

    @Test
    void evidence_is_the_closest_labelled_statement() {
        Classification c = SharedClassifier.get().classify("respond to customer inquiries");
        assertNotNull(c.evidence(), c.toString());
        assertTrue(c.evidence().task().toLowerCase().contains("inquir"), c.evidence().toString());
        assertNotNull(c.evidence().humanLabel());
        assertNotNull(c.evidence().occupation());
    }

    @Test
    void chat_phrasings_mostly_get_evidence() throws IOException {
        List<String> tasks = ChatSetFloorTest.chatSet().stream().map(ChatSetFloorTest.Row::task).toList();
        long withEvidence = SharedClassifier.get().classifyAll(tasks).stream().filter(c -> c.evidence() != null).count();
        assertTrue(withEvidence >= tasks.size() * 0.5, "evidence for " + withEvidence + " of " + tasks.size());
    }

    @Test
    void confidence_is_a_probability_of_the_proposed_role() {
        Classification c = SharedClassifier.get().classify("enter invoices into the accounting system");
        assertTrue(c.confidence() > 1.0 / 3 && c.confidence() <= 1.0, c.toString());
    }

    @Test
    void bag_of_words_fallback_works_without_embedder() {
        ModelClassifier bow = ModelClassifier.loadBagOfWords();
        Classification c = bow.classify("Respond to customer inquiries about orders");
        assertNotNull(c.exposure());
        assertNotNull(c.evidence());
        assertTrue(c.reason().length() > 10);
    }

    @Test
    void model_file_round_trips() throws IOException {
        byte[] original;
        try (InputStream in = ShippedModel.class.getResourceAsStream(ShippedModel.RESOURCE)) {
            original = in.readAllBytes();
        }
        assertTrue(original.length < 20_000_000, "model size " + original.length);
        ShippedModel m = ShippedModel.read(new ByteArrayInputStream(original));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        m.write(again);
        ShippedModel back = ShippedModel.read(new ByteArrayInputStream(again.toByteArray()));
        assertEquals(m.info(), back.info());
        assertEquals(m.evidence().items(), back.evidence().items());
        assertArrayEquals(m.withEmbedding().regression().weights(), back.withEmbedding().regression().weights());
        assertArrayEquals(m.bagOfWords().regression().weights(), back.bagOfWords().regression().weights());
        assertEquals(m.withEmbedding().temperature(), back.withEmbedding().temperature());
        assertEquals(m.withEmbedding().encoder().terms(), back.withEmbedding().encoder().terms());
        assertArrayEquals(m.roleNeighbours().levels(), back.roleNeighbours().levels());
        assertArrayEquals(m.roleNeighbours().items(), back.roleNeighbours().items());
        // Written as 8-bit again and normalised: equal to the last bit or so.
        assertArrayEquals(m.roleNeighbours().vectors(), back.roleNeighbours().vectors(), 1e-6f);
        assertEquals(16_311, m.roleNeighbours().levels().length);
    }

    @Test
    void an_embedder_that_cannot_load_leaves_the_bag_of_words_model_working() {
        ModelClassifier c = ModelClassifier.load(() -> {
            throw new IllegalStateException("no native library here");
        });
        Classification r = c.classify("Respond to customer inquiries about orders");
        assertNotNull(r.exposure());
        assertNotNull(r.evidence(), r.toString());
        assertEquals(ModelClassifier.loadBagOfWords().classify("Respond to customer inquiries about orders"), r);
    }

    @Test
    void the_reason_speaks_plainly_without_labels_or_probabilities() {
        Classification c = SharedClassifier.get().classify("compile the weekly sales report");
        assertTrue(!c.reason().contains("p=") && !c.reason().contains("[E"), c.reason());
    }
}
