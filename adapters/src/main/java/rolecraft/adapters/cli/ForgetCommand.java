package rolecraft.adapters.cli;

import rolecraft.bot.privacy.People;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import rolecraft.bot.store.Store;

/** Deletes everything stored about one person, on their request; without --yes only says what would go. */
@Command(name = "forget",
        mixinStandardHelpOptions = true,
        description = {
            "Delete everything stored about one person: the roles and versions they own with their tasks and "
                + "answers, their conversation, notifications, addresses and kept messages. Drafts they decided "
                + "on or were sent as a manager stay with their employees, with '(deleted person)' in their "
                + "place and their comments removed. Afterwards no export, dashboard figure or log line holds "
                + "their words or id; a SQLite file is rebuilt so that no deleted text is left in it.",
            "",
            "Without --yes it prints how many records of each kind would be deleted, and deletes nothing. "
                + "The id is as stored: slack:T1:U1, teams:..., local:alice for chat --user alice (see "
                + "export --person). Exit 1 when nobody has that id.",
            "",
            "On a SQLite store that serve is using, stop serve first or use DELETE /admin/api/people/ID."
        })
final class ForgetCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Option(names = "--person", required = true, paramLabel = "ID", description = "Whose records to delete.")
    String person;

    @Option(names = "--yes", description = "Really delete (without it, nothing is deleted).")
    boolean yes;

    @Override
    public Integer call() {
        var out = main.spec.commandLine().getOut();
        try (Store store = Store.open(Setup.database(main))) {
            var counts = yes ? new People(store).forget(person) : new People(store).preview(person);
            if (counts.isEmpty()) {
                main.spec.commandLine().getErr().println(Failures.nobody(person));
                return 1;
            }
            out.println((yes ? "Deleted what was stored about " : "Would delete what is stored about ") + person
                    + ":");
            for (Map.Entry<String, Integer> e : counts.get().entrySet()) {
                out.printf("  %-32s %d%n", e.getKey().replace('_', ' '), e.getValue());
            }
            if (!yes) {
                out.println("Nothing was deleted: run again with --yes to delete.");
            }
            out.flush();
            return 0;
        }
    }
}
