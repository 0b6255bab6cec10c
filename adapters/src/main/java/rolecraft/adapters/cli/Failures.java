package rolecraft.adapters.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import rolecraft.bot.store.StoreException;

/** Turns known failures into one sentence and an exit code; anything else is logged with its trace. */
final class Failures implements CommandLine.IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    /** Exit code for a problem with the setup (database, folder, port) rather than with the program. */
    static final int SETUP = 2;

    /** The sentence for an id nobody has (export --person, forget). */
    static String nobody(String person) {
        return "rolecraft: nobody with the id '" + person + "' is stored (ids are as stored, such as "
                + "slack:T1:U1, or local:alice for chat --user alice).";
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof StoreException || e instanceof IllegalArgumentException
                || e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
            cmd.getErr().println("rolecraft: " + e.getMessage());
            return SETUP;
        }
        if (e instanceof io.javalin.util.JavalinBindException) {
            cmd.getErr().println("rolecraft: " + e.getMessage() + " (is another server using the port? try --port)");
            return SETUP;
        }
        LOG.error("rolecraft failed", e);
        cmd.getErr().println("rolecraft: unexpected error: " + e);
        return 1;
    }
}
