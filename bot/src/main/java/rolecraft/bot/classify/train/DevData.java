package rolecraft.bot.classify.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the labelled development TSV (soc_code, occupation, task_id, task, task_type, human_exposure, gpt4_exposure, ...). */
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
            rows.add(new TaskRow(f[0], f[1], f[3], f[4], label(f[5]), label(f[6])));
        }
        return rows;
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
