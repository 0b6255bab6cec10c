package rolecraft.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import rolecraft.bot.domain.Exposure;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Task;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Share;

class TaskEditsTest {

    @Test
    void drops_several_by_the_numbers_shown() {
        assertThat(TaskEdits.tasks("drop 1 3")).contains(new TaskEdits.Drop(List.of(1, 3)));
        assertThat(TaskEdits.tasks("remove 3, 1 and 2")).contains(new TaskEdits.Drop(List.of(1, 2, 3)));
    }

    @Test
    void renames_and_reshares() {
        assertThat(TaskEdits.tasks("rename 2 social media graphics"))
                .contains(new TaskEdits.Rename(2, "social media graphics"));
        assertThat(TaskEdits.tasks("3 is more like 10%")).contains(new TaskEdits.Reshare(3, Share.percent(10)));
        assertThat(TaskEdits.tasks("2 5h")).contains(new TaskEdits.Reshare(2, Share.hours(5)));
        assertThat(TaskEdits.tasks("3 meetings with the board 10%")).isEmpty();
    }

    @Test
    void calls_for_several_tasks_with_a_reason() {
        TaskEdits.Calls c = TaskEdits.calls("1, 6 human").orElseThrow();
        assertThat(c.numbers()).containsExactly(1, 6);
        assertThat(c.role()).contains(AiRole.HUMAN);
        TaskEdits.Calls r = TaskEdits.calls("2 augment: every PR needs a human approver").orElseThrow();
        assertThat(r.reason()).isEqualTo("every PR needs a human approver");
        assertThat(TaskEdits.calls("make 1 augment").orElseThrow().numbers()).containsExactly(1);
        assertThat(TaskEdits.calls("3 banana")).isEqualTo(Optional.empty());
        TaskEdits.Calls mind = TaskEdits.calls("wait no, make 4 human. conferences are face to face w parents").orElseThrow();
        assertThat(mind.numbers()).containsExactly(4);
        assertThat(mind.role()).contains(AiRole.HUMAN);
        assertThat(mind.reason()).isEqualTo("conferences are face to face w parents");
        TaskEdits.Calls bc = TaskEdits.calls("4 augment bc quotes depend on the site visit").orElseThrow();
        assertThat(bc.role()).contains(AiRole.AUGMENT);
        assertThat(bc.reason()).isEqualTo("quotes depend on the site visit");
        assertThat(TaskEdits.calls("3 augment. the diary is evidence in disputes").orElseThrow().reason())
                .isEqualTo("the diary is evidence in disputes");
        TaskEdits.Calls both = TaskEdits.calls("actually 2 human judgment, the pharmacist signs it").orElseThrow();
        assertThat(both.capability()).contains(Capability.JUDGMENT);
        assertThat(both.reason()).isEqualTo("the pharmacist signs it");
        assertThat(TaskEdits.calls("4 should be augment").orElseThrow().role()).contains(AiRole.AUGMENT);
    }

    private static Task task(String text) {
        return Task.proposed(text, Share.percent(25), new Classification(Exposure.E1, AiRole.AUTOMATE, Capability.JUDGMENT,
                0.9, "r", null));
    }

    @Test
    void a_call_for_a_task_named_in_words() {
        List<Task> tasks = List.of(task("taking minutes in court"), task("docketing filings"), task("answering the public"),
                task("archiving case files"));
        TaskEdits.Calls docket = TaskEdits.callsByName("make docketing augment", tasks).orElseThrow();
        assertThat(docket.numbers()).containsExactly(2);
        assertThat(docket.role()).contains(AiRole.AUGMENT);
        assertThat(TaskEdits.callsByName("the first one should be augment", tasks).orElseThrow().numbers()).containsExactly(1);
        assertThat(TaskEdits.callsByName("the last one human", tasks).orElseThrow().numbers()).containsExactly(4);
        TaskEdits.Calls why = TaskEdits.callsByName("actually minutes augmented, the judge signs them", tasks).orElseThrow();
        assertThat(why.numbers()).containsExactly(1);
        assertThat(why.reason()).isEqualTo("the judge signs them");
        // Words that name no one task, or an answer that says 'human' in passing, are no call.
        assertThat(TaskEdits.callsByName("the human side of it, talking to families", tasks)).isEmpty();
        assertThat(TaskEdits.callsByName("I'd hate to lose the human contact", tasks)).isEmpty();
        assertThat(TaskEdits.callsByName("court stuff augment", tasks)).isEmpty();
    }
}
