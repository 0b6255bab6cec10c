package rolecraft.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import rolecraft.bot.domain.Share;

class TaskListReaderTest {

    private static List<String> texts(String message) {
        return TaskListReader.read(message, null).items().stream().map(i -> i.line().text()).toList();
    }

    @Test
    void commas_split_when_every_piece_has_a_share_or_is_a_short_task() {
        assertThat(texts("code reviews 20%, writing features 40%, on-call 10%"))
                .containsExactly("code reviews", "writing features", "on-call");
        assertThat(texts("prospecting calls, demos, writing proposals, CRM updates"))
                .containsExactly("prospecting calls", "demos", "writing proposals", "CRM updates");
        assertThat(texts("Review, approve and file expense claims 10%"))
                .containsExactly("Review, approve and file expense claims");
    }

    @Test
    void short_noun_phrases_with_commas_are_tasks_each_and_a_sentence_stays_one() {
        assertThat(texts("charting, med admin and handoffs")).containsExactly("charting", "med admin", "handoffs");
        assertThat(texts("patient teaching, wound care, & discharge planning, etc."))
                .containsExactly("patient teaching", "wound care", "discharge planning");
        assertThat(texts("order verification, IV compounding")).containsExactly("order verification", "IV compounding");
        assertThat(texts("Prepare the report, then send it")).containsExactly("Prepare the report, then send it");
        assertThat(texts("Meetings, mostly with clients")).containsExactly("Meetings, mostly with clients");
        assertThat(texts("Check the drug interactions for every new order, then call the prescriber"))
                .containsExactly("Check the drug interactions for every new order, then call the prescriber");
        assertThat(texts("Review, approve and file expense claims 10%"))
                .containsExactly("Review, approve and file expense claims");
    }

    @Test
    void semicolons_bullets_and_numbers() {
        assertThat(texts("scheduling 10h; inventory counts 8h")).containsExactly("scheduling", "inventory counts");
        assertThat(texts("• teaching\n1) marking 5h\n- planning 2h")).containsExactly("teaching", "marking", "planning");
    }

    @Test
    void a_paragraph_becomes_candidates() {
        TaskListReader.Reading r = TaskListReader.read("Responsible for answering customer tickets via email and chat. "
                + "Escalates complex billing issues to tier 2. Maintains the help-centre articles and the macros we "
                + "use for refunds.", null);
        assertThat(r.paragraph()).isTrue();
        assertThat(r.items()).extracting(i -> i.line().text()).containsExactly(
                "answering customer tickets via email and chat", "Escalates complex billing issues to tier 2",
                "Maintains the help-centre articles and the macros we use for refunds");
    }

    @Test
    void the_old_forms_still_read() {
        TaskListReader.Reading r = TaskListReader.read("Prepare the monthly report - 30%\n30% - Plan sprints", null);
        assertThat(r.items()).extracting(i -> i.line().text()).containsExactly("Prepare the monthly report", "Plan sprints");
        assertThat(r.items()).extracting(i -> i.line().share()).containsExactly(Share.percent(30), Share.percent(30));
        assertThat(texts("Triage tickets (10h)\n+SUM(A1:A9) 50%\n[5h] Plan sprints")).containsExactly("Triage tickets",
                "+SUM(A1:A9)", "Plan sprints");
    }

    private static List<Share> shares(String message) {
        return TaskListReader.read(message, null).items().stream().map(i -> i.line().share()).toList();
    }

