package rolecraft.adapters.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import rolecraft.adapters.console.ConsoleLoop;

/** Chat with rolecraft in the terminal, as any user: employee or manager. */
@Command(name = "chat",
        mixinStandardHelpOptions = true,
        description = {
            "Talk to rolecraft in this terminal as the user given by --user. Reads one message per line; on a "
                + "terminal it shows a prompt, and from a pipe or file it answers each line and exits at the end "
                + "of input (exit code 0). Messages left for the user by others (a manager's decision, a draft "
                + "to review) are shown as they arrive.",
            "",
            "Words: start, status, back, restart, help; tasks as 'Prepare the report - 30%%' or 'Triage 10h'; "
                + "list, drop N, done; ok or '3 human'; skip; submit. Managers: review, show N, approve N "
                + "[comment], changes N <comment>."
        })
final class ChatCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = {"-u", "--user"}, paramLabel = "ID", defaultValue = "${sys:user.name}",
            description = "Who you are, as a plain id such as alice (default: your login name, ${DEFAULT-VALUE}).")
    String user;

    @Override
    public Integer call() throws Exception {
        String id = ConsoleLoop.normaliseId(user);
        Setup setup = Setup.open(main);
        boolean interactive = System.console() != null;
        PrintWriter out = main.spec.commandLine().getOut();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        new ConsoleLoop(setup.conversations(), setup.prompts(), "local:" + id, interactive).run(in, out);
        return 0;
    }
}
