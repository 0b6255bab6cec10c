package rolecraft.bot.classify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import rolecraft.bot.domain.Classification;

/** The same task said formally and as people type it in chat gets the same ai_role. */
class ParaphraseTest {

    /**
     * The first 112 pairs are used in development; the rest are held out: 48 written before the neighbours' vote and
     * 101 more, of trades and non-desk work, written before their calls were seen (docs/classification.md).
     */
    static final int HELD_OUT_FROM = 112;

    /** The agreement the issue asks for, on all pairs and on the held-out pairs alone. */
    static final double FLOOR = 0.85;

    static List<String[]> pairs() throws IOException {
        return tsvRows("/classify/paraphrase-pairs.tsv");
    }

    /** The rows of a tab-separated test resource after its header line, split at tabs. */
    static List<String[]> tsvRows(String resource) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ParaphraseTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.add(line.split("\t"));
            }
        }
        return out;
    }

    @Test
    void the_set_holds_at_least_100_distinct_pairs() throws IOException {
        List<String[]> pairs = pairs();
        Set<String> distinct = new TreeSet<>();
        for (String[] p : pairs) {
            assertTrue(p.length == 2 && !p[0].equalsIgnoreCase(p[1]), String.join(" | ", p));
            distinct.add(p[0].toLowerCase());
        }
        assertTrue(distinct.size() >= 100, "pairs: " + distinct.size());
    }

    @Test
    void formal_and_chat_phrasing_get_the_same_ai_role() throws IOException {
        assertAgreement("all", pairs());
    }

    @Test
    void held_out_pairs_get_the_same_ai_role() throws IOException {
        List<String[]> pairs = pairs();
        assertTrue(pairs.size() - HELD_OUT_FROM >= 100, "held-out pairs: " + (pairs.size() - HELD_OUT_FROM));
        assertAgreement("held-out", pairs.subList(HELD_OUT_FROM, pairs.size()));
    }

    private static void assertAgreement(String which, List<String[]> pairs) {
        int same = 0;
        StringBuilder differ = new StringBuilder();
        for (String[] p : pairs) {
            List<Classification> c = SharedClassifier.get().classifyAll(List.of(p[0], p[1]));
            if (c.get(0).aiRole() == c.get(1).aiRole()) {
                same++;
            } else {
                differ.append(String.format("%n  %s (%s) / %s (%s)", p[0], c.get(0).aiRole().word(), p[1],
                        c.get(1).aiRole().word()));
            }
        }
        double agreement = (double) same / pairs.size();
        System.out.printf("paraphrase pairs (%s): same ai_role on %d of %d (%.3f)%s%n", which, same, pairs.size(),
                agreement, differ);
        assertTrue(agreement >= FLOOR, "same ai_role on " + agreement + differ);
    }
}