    @Test
    void a_list_said_in_one_breath_takes_its_first_unit_and_the_rest_takes_what_is_left() {
        String said = "idk like 40% charting, 20 med admin, 15 handoffs rest family stuff";
        assertThat(texts(said)).containsExactly("charting", "med admin", "handoffs", "family stuff");
        assertThat(shares(said)).containsExactly(Share.percent(40), Share.percent(20), Share.percent(15),
                Share.percent(25));
        assertThat(texts("triage 30%, calls 20, the rest: documentation"))
                .containsExactly("triage", "calls", "documentation");
        assertThat(shares("triage 30%, calls 20, the rest: documentation"))
                .containsExactly(Share.percent(30), Share.percent(20), Share.percent(50));
        assertThat(shares("loading 3h a day, paperwork 1"))
                .containsExactly(Share.hours(15), Share.hours(5));
        assertThat(texts("um so 50% teaching\nmarking 20%\nand the rest is planning"))
                .containsExactly("teaching", "marking", "planning");
        assertThat(shares("um so 50% teaching\nmarking 20%\nand the rest is planning"))
                .containsExactly(Share.percent(50), Share.percent(20), Share.percent(30));
        assertThat(shares("emails 10%\nfamily calls for the rest")).containsExactly(Share.percent(10), Share.percent(90));
        assertThat(shares("triage 30%, calls 20%, whatever is left paperwork")).containsExactly(Share.percent(30),
                Share.percent(20), Share.percent(50));
        assertThat(texts("prep 40%, service on the line most of the rest, cleaning 10%"))
                .containsExactly("prep", "service on the line", "cleaning");
        assertThat(shares("prep 40%, service on the line most of the rest, cleaning 10%")).containsExactly(
                Share.percent(40), Share.percent(50), Share.percent(10));
        String hygienist = "cleanings like 60%, xrays 10, charting 15 and the rest is patient education";
        assertThat(texts(hygienist)).containsExactly("cleanings", "xrays", "charting", "patient education");
        assertThat(shares(hygienist)).containsExactly(Share.percent(60), Share.percent(10), Share.percent(15),
                Share.percent(15));
        assertThat(texts("charting is like half my shift, meds 2 hrs, then handoff at 7"))
                .containsExactly("charting", "meds", "handoff at 7");
        assertThat(texts("triage takes about 10h")).containsExactly("triage");
        String hvac = "service calls most of the day, maybe 60%? quoting jobs 10, driving between sites ~20%, "
                + "paperwork/invoicing the rest";
        assertThat(texts(hvac)).containsExactly("service calls", "quoting jobs", "driving between sites",
                "paperwork/invoicing");
        assertThat(shares(hvac)).containsExactly(Share.percent(60), Share.percent(10), Share.percent(20),
                Share.percent(10));
        assertThat(texts("Why did the build fail? Investigate it")).hasSize(1);
        assertThat(shares("triage 40%, calls 30%, escalations to tier 2")).containsExactly(Share.percent(40),
                Share.percent(30), null);
    }

    @Test
    void words_that_only_look_like_the_rest_or_a_number_stay_tasks() {
        assertThat(texts("restock shelves 20%, till 30%")).containsExactly("restock shelves", "till");
        assertThat(texts("Remaining balance checks\nPayroll 20%")).containsExactly("Remaining balance checks", "Payroll");
        assertThat(shares("Remaining balance checks\nPayroll 20%")).containsExactly(null, Share.percent(20));
        assertThat(texts("Bed rest monitoring\nMeds 20%")).containsExactly("Bed rest monitoring", "Meds");
        assertThat(texts("Plan route 66 deliveries")).containsExactly("Plan route 66 deliveries");
        assertThat(texts("like buttons on posts 10%")).containsExactly("like buttons on posts");
    }

    @Test
    void tasks_with_their_times_said_without_commas_are_a_task_each() {
        assertThat(texts("room inspections 30% and making the daily board/assignments 15%"))
                .containsExactly("room inspections", "making the daily board/assignments");
        assertThat(texts("1) taking minutes in court 40% 2) docketing filings 25% 3) answering the public 35%"))
                .containsExactly("taking minutes in court", "docketing filings", "answering the public");
        assertThat(texts("cycle counts 10% forklift training 5%")).containsExactly("cycle counts", "forklift training");
        assertThat(texts("half the time im on the floor picking, the other half is scheduling"))
                .containsExactly("on the floor picking", "scheduling");
        assertThat(shares("half the time im on the floor picking, the other half is scheduling"))
                .containsExactly(Share.percent(50), Share.percent(50));
        TaskListReader.Reading said = TaskListReader.read(
                "mostly radio with drivers, some covering no-shows, a bit of incident reports", null);
        assertThat(said.items()).extracting(i -> i.line().text())
                .containsExactly("radio with drivers", "covering no-shows", "incident reports");
        assertThat(said.items()).extracting(TaskListReader.Item::most).containsExactly(true, false, false);
        // A time inside a task, and an "and" inside one, stay one task.
        assertThat(texts("Review 10% of the claims and file them")).hasSize(1);
        assertThat(texts("Sales and marketing reports 20%")).containsExactly("Sales and marketing reports");
        assertThat(texts("Some filing")).containsExactly("Some filing");
    }
}
