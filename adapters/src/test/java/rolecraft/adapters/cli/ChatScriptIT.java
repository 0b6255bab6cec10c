package rolecraft.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole redesigns through `rolecraft chat` in separate processes on one SQLite file, then the export:
 * one employee approved; another who stops half-way, resumes in a new process, gets changes requested,
 * adds a task and resubmits as version 2.
 */
class ChatScriptIT {

    @TempDir
    Path dir;

    private Jar.Result chat(Path db, String user, String... messages) throws Exception {
        Jar.Result r = Jar.run(Jar.lines(messages), "chat", "--db", db.toString(), "--user", user);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("went wrong").doesNotContain("Exception");
        return r;
    }

    @Test
    void two_employees_one_approved_one_resubmitted_and_the_export_shows_exactly_that() throws Exception {
        Path db = dir.resolve("rolecraft.db");

        Jar.Result alice = chat(db, "alice", "start", "Finance Analyst", "bob",
                "Prepare the monthly report - 40%", "Coach new hires 30%", "Answer customer emails 30%", "done",
                "2 human relationships", "ok", "I know where the numbers come from", "Budget sign-offs",
                "The CFO", "Which vendor files are always late", "Build forecasting models", "skip", "submit");
        assertThat(alice.out()).contains("What is your current job title?", "Who is your manager?",
                "Here is how I see your 3 task(s)", "Question 1 of 6", "Draft role redesign", "Sent to bob");

        Jar.Result bob = chat(db, "bob", "review", "approve 1 Great, go ahead");
        assertThat(bob.out()).contains("alice sent you their role redesign", "Drafts waiting for you (1)",
                "Approved: alice's Finance Analyst, version 1");

        Jar.Result aliceAgain = chat(db, "alice", "status");
        assertThat(aliceAgain.out()).contains("bob approved your redesign of Finance Analyst (version 1)",
                "Their comment: \"Great, go ahead\"", "approved");

        // carol stops half-way through her task list...
        Jar.Result carol1 = chat(db, "carol", "hi", "Procurement Lead", "bob", "Negotiate supplier contracts 50%");
        assertThat(carol1.out()).contains("Added 1 task(s); 1 in all.");
        // ...and resumes in a new process where she stopped.
        Jar.Result carol2 = chat(db, "carol", "start", "Process purchase orders 10h", "done", "ok",
                "skip", "skip", "skip", "skip", "skip", "skip", "submit");
        assertThat(carol2.out()).contains("Welcome back! Let's pick up where we left off on your redesign of Procurement Lead",
                "Your tasks so far (1)",
                "Negotiate supplier contracts", "Sent to bob for review (version 1)");

        Jar.Result bob2 = chat(db, "bob", "review", "changes 1 Please add the vendor calls");
        assertThat(bob2.out()).contains("Changes requested on carol's Procurement Lead, version 1");

        // The classifier is unsure whether vendor queries could be drafted by AI: it asks, and carol answers.
        Jar.Result carol3 = chat(db, "carol", "Vendor queries 10%", "done", "3 human", "ok",
                "skip", "skip", "skip", "skip", "skip", "skip", "submit");
        assertThat(carol3.out()).contains("bob asked for changes to your redesign of Procurement Lead (version 1)",
                "Please add the vendor calls", "Version 2 is open at the task list",
                "Could AI draft this for you to check, or does it need you throughout?",
                "Sent to bob for review (version 2)");

        Jar.Result bob3 = chat(db, "bob", "review", "show 1");
        assertThat(bob3.out()).contains("(resubmitted)", "Changes since version 1", "+ added: Vendor queries");

        Jar.Result csv = Jar.run("", "export", "--db", db.toString(), "--format", "csv");
        assertThat(csv.exit()).as(csv.err()).isZero();
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.out())).getRecords();
        assertThat(rows).hasSize(3 + 2 + 3);
        List<CSVRecord> aliceRows = rows.stream().filter(r -> r.get("employee").equals("local:alice")).toList();
        assertThat(aliceRows).hasSize(3).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("approved");
            assertThat(r.get("version")).isEqualTo("1");
            assertThat(r.get("manager")).isEqualTo("local:bob");
            assertThat(r.get("title")).isEqualTo("Finance Analyst");
            assertThat(r.get("decision_comment")).isEqualTo("Great, go ahead");
            assertThat(r.get("decided_at")).isNotEmpty();
        });
        assertThat(aliceRows.get(1).get("task")).isEqualTo("Coach new hires");
        assertThat(aliceRows.get(1).get("ai_role")).isEqualTo("human");
        assertThat(aliceRows.get(1).get("capability")).isEqualTo("relationships");
        assertThat(aliceRows).extracting(r -> r.get("share_percent")).containsExactly("40.0", "30.0", "30.0");

        List<CSVRecord> carolV1 = rows.stream().filter(r -> r.get("employee").equals("local:carol")
                && r.get("version").equals("1")).toList();
        assertThat(carolV1).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("changes_requested");
            assertThat(r.get("decision_comment")).isEqualTo("Please add the vendor calls");
            assertThat(r.get("decided_by")).isEqualTo("local:bob");
        });
        List<CSVRecord> carolV2 = rows.stream().filter(r -> r.get("employee").equals("local:carol")
                && r.get("version").equals("2")).toList();
        assertThat(carolV2).hasSize(3).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("submitted");
            assertThat(r.get("submitted_at")).isNotEmpty();
            assertThat(r.get("decided_at")).isEmpty();
        });
        assertThat(carolV2).extracting(r -> r.get("task"))
                .containsExactly("Negotiate supplier contracts", "Process purchase orders", "Vendor queries");

        Path json = dir.resolve("out.json");
        Jar.Result j = Jar.run("", "export", "--db", db.toString(), "--format", "json", "--out", json.toString());
        assertThat(j.exit()).as(j.err()).isZero();
        assertThat(j.err()).contains("Exported 3 role versions");
        JsonNode root = new ObjectMapper().readTree(Files.readString(json));
        assertThat(root.get("roles")).hasSize(2);
        JsonNode carolRole = root.get("roles").get(1);
        assertThat(carolRole.get("employee").asText()).isEqualTo("local:carol");
        assertThat(carolRole.get("versions")).hasSize(2);
        assertThat(carolRole.get("versions").get(0).get("decisions").get(0).get("comment").asText())
                .isEqualTo("Please add the vendor calls");
        assertThat(carolRole.get("versions").get(1).get("status").asText()).isEqualTo("submitted");

        Jar.Result submittedOnly = Jar.run("", "export", "--db", db.toString(), "--status", "submitted");
        assertThat(submittedOnly.out().lines().count()).isEqualTo(1 + 3);
    }

    @Test
    void chat_exits_zero_at_end_of_input_even_with_no_messages() throws Exception {
        Jar.Result r = Jar.run("", "chat", "--db", dir.resolve("empty.db").toString(), "--user", "zed");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void odd_and_over_long_lines_get_polite_replies() throws Exception {
        Jar.Result r = chat(dir.resolve("odd.db"), "zed", "\u0001\u0002", "start", "x".repeat(5000), "🙂",
                "Engineer", "zed", "bob", "!!!", "done", "restart", "restart", "status");
        assertThat(r.out()).contains("too long for me (5000 characters; 4000 at most)", "can't be your own manager",
                "Please add at least one task", "Say `restart` again to confirm", "Cleared.");
    }
}
