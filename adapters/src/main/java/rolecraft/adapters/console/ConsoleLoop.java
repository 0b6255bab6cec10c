package rolecraft.adapters.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import rolecraft.bot.Conversations;
import rolecraft.bot.Prompts;
import rolecraft.bot.store.Notification;

/**
 * The terminal surface: one message per line in, the bot's replies out. Scriptable from a pipe, and a
 * prompt on a terminal. Messages others left for this user are shown first and after every turn.
 */
public final class ConsoleLoop {

    private final Conversations conversations;
    private final Prompts prompts;
    private final String person;
    private final boolean interactive;

    public ConsoleLoop(Conversations conversations, Prompts prompts, String person, boolean interactive) {
        this.conversations = conversations;
        this.prompts = prompts;
        this.person = person;
        this.interactive = interactive;
    }

    /** A plain user id: lower case letters, digits, dot, dash or underscore, up to 64. */
    public static String normaliseId(String raw) {
        String id = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (!id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("--user takes a plain id such as alice (letters, digits, . _ -), not '"
                    + raw + "'");
        }
        return id;
    }

    public void run(BufferedReader in, PrintWriter out) throws IOException {
        if (interactive) {
            out.println("rolecraft, as " + Prompts.PersonFormat.PLAIN.name(person)
                    + ". Say `start` to begin, `help` for words; Ctrl-D to leave.");
        }
        showPending(out);
        while (true) {
            if (interactive) {
                out.print("> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            Conversations.Turn turn = conversations.handle(Conversations.Message.text(person, line));
            String text = prompts.renderAll(turn.replies(), Prompts.PersonFormat.PLAIN);
            if (!text.isEmpty()) {
                out.println(text);
                out.println();
            }
            showPending(out);
            out.flush();
        }
        out.flush();
    }

    private void showPending(PrintWriter out) {
        List<Notification> pending = conversations.takePending(person);
        for (Notification n : pending) {
            out.println("[message] " + prompts.renderAll(n.replies(), Prompts.PersonFormat.PLAIN));
            out.println();
        }
        out.flush();
    }
}
