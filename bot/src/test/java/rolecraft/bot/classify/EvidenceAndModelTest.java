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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Evidence;

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

    /** Chat phrasings and the closest statement to each, labelled by hand: 1 the same activity, 0 another. */
    static List<String[]> relatedLabels() throws IOException {
        return ParaphraseTest.tsvRows("/classify/evidence-related.tsv");
    }

    @Test
    void evidence_is_shown_where_it_is_mostly_related_and_not_below() throws IOException {
        List<String[]> rows = relatedLabels();
        List<Classification> out = SharedClassifier.get().classifyAll(rows.stream().map(r -> r[0]).toList());
        int shown = 0;
        int shownRelated = 0;
        int hiddenRelated = 0;
        for (int i = 0; i < rows.size(); i++) {
            Evidence e = out.get(i).evidence();
            boolean related = rows.get(i)[2].equals("1");
            if (e == null) {
                hiddenRelated += related ? 1 : 0;
                continue;
            }
            // The labels are of the statement that was closest when they were written: a model that finds other
            // statements needs them labelled again.
            assertEquals(rows.get(i)[1], e.task(), rows.get(i)[0]);
            shown++;
            shownRelated += related ? 1 : 0;
        }
        int hidden = rows.size() - shown;
        System.out.printf("evidence shown for %d of %d; related %d of %d shown, %d of %d not shown%n", shown,
                rows.size(), shownRelated, shown, hiddenRelated, hidden);
        assertTrue(shown >= 30, "evidence shown for " + shown);
        // At the line 25 of 38 shown are related (0.66), 48 of 141 below it (0.34); at the former 0.72, 0.43.
        assertTrue(shownRelated >= 0.6 * shown, shownRelated + " related of " + shown + " shown");
        assertTrue(hiddenRelated < 0.4 * hidden, hiddenRelated + " related of " + hidden + " not shown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"charting", "charting vitals and meds in the EHR"})
    void a_nurses_charting_is_never_shown_an_analysts_charts(String task) {
        Classification c = SharedClassifier.get().classify(task);
        assertTrue(c.evidence() == null || !c.evidence().task().startsWith("Draw charts"), c.toString());
    }

    @Test
    void non_desk_work_is_shown_non_desk_statements() {
        Evidence e = SharedClassifier.get().classify("charting vitals and meds in the EHR").evidence();
        assertNotNull(e);
        assertTrue(e.task().contains("vital signs"), e.toString());
        assertEquals("Registered Nurses", e.occupation(), e.toString());
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
