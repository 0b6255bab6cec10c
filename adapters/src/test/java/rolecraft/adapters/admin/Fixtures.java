package rolecraft.adapters.admin;

import java.util.ArrayList;
import java.util.List;
import rolecraft.bot.Conversations;
import rolecraft.bot.Conversations.Message;

/** Builds role records through the real engine, the way people would. */
public final class Fixtures {

    private Fixtures() {
    }

    /** Runs one employee through a whole redesign; approves it when {@code approve}. */
    public static void redesign(Conversations c, String surface, String employee, String manager, String title,
                                List<String> tasks, boolean approve, String tacit) {
        String me = surface + ":" + employee;
        List<String> script = new ArrayList<>(List.of("start", title, manager));
        script.addAll(tasks);
        script.addAll(List.of("done", "ok", "skip", "skip", "skip", tacit == null ? "skip" : tacit, "skip", "skip",
                "submit"));
        for (String m : script) {
            c.handle(Message.text(me, m));
        }
        if (approve) {
            c.handle(Message.text(surface + ":" + manager, "review"));
            c.handle(Message.text(surface + ":" + manager, "approve 1"));
        }
    }
}
