package rolecraft.bot.understand;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.ShareUnit;

class TimeReaderTest {

    private static Share share(String text) {
        return TimeReader.find(text, null).orElseThrow().share();
    }

    @Test
    void reads_percent_hours_and_minutes_per_period() {
        assertThat(share("code reviews 20%")).isEqualTo(Share.percent(20));
        assertThat(share("triage 10h")).isEqualTo(Share.hours(10));
        assertThat(share("taking calls 5 hrs a day")).isEqualTo(Share.hours(25));
        assertThat(share("campaign reports 90 minutes a day")).isEqualTo(Share.hours(7.5));
        assertThat(share("QA reviews 8 hrs a month")).isEqualTo(Share.hours(1.85));
        assertThat(share("phones like an hour a day")).isEqualTo(Share.hours(5));
        assertThat(share("two hours a week on rotas")).isEqualTo(Share.hours(2));
        assertThat(share("payroll 1 day a week")).isEqualTo(Share.percent(20));
        assertThat(share("stocktake two days a month")).isEqualTo(Share.percent(9.2));
        assertThat(share("audits 2 days every 2 weeks")).isEqualTo(Share.percent(20));
        assertThat(share("on-call one weekend a month")).isEqualTo(Share.percent(9.2));
        assertThat(TimeReader.find("one of the managers", null)).isEmpty();
        assertThat(TimeReader.find("a day in court", null)).isEmpty();
        assertThat(share("4 hours/week: write specs")).isEqualTo(Share.hours(4));
    }

    @Test
    void reads_fractions_and_ranges_and_says_a_range_was_one() {
        assertThat(share("marking 1/4 of my time")).isEqualTo(Share.percent(25));
        assertThat(share("teaching - half my day")).isEqualTo(Share.percent(50));
        assertThat(share("planning a quarter")).isEqualTo(Share.percent(25));
        TimeReader.Time range = TimeReader.find("calibration 5-10%", null).orElseThrow();
        assertThat(range.share()).isEqualTo(Share.percent(7.5));
        assertThat(range.range()).isTrue();
        assertThat(TimeReader.find("running half-day workshops", null)).isEmpty();
    }

    @Test
    void shifts_need_their_length_and_can_give_it() {
        TimeReader.Time out = TimeReader.find("assessments 3 hrs out of a 12 hr shift", null).orElseThrow();
        assertThat(out.share()).isEqualTo(Share.percent(25));
        assertThat(out.shiftHours()).isEqualTo(12.0);
        TimeReader.Time unknown = TimeReader.find("handover 2 hrs per shift", null).orElseThrow();
        assertThat(unknown.share()).isNull();
        assertThat(unknown.perShift()).isEqualTo(2.0);
        assertThat(TimeReader.find("handover 2 hrs per shift", 8.0).orElseThrow().share()).isEqualTo(Share.percent(25));
        assertThat(TimeReader.shiftLength("12 hour shifts")).contains(12.0);
        assertThat(TimeReader.shiftLength("about 8")).contains(8.0);
    }

    @Test
    void most_of_my_time_is_a_guess_to_ask_about() {
        TimeReader.Time most = TimeReader.find("patient care most of my time", null).orElseThrow();
        assertThat(most.most()).isTrue();
        assertThat(most.share()).isNull();
    }

    @Test
    void a_message_that_is_only_a_time() {
        assertThat(TimeReader.only("2 hrs a shift", 12.0)).isPresent();
        assertThat(TimeReader.only("radio coordination 2 hours", null)).isEmpty();
    }

    @Test
    void a_number_in_a_task_then_a_dash_and_a_share_is_no_range() {
        TimeReader.Time t = TimeReader.find("Plan haul route number 1 - 10%", null).orElseThrow();
        org.assertj.core.api.Assertions.assertThat(t.range()).isFalse();
        org.assertj.core.api.Assertions.assertThat(t.share()).isEqualTo(rolecraft.bot.domain.Share.percent(10));
        org.assertj.core.api.Assertions.assertThat(TimeReader.find("triage 5-10%", null).orElseThrow().range()).isTrue();
        org.assertj.core.api.Assertions.assertThat(TimeReader.find("triage 5 to 10%", null).orElseThrow().range()).isTrue();
        org.assertj.core.api.Assertions.assertThat(TimeReader.find("triage 5% - 10%", null).orElseThrow().range()).isTrue();
    }

    @Test
    void an_answer_about_one_time_is_read_without_the_words_around_it() {
        assertThat(TimeReader.answer("idk like 20ish", null, ShareUnit.PERCENT).orElseThrow().share())
                .isEqualTo(Share.percent(20));
        assertThat(TimeReader.answer("like 60", null, ShareUnit.PERCENT).orElseThrow().share()).isEqualTo(Share.percent(60));
        assertThat(TimeReader.answer("30", null, ShareUnit.HOURS_PER_WEEK).orElseThrow().share()).isEqualTo(Share.hours(30));
        assertThat(TimeReader.answer("maybe 4 hrs a week averaged out", null, ShareUnit.PERCENT).orElseThrow().share())
                .isEqualTo(Share.hours(4));
        assertThat(TimeReader.answer("1 day a week basically", null, ShareUnit.PERCENT).orElseThrow().share())
                .isEqualTo(Share.percent(20));
        assertThat(TimeReader.answer("~15%", null, null).orElseThrow().share()).isEqualTo(Share.percent(15));
        assertThat(TimeReader.shiftLength(TimeReader.plainAnswer("10 hrs usually, sometimes 12"))).contains(10.0);
        assertThat(TimeReader.answer("about the same as docketing", null, ShareUnit.PERCENT)).isEmpty();
        assertThat(TimeReader.answer("ordering parts", null, ShareUnit.PERCENT)).isEmpty();
        assertThat(TimeReader.answer("60 pallets", null, ShareUnit.PERCENT)).isEmpty();
    }
}
