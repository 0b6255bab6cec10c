package rolecraft.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar set up wrongly, as people do: each mistake is answered with one sentence that names where the
 * value came from, exit code 2, no stack trace and no wall of usage; nothing is created on the way.
 */
class MisconfigurationIT {

    @TempDir
    Path dir;

    private Jar.Result run(Map<String, String> env, String... args) throws Exception {
        return Jar.runWith(60, List.of(), env, "", args);
    }

    private static void oneSentence(Jar.Result r, String... words) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(words).doesNotContain("Exception", "\tat ", "Usage:");
        assertThat(r.err().strip().lines().filter(l -> l.startsWith("rolecraft:")).count()).as(r.err()).isEqualTo(1);
    }

    @Test
    void a_port_that_is_not_a_number_or_out_of_range_names_where_it_came_from() throws Exception {
        String db = dir.resolve("p.db").toString();
        oneSentence(run(Map.of("PORT", "abc"), "serve", "--check", "--db", db), "PORT must be a port number", "'abc'");
        oneSentence(run(Map.of(), "serve", "--check", "--port", "99999", "--db", db), "--port must be a port number",
                "99999");
        oneSentence(run(Map.of("PORT", "-1"), "serve", "--check", "--db", db), "PORT must be a port number");
    }

    @Test
    void a_host_that_does_not_resolve_is_named() throws Exception {
        oneSentence(run(Map.of("ROLECRAFT_HOST", "no-such-host.invalid"), "serve", "--check", "--port", "0", "--db",
                dir.resolve("h.db").toString()), "ROLECRAFT_HOST names a host that does not resolve",
                "no-such-host.invalid");
        oneSentence(run(Map.of(), "serve", "--check", "--port", "0", "--host", "no-such-host.invalid", "--db",
                dir.resolve("h.db").toString()), "--host names a host that does not resolve");
    }

    @Test
    void a_db_that_is_a_folder_or_in_a_missing_folder_is_refused_and_no_folder_is_made() throws Exception {
        oneSentence(run(Map.of(), "serve", "--check", "--port", "0", "--db", dir.toString()), "--db names a folder",
                dir.toAbsolutePath().toString());
        Path missing = dir.resolve("not-there").resolve("rolecraft.db");
        oneSentence(run(Map.of("ROLECRAFT_DB", missing.toString()), "export"),
                "ROLECRAFT_DB is in a folder that does not exist", missing.getParent().toString());
        oneSentence(run(Map.of(), "chat", "--user", "alice", "--db", missing.toString()), "--db is in a folder");
        assertThat(missing.getParent()).doesNotExist();
    }

    @Test
    void a_second_serve_on_the_same_sqlite_file_is_refused() throws Exception {
        Path db = dir.resolve("one.db");
        Process first = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Jar.path().toString(), "serve", "--port", "0", "--db", db.toString()))
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(),
                    StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            boolean listening = false;
            while (!listening && System.nanoTime() < deadline && (line = out.readLine()) != null) {
                listening = line.contains("listening on");
            }
            assertThat(listening).as("the first serve started").isTrue();
            Jar.Result second = run(Map.of(), "serve", "--check", "--port", "0", "--db", db.toString());
            oneSentence(second, "another rolecraft serve", "process " + first.pid(), db.toAbsolutePath().toString());
            // A chat beside the serve is fine: SQLite lets them share the file.
            Jar.Result chat = Jar.runWith(60, List.of(), Map.of(), "status\n", "chat", "--user", "carol", "--db",
                    db.toString());
            assertThat(chat.exit()).as(chat.err()).isZero();
        } finally {
            first.destroy();
            first.waitFor(30, TimeUnit.SECONDS);
            first.destroyForcibly();
        }
        Jar.Result after = run(Map.of(), "serve", "--check", "--port", "0", "--db", db.toString());
        assertThat(after.exit()).as("once the first stopped, the file is free: " + after.err()).isZero();
    }

    @Test
    void a_file_that_is_not_a_database_or_not_there_is_named_with_what_is_wrong() throws Exception {
        Path junk = dir.resolve("notes.db");
        Files.writeString(junk, "shopping list, not a database\n");
        oneSentence(run(Map.of(), "serve", "--check", "--port", "0", "--db", junk.toString()),
                junk.toString(), "is not a SQLite database");
        oneSentence(run(Map.of("ROLECRAFT_DB", junk.toString()), "migrate"), "is not a SQLite database");
        assertThat(Files.readString(junk)).as("left as it was").startsWith("shopping list");
        Path missing = dir.resolve("tasks.txt");
        oneSentence(run(Map.of(), "classify", missing.toString()), missing.toString(), "there is no such file");
        Path nowhere = dir.resolve("no-such-folder");
        oneSentence(run(Map.of(), "export", "--db", dir.resolve("e.db").toString(), "--out",
                nowhere.resolve("out.csv").toString()), "its folder " + nowhere + " does not exist");
        assertThat(nowhere).doesNotExist();
        oneSentence(run(Map.of(), "chat", "--user", "ann", "--prompts", junk.toString()),
                "names a file, not a folder", junk.toString());
    }

    @Test
    void rolecraft_with_no_command_explains_itself_and_exits_non_zero() throws Exception {
        Jar.Result r = run(Map.of());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("serve", "chat", "export", "say which command to run");
        Jar.Result typo = run(Map.of(), "serv");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("serve").doesNotContain("Usage:");
    }

    @Test
    void the_chat_and_the_export_print_no_log_lines() throws Exception {
        Path db = dir.resolve("quiet.db");
        Jar.Result chat = Jar.runWith(60, List.of(), Map.of(), "hi\nNurse\n", "chat", "--user", "alice", "--db",
                db.toString());
        assertThat(chat.exit()).as(chat.err()).isZero();
        assertThat(chat.err()).as("a new store is made without a word in the chat").isEmpty();
        assertThat(chat.out()).contains("Nurse");
        Jar.Result export = Jar.runWith(60, List.of(), Map.of(), "", "export", "--db", db.toString());
        assertThat(export.err()).isEmpty();
        assertThat(Files.exists(db)).isTrue();
    }
}
