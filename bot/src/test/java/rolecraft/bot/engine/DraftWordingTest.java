package rolecraft.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import rolecraft.bot.Prompts;

class DraftWordingTest {

    private static String draftOf(String... calls) {
        Dialogue d = new Dialogue("local:alice");
        for (String m : new String[] {"start", "Data Analyst", "bob", "Stakeholder interviews 50%",
                "Presenting findings to leadership 50%", "done"}) {
            d.say(m);
        }
        for (String call : calls) {
            d.say(call);
        }
        d.say("ok");
        for (int i = 0; i < 6; i++) {
            d.say("skip");
        }
        return Prompts.builtIn().render("draft_body", Views.draft(d.draft, null), Prompts.PersonFormat.PLAIN);
    }

    @Test
    void a_draft_where_nothing_moves_claims_no_change() {
        String text = draftOf("1 human", "2 human");
        assertThat(text).doesNotContain("0% → 0%").doesNotContain("100% → 100%").doesNotContain("falls from")
                .doesNotContain("rises from").doesNotContain("AI taking over").doesNotContain("AI handling")
                .contains("human: 100% (unchanged)", "No task is handed to AI");
    }

    @Test
    void freed_time_is_a_range_with_its_assumptions_and_not_headcount() {
        String text = draftOf("1 automate", "2 human");
        assertThat(text).contains("not a statement about headcount", "Time freed is an estimate, between",
                "Time, before → after (% of the working week)", "freed for new work: about ", "AI handling routine parts")
                .contains("checking AI's output on Stakeholder interviews");
        assertThat(text).doesNotContain("deeper judgment");
    }

    private static String draftWith(String tasks, String... calls) {
        Dialogue d = new Dialogue("local:nina");
        for (String m : new String[] {"start", "ICU nurse", "bob", tasks, "done"}) {
            d.say(m);
        }
        for (String call : calls) {
            d.say(call);
        }
        d.say("ok");
        while (d.state.stage() == rolecraft.bot.domain.Stage.QUESTIONS) {
            d.say("skip");
        }
        return Prompts.builtIn().render("draft_body", Views.draft(d.draft, null), Prompts.PersonFormat.PLAIN);
    }

    @Test
    void the_purpose_says_most_of_their_time_only_when_it_is_over_half() {
        String spread = draftWith("charting 40%\nmed admin 20%\nhandoffs 15%\nfamily updates 25%",
                "1 human judgment", "2 human relationships", "3 human creativity", "4 human relationships");
        assertThat(spread).contains("giving the largest part of their time to relationships")
                .doesNotContain("most of their time");
        String most = draftWith("charting 40%\nmed admin 20%\nhandoffs 15%\nfamily updates 25%",
                "1 human judgment", "2 human judgment", "3 human relationships", "4 human relationships");
        assertThat(most).contains("giving most of their time to judgment");
    }

    @Test
    void a_row_says_one_figure_for_the_time_a_task_takes_now() {
        // Shares that add up to 125% are rescaled: the row and its "now" say the same 48%.
        String text = draftWith("charting 60%\nmeds 40%\nhandoffs 25%", "1 automate", "2 human", "3 human");
        assertThat(text).contains("charting: 48% · automate", "now 48% → about").doesNotContain("now 60%");
    }

    @Test
    void a_call_the_employee_only_gave_a_capability_is_not_said_to_have_changed_from_itself() {
        String text = draftWith("charting 60%\nmeds 40%", "2 creativity");
        assertThat(text).contains("meds: 40% · ").contains("creativity · set by nina").doesNotContain("meds: 40% · augment · creativity · changed")
                .doesNotContain("changed by nina");
    }

    @Test
    void the_purpose_says_how_big_ai_s_part_is_and_the_rise_in_core_work_is_a_possibility() {
        String small = draftWith("service on the line 95%\nordering 5%", "1 human", "2 automate");
        assertThat(small).contains("with AI helping on a small part of the work").doesNotContain("AI handling routine parts");
        String large = draftWith("invoicing 60%\nclient calls 40%", "1 automate", "2 human");
        assertThat(large).contains("AI handling routine parts", "can rise from", "if the freed time goes to that work");
    }

    @Test
    void skills_name_the_tasks_ai_takes_part_in_once_per_kind_of_part() {
        String text = draftWith("reviewing motions 40%\nlegal research 30%\ndrafting memos 20%\ndocket 10%",
                "1 augment", "2 augment", "3 augment", "4 automate");
        assertThat(text).contains("  - working with AI on reviewing motions, legal research and drafting memos, and deciding "
                + "what it proposes\n", "  - checking AI's output on docket\n");
        assertThat(text.split("working with AI on", -1)).hasSize(2);
    }
}
