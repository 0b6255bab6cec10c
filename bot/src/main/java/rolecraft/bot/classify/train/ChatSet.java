package rolecraft.bot.classify.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import rolecraft.bot.domain.Capability;

/** Reads the chat-style test set (task, exposure, capability). */
final class ChatSet {

    /** One hand-labelled chat phrasing. */
    record Item(String task, int label, Capability capability) {
    }

    private ChatSet() {
    }

    static List<Item> read(Path path) throws IOException {
        List<Item> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t");
            if (f.length >= 3) {
                out.add(new Item(f[0], DevData.label(f[1]), Capability.valueOf(f[2].trim())));
            }
        }
        return out;
    }
}
