package rolecraft.bot.classify.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a labelled TSV (soc_code, occupation, task_id, task, task_type, human_exposure, gpt4_exposure,
 * gpt4_automation): the development file or the non-desk file.
 */
final class DevData {

    private DevData() {
    }

    static List<TaskRow> read(Path path) throws IOException {
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        List<TaskRow> rows = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            if (f.length < 7) {
                continue;
            }
            rows.add(new TaskRow(f[0], f[1], f[3], f[4], label(f[5]), label(f[6]),
                    f.length > 7 ? automation(f[7]) : -1));
        }
        return rows;
    }

    /** T0-T4 as 0-4. */
    static int automation(String t) {
        String s = t.trim();
        if (s.length() != 2 || s.charAt(0) != 'T' || s.charAt(1) < '0' || s.charAt(1) > '4') {
            throw new IllegalArgumentException("bad automation level " + t);
        }
        return s.charAt(1) - '0';
    }

    static int label(String e) {
        return switch (e.trim()) {
            case "E0" -> 0;
            case "E1" -> 1;
            case "E2" -> 2;
            default -> throw new IllegalArgumentException("bad label " + e);
        };
    }
}
