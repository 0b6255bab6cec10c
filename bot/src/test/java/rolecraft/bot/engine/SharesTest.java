package rolecraft.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.Task;

class SharesTest {

    private static Task task(String text, Share share) {
        return Task.proposed(text, share, Classification.unknown());
    }

    @Test
    void percentages_that_add_up_are_kept() {
        Shares.Normalised n = Shares.normalise(List.of(task("a", Share.percent(60)), task("b", Share.percent(40))));
        assertThat(n.kind()).isEqualTo(Shares.Kind.AS_GIVEN);
        assertThat(n.rescaled()).isFalse();
        assertThat(n.percent()).containsExactly(60.0, 40.0);
    }

    @Test
    void percentages_that_do_not_add_up_are_rescaled() {
        Shares.Normalised n = Shares.normalise(List.of(task("a", Share.percent(60)), task("b", Share.percent(60))));
        assertThat(n.kind()).isEqualTo(Shares.Kind.RESCALED);
        assertThat(n.rescaled()).isTrue();
        assertThat(n.rawTotal()).isEqualTo(120.0);
        assertThat(n.percent()[0]).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void hours_become_shares_of_their_total() {
        Shares.Normalised n = Shares.normalise(List.of(task("a", Share.hours(30)), task("b", Share.hours(10))));
        assertThat(n.kind()).isEqualTo(Shares.Kind.FROM_HOURS);
        assertThat(n.percent()[0]).isCloseTo(75.0, within(1e-9));
        assertThat(n.percent()[1]).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void mixed_units_count_hours_against_a_forty_hour_week() {
        Shares.Normalised n = Shares.normalise(List.of(task("a", Share.percent(50)), task("b", Share.hours(20))));
        assertThat(n.kind()).isEqualTo(Shares.Kind.MIXED);
        assertThat(n.percent()[0]).isCloseTo(50.0, within(1e-9));
        assertThat(n.percent()[1]).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void a_missing_share_makes_the_list_incomplete() {
        Shares.Normalised n = Shares.normalise(List.of(task("a", Share.percent(50)), task("b", null)));
        assertThat(n.kind()).isEqualTo(Shares.Kind.INCOMPLETE);
    }

    @Test
    void rounded_shares_always_add_up_to_one_hundred() {
        int[] r = Shares.rounded(new double[] {100 / 3.0, 100 / 3.0, 100 / 3.0});
        assertThat(Arrays.stream(r).sum()).isEqualTo(100);
        int[] r2 = Shares.rounded(new double[] {16.6, 16.6, 16.6, 16.6, 16.6, 17.0});
        assertThat(Arrays.stream(r2).sum()).isEqualTo(100);
    }
}
