package rolecraft.bot.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.Task;

/** Which groups and rows of the summary are shown: only those that stand for five people or more. */
class SummaryGroupsTest {

    private final List<Summary.Approved> roles = new ArrayList<>();
    private long nextRole;

    private void role(String employee, String title, AiRole aiRole, String... tasks) {
        List<Task> list = new ArrayList<>();
        for (String t : tasks) {
            list.add(new Task(t, Share.percent(100.0 / tasks.length), Classification.unknown(), aiRole, null, false));
        }
        roles.add(new Summary.Approved(++nextRole, employee, title, list));
    }

    private void people(int n, String title, AiRole aiRole, String... tasks) {
        for (int i = 0; i < n; i++) {
            role(title + " person " + i, title, aiRole, tasks);
        }
    }

    private static List<String> names(List<Map<String, Object>> groups) {
        return groups.stream().map(g -> (String) g.get("name")).toList();
    }

    @Test
    void a_title_of_five_people_is_shown_and_one_of_four_is_folded_with_enough_others() {
        people(5, "Accountant", AiRole.AUGMENT, "Reconcile accounts");
        people(6, "Engineer", AiRole.AUGMENT, "Write code");
        people(4, "Lawyer", AiRole.HUMAN, "Argue cases");
        List<Map<String, Object>> groups = Summary.byTitle(roles);
        // "other" would hold the four lawyers alone: it takes in the smallest title shown as well.
        assertThat(names(groups)).containsExactly("Engineer", "other");
        assertThat(groups.get(1).get("people")).isEqualTo(9);
        assertThat(groups).allSatisfy(g -> assertThat((Integer) g.get("people")).isGreaterThanOrEqualTo(5));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void an_other_of_one_to_four_people_is_neither_shown_nor_left_to_subtract(int few) {
        people(6, "Finance Analyst", AiRole.AUGMENT, "Prepare the monthly report");
        for (int i = 0; i < few; i++) {
            role("cfo" + i, "CFO " + i, AiRole.AUTOMATE, "Sign off the budget");
        }
        List<Map<String, Object>> groups = Summary.byTitle(roles);
        // Overall figures less a title shown alone would give the few people's figures away: one group only.
        assertThat(names(groups)).containsExactly("other");
        assertThat(groups.get(0).get("people")).isEqualTo(6 + few);
    }

    @Test
    void an_other_under_five_with_no_title_to_take_in_is_not_shown() {
        people(3, "CFO", AiRole.AUTOMATE, "Sign off the budget");
        people(1, "CEO", AiRole.HUMAN, "Set the strategy");
        assertThat(Summary.byTitle(roles)).isEmpty();
    }

    @Test
    void an_other_of_five_people_is_shown_beside_the_big_titles() {
        people(7, "Engineer", AiRole.AUGMENT, "Write code");
        people(6, "Accountant", AiRole.AUGMENT, "Reconcile accounts");
        for (int i = 0; i < 5; i++) {
            role("solo" + i, "Title " + i, AiRole.HUMAN, "Do unique things");
        }
        List<Map<String, Object>> groups = Summary.byTitle(roles);
        assertThat(names(groups)).containsExactly("Engineer", "Accountant", "other");
        assertThat(groups.get(2).get("people")).isEqualTo(5);
    }

    @Test
    void a_title_of_five_roles_held_by_fewer_people_is_not_a_group_of_five() {
        role("alice", "Controller", AiRole.AUGMENT, "Close the books");
        role("alice", "Controller", AiRole.AUGMENT, "Close the books");
        role("alice", "Controller", AiRole.AUGMENT, "Close the books");
        role("bob", "Controller", AiRole.AUGMENT, "Close the books");
        role("carol", "Controller", AiRole.AUGMENT, "Close the books");
        assertThat(Summary.byTitle(roles)).isEmpty();
    }

    @Test
    void a_task_of_one_role_is_not_listed() {
        people(5, "Engineer", AiRole.AUGMENT, "Write code");
        role("cfo", "CFO", AiRole.AUTOMATE, "Sign off the budget");
        List<Map<String, Object>> top = Summary.topAiTasks(roles);
        assertThat(top).extracting(t -> t.get("task")).containsExactly("Write code");
        assertThat(top.get(0).get("people")).isEqualTo(5);
    }

    @Test
    void a_task_shared_by_five_roles_of_one_person_is_not_listed() {
        for (int i = 0; i < 5; i++) {
            role("cfo", "CFO " + i, AiRole.AUTOMATE, "Sign off the budget");
        }
        assertThat(Summary.topAiTasks(roles)).isEmpty();
        for (int i = 0; i < 4; i++) {
            role("analyst" + i, "Analyst", AiRole.AUTOMATE, "Sign off the budget");
        }
        assertThat(Summary.topAiTasks(roles)).extracting(t -> t.get("people")).containsExactly(5);
    }

    @Test
    void a_split_into_automate_and_augment_is_shown_only_when_each_side_has_five_people_or_none() {
        people(5, "Engineer", AiRole.AUGMENT, "Write code");
        Map<String, Object> all = Summary.topAiTasks(roles).get(0);
        assertThat(all.get("augment")).isEqualTo(5);
        assertThat(all.get("automate")).isEqualTo(0);
        role("odd one", "Engineer", AiRole.AUTOMATE, "Write code");
        Map<String, Object> one = Summary.topAiTasks(roles).get(0);
        assertThat(one.get("roles")).isEqualTo(6);
        assertThat(one.get("automate")).isNull();
        assertThat(one.get("augment")).isNull();
        people(5, "Robot tamer", AiRole.AUTOMATE, "Write code");
        Map<String, Object> both = Summary.topAiTasks(roles).get(0);
        assertThat(both.get("automate")).isEqualTo(6);
        assertThat(both.get("augment")).isEqualTo(5);
    }
}
