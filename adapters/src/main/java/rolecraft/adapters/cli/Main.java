package rolecraft.adapters.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The rolecraft command: serve the chat surfaces, chat in a terminal, export records, classify tasks. */
@Command(name = "rolecraft",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "rolecraft helps an employee redesign their role for the AI era, in chat: it lists their tasks and "
                + "how their time splits, says for each whether AI can take it over, assist, or whether it is "
                + "human work, and sends the redesigned role to their manager for approval.",
            ""
        },
        footer = {
            "",
            "Every setting can also come from the environment: ROLECRAFT_DB, ROLECRAFT_PROMPTS, PORT.",
            "With ROLECRAFT_DB_URL=jdbc:postgresql://HOST:5432/DB (and ROLECRAFT_DB_USER, ROLECRAFT_DB_PASSWORD) the "
                + "store is PostgreSQL instead of the SQLite file, and several `serve` instances may share it.",
            "With ROLECRAFT_LLM_URL, ROLECRAFT_LLM_MODEL and ROLECRAFT_LLM_KEY set, an OpenAI-compatible model phrases "
                + "the reason of each task's proposal (the proposal itself stays the offline classifier's).",
            "With ROLECRAFT_RETENTION_DAYS=N, serve deletes drafts never submitted and kept messages older than N days.",
            "Try it: rolecraft chat --user alice   (then, as her manager: rolecraft chat --user bob)"
        },
        subcommands = {ServeCommand.class, ChatCommand.class, ExportCommand.class, ForgetCommand.class,
            ClassifyCommand.class, TeamsPackageCommand.class,
            MigrateCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "FILE",
            defaultValue = "${env:ROLECRAFT_DB:-./rolecraft.db}",
            description = "SQLite file that keeps every conversation and role version; created if missing "
                    + "(env ROLECRAFT_DB, default: ${DEFAULT-VALUE}). Not used when ROLECRAFT_DB_URL names a "
                    + "PostgreSQL database.")
    Path db;

    @Option(names = "--prompts", scope = ScopeType.INHERIT, paramLabel = "DIR",
            defaultValue = "${env:ROLECRAFT_PROMPTS}",
            description = "Folder of templates (<key>.txt) that replace the built-in wording "
                    + "(env ROLECRAFT_PROMPTS).")
    Path prompts;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(new Failures())
                .setParameterExceptionHandler(Failures::badOption)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** With no command: what rolecraft is and which commands it has, then a non-zero exit (nothing was done). */
    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        cmd.usage(cmd.getErr());
        cmd.getErr().println();
        cmd.getErr().println("rolecraft: say which command to run; to try it: rolecraft serve --local");
        return Failures.SETUP;
    }
}
