package rolecraft.bot.classify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Exposure;

/** The shipped model on the hand-labelled chat phrasings: accuracy and macro-F1 floors. */
class ChatSetFloorTest {

    static final double FLOOR = 0.60;

    record Row(String task, Exposure exposure, String capability) {
    }

    static List<Row> chatSet() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ChatSetFloorTest.class.getResourceAsStream("/classify/chat-tasks.tsv"), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split("\t");
                rows.add(new Row(f[0], Exposure.valueOf(f[1]), f[2]));
            }
        }
        return rows;
    }

    @Test
    void chat_set_has_at_least_300_roughly_balanced_rows() throws IOException {
        List<Row> rows = chatSet();
        assertTrue(rows.size() >= 300, "rows: " + rows.size());
        for (Exposure e : Exposure.values()) {
            long n = rows.stream().filter(r -> r.exposure() == e).count();
            assertTrue(n >= rows.size() / 4, e + " rows: " + n);
        }
    }

    @Test
    void shipped_model_meets_chat_floors() throws IOException {
        List<Row> rows = chatSet();
        List<Classification> out = SharedClassifier.get().classifyAll(rows.stream().map(Row::task).toList());
        int[][] cm = new int[3][3];
        for (int i = 0; i < rows.size(); i++) {
            cm[rows.get(i).exposure().ordinal()][out.get(i).exposure().ordinal()]++;
        }
        double acc = accuracy(cm);
        double f1 = macroF1(cm);
        System.out.printf("chat set: accuracy %.3f, macro-F1 %.3f%n", acc, f1);
        assertTrue(acc >= FLOOR, "chat accuracy " + acc);
        assertTrue(f1 >= FLOOR, "chat macro-F1 " + f1);
    }

    static double accuracy(int[][] cm) {
        int ok = 0;
        int n = 0;
        for (int g = 0; g < 3; g++) {
            for (int p = 0; p < 3; p++) {
                n += cm[g][p];
                ok += g == p ? cm[g][p] : 0;
            }
        }
        return (double) ok / n;
    }

    static double macroF1(int[][] cm) {
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            int tp = cm[c][c];
            int fp = 0;
            int fn = 0;
            for (int o = 0; o < 3; o++) {
                if (o != c) {
                    fp += cm[o][c];
                    fn += cm[c][o];
                }
            }
            sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        return sum / 3;
    }
}
