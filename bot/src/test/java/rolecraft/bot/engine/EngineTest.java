package rolecraft.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rolecraft.bot.domain.Action;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Decision;
import rolecraft.bot.domain.DecisionKind;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.Effect;
import rolecraft.bot.domain.InboxItem;
import rolecraft.bot.domain.Question;
import rolecraft.bot.domain.Say;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.Stage;
import rolecraft.bot.domain.Status;
import rolecraft.bot.domain.Task;

class EngineTest {

    private final Dialogue alice = new Dialogue("local:alice");

    private void toTasks() {
        alice.say("start");
        alice.say("Finance Analyst");
        alice.say("bob");
        assertThat(alice.state.stage()).isEqualTo(Stage.TASKS);
    }

    @Test
    void start_asks_for_the_job_title() {
        alice.say("start");
        assertThat(alice.said()).containsExactly(Say.ASK_TITLE);
        assertThat(alice.state.stage()).isEqualTo(Stage.TITLE);
        assertThat(alice.draft.employee()).isEqualTo("local:alice");
    }

    @Test
    void a_greeting_starts_too() {
        alice.say("Hello!");
        assertThat(alice.said()).containsExactly(Say.ASK_TITLE);
    }

    @Test
    void start_in_the_middle_resumes_where_it_stopped() {
        toTasks();
        alice.say("Prepare the monthly report - 30%");
        alice.say("start");
        assertThat(alice.said()).containsExactly(Say.RESUMED, Say.TASK_LIST);
        assertThat(alice.draft.tasks()).hasSize(1);
        assertThat(alice.state.stage()).isEqualTo(Stage.TASKS);
    }

    @Test
    void refuses_the_employee_as_their_own_manager() {
        alice.say("start");
        alice.say("Finance Analyst");
        alice.say("alice");
        assertThat(alice.said()).containsExactly(Say.MANAGER_SELF);
        assertThat(alice.state.stage()).isEqualTo(Stage.MANAGER);
        assertThat(alice.draft.manager()).isNull();
    }

    @Test
    void takes_the_manager_from_a_mention_on_surfaces_with_mentions() {
        Dialogue slack = new Dialogue("slack:T1:U1");
        slack.say("start");
        slack.say("Designer");
        slack.say("bob");
        assertThat(slack.said()).containsExactly(Say.MANAGER_INVALID);
        slack.say("<@U2>", List.of("slack:T1:U2"));
        assertThat(slack.draft.manager()).isEqualTo("slack:T1:U2");
        slack.say("<@U1>", List.of("slack:T1:U1"));
        assertThat(slack.state.stage()).isEqualTo(Stage.TASKS);
    }

    @Test
    void a_mentioned_self_is_refused() {
        Dialogue slack = new Dialogue("slack:T1:U1");
        slack.say("start");
        slack.say("Designer");
        slack.say("<@U1>", List.of("slack:T1:U1"));
        assertThat(slack.said()).containsExactly(Say.MANAGER_SELF);
    }

    @Test
    void a_plain_manager_id_gets_the_surface_prefix() {
        toTasks();
        assertThat(alice.draft.manager()).isEqualTo("local:bob");
    }

    @Test
    void a_line_without_a_share_is_asked_about_and_answered_by_a_bare_share() {
        toTasks();
        alice.say("Coach new hires\nPrepare the report 30%\nTriage tickets");
        assertThat(alice.said()).containsExactly(Say.TASKS_ADDED, Say.ASK_SHARE);
        assertThat(alice.params(Say.ASK_SHARE)).containsEntry("n", 1);
        alice.say("5h");
        assertThat(alice.said()).containsExactly(Say.ASK_SHARE);
        assertThat(alice.params(Say.ASK_SHARE)).containsEntry("n", 3);
        alice.say("10%");
        assertThat(alice.draft.tasks()).extracting(Task::share)
                .containsExactly(Share.hours(5), Share.percent(30), Share.percent(10));
    }

    @Test
    void done_with_a_missing_share_asks_again_instead_of_moving_on() {
        toTasks();
        alice.say("Coach new hires");
        alice.say("done");
        assertThat(alice.said()).containsExactly(Say.ASK_SHARE);
        assertThat(alice.state.stage()).isEqualTo(Stage.TASKS);
    }

    @Test
    void done_with_no_tasks_asks_for_one() {
        toTasks();
        alice.say("done");
        assertThat(alice.said()).containsExactly(Say.TASKS_NONE);
    }

    @Test
    void shares_not_adding_up_are_rescaled_and_the_bot_says_so() {
        toTasks();
        alice.say("Prepare the monthly report - 60%\nCoach new hires 60%");
        alice.say("done");
        assertThat(alice.said()).containsExactly(Say.TASKS_RESCALED, Say.REVIEW);
        assertThat(alice.params(Say.TASKS_RESCALED)).containsEntry("rescaled", true).containsEntry("total", "120%");
        assertThat(alice.state.stage()).isEqualTo(Stage.REVIEW);
    }

    @Test
    void shares_adding_up_are_not_announced() {
        toTasks();
        alice.say("Prepare the monthly report - 60%\nCoach new hires 40%");
        alice.say("done");
        assertThat(alice.said()).containsExactly(Say.REVIEW);
    }

    @Test
    void hours_are_turned_into_shares_and_announced() {
        toTasks();
        alice.say("Triage tickets 10h\nWrite specs 4 hours/week\ndone");
        assertThat(alice.said()).containsExactly(Say.TASKS_ADDED, Say.TASKS_RESCALED, Say.REVIEW);
        assertThat(alice.params(Say.TASKS_RESCALED)).containsEntry("from_hours", true).containsEntry("hours", "14");
    }

    @Test
    void duplicate_lines_are_merged() {
        toTasks();
        alice.say("Prepare the report 30%\nprepare  the REPORT 40%\nCoach 20%");
        assertThat(alice.draft.tasks()).hasSize(2);
        assertThat(alice.draft.tasks().get(0).share()).isEqualTo(Share.percent(40));
        @SuppressWarnings("unchecked")
        List<Object> merged = (List<Object>) alice.params(Say.TASKS_ADDED).get("merged");
        assertThat(merged).hasSize(1);
    }

