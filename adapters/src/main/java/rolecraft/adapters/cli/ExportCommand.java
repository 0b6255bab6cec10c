package rolecraft.adapters.cli;

import rolecraft.bot.privacy.People;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import rolecraft.bot.domain.Status;
import rolecraft.bot.export.Exporter;
import rolecraft.bot.export.PersonExport;
import rolecraft.bot.store.Store;

/** Writes every role version (or those with one status) as CSV or JSON, for admins. */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Export role records. CSV has one row per task of each role version (columns: employee, manager, "
                + "title, status, version, submitted_at, decided_at, task, share_percent, ai_role, capability, "
                + "reason, changed_by_employee, and more); JSON nests roles, versions, tasks, answers and decisions. "
                + "Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.",
            "Output is streamed: memory stays flat however many records there are.",
            "",
            "--person ID gives everything stored about one person instead (what they are owed on request): their "
                + "roles, every version, tasks and answers, decisions on their drafts and decisions they took as a "
                + "manager, their conversation, notifications, addresses and kept messages. JSON: one list of rows "
                + "per kind. CSV: one line per field, columns kind,item,field,value (item numbers the rows of a "
                + "kind). The id is as stored: slack:T1:U1, teams:..., local:alice for chat --user alice. Exit 1 when "
                + "nobody has that id."
        })
final class ExportCommand implements Callable<Integer> {

    /** The two formats. */
    enum Format { csv, json }

    /** Status names as users type them. */
    enum StatusOption { drafting, submitted, changes_requested, approved }

    @ParentCommand
    Main main;

    @Option(names = {"-f", "--format"}, defaultValue = "csv", paramLabel = "csv|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-s", "--status"}, paramLabel = "S",
            description = "Only versions with this status: ${COMPLETION-CANDIDATES}.")
    StatusOption status;

    @Option(names = "--since", paramLabel = "DATE",
            description = "Only versions changed on or after this date (2026-01-31) or instant (ISO-8601).")
    String since;

    @Option(names = "--person", paramLabel = "ID",
            description = "Only what is stored about this person, everything of it (see above).")
    String person;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Exporter.Filter filter = new Exporter.Filter(
                status == null ? null : Status.fromWord(status.name()), parseSince(since));
        Store store = Store.open(Setup.database(main));
        if (person != null) {
            try (store) {
                return person(store);
            }
        }
        Exporter exporter = new Exporter(store.jdbi());
        OutputStream target = out == null ? System.out : Files.newOutputStream(out);
        long n;
        try (OutputStream stream = new BufferedOutputStream(target, 1 << 16) {
            @Override
            public void close() throws java.io.IOException {
                flush();
                if (out != null) {
                    super.close();
                }
            }
        }) {
            if (format == Format.csv) {
                Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                n = exporter.csv(w, filter);
                w.flush();
            } else {
                n = exporter.json(stream, filter);
            }
        }
        if (out != null) {
            main.spec.commandLine().getErr().printf("Exported %d %s to %s%n", n,
                    format == Format.csv ? "rows" : "role versions", out);
        }
        return 0;
    }

    /** --person: one person's records, or exit 1 when nobody has that id (and no file is written). */
    private int person(Store store) throws java.io.IOException {
        if (status != null || since != null) {
            throw new IllegalArgumentException("--person takes all of one person's records: leave out --status and "
                    + "--since");
        }
        var records = new People(store).export(person);
        if (records.isEmpty()) {
            main.spec.commandLine().getErr().println(Failures.nobody(person));
            return 1;
        }
        try (OutputStream stream = out == null ? new BufferedOutputStream(System.out) {
            @Override
            public void close() throws java.io.IOException {
                flush();
            }
        } : new BufferedOutputStream(Files.newOutputStream(out))) {
            if (format == Format.csv) {
                Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                PersonExport.csv(w, records.get());
                w.flush();
            } else {
                PersonExport.json(stream, person, records.get());
            }
        }
        if (out != null) {
            main.spec.commandLine().getErr().printf("Exported what is stored about %s to %s%n", person, out);
        }
        return 0;
    }

    static Instant parseSince(String text) {
        try {
            return Exporter.Filter.since(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--since takes a date like 2026-01-31 or an ISO-8601 instant, not '"
                    + text + "'");
        }
    }
}
