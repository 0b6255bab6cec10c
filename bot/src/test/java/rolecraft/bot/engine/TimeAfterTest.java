package rolecraft.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Exposure;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.Task;

class TimeAfterTest {

    private static Task task(String text, double hours, AiRole role) {
        return Task.proposed(text, Share.hours(hours), new Classification(Exposure.E1, role, Capability.JUDGMENT, 0.9,
                "r", null));
    }

    private static final List<Task> TASKS = List.of(task("Weekly reports", 6, AiRole.AUTOMATE),
            task("Invoice matching", 10, AiRole.AUGMENT), task("Vendor calls", 8, AiRole.HUMAN),
            task("Month-end reporting pack", 4, AiRole.AUGMENT));

    private static Map<Integer, Share> figures(String reply) {
        TimeAfter.Reading r = TimeAfter.read(reply, TASKS).orElseThrow(() -> new AssertionError("no reading: " + reply));
        assertThat(r).as(reply).isInstanceOf(TimeAfter.Figures.class);
        return ((TimeAfter.Figures) r).byTask();
    }

    @Test
    void ok_and_its_variants_confirm_the_figures() {
        for (String reply : List.of("ok", "OK!", "yes", "yep", "looks right", "Looks about right", "that's right",
                "yeah those look fine", "sounds right, thanks", "about right", "ok looks good", "the rest look about right")) {
            assertThat(TimeAfter.read(reply, TASKS)).as(reply).containsInstanceOf(TimeAfter.Confirm.class);
        }
    }

    @Test
    void idk_and_its_variants_leave_the_estimates() {
        for (String reply : List.of("idk", "i don't know", "dunno tbh", "no idea", "not sure", "hard to say",
                "leave them as they are", "keep your estimates")) {
            assertThat(TimeAfter.read(reply, TASKS)).as(reply).containsInstanceOf(TimeAfter.Unknown.class);
        }
    }

    @Test
    void a_figure_by_number_in_the_forms_people_type() {
        assertThat(figures("2 3h")).containsExactly(Map.entry(2, Share.hours(3)));
        assertThat(figures("2: 3h a week")).containsExactly(Map.entry(2, Share.hours(3)));
        assertThat(figures("4 is more like 2 hours")).containsExactly(Map.entry(4, Share.hours(2)));
        assertThat(figures("1 10%")).containsExactly(Map.entry(1, Share.percent(10)));
    }

    @Test
    void a_figure_by_the_task_s_name() {
        assertThat(figures("reports more like 3 hours")).containsExactly(Map.entry(1, Share.hours(3)));
        assertThat(figures("the invoice one is about 4h")).containsExactly(Map.entry(2, Share.hours(4)));
        assertThat(figures("month-end pack: 1h")).containsExactly(Map.entry(4, Share.hours(1)));
        // The word as the task has it wins over the same stem in another task.
        assertThat(figures("reporting 3h")).containsExactly(Map.entry(4, Share.hours(3)));
        // A word in another form than the task's ("quotes" for "Quoting jobs").
        List<Task> hvac = List.of(task("quoting jobs", 4, AiRole.AUGMENT), task("paperwork/invoicing", 4, AiRole.AUTOMATE));
        TimeAfter.Reading r = TimeAfter.read("quotes more like 3 hrs", hvac).orElseThrow();
        assertThat(((TimeAfter.Figures) r).byTask()).containsExactly(Map.entry(1, Share.hours(3)));
    }

    @Test
    void several_figures_in_one_reply_and_the_rest_fine() {
        assertThat(figures("1 2h, 2 5h")).containsExactly(Map.entry(1, Share.hours(2)), Map.entry(2, Share.hours(5)));
        assertThat(figures("reports 2h and invoices 5h")).containsExactly(Map.entry(1, Share.hours(2)),
                Map.entry(2, Share.hours(5)));
        assertThat(figures("invoices more like 6h, the rest look right")).containsExactly(Map.entry(2, Share.hours(6)));
    }

    @Test
    void a_reply_that_is_no_figure_for_a_task_is_no_reply_to_the_step() {
        // An answer to the clean-sheet question asked with the step, even one with hours in it.
        for (String reply : List.of("more time with the vendors", "I'd spend 3 hours a week coaching the juniors",
                "calls 2h", "skip", "stuff", "2-4h", "", "x".repeat(400))) {
            assertThat(TimeAfter.read(reply, TASKS)).as(reply).isEmpty();
        }
    }
}
