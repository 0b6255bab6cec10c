package rolecraft.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Answer;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.Exposure;
import rolecraft.bot.domain.Question;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.Task;

class QuestionPlanTest {

    private static Task task(String text, double percent, AiRole role, Capability cap) {
        return Task.proposed(text, Share.percent(percent), new Classification(Exposure.E1, role, cap, 0.9, "r", null));
    }

    private static Draft draft(List<Task> tasks, Answer... answers) {
        return Draft.start("local:ana", Instant.EPOCH).withTitle("ICU nurse").withTasks(tasks)
                .withAnswers(List.of(answers));
    }

    private static final Draft NO = draft(List.of());

    private static final List<Task> NURSE = List.of(
            task("Family updates", 45, AiRole.HUMAN, Capability.RELATIONSHIPS),
            task("Call the pharmacy about meds", 15, AiRole.AUGMENT, Capability.RELATIONSHIPS),
            task("Charting", 40, AiRole.AUTOMATE, Capability.JUDGMENT));

    private static final List<Task> CLERK = List.of(
            task("Review motions before the hearing", 50, AiRole.AUGMENT, Capability.JUDGMENT),
            task("Decide which cases go on the docket", 20, AiRole.HUMAN, Capability.JUDGMENT),
            task("Draft routine orders", 30, AiRole.AUTOMATE, Capability.CREATIVITY));

    @Test
    void the_people_question_comes_second_when_relationships_lead_the_week() {
        assertThat(QuestionPlan.leading(NURSE)).contains(Capability.RELATIONSHIPS);
        assertThat(QuestionPlan.order(NURSE)).containsExactly(Question.IDENTITY, Question.STAKEHOLDERS,
                Question.DECISIONS, Question.TACIT_KNOWLEDGE, Question.CLEAN_SHEET, Question.SKILLS);
    }

    @Test
    void when_judgment_leads_the_decisions_question_comes_second_and_names_their_judgment_tasks() {
        assertThat(QuestionPlan.leading(CLERK)).contains(Capability.JUDGMENT);
        assertThat(QuestionPlan.order(CLERK).subList(0, 2)).containsExactly(Question.IDENTITY, Question.DECISIONS);
        assertThat(QuestionPlan.wording(Question.DECISIONS, draft(CLERK)).map())
                .containsEntry("judgment_tasks", "\"Review motions before the hearing\" and \"Decide which cases go on the docket\"");
        // Automated work is not the person's judgment: the nurse's charting is not named.
        assertThat(QuestionPlan.wording(Question.DECISIONS, draft(NURSE)).map()).doesNotContainKey("judgment_tasks");
    }

    @Test
    void no_capability_leads_a_week_spread_thin() {
        List<Task> spread = List.of(task("a", 35, AiRole.HUMAN, Capability.JUDGMENT),
                task("b", 35, AiRole.HUMAN, Capability.CREATIVITY), task("c", 30, AiRole.HUMAN, Capability.RELATIONSHIPS));
        assertThat(QuestionPlan.leading(spread)).isEmpty();
        assertThat(QuestionPlan.order(spread)).containsExactly(Question.values());
    }

    @Test
    void an_answer_that_tells_what_only_they_know_answers_the_know_how_question_with_that_sentence() {
        assertThat(QuestionPlan.told(Question.TACIT_KNOWLEDGE,
                "knowing which patient is about to crash before the monitors do", NO))
                .contains("knowing which patient is about to crash before the monitors do");
        assertThat(QuestionPlan.told(Question.TACIT_KNOWLEDGE,
                "The families trust me. 15 years of knowing the vendors' quirks! Also coffee", NO))
                .contains("15 years of knowing the vendors' quirks!");
        assertThat(QuestionPlan.told(Question.TACIT_KNOWLEDGE,
                "honestly reading the smoke. 20 yrs in, I can tell when a roof is about to go", NO))
                .contains("honestly reading the smoke. 20 yrs in, I can tell when a roof is about to go");
        assertThat(QuestionPlan.told(Question.TACIT_KNOWLEDGE, "I don't know, the people I guess", NO)).isEmpty();
        assertThat(QuestionPlan.told(Question.TACIT_KNOWLEDGE, "you know, being on the floor", NO)).isEmpty();
        assertThat(QuestionPlan.told(Question.TACIT_KNOWLEDGE, "talking to families", NO)).isEmpty();
    }

