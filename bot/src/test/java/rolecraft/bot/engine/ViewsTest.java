package rolecraft.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import rolecraft.bot.Prompts;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Answer;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.Exposure;
import rolecraft.bot.domain.Question;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.Status;
import rolecraft.bot.domain.Task;

class ViewsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static Task task(String text, double pct, AiRole proposed, Capability cap) {
        return Task.proposed(text, Share.percent(pct), new Classification(Exposure.E1, proposed, cap, 0.9, "a reason",
                null));
    }

    private static Draft draft(int version, String title, List<Task> tasks, List<Answer> answers) {
        return new Draft(3L, version, Status.SUBMITTED, "local:ana", "local:bob", title, tasks, answers, NOW, NOW,
                null, null);
    }

    private static String body(Map<String, Object> draft) {
        return Prompts.builtIn().render("draft_body", draft, Prompts.PersonFormat.PLAIN);
    }

    @Test
    void changes_cover_the_title_the_purpose_the_answers_and_the_reason_for_a_changed_call() {
        Draft v1 = draft(1, "Paralegal", List.of(task("Draft contracts", 70, AiRole.AUGMENT, Capability.CREATIVITY),
                        task("Client calls", 30, AiRole.HUMAN, Capability.RELATIONSHIPS)),
                List.of(new Answer(Question.IDENTITY, "the drafting"), new Answer(Question.SKILLS, "contract law")));
        Draft v2 = draft(2, "Senior Paralegal", List.of(v1.tasks().get(0).withShare(Share.percent(30))
                                .settle(AiRole.HUMAN, Capability.CREATIVITY, "clauses need a lawyer's eye"),
                        v1.tasks().get(1).withShare(Share.percent(70))),
                List.of(new Answer(Question.IDENTITY, "talking to clients"), new Answer(Question.DECISIONS, "settlements")));

        Map<String, Object> changes = Views.changes(v1, v2);

        assertThat(changes).containsEntry("any", true).containsEntry("retitled", true)
                .containsEntry("title_before", "Paralegal").containsEntry("title_after", "Senior Paralegal")
                .containsEntry("refocused", true).containsEntry("focus_before", "creativity")
                .containsEntry("focus_after", "relationships");
        assertThat(((List<?>) changes.get("answers")).stream().map(a -> (Object) ((Map<?, ?>) a).get("question")).toList())
                .containsExactly((Object) "identity", "decisions", "skills");
        String text = body(Views.draft(v2, v1));
        assertThat(text).contains("Changes since version 1",
                "~ title: Paralegal → Senior Paralegal",
                "~ purpose: most time now goes to relationships (was creativity)",
                "~ what makes the work theirs: the drafting → talking to clients",
                "~ decisions others rely on: now answered: settlements",
                "~ skills to build: answer withdrawn (was: contract law)",
                "~ re-classified: Draft contracts augment creativity → human creativity (why: clauses need a lawyer's eye)",
                "~ re-shared: Draft contracts 70% → 30%");
        // Each answer's line names its own question, never another's that the draft around it also holds.
        assertThat(text).doesNotContain("what makes the work theirsdecisions");
    }

    @Test
    void the_same_draft_shows_no_changes() {
        Draft v1 = draft(1, "Paralegal", List.of(task("Draft contracts", 100, AiRole.AUGMENT, Capability.CREATIVITY)),
                List.of(new Answer(Question.IDENTITY, "the drafting")));
        assertThat(Views.changes(v1, v1)).containsEntry("any", false);
        assertThat(body(Views.draft(v1, v1))).doesNotContain("Changes since");
    }

    @Test
    void the_task_table_shows_each_share_and_call_and_which_calls_the_employee_changed_and_why() {
        Draft d = draft(1, "Developer", List.of(
                task("Code reviews", 40, AiRole.AUTOMATE, Capability.JUDGMENT)
                        .settle(AiRole.AUGMENT, Capability.JUDGMENT, "every PR needs a human approver"),
                task("Writing features", 60, AiRole.AUGMENT, Capability.CREATIVITY)), List.of());
        Map<String, Object> view = Views.draft(d, null);
        assertThat((List<?>) view.get("overridden")).hasSize(1);
        assertThat(view).containsEntry("has_overridden", true);
        String text = body(view);
        assertThat(text).contains("1. Code reviews: 40% · augment · judgment · changed by ana from automate"
                        + " · now 40% → about 20–32%\n     why: every PR needs a human approver",
                "2. Writing features: 60% · augment · creativity · now 60% → about 30–48%\n")
                .contains("AI drafts and prepares; ana leads and decides").doesNotContain("the employee leads");
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_key_of_the_draft_view_is_named_in_its_javadoc() throws IOException {
        Draft v1 = draft(1, "Developer", List.of(task("Code reviews", 40, AiRole.AUTOMATE, Capability.JUDGMENT)
                .settle(AiRole.AUGMENT, Capability.JUDGMENT, "why"), task("Coding", 60, AiRole.HUMAN,
                Capability.CREATIVITY)), List.of(new Answer(Question.IDENTITY, "x"), new Answer(Question.DECISIONS, "y"),
                new Answer(Question.STAKEHOLDERS, "z"), new Answer(Question.TACIT_KNOWLEDGE, "w"),
                new Answer(Question.CLEAN_SHEET, "v"), new Answer(Question.SKILLS, "u")));
        Draft v2 = draft(2, "Lead Developer", List.of(v1.tasks().get(1)), List.of());
        Map<String, Object> view = Views.draft(v2, v1);
        TreeSet<String> keys = new TreeSet<>(view.keySet());
        keys.addAll(Views.draft(v1, null).keySet());
        keys.addAll(((Map<String, Object>) view.get("changes")).keySet());
        for (Object item : (List<?>) Views.draft(v1, null).get("tasks")) {
            keys.addAll(((Map<String, Object>) item).keySet());
        }
        String source = Files.readString(Path.of("src/main/java/rolecraft/bot/engine/Views.java"));
        for (String key : keys) {
            assertThat(source).as(key).contains("{@code " + key + "}");
        }
        assertThat(keys).contains("overridden", "note", "answers", "retitled", "identity", "skills");
    }

    @Test
    void the_time_tables_use_the_employee_s_figure_where_they_gave_one_and_say_so_when_every_figure_is_theirs() {
        List<Task> tasks = List.of(task("Reports", 50, AiRole.AUTOMATE, Capability.JUDGMENT).expecting(Share.percent(20)),
                task("Planning", 50, AiRole.AUGMENT, Capability.JUDGMENT));
        Redesign r = Redesign.of(tasks);
        // 20% of the week after, as she said, rather than a fifth of the 50%.
        assertThat(r.roleAfter(AiRole.AUTOMATE)).isEqualTo(20.0);
        assertThat(r.roleAfter(AiRole.AUGMENT)).isEqualTo(50 * Redesign.KEEP_AUGMENT);
        String partly = body(Views.draft(draft(1, "Analyst", tasks, List.of()), null));
        assertThat(partly).contains("freed for new work: about", "(estimate)", "except where ana gave their own figure");
        List<Task> all = List.of(tasks.get(0), tasks.get(1).expecting(Share.percent(30)));
        Map<String, Object> view = Views.draft(draft(1, "Analyst", all, List.of()), null);
        assertThat(view).containsEntry("has_estimates", false).containsEntry("freed_low", 50);
        assertThat(body(view)).contains("freed for new work: 50% (ana's figures)",
                "Time freed is 50% of the week, by ana's own figure for each task AI takes part in")
                .doesNotContain("(estimate)");
    }
}
