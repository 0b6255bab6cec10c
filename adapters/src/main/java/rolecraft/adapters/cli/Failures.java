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
        if (e instanceof java.nio.file.FileSystemException f) {
            // The JDK's message for these is the bare path: say what is wrong with it.
            java.nio.file.Path parent = f.getFile() == null ? null
                    : java.nio.file.Path.of(f.getFile()).toAbsolutePath().getParent();
            String why = f instanceof java.nio.file.NoSuchFileException
                    ? (parent != null && !java.nio.file.Files.isDirectory(parent)
                        ? "its folder " + parent + " does not exist" : "there is no such file")
                    : f instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : f instanceof java.nio.file.NotDirectoryException ? "it is not a folder"
                    : String.valueOf(f.getReason());
            cmd.getErr().println("rolecraft: cannot use " + f.getFile() + ": " + why);
            return SETUP;
        }
        if (e instanceof StoreException || e instanceof IllegalArgumentException
                || e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
            cmd.getErr().println("rolecraft: " + e.getMessage());
            return SETUP;
        }
        if (e instanceof io.javalin.util.JavalinBindException || rootCause(e) instanceof java.net.BindException) {
            String why = String.valueOf(rootCause(e).getMessage());
            cmd.getErr().println(why.contains("assign requested address")
                    ? "rolecraft: cannot listen on that address: it is not one of this machine's (see --host or "
                        + "ROLECRAFT_HOST)"
                    : "rolecraft: the port is already in use by another program (choose another with --port or PORT)");
            return SETUP;
        }
        LOG.error("rolecraft failed", e);
        cmd.getErr().println("rolecraft: unexpected error: " + e);
        return 1;
    }

    /** A bad option or argument: one sentence and where to read more, not the whole usage. */
    static int badOption(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        java.io.PrintWriter err = cmd.getErr();
        err.println("rolecraft: " + e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            u.printSuggestions(err);
        }
        err.println("See '" + cmd.getCommandSpec().qualifiedName() + " --help' for what it takes.");
        return SETUP;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