    @Test
    void an_answer_that_says_what_they_decide_answers_the_decisions_question() {
        assertThat(QuestionPlan.told(Question.DECISIONS, "I decide which crew goes in first. Love it.", NO))
                .contains("I decide which crew goes in first.");
        assertThat(QuestionPlan.told(Question.DECISIONS, "the calm before a shift", NO)).isEmpty();
        assertThat(QuestionPlan.told(Question.SKILLS, "I decide which crew goes in first", NO)).isEmpty();
    }

    @Test
    void answers_that_name_two_groups_of_people_answer_the_people_question_one_does_not() {
        Answer two = new Answer(Question.IDENTITY, "calming families down and keeping the docs in the loop");
        assertThat(QuestionPlan.told(Question.STAKEHOLDERS, two.text(), draft(List.of(), two)))
                .contains("families and doctors");
        // The people the tasks name are kept with them, named first.
        assertThat(QuestionPlan.told(Question.STAKEHOLDERS, two.text(), draft(NURSE, two)))
                .contains("families, the pharmacy and doctors");
        Answer one = new Answer(Question.IDENTITY, "calming families down");
        assertThat(QuestionPlan.told(Question.STAKEHOLDERS, one.text(), draft(NURSE, one))).isEmpty();
        // Two named across answers count once the latest names someone too.
        Answer earlier = new Answer(Question.IDENTITY, "the guests remember me");
        Answer later = new Answer(Question.DECISIONS, "whether housekeeping turns a room early");
        assertThat(QuestionPlan.told(Question.STAKEHOLDERS, later.text(), draft(List.of(), earlier, later)))
                .contains("guests and housekeeping");
    }

    @Test
    void people_named_in_tasks_are_found_once_each_as_the_draft_says_them() {
        assertThat(QuestionPlan.people(List.of("Family updates", "Call the pharmacy about meds", "update the families")))
                .containsExactly("families", "the pharmacy");
        assertThat(QuestionPlan.people(List.of("Charting", "Ownership of the timeline"))).isEmpty();
        Draft d = draft(NURSE);
        assertThat(QuestionPlan.wording(Question.STAKEHOLDERS, d).map())
                .containsEntry("people", "families and the pharmacy")
                .containsEntry("relationships", true);
    }

    @Test
    void a_reply_to_who_else_keeps_the_people_already_named_and_that_s_it_keeps_only_them() {
        Draft d = draft(NURSE);
        assertThat(QuestionPlan.stakeholders("the charge nurse and the docs", d))
                .contains("families and the pharmacy; the charge nurse and the docs");
        assertThat(QuestionPlan.stakeholders("the pharmacy mostly, and the charge nurse", d))
                .contains("families; the pharmacy mostly, and the charge nurse");
        assertThat(QuestionPlan.stakeholders("that's about it", d)).contains("families and the pharmacy");
        assertThat(QuestionPlan.nobodyElse("nah that's it really")).isTrue();
        assertThat(QuestionPlan.nobodyElse("no one else, except the bed manager")).isFalse();
        assertThat(QuestionPlan.stakeholders("that's it", draft(CLERK))).isEmpty();
    }

    @Test
    void the_clean_sheet_question_knows_whether_any_time_is_freed() {
        assertThat(QuestionPlan.wording(Question.CLEAN_SHEET, draft(NURSE)).map()).containsEntry("frees_time", true);
        List<Task> allHuman = List.of(task("Fight fires", 100, AiRole.HUMAN, Capability.JUDGMENT));
        assertThat(QuestionPlan.wording(Question.CLEAN_SHEET, draft(allHuman)).map()).containsEntry("frees_time", false);
    }
}
