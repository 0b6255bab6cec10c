package rolecraft.bot.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.SoftAssertions;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import rolecraft.bot.understand.LeadIns;
import rolecraft.bot.understand.MessageKind;
import rolecraft.bot.understand.TimeReader;
import rolecraft.bot.understand.Worries;
import rolecraft.bot.understand.WorryMeaning;

/**
 * Every pattern the readers of people's messages hold, found by looking (so a new one is checked too), runs in time
 * linear in what it reads, on text shaped to make a backtracking pattern rescan runs of what it looks for.
 */
class PatternsLinearTest {

    private static final List<Class<?>> READERS = List.of(TaskListReader.class, TaskLines.class, TaskEdits.class,
            UnsureAnswers.class, Contradictions.class, TimeAfter.class, QuestionPlan.class, Shares.class, Engine.class,
            TimeReader.class, MessageKind.class, Worries.class, LeadIns.class,
            WorryMeaning.class);

    private static final String[] UNITS = {" ", "a ", "1 ", "5h ", "5%", "- ", ", ", "; ", "and ", "rest ", "the ",
            "idk ", "like ", "20 ", "1/", "half ", "of my ", "per ", "drop 1 ", "2 human ", ": ", "x", ". ", "?", "'",
            "(", "\u2019", "out of ", "12 hr ", "to ", "sorry ", "talk to "};
    private static final String[][] AROUND = {{"", ""}, {"Task ", ""}, {"", "x"}, {"", "5h"}, {"40% ", " rest x"}};

    private static List<Pattern> patterns() throws IllegalAccessException {
        List<Pattern> out = new ArrayList<>();
        for (Class<?> reader : READERS) {
            List<Class<?>> classes = new ArrayList<>(List.of(reader));
            classes.addAll(List.of(reader.getDeclaredClasses()));
            for (Class<?> c : classes) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) && f.getType() == Pattern.class) {
                        f.setAccessible(true);
                        out.add((Pattern) f.get(null));
                    }
                }
            }
        }
        return out;
    }

    private static long reads(Pattern p, String text) {
        CountingChars chars = new CountingChars(text);
        Matcher m = p.matcher(chars);
        while (m.find()) {
            if (m.end() == m.start() && m.end() >= chars.length()) {
                break;
            }
        }
        m.reset();
        m.matches();
        m.reset();
        m.lookingAt();
        return chars.reads();
    }

    @Test
    void every_pattern_reads_a_message_in_time_linear_in_its_length() throws IllegalAccessException {
        List<Pattern> all = patterns();
        assertThat(all).hasSizeGreaterThan(40);
        SoftAssertions softly = new SoftAssertions();
        for (Pattern p : all) {
            for (String unit : UNITS) {
                for (String[] around : AROUND) {
                    String small = around[0] + unit.repeat(500 / unit.length()) + around[1];
                    String large = around[0] + unit.repeat(2000 / unit.length()) + around[1];
                    long smallReads = reads(p, small);
                    long largeReads = reads(p, large);
                    String form = p.pattern() + " on [" + around[0] + "](" + unit + ")*[" + around[1] + "]";
                    softly.assertThat(largeReads).as(form).isLessThan(80L * large.length());
                    softly.assertThat((double) largeReads / Math.max(1, smallReads)).as(form)
                            .isLessThan(1.6 * large.length() / small.length());
                }
            }
        }
        softly.assertAll();
    }
}
