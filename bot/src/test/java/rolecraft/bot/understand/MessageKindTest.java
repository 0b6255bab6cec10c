package rolecraft.bot.understand;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import rolecraft.bot.engine.CountingChars;
import rolecraft.bot.understand.MessageKind.Kind;

class MessageKindTest {

    private static Kind kind(String text) {
        return MessageKind.read(text).kind();
    }

    @Test
    void worries_are_told_from_content_with_their_theme() {
        assertThat(MessageKind.read("is this to replace me??").theme()).isEqualTo(Worries.Theme.REPLACEMENT);
        assertThat(MessageKind.read("honestly is this about cutting nurse staffing??").theme())
                .isEqualTo(Worries.Theme.REPLACEMENT);
        assertThat(MessageKind.read("is this going to be used in my evaluation?").theme())
                .isEqualTo(Worries.Theme.EVALUATION);
        assertThat(MessageKind.read("who sees this?").theme()).isEqualTo(Worries.Theme.WHO_SEES);
        for (String asked : new String[] {"will my manager see all of this?", "can HR see my answers", "is this confidential?",
                "will any of this be shared?", "who gets this when I'm done", "does my boss get to see it",
                "will dr liu see everything i write here??", "can kwame read this"}) {
            assertThat(MessageKind.read(asked).theme()).as(asked).isEqualTo(Worries.Theme.WHO_SEES);
        }
        assertThat(MessageKind.read("make sure the team sees the schedule").kind()).isEqualTo(MessageKind.Kind.OTHER);
        assertThat(MessageKind.read("checking the drivers can read the new rota").kind()).isEqualTo(MessageKind.Kind.OTHER);
        for (String asked : new String[] {"honestly is this gonna be used to cut techs?", "will AI take over my role",
                "are they using this to get rid of us", "so they can fire people?", "is it going to replace drivers"}) {
            assertThat(MessageKind.read(asked).theme()).as(asked).isEqualTo(Worries.Theme.REPLACEMENT);
        }
        for (String work : new String[] {"cutting hair and colouring", "replacing filters on units",
                "cut and replace damaged pipe"}) {
            assertThat(MessageKind.read(work).kind()).as(work).isEqualTo(MessageKind.Kind.OTHER);
        }
        assertThat(MessageKind.read("can I talk to a real person before it goes to my manager?").theme())
                .isEqualTo(Worries.Theme.HUMAN_CONTACT);
        assertThat(MessageKind.read("why am i even doing this").theme()).isEqualTo(Worries.Theme.WHY);
    }

    @Test
    void replies_that_are_not_content_are_told_apart() {
        assertThat(kind("idk it varies a lot")).isEqualTo(Kind.VAGUE);
        assertThat(kind("stuff")).isEqualTo(Kind.VAGUE);
        assertThat(kind("sorry, had to run")).isEqualTo(Kind.APOLOGY);
        assertThat(kind("sry busy service")).isEqualTo(Kind.APOLOGY);
        assertThat(kind("no wait those are like 7 different things")).isEqualTo(Kind.CORRECTION);
        assertThat(kind("nah keep it")).isEqualTo(Kind.CORRECTION);
        assertThat(kind("👍")).isEqualTo(Kind.SMALL_TALK);
        assertThat(kind("thx")).isEqualTo(Kind.SMALL_TALK);
        assertThat(kind("what do you mean by share?")).isEqualTo(Kind.QUESTION);
    }

    @Test
    void off_topic_requests_are_told_from_work_that_names_the_same_things() {
        assertThat(kind("what's the weather")).isEqualTo(Kind.OFF_TOPIC);
        assertThat(kind("tell me a joke")).isEqualTo(Kind.OFF_TOPIC);
        assertThat(kind("lol who won the game last night")).isEqualTo(Kind.OFF_TOPIC);
        assertThat(kind("how are you?")).isEqualTo(Kind.OFF_TOPIC);
        assertThat(kind("are you a bot")).isEqualTo(Kind.OFF_TOPIC);
        assertThat(kind("football coaching 40%")).isEqualTo(Kind.OTHER);
        assertThat(kind("reading the weather forecast for outdoor lessons")).isEqualTo(Kind.OTHER);
        assertThat(kind("Weather Forecaster")).isEqualTo(Kind.OTHER);
        assertThat(kind("telling the story of the match in 600 words")).isEqualTo(Kind.OTHER);
    }

    @Test
    void a_command_with_one_slip_is_named() {
        assertThat(MessageKind.read("lsit").command()).isEqualTo("list");
        assertThat(MessageKind.read("dnoe").command()).isEqualTo("done");
        assertThat(MessageKind.read("donee").command()).isEqualTo("done");
        assertThat(MessageKind.read("sumbit").command()).isEqualTo("submit");
        assertThat(kind("done")).isEqualTo(Kind.OTHER);
    }

    @Test
    void tasks_and_answers_are_content() {
        assertThat(kind("Answering GP queries 10%")).isEqualTo(Kind.OTHER);
        assertThat(kind("benefits questions 30%")).isEqualTo(Kind.OTHER);
        assertThat(kind("Stuffing envelopes for the mail-out")).isEqualTo(Kind.OTHER);
        assertThat(kind("finding the story nobody else has")).isEqualTo(Kind.OTHER);
        assertThat(kind("Budget sign-offs")).isEqualTo(Kind.OTHER);
        assertThat(kind("headcount planning 10%")).isEqualTo(Kind.WORRY);
    }

    /** Messages shaped to make a backtracking pattern rescan runs of the words and separators the readers look for. */
    private static final String[] HOSTILE_UNITS = {" ", "a ", "sorry ", "no ", "idk ", "what ", "is ", "?", "!", "'",
            "replace ", "who ", "talk to ", "real ", "cut ", "my ", "\u2019", "hi ", "x", "a\n", ". ", "weather "};

    private static long readsToKnow(String message) {
        CountingChars chars = new CountingChars(message);
        MessageKind.read(chars);
        return chars.reads();
    }

    @Test
    void reading_a_message_costs_work_in_proportion_to_its_length_whatever_it_holds() {
        for (String unit : HOSTILE_UNITS) {
            for (String[] around : new String[][] {{"", ""}, {"why ", ""}, {"", "x"}, {"can you ", " weather"}}) {
                String small = around[0] + unit.repeat(1000 / unit.length()) + around[1];
                String large = around[0] + unit.repeat(4000 / unit.length()) + around[1];
                long smallReads = readsToKnow(small);
                long largeReads = readsToKnow(large);
                String form = "[" + around[0] + "](" + unit + ")*[" + around[1] + "]";
                assertThat(largeReads).as(form).isLessThan(60L * large.length());
                // Four times the length, about four times the work: not sixteen.
                assertThat((double) largeReads / smallReads).as(form).isLessThan(1.5 * large.length() / small.length());
            }
        }
    }
}