    @Test
    void at_most_forty_tasks() {
        toTasks();
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 45; i++) {
            lines.append("Task number ").append(i).append(" 2%\n");
        }
        alice.say(lines.toString());
        assertThat(alice.draft.tasks()).hasSize(Engine.MAX_TASKS);
        @SuppressWarnings("unchecked")
        List<Object> over = (List<Object>) alice.params(Say.TASKS_ADDED).get("over_limit");
        assertThat(over).hasSize(5);
    }

    @Test
    void list_and_drop_work_on_the_task_list() {
        toTasks();
        alice.say("Prepare the report 30%\nCoach 20%\nTriage 50%");
        alice.say("list");
        assertThat(alice.said()).containsExactly(Say.TASK_LIST);
        alice.say("drop 2");
        assertThat(alice.said()).containsExactly(Say.TASK_DROPPED);
        assertThat(alice.draft.tasks()).extracting(Task::text).containsExactly("Prepare the report", "Triage");
        alice.say("drop 9");
        assertThat(alice.said()).containsExactly(Say.DROP_INVALID);
        assertThat(alice.draft.tasks()).hasSize(2);
    }

    @Test
    void words_of_other_steps_do_not_become_tasks() {
        toTasks();
        alice.say("ok");
        assertThat(alice.said()).containsExactly(Say.TASKS_HINT);
        alice.say("42");
        assertThat(alice.draft.tasks()).isEmpty();
    }

    @Test
    void the_review_shows_role_capability_reason_and_confidence() {
        toTasks();
        alice.say("Prepare the monthly report - 30%\nCoach new hires 70%\ndone");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) alice.params(Say.REVIEW).get("tasks");
        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(0)).containsKeys("ai_role", "reason", "confidence", "percent");
        assertThat(tasks.get(0)).containsEntry("ai_role", "automate").containsEntry("percent", 30);
        assertThat(tasks.get(1)).containsEntry("ai_role", "human").containsEntry("capability", "relationships");
    }

    @Test
    void the_employee_changes_a_task_and_it_is_recorded_as_theirs() {
        toTasks();
        alice.say("Prepare the monthly report - 30%\nCoach new hires 70%\ndone");
        alice.say("1 human");
        assertThat(alice.said()).containsExactly(Say.REVIEW_CHANGED);
        Task t = alice.draft.tasks().get(0);
        assertThat(t.aiRole()).isEqualTo(AiRole.HUMAN);
        assertThat(t.capability()).isNotNull();
        assertThat(t.changedByEmployee()).isTrue();
        assertThat(t.proposed().aiRole()).isEqualTo(AiRole.AUTOMATE);
        alice.say("1 augment creativity");
        assertThat(alice.draft.tasks().get(0).capability()).isEqualTo(Capability.CREATIVITY);
        alice.say("1 automate");
        assertThat(alice.draft.tasks().get(0).changedByEmployee()).isFalse();
        assertThat(alice.draft.tasks().get(0).capability()).isNull();
    }

    @Test
    void a_bad_review_change_gets_a_hint_and_changes_nothing() {
        toTasks();
        alice.say("Prepare the monthly report - 30%\nCoach new hires 70%\ndone");
        Draft before = alice.draft;
        for (String bad : List.of("3 human", "1 robot", "1 human genius", "whatever")) {
            alice.say(bad);
            assertThat(alice.said()).containsExactly(Say.REVIEW_INVALID);
            assertThat(alice.draft).isEqualTo(before);
        }
    }

    @Test
    void questions_take_free_text_or_skip_and_lead_to_the_draft() {
        toTasks();
        alice.say("Prepare the monthly report - 30%\nPlan the quarterly budget 70%\ndone");
        alice.say("ok");
        assertThat(alice.said()).containsExactly(Say.QUESTION_IDENTITY);
        alice.say("Getting the numbers right");
        assertThat(alice.said()).containsExactly(Say.QUESTION_DECISIONS);
        alice.say("skip");
        alice.say("The CFO");
        alice.say("Where the data quirks are");
        alice.say("Forecasting");
        alice.say("skip");
        assertThat(alice.said()).containsExactly(Say.DRAFT);
        assertThat(alice.state.stage()).isEqualTo(Stage.DRAFT);
        assertThat(alice.draft.answer(Question.IDENTITY).orElseThrow().text()).isEqualTo("Getting the numbers right");
        assertThat(alice.draft.answer(Question.DECISIONS).orElseThrow().skipped()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> draft = (Map<String, Object>) alice.params(Say.DRAFT).get("draft");
        assertThat(draft).containsEntry("tacit_knowledge", "Where the data quirks are")
                .containsKeys("time_roles", "time_capabilities", "responsibilities", "delegated");
    }

    @Test
    void skip_at_the_draft_changes_nothing() {
        alice.toDraft();
        Draft before = alice.draft;
        alice.say("skip");
        assertThat(alice.said()).containsExactly(Say.DRAFT_HINT);
        assertThat(alice.draft).isEqualTo(before);
        assertThat(alice.state.stage()).isEqualTo(Stage.DRAFT);
    }

    @Test
    void submit_locks_the_version_and_notifies_the_manager() {
        alice.toDraft();
        alice.say("submit");
        assertThat(alice.said()).containsExactly(Say.SUBMITTED);
        assertThat(alice.draft.status()).isEqualTo(Status.SUBMITTED);
        assertThat(alice.draft.submittedAt()).isEqualTo(alice.now.minusSeconds(60));
        assertThat(alice.state.stage()).isEqualTo(Stage.SUBMITTED);
        Effect.Notify notify = alice.last.effects().stream().filter(e -> e instanceof Effect.Notify)
                .map(e -> (Effect.Notify) e).findFirst().orElseThrow();
        assertThat(notify.to()).isEqualTo("local:bob");
        assertThat(notify.replies().get(0).say()).isEqualTo(Say.NOTICE_NEW_DRAFT);
        alice.say("restart");
        assertThat(alice.said()).containsExactly(Say.RESTART_REFUSED);
        alice.say("anything");
        assertThat(alice.said()).containsExactly(Say.WAITING);
    }

    @Test
    void help_and_status_answer_at_every_step_without_changing_anything() {
        alice.say("help");
        assertThat(alice.said()).containsExactly(Say.HELP);
        alice.say("status");
        assertThat(alice.said()).containsExactly(Say.STATUS);
        toTasks();
        for (String w : List.of("help", "status", "HELP", "Status.")) {
            Draft before = alice.draft;
            alice.say(w);
            assertThat(alice.said()).hasSize(1);
            assertThat(alice.draft).isEqualTo(before);
            assertThat(alice.state.stage()).isEqualTo(Stage.TASKS);
        }
        assertThat(alice.params(Say.STATUS)).containsEntry("title", "Finance Analyst").containsEntry("stage", "tasks");
    }

    @Test
    void back_steps_back_one_step_at_a_time() {
        toTasks();
        alice.say("back");
        assertThat(alice.state.stage()).isEqualTo(Stage.MANAGER);
        alice.say("back");
        assertThat(alice.state.stage()).isEqualTo(Stage.TITLE);
        alice.say("back");
        assertThat(alice.said()).containsExactly(Say.BACK_NOWHERE, Say.ASK_TITLE);
        assertThat(alice.draft.title()).isEqualTo("Finance Analyst");
        alice.say("Senior Finance Analyst");
        assertThat(alice.state.stage()).isEqualTo(Stage.MANAGER);
        assertThat(alice.draft.title()).isEqualTo("Senior Finance Analyst");
    }

    @Test
    void back_from_the_first_question_returns_to_the_review() {
        toTasks();
        alice.say("Report 50%\nCoach 50%\ndone");
        alice.say("ok");
        alice.say("back");
        assertThat(alice.state.stage()).isEqualTo(Stage.REVIEW);
        assertThat(alice.said()).containsExactly(Say.REVIEW);
    }

    @Test
    void restart_asks_first_and_then_clears_the_draft() {
        toTasks();
        alice.say("Report 50%");
        alice.say("restart");
        assertThat(alice.said()).containsExactly(Say.RESTART_CONFIRM);
        assertThat(alice.draft.tasks()).hasSize(1);
        alice.say("restart");
        assertThat(alice.said()).containsExactly(Say.RESTARTED, Say.ASK_TITLE);
        assertThat(alice.draft.tasks()).isEmpty();
        assertThat(alice.draft.title()).isNull();
        assertThat(alice.state.stage()).isEqualTo(Stage.TITLE);
    }

    @Test
    void restart_not_confirmed_keeps_everything_and_handles_the_message() {
        toTasks();
        alice.say("Report 50%");
        alice.say("restart");
        alice.say("Coach 50%");
        assertThat(alice.draft.tasks()).hasSize(2);
        assertThat(alice.state.confirmingRestart()).isFalse();
    }

    @Test
    void an_over_long_message_outside_the_task_step_is_refused_politely_and_changes_nothing() {
        alice.say("start");
        Draft before = alice.draft;
        alice.say("x".repeat(Engine.MAX_MESSAGE + 1));
        assertThat(alice.said()).containsExactly(Say.TOO_LONG);
        assertThat(alice.draft).isEqualTo(before);
        assertThat(alice.state.stage()).isEqualTo(Stage.TITLE);
    }

    @Test
    void an_over_long_message_with_no_task_in_it_stores_nothing_at_the_task_step() {
        toTasks();
        Draft before = alice.draft;
        alice.say("x".repeat(Engine.MAX_MESSAGE + 1));
        assertThat(alice.said()).doesNotContain(Say.TOO_LONG);
        assertThat(alice.draft.tasks()).isEqualTo(before.tasks());
        assertThat(alice.state.stage()).isEqualTo(Stage.TASKS);
    }

    @Test
    void odd_input_gets_a_hint_never_a_crash() {
        for (String odd : List.of("", "   ", "\u0000\u0001", "\u202e\u200b", "🙂", "<script>", "drop -1",
                "approve", "changes x", "1 human", "show 3")) {
            alice.say(odd);
            assertThat(alice.last.replies()).isNotEmpty();
        }
        toTasks();
        for (String odd : List.of("\u0000", "🙂🙂🙂", "drop 0", "approve 99 ok")) {
            alice.say(odd);
            assertThat(alice.last.replies()).isNotEmpty();
        }
    }

    @Test
    void an_idle_message_suggests_start() {
        alice.say("what is this?");
        assertThat(alice.said()).containsExactly(Say.IDLE_HINT);
        assertThat(alice.draft).isNull();
    }

    // --- the manager -------------------------------------------------------------------------------------

    private static InboxItem submittedBy(String employee, String manager) {
        Dialogue d = new Dialogue(employee);
        d.toDraft();
        d.say("submit");
        return new InboxItem(d.draft, null);
    }

    @Test
    void review_lists_the_drafts_waiting_for_the_manager() {
        Dialogue bob = new Dialogue("local:bob");
        bob.inbox = List.of(submittedBy("local:alice", "local:bob"));
        bob.say("review");
        assertThat(bob.said()).containsExactly(Say.INBOX);
        assertThat(bob.params(Say.INBOX)).containsEntry("count", 1);
        assertThat(bob.state.shownInbox()).hasSize(1);
    }

    @Test
    void the_manager_approves_by_number_and_the_employee_is_told() {
        Dialogue bob = new Dialogue("local:bob");
        InboxItem item = submittedBy("local:alice", "local:bob");
        bob.inbox = List.of(item);
        bob.say("approve 1 Great work");
        assertThat(bob.said()).containsExactly(Say.DECIDED);
        assertThat(bob.params(Say.DECIDED).get("ref")).isEqualTo(Map.of("role", item.draft().roleId(),
                "version", item.draft().version()));
        Effect.Decide decide = bob.last.effects().stream().filter(e -> e instanceof Effect.Decide)
                .map(e -> (Effect.Decide) e).findFirst().orElseThrow();
        assertThat(decide.kind()).isEqualTo(DecisionKind.APPROVED);
        assertThat(decide.by()).isEqualTo("local:bob");
        assertThat(decide.comment()).isEqualTo("Great work");
        assertThat(decide.ref()).isEqualTo(item.draft().ref());
        Effect.Notify notify = bob.last.effects().stream().filter(e -> e instanceof Effect.Notify)
                .map(e -> (Effect.Notify) e).findFirst().orElseThrow();
        assertThat(notify.to()).isEqualTo("local:alice");
        assertThat(notify.replies().get(0).say()).isEqualTo(Say.NOTICE_APPROVED);
    }

    @Test
    void changes_need_a_comment() {
        Dialogue bob = new Dialogue("local:bob");
        bob.inbox = List.of(submittedBy("local:alice", "local:bob"));
        bob.say("changes 1");
        assertThat(bob.said()).containsExactly(Say.CHANGES_NEED_COMMENT);
        assertThat(bob.last.effects()).isEmpty();
        bob.say("changes 1 Add the reporting work");
        assertThat(bob.last.effects()).anyMatch(e -> e instanceof Effect.Decide d
                && d.kind() == DecisionKind.CHANGES_REQUESTED && d.comment().equals("Add the reporting work"));
    }

    @Test
    void someone_with_nothing_waiting_is_told_only_the_named_manager_can_decide() {
        Dialogue carol = new Dialogue("local:carol");
        carol.say("approve 1");
        assertThat(carol.said()).containsExactly(Say.INBOX_EMPTY);
        assertThat(carol.params(Say.INBOX_EMPTY)).containsEntry("deciding", true);
        assertThat(carol.last.effects()).isEmpty();
    }

    @Test
    void a_click_by_anyone_but_the_named_manager_changes_nothing() {
        Dialogue carol = new Dialogue("local:carol");
        InboxItem item = submittedBy("local:alice", "local:bob");
        carol.target = item;
        carol.act(new Action.Decide(item.draft().ref(), DecisionKind.APPROVED, null));
        assertThat(carol.said()).containsExactly(Say.DECIDE_NOT_MANAGER);
        assertThat(carol.last.effects()).isEmpty();
    }

    @Test
    void a_decided_draft_cannot_be_decided_again() {
        Dialogue bob = new Dialogue("local:bob");
        InboxItem item = submittedBy("local:alice", "local:bob");
        bob.inbox = List.of(item);
        bob.say("review");
        bob.inbox = List.of();
        bob.say("approve 1");
        assertThat(bob.said()).containsExactly(Say.DECIDE_STALE);
        assertThat(bob.last.effects()).isEmpty();
    }

    @Test
    void a_decision_on_a_version_replaced_since_the_list_was_shown_shows_what_waits_now() {
        Dialogue bob = new Dialogue("local:bob");
        InboxItem first = submittedBy("local:alice", "local:bob");
        bob.inbox = List.of(first);
        bob.say("review");
        // Alice resubmits: version 2 waits, under the same number.
        Draft v1 = first.draft();
        Draft v2 = new Draft(v1.roleId(), v1.version() + 1, Status.SUBMITTED, v1.employee(), v1.manager(), v1.title(),
                v1.tasks(), v1.answers(), v1.createdAt(), v1.submittedAt(), null, null);
        bob.inbox = List.of(new InboxItem(v2, v1));
        bob.say("approve 1");
        assertThat(bob.said()).containsExactly(Say.DECIDE_STALE, Say.INBOX);
        assertThat(bob.last.effects()).isEmpty();
        bob.say("approve 1");
        assertThat(bob.said()).containsExactly(Say.DECIDED);
    }

    @Test
    void after_changes_are_requested_the_draft_reopens_as_a_new_version_at_the_task_list() {
        alice.toDraft();
        alice.say("submit");
        Draft submitted = alice.draft;
        alice.draft = new Draft(submitted.roleId(), 1, Status.CHANGES_REQUESTED, submitted.employee(),
                submitted.manager(), submitted.title(), submitted.tasks(), submitted.answers(), submitted.createdAt(),
                submitted.submittedAt(), alice.now, new Decision("local:bob", DecisionKind.CHANGES_REQUESTED,
                "Add the reporting work", alice.now));
        alice.say("Automate reporting scripts 10%");
        assertThat(alice.said()).containsExactly(Say.REOPENED, Say.TASKS_ADDED);
        assertThat(alice.params(Say.REOPENED)).containsEntry("comment", "Add the reporting work");
        assertThat(alice.draft.version()).isEqualTo(2);
        assertThat(alice.draft.status()).isEqualTo(Status.DRAFTING);
        assertThat(alice.draft.tasks()).hasSize(4);
        assertThat(alice.state.stage()).isEqualTo(Stage.TASKS);
    }

    @Test
    void a_resubmission_shows_what_changed_since_the_version_the_manager_saw() {
        Dialogue d = new Dialogue("local:alice");
        d.toDraft();
        d.say("submit");
        Draft v1 = new Draft(d.draft.roleId(), 1, Status.CHANGES_REQUESTED, d.draft.employee(), d.draft.manager(),
                d.draft.title(), d.draft.tasks(), d.draft.answers(), d.draft.createdAt(), d.draft.submittedAt(),
                d.now, new Decision("local:bob", DecisionKind.CHANGES_REQUESTED, "more", d.now));
        d.draft = v1;
        d.say("Automate reporting scripts 10%");
        d.previous = v1;
        d.say("drop 2");
        d.say("done");
        d.say("1 human");
        d.say("ok");
        for (int i = 0; i < 6; i++) {
            d.say("keep");
        }
        d.say("submit");
        Effect.Notify notify = d.last.effects().stream().filter(e -> e instanceof Effect.Notify)
                .map(e -> (Effect.Notify) e).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> draft = (Map<String, Object>) notify.replies().get(0).params().get("draft");
        @SuppressWarnings("unchecked")
        Map<String, Object> changes = (Map<String, Object>) draft.get("changes");
        assertThat(changes).containsEntry("any", true).containsEntry("since", 1);
        assertThat((List<?>) changes.get("added")).hasSize(1);
        assertThat((List<?>) changes.get("removed")).hasSize(1);
        assertThat((List<?>) changes.get("reclassified")).hasSize(1);
        assertThat((List<?>) changes.get("reshared")).isNotEmpty();
        assertThat(d.draft.version()).isEqualTo(2);
        assertThat(d.draft.answer(Question.IDENTITY).orElseThrow().text()).isEqualTo("an answer 0");
    }

    @Test
    void the_task_lines_of_a_message_are_those_the_engine_will_add() {
        assertThat(Engine.taskTexts("Prepare the report - 30%\nCoach new hires\ndone"))
                .containsExactly("Prepare the report", "Coach new hires");
        for (String word : List.of("done", "Done.", "list", "drop 2", "help", "status", "back", "restart", "ok",
                "skip", "20%", "5h", "approve 1 fine", "hi", "")) {
            assertThat(Engine.taskTexts(word)).as(word).isEmpty();
        }
        assertThat(Engine.taskTexts("x".repeat(Engine.MAX_MESSAGE + 1))).isEmpty();
        assertThat(Engine.taskTexts("Report 0%\nReview contracts 10%")).containsExactly("Review contracts");
        toTasks();
        alice.say("Prepare the report - 30%\nCoach new hires 70%\ndone");
        assertThat(alice.draft.tasks()).extracting(Task::text)
                .containsExactlyElementsOf(Engine.taskTexts("Prepare the report - 30%\nCoach new hires 70%\ndone"));
    }

    private static String rendered(Dialogue d) {
        return rolecraft.bot.Prompts.builtIn().renderAll(d.last.replies(), rolecraft.bot.Prompts.PersonFormat.PLAIN);
    }

    @Test
    void a_negative_share_on_a_task_line_is_refused_with_a_reason() {
        toTasks();
        alice.say("Prepare the monthly report -5h\nCoach new hires: -10%\nTriage tickets 20%");
        assertThat(alice.draft.tasks()).extracting(Task::text).containsExactly("Triage tickets");
        assertThat(alice.draft.tasks()).extracting(Task::share).containsExactly(Share.percent(20));
        assertThat(rendered(alice)).contains("Skipped \"Prepare the monthly report\": a share can't be negative")
                .contains("Skipped \"Coach new hires\": a share can't be negative");
    }

    @Test
    void a_negative_bare_share_is_refused_and_the_question_asked_again() {
        toTasks();
        alice.say("Coach new hires");
        alice.say("-5h");
        assertThat(alice.said()).containsExactly(Say.TASKS_ADDED, Say.ASK_SHARE);
        assertThat(alice.draft.tasks().get(0).share()).isNull();
        assertThat(rendered(alice)).contains("a share can't be negative");
        alice.say("5h");
        assertThat(alice.draft.tasks().get(0).share()).isEqualTo(Share.hours(5));
    }

    @Test
    void a_manager_id_with_a_trailing_dot_is_refused_not_taken_as_another_person() {
        alice.say("start");
        alice.say("Finance Analyst");
        alice.say("dave.");
        assertThat(alice.said()).containsExactly(Say.MANAGER_INVALID);
        assertThat(alice.draft.manager()).isNull();
        assertThat(alice.state.stage()).isEqualTo(Stage.MANAGER);
        assertThat(rendered(alice)).contains("can't end with a dot").contains("Did you mean dave?");
        alice.say("dave");
        assertThat(alice.draft.manager()).isEqualTo("local:dave");
        // A dot inside an id stays part of it.
        Dialogue web = new Dialogue("web:carol");
        web.say("start");
        web.say("Designer");
        web.say("dave.smith");
        assertThat(web.draft.manager()).isEqualTo("web:dave.smith");
    }

    @Test
    void the_step_adds_the_lines_its_caller_read_without_reading_the_message_again() {
        toTasks();
        String message = "Prepare the monthly report - 30%";
        Engine.TaskRead read = Engine.readTasks(message);
        assertThat(read.texts()).containsExactly("Prepare the monthly report");
        // A reading that differs from what the text would give shows which one the step used.
        Engine.TaskRead shared = new Engine.TaskRead(message, TaskListReader.read("Read once - 30%", null), false);
        rolecraft.bot.domain.Outcome out = new Engine().step(
                new rolecraft.bot.domain.Snapshot(alice.me, alice.state, alice.draft, null, List.of(), null),
                new rolecraft.bot.domain.Inbound(alice.me, message, alice.now, List.of(), Map.of(), null), shared);
        assertThat(out.draft().tasks()).extracting(Task::text).containsExactly("Read once");
        // A reading of another message is not used.
        rolecraft.bot.domain.Outcome other = new Engine().step(
                new rolecraft.bot.domain.Snapshot(alice.me, alice.state, alice.draft, null, List.of(), null),
                new rolecraft.bot.domain.Inbound(alice.me, message, alice.now, List.of(), Map.of(), null),
                Engine.readTasks("Something else entirely 10%"));
        assertThat(other.draft().tasks()).extracting(Task::text).containsExactly("Prepare the monthly report");
    }

    @Test
    void a_message_ending_in_a_done_line_adds_its_tasks_and_closes_the_list() {
        toTasks();
        alice.say("Prepare the report - 30%\u2028Coach new hires 70%\nDone!");
        assertThat(alice.draft.tasks()).extracting(Task::text).containsExactly("Prepare the report", "Coach new hires");
        assertThat(alice.state.stage()).isEqualTo(Stage.REVIEW);
    }

    @Test
    void approved_with_one_draft_waiting_decides_it_and_with_several_asks_which() {
        Dialogue bob = new Dialogue("local:bob");
        InboxItem item = submittedBy("local:alice", "local:bob");
        bob.inbox = List.of(item);
        bob.say("ok approved");
        assertThat(bob.said()).containsExactly(Say.DECIDED);
        assertThat(bob.last.effects()).anyMatch(e -> e instanceof Effect.Decide d
                && d.kind() == DecisionKind.APPROVED && d.ref().equals(item.draft().ref()));
        Dialogue ben = new Dialogue("local:bob");
        ben.inbox = List.of(item, submittedBy("local:carol", "local:bob"));
        ben.say("approved");
        assertThat(ben.said()).containsExactly(Say.DECIDE_WHICH);
        assertThat(ben.last.effects()).isEmpty();
    }

    @Test
    void a_greeting_drawn_out_starts_like_any_other_and_is_no_title() {
        for (String hello : List.of("hiii", "heyyy", "Hellooo!")) {
            Dialogue d = new Dialogue("local:alice");
            d.say(hello);
            assertThat(d.said()).as(hello).containsExactly(Say.ASK_TITLE);
            d.say(hello);
            assertThat(d.draft.title()).as(hello).isNull();
        }
        assertThat(Engine.greeting("hill")).isFalse();
        assertThat(Engine.greeting("yoo")).isTrue();
    }

    @Test
    void a_manager_who_says_hello_with_drafts_waiting_sees_them_and_starts_a_redesign_only_when_asked() {
        Dialogue bob = new Dialogue("local:bob");
        bob.inbox = List.of(submittedBy("local:alice", "local:bob"));
        for (String hello : List.of("hi", "Hello!", "good morning")) {
            bob.say(hello);
            assertThat(bob.said()).containsExactly(Say.INBOX);
            assertThat(bob.params(Say.INBOX)).containsEntry("greeted", true).containsEntry("count", 1);
            assertThat(bob.state.stage()).isEqualTo(Stage.IDLE);
            assertThat(bob.draft).isNull();
        }
        assertThat(rolecraft.bot.Prompts.builtIn().render("inbox", bob.params(Say.INBOX),
                rolecraft.bot.Prompts.PersonFormat.PLAIN)).contains("To redesign your own role instead, say `start`.");
        bob.say("start");
        assertThat(bob.said()).containsExactly(Say.ASK_TITLE);
        Dialogue ben = new Dialogue("local:ben");
        ben.say("hi");
        assertThat(ben.said()).containsExactly(Say.ASK_TITLE);
    }

    @Test
    void after_approval_a_greeting_tells_the_truth_and_only_start_begins_anew() {
        Dialogue d = new Dialogue("local:alice").toDraft();
        d.say("submit");
        d.draft = new Draft(d.draft.roleId(), d.draft.version(), Status.APPROVED, d.draft.employee(),
                d.draft.manager(), d.draft.title(), d.draft.tasks(), d.draft.answers(), d.draft.createdAt(),
                d.draft.submittedAt(), d.now, null);
        d.say("hi");
        assertThat(d.said()).containsExactly(Say.APPROVED_DONE);
        assertThat(d.draft.status()).isEqualTo(Status.APPROVED);
        d.say("status");
        assertThat(d.params(Say.STATUS)).containsEntry("stage", "approved").containsEntry("status", "approved");
        d.say("help");
        assertThat(d.params(Say.HELP)).containsEntry("approved", true);
        d.say("start");
        assertThat(d.said()).containsExactly(Say.ASK_TITLE);
        assertThat(d.draft.status()).isEqualTo(Status.DRAFTING);
    }

    @Test
    void a_worry_is_answered_with_the_contact_at_any_step_and_never_saved() {
        Dialogue d = new Dialogue("local:alice", "Pat Lee");
        d.say("start");
        d.say("can i talk to a real person first?");
        assertThat(d.said()).containsExactly(Say.WORRY, Say.ASK_TITLE);
        assertThat(d.params(Say.WORRY)).containsEntry("human_contact", true).containsEntry("contact", "Pat Lee");
        assertThat(d.draft.title()).isNull();
        assertThat(d.state.stage()).isEqualTo(Stage.TITLE);
    }

    @Test
    void a_call_the_classifier_is_unsure_of_is_asked_not_asserted() {
        alice.classifier = text -> new Classification(rolecraft.bot.domain.Exposure.E1, AiRole.AUTOMATE,
                Capability.JUDGMENT, Classification.UNSURE_BELOW - 0.01, "a guess", null);
        toTasks();
        alice.say("Reconcile the ledgers 60%\nChase late invoices 40%\ndone");
        assertThat(alice.state.stage()).isEqualTo(Stage.REVIEW);
        assertThat(alice.params(Say.REVIEW).get("tasks")).asList()
                .allMatch(t -> Boolean.TRUE.equals(((Map<?, ?>) t).get("unsure")));
        alice.say("2 human");
        alice.say("ok");
        assertThat(alice.said()).containsExactly(Say.REVIEW_INVALID);
        assertThat(alice.params(Say.REVIEW_INVALID).get("unsure")).asList().hasSize(1);
        assertThat(alice.state.stage()).isEqualTo(Stage.REVIEW);
        alice.say("ok");
        assertThat(alice.state.stage()).isEqualTo(Stage.QUESTIONS);
    }

    @Test
    void a_long_paste_at_the_task_step_is_used_not_refused() {
        toTasks();
        StringBuilder paste = new StringBuilder();
        for (int i = 1; paste.length() <= Engine.MAX_MESSAGE + 200; i++) {
            paste.append("Review supplier contract number ").append(i).append(" for the quarterly audit 1h\n");
        }
        alice.say(paste.toString());
        assertThat(alice.said()).doesNotContain(Say.TOO_LONG).contains(Say.TASKS_ADDED);
        assertThat(alice.draft.tasks()).hasSize(Engine.MAX_TASKS);
        assertThat((Integer) alice.params(Say.TASKS_ADDED).get("unread")).isPositive();
        assertThat(Engine.taskTexts(paste.toString())).hasSize(Engine.MAX_TASKS);
    }

    @Test
    void a_long_run_of_blanks_reaches_no_reader_so_it_costs_what_one_space_does() {
        // Patterns with two quantifiers over blanks side by side cost the square of a run's length: every reader
        // of a turn gets the message with each run folded into one space.
        String hostile = "Task 1" + " ".repeat(3990) + "hrs of\t\t\t\t my day";
        assertThat(Engine.clean(hostile)).isEqualTo("Task 1 hrs of my day");
        assertThat(Engine.readTasks(hostile).texts()).isEqualTo(Engine.readTasks("Task 1 hrs of my day").texts());
        toTasks();
        alice.say("Prepare the   monthly\u00a0\u00a0report - 30%");
        assertThat(alice.draft.tasks()).extracting(Task::text).containsExactly("Prepare the monthly report");
    }

    @Test
    void an_ok_typed_at_an_open_question_is_no_answer() {
        toTasks();
        alice.say("Prepare the monthly report - 50%\nCoach new hires 50%\ndone");
        alice.say("ok");
        assertThat(alice.state.stage()).isEqualTo(Stage.QUESTIONS);
        alice.say("ok");
        assertThat(alice.said()).containsExactly(Say.FOLLOW_UP);
        assertThat(alice.draft.answers()).isEmpty();
        alice.say("The numbers are mine");
        assertThat(alice.draft.answers()).extracting(a -> a.text()).containsExactly("The numbers are mine");
    }

    /** Runs alice to her first question with a judgment-led week (the usual order). */
    private void toQuestions() {
        toTasks();
        alice.say("Plan the quarterly budget 60%\nPrepare the monthly report - 40%\ndone");
        alice.say("ok");
        assertThat(alice.said()).containsExactly(Say.QUESTION_IDENTITY);
        assertThat(alice.params(Say.QUESTION_IDENTITY)).containsEntry("n", 1).containsEntry("of", 6);
    }

    @Test
    void an_answer_that_tells_what_only_they_know_is_kept_for_that_question_which_is_not_asked() {
        toQuestions();
        alice.say("15 years of knowing the vendors' quirks");
        assertThat(alice.said()).containsExactly(Say.QUESTION_NOTED, Say.QUESTION_DECISIONS);
        assertThat(alice.draft.answer(Question.TACIT_KNOWLEDGE).orElseThrow().text())
                .isEqualTo("15 years of knowing the vendors' quirks");
        // The count tells the truth: five questions are asked now, this is the second.
        assertThat(alice.params(Say.QUESTION_DECISIONS)).containsEntry("n", 2).containsEntry("of", 5)
                .containsEntry("judgment_tasks", "\"Plan the quarterly budget\"");
        alice.say("which budget lines get cut");
        alice.say("the CFO");
        assertThat(alice.said()).containsExactly(Say.TIME_AFTER, Say.QUESTION_CLEAN_SHEET);
        assertThat(alice.params(Say.QUESTION_CLEAN_SHEET)).containsEntry("n", 4).containsEntry("of", 5);
        alice.say("more forecasting");
        alice.say("skip");
        assertThat(alice.said()).containsExactly(Say.DRAFT);
        assertThat(alice.all).extracting(r -> r.say()).doesNotContain(Say.QUESTION_TACIT_KNOWLEDGE);
        @SuppressWarnings("unchecked")
        Map<String, Object> draft = (Map<String, Object>) alice.params(Say.DRAFT).get("draft");
        assertThat(draft).containsEntry("tacit_knowledge", "15 years of knowing the vendors' quirks")
                .containsEntry("identity", "15 years of knowing the vendors' quirks");
        alice.say("back");
        assertThat(alice.said()).containsExactly(Say.QUESTION_SKILLS);
        assertThat(alice.params(Say.QUESTION_SKILLS)).containsEntry("n", 5).containsEntry("of", 5);
        alice.say("status");
        assertThat(alice.params(Say.STATUS)).containsEntry("question", 5).containsEntry("questions", 5);
    }

    @Test
    void a_vague_answer_gets_its_follow_up_and_tells_nothing_for_later_questions() {
        toQuestions();
        alice.say("idk");
        assertThat(alice.said()).containsExactly(Say.FOLLOW_UP);
        alice.say("I know where every number comes from");
        assertThat(alice.said()).containsExactly(Say.QUESTION_NOTED, Say.QUESTION_DECISIONS);
        assertThat(alice.params(Say.QUESTION_DECISIONS)).containsEntry("of", 5);
    }

    @Test
    void a_question_answered_in_the_version_the_manager_saw_is_asked_again_with_that_answer_to_keep() {
        toQuestions();
        alice.say("15 years of knowing the vendors' quirks");
        for (String a : List.of("which budget lines get cut", "the CFO", "more forecasting", "skip", "submit")) {
            alice.say(a);
        }
        Draft v1 = alice.draft;
        alice.draft = new Draft(v1.roleId(), 1, Status.CHANGES_REQUESTED, v1.employee(), v1.manager(), v1.title(),
                v1.tasks(), v1.answers(), v1.createdAt(), v1.submittedAt(), alice.now,
                new Decision("local:bob", DecisionKind.CHANGES_REQUESTED, "say more on the vendors", alice.now));
        alice.say("done");
        alice.say("ok");
        alice.say("keep");
        // The same answer again tells nothing new: the know-how question is asked, with what was said, to keep.
        assertThat(alice.said()).containsExactly(Say.QUESTION_DECISIONS);
        assertThat(alice.params(Say.QUESTION_DECISIONS)).containsEntry("of", 6);
        alice.say("keep");
        alice.say("keep");
        assertThat(alice.said()).containsExactly(Say.QUESTION_TACIT_KNOWLEDGE);
        assertThat(alice.params(Say.QUESTION_TACIT_KNOWLEDGE))
                .containsEntry("previous", "15 years of knowing the vendors' quirks");
        alice.say("the vendors' quirks, and which reps actually answer the phone");
        assertThat(alice.draft.answer(Question.TACIT_KNOWLEDGE).orElseThrow().text()).startsWith("the vendors' quirks");
    }

    @Test
    void when_most_of_the_week_is_with_people_the_people_question_comes_second_naming_those_already_named() {
        toTasks();
        alice.say("Talk with vendors about late invoices 60%\nPlan the quarterly budget 40%\ndone");
        alice.say("ok");
        alice.say("getting the numbers right");
        assertThat(alice.said()).containsExactly(Say.QUESTION_STAKEHOLDERS);
        assertThat(alice.params(Say.QUESTION_STAKEHOLDERS)).containsEntry("n", 2).containsEntry("people", "vendors")
                .containsEntry("relationships", true);
        alice.say("that's it");
        assertThat(alice.said()).containsExactly(Say.QUESTION_DECISIONS);
        assertThat(alice.draft.answer(Question.STAKEHOLDERS).orElseThrow().text()).isEqualTo("vendors");
    }

    @Test
    void with_nothing_handed_to_ai_the_clean_sheet_question_claims_no_freed_time() {
        toTasks();
        alice.say("Coach new hires 60%\nInterview candidates 40%\ndone");
        alice.say("ok");
        for (String a : List.of("the people", "skip", "skip", "skip")) {
            alice.say(a);
        }
        assertThat(alice.said()).containsExactly(Say.QUESTION_CLEAN_SHEET);
        assertThat(alice.params(Say.QUESTION_CLEAN_SHEET)).containsEntry("frees_time", false);
    }

    @Test
    void a_state_kept_before_the_questions_adapted_asks_them_in_the_usual_order() {
        toQuestions();
        alice.state = new rolecraft.bot.domain.ConversationState(Stage.QUESTIONS, 2, alice.state.roleId(), false,
                List.of(), null, null);
        alice.say("the CFO");
        assertThat(alice.said()).containsExactly(Say.QUESTION_TACIT_KNOWLEDGE);
        assertThat(alice.draft.answer(Question.STAKEHOLDERS).orElseThrow().text()).isEqualTo("the CFO");
    }

    /** Runs alice to the step where she confirms the time after: budget 60% (augment), report 40% (automate). */
    private void toTimeAfter() {
        toQuestions();
        for (String a : List.of("getting the numbers right", "which lines get cut", "the CFO", "where the data lives")) {
            alice.say(a);
        }
        assertThat(alice.said()).containsExactly(Say.TIME_AFTER, Say.QUESTION_CLEAN_SHEET);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> shown = (List<Map<String, Object>>) alice.params(Say.TIME_AFTER).get("tasks");
        assertThat(shown).extracting(t -> t.get("text"), t -> t.get("now"), t -> t.get("estimate"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Plan the quarterly budget", "60%", "39%"),
                        org.assertj.core.groups.Tuple.tuple("Prepare the monthly report", "40%", "8%"));
    }

    @Test
    void ok_at_the_time_after_step_makes_the_estimates_the_employee_s_figures_then_the_clean_sheet_question() {
        toTimeAfter();
        alice.say("looks right");
        assertThat(alice.said()).containsExactly(Say.TIME_AFTER_KEPT, Say.QUESTION_CLEAN_SHEET);
        assertThat(alice.params(Say.TIME_AFTER_KEPT)).containsEntry("confirmed", true);
        assertThat(alice.draft.tasks()).extracting(Task::after).containsExactly(Share.percent(39), Share.percent(8));
        alice.say("more forecasting");
        assertThat(alice.draft.answer(Question.CLEAN_SHEET).orElseThrow().text()).isEqualTo("more forecasting");
        alice.say("skip");
        @SuppressWarnings("unchecked")
        Map<String, Object> draft = (Map<String, Object>) alice.params(Say.DRAFT).get("draft");
        assertThat(draft).containsEntry("has_own_figures", true).containsEntry("has_estimates", false);
    }

    @Test
    void figures_by_number_or_name_are_taken_the_step_stays_open_and_idk_then_moves_on() {
        toTimeAfter();
        alice.say("2: 4% a week");
        assertThat(alice.said()).containsExactly(Say.TIME_AFTER, Say.QUESTION_CLEAN_SHEET);
        assertThat(alice.params(Say.TIME_AFTER)).containsEntry("corrected", true);
        assertThat(alice.draft.tasks().get(1).after()).isEqualTo(Share.percent(4));
        alice.say("budget more like 50%, 2 70%");
        // The first is taken; the second is more than the task takes now, and said so.
        assertThat(alice.draft.tasks().get(0).after()).isEqualTo(Share.percent(50));
        assertThat(alice.draft.tasks().get(1).after()).isEqualTo(Share.percent(4));
        assertThat(alice.params(Say.TIME_AFTER)).containsEntry("corrected", true);
        assertThat((List<?>) alice.params(Say.TIME_AFTER).get("problems")).hasSize(1);
        alice.say("idk");
        assertThat(alice.said()).containsExactly(Say.TIME_AFTER_KEPT, Say.QUESTION_CLEAN_SHEET);
        assertThat(alice.params(Say.TIME_AFTER_KEPT)).containsEntry("estimates", true);
        assertThat(alice.draft.tasks()).extracting(Task::after).containsExactly(Share.percent(50), Share.percent(4));
        assertThat(alice.draft.answer(Question.CLEAN_SHEET)).isEmpty();
    }

    @Test
    void idk_at_the_time_after_step_leaves_the_bot_s_estimates_which_the_draft_still_lets_her_correct() {
        toTimeAfter();
        alice.say("idk");
        assertThat(alice.params(Say.TIME_AFTER_KEPT)).containsEntry("estimates", true);
        assertThat(alice.draft.tasks()).extracting(Task::after).containsOnlyNulls();
        alice.say("more forecasting");
        alice.say("skip");
        @SuppressWarnings("unchecked")
        Map<String, Object> draft = (Map<String, Object>) alice.params(Say.DRAFT).get("draft");
        assertThat(draft).containsEntry("has_estimates", true).containsEntry("has_own_figures", false);
        alice.say("2 6%");
        assertThat(alice.draft.tasks().get(1).after()).isEqualTo(Share.percent(6));
    }

    @Test
    void a_reply_about_something_else_at_the_time_after_step_answers_the_clean_sheet_question() {
        toTimeAfter();
        alice.say("I'd spend 3 hours a week coaching the juniors");
        assertThat(alice.said()).containsExactly(Say.QUESTION_SKILLS);
        assertThat(alice.draft.answer(Question.CLEAN_SHEET).orElseThrow().text())
                .isEqualTo("I'd spend 3 hours a week coaching the juniors");
        assertThat(alice.draft.tasks()).extracting(Task::after).containsOnlyNulls();
    }

    @Test
    void the_time_after_step_is_shown_again_after_a_worry_and_still_takes_its_reply() {
        toTimeAfter();
        alice.say("is this going to be used to cut my job?");
        assertThat(alice.said()).containsExactly(Say.WORRY, Say.TIME_AFTER, Say.QUESTION_CLEAN_SHEET);
        alice.say("1 30%");
        assertThat(alice.draft.tasks().get(0).after()).isEqualTo(Share.percent(30));
    }

    @Test
    void a_call_changed_at_the_time_after_step_changes_the_list_and_with_no_ai_left_closes_the_step() {
        toTimeAfter();
        alice.say("2 human: the commentary is mine");
        assertThat(alice.said()).containsExactly(Say.REVIEW_CHANGED, Say.TIME_AFTER, Say.QUESTION_CLEAN_SHEET);
        assertThat((List<?>) alice.params(Say.TIME_AFTER).get("tasks")).hasSize(1);
        alice.say("1 human");
        assertThat(alice.said()).containsExactly(Say.REVIEW_CHANGED, Say.QUESTION_CLEAN_SHEET);
        assertThat(alice.state.pending()).isNull();
        assertThat(alice.params(Say.QUESTION_CLEAN_SHEET)).containsEntry("frees_time", false);
    }

    @Test
    void back_at_the_time_after_step_returns_to_the_question_before() {
        toTimeAfter();
        alice.say("back");
        assertThat(alice.said()).containsExactly(Say.QUESTION_TACIT_KNOWLEDGE);
        assertThat(alice.state.pending()).isNull();
        alice.say("keep");
        assertThat(alice.said()).containsExactly(Say.TIME_AFTER, Say.QUESTION_CLEAN_SHEET);
    }
}
