package rolecraft.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.ShareUnit;

class TaskLinesTest {

    private static TaskLines.Line one(String line) {
        List<TaskLines.Line> lines = TaskLines.parse(line);
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    @Test
    void reads_a_percentage_after_a_dash() {
        TaskLines.Line l = one("Prepare the monthly report - 30%");
        assertThat(l.text()).isEqualTo("Prepare the monthly report");
        assertThat(l.share()).isEqualTo(Share.percent(30));
        assertThat(l.problem()).isNull();
    }

    @Test
    void reads_hours_written_several_ways() {
        assertThat(one("Triage tickets 10h").share()).isEqualTo(Share.hours(10));
        assertThat(one("Triage tickets 10h").text()).isEqualTo("Triage tickets");
        assertThat(one("Write specs 4 hours/week").share()).isEqualTo(Share.hours(4));
        assertThat(one("Write specs: 4 hrs per week").share()).isEqualTo(Share.hours(4));
        assertThat(one("Standup 0.5h/day").share()).isEqualTo(Share.hours(2.5));
        assertThat(one("Month-end close 8 hours a month").share().unit()).isEqualTo(ShareUnit.HOURS_PER_WEEK);
        assertThat(one("Month-end close 8 hours a month").share().amount()).isCloseTo(1.85, org.assertj.core.data.Offset.offset(0.01));
        assertThat(one("Plan budgets 2,5 h").share()).isEqualTo(Share.hours(2.5));
    }

    @Test
    void reads_a_share_written_first_and_in_brackets() {
        TaskLines.Line first = one("30% - Prepare the monthly report");
        assertThat(first.text()).isEqualTo("Prepare the monthly report");
        assertThat(first.share()).isEqualTo(Share.percent(30));
        TaskLines.Line bracket = one("Answer customer emails (20 %)");
        assertThat(bracket.text()).isEqualTo("Answer customer emails");
        assertThat(bracket.share()).isEqualTo(Share.percent(20));
        assertThat(one("Coach new hires 15 percent").share()).isEqualTo(Share.percent(15));
    }

    @Test
    void keeps_numbers_that_are_not_shares_in_the_text() {
        TaskLines.Line l = one("Attend 3 meetings a week 5h");
        assertThat(l.text()).isEqualTo("Attend 3 meetings a week");
        assertThat(l.share()).isEqualTo(Share.hours(5));
        assertThat(one("Review 2 contracts").share()).isNull();
        assertThat(one("Review 2 contracts").text()).isEqualTo("Review 2 contracts");
    }

    @Test
    void a_line_without_a_share_has_none() {
        TaskLines.Line l = one("Coach new hires");
        assertThat(l.text()).isEqualTo("Coach new hires");
        assertThat(l.share()).isNull();
        assertThat(l.problem()).isNull();
    }

    @Test
    void strips_bullets_and_skips_blank_lines() {
        List<TaskLines.Line> lines = TaskLines.parse("- Plan sprints 10%\n\n* Write docs 5%\n3) Fix bugs 20%\n• Chat 1%");
        assertThat(lines).extracting(TaskLines.Line::text)
                .containsExactly("Plan sprints", "Write docs", "Fix bugs", "Chat");
    }

    @Test
    void flags_bad_lines_instead_of_taking_them() {
        assertThat(one("Report 0%").problem()).isEqualTo(TaskLines.Problem.SHARE_ZERO);
        assertThat(one("Report 150%").problem()).isEqualTo(TaskLines.Problem.SHARE_TOO_BIG);
        assertThat(one("Report 170h").problem()).isEqualTo(TaskLines.Problem.SHARE_TOO_BIG);
        assertThat(one("42").problem()).isEqualTo(TaskLines.Problem.TOO_SHORT);
        assertThat(one("x".repeat(400)).problem()).isEqualTo(TaskLines.Problem.TOO_LONG);
    }

    @Test
    void a_bare_share_answers_a_question() {
        assertThat(TaskLines.bareShare("20%")).contains(Share.percent(20));
        assertThat(TaskLines.bareShare(" 5h ")).contains(Share.hours(5));
        assertThat(TaskLines.bareShare("3 hours a week")).contains(Share.hours(3));
        assertThat(TaskLines.bareShare("Write docs 5%")).isEmpty();
        assertThat(TaskLines.bareShare("five hours")).isEmpty();
    }

    @Test
    void a_negative_share_is_flagged_not_taken_as_positive() {
        TaskLines.Line hours = one("Prepare the report -5h");
        assertThat(hours.problem()).isEqualTo(TaskLines.Problem.SHARE_NEGATIVE);
        assertThat(hours.share().amount()).isEqualTo(-5);
        assertThat(one("Prepare the report: -10%").problem()).isEqualTo(TaskLines.Problem.SHARE_NEGATIVE);
        assertThat(one("Prepare the report (\u221210%)").problem()).isEqualTo(TaskLines.Problem.SHARE_NEGATIVE);
        assertThat(one("-5h Prepare the report").problem()).isEqualTo(TaskLines.Problem.SHARE_NEGATIVE);
        assertThat(TaskLines.bareShare("-5h")).contains(Share.hours(-5));
        // A dash between the task and its share, or inside a word, is not a minus.
        assertThat(one("Prepare the report - 5h").share()).isEqualTo(Share.hours(5));
        assertThat(one("Prepare the report -- 10%").share()).isEqualTo(Share.percent(10));
        assertThat(one("Month-end close 8h").share()).isEqualTo(Share.hours(8));
        assertThat(one("Month-end close-8h").share()).isEqualTo(Share.hours(8));
        assertThat(one("- 5h Prepare the report").share()).isEqualTo(Share.hours(5));
    }

    /** Lines shaped to make a backtracking pattern rescan runs of blanks, dashes, digits and units. */
    private static final List<String> HOSTILE_UNITS = List.of("1 ", "- ", "5h ", " ", "-", "5", "5 ", "(5h) ",
            "5h-", "1.1 ", "5%.", "5 per ", ": ", "h ", "5 h / ", ")", ". ", "-5h ", "\t", "5,5 %", "x - ");

    private static long readsToParse(String message) {
        CountingChars chars = new CountingChars(message);
        TaskLines.parse(chars);
        TaskLines.bareShare(chars);
        return chars.reads();
    }

    @Test
    void reading_a_line_costs_work_in_proportion_to_its_length_whatever_it_holds() {
        long plain = readsToParse("Prepare the monthly report for the board ".repeat(100));
        for (String unit : HOSTILE_UNITS) {
            for (String[] around : new String[][] {{"", ""}, {"Task ", ""}, {"", "x"}, {"Task 5h", "x"}, {"", "5h"}}) {
                String small = around[0] + unit.repeat(1000 / unit.length()) + around[1];
                String large = around[0] + unit.repeat(4000 / unit.length()) + around[1];
                long smallReads = readsToParse(small);
                long largeReads = readsToParse(large);
                String form = "[" + around[0] + "](" + unit + ")*[" + around[1] + "]";
                // A backtracking pattern reads such lines hundreds of times over (millions of reads for 4 kB).
                assertThat(largeReads).as(form).isLessThan(50L * large.length());
                assertThat(largeReads).as(form).isLessThan(10 * plain);
                // Four times the length, about four times the work: not sixteen.
                assertThat((double) largeReads / smallReads).as(form)
                        .isLessThan(1.5 * large.length() / small.length());
            }
        }
    }

    @Test
    void long_runs_around_a_real_share_are_still_read() {
        TaskLines.Line l = one("Prepare the report" + " -".repeat(1000) + " 5h" + " )".repeat(500));
        assertThat(l.text()).isEqualTo("Prepare the report");
        assertThat(l.share()).isEqualTo(Share.hours(5));
        assertThat(one("5h" + " ".repeat(3000) + "per week Prepare the report").share()).isEqualTo(Share.hours(5));
    }
}
