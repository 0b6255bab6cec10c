package rolecraft.adapters.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.element.ButtonElement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rolecraft.adapters.slack.SlackBlocks.SlackMessage;
import rolecraft.bot.Prompts;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.Evidence;
import rolecraft.bot.domain.Exposure;
import rolecraft.bot.domain.Reply;
import rolecraft.bot.domain.Say;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.Status;
import rolecraft.bot.domain.Task;
import rolecraft.bot.engine.Views;

class SlackBlocksTest {

    @TempDir
    Path dir;

    private final SlackBlocks blocks = new SlackBlocks(Prompts.builtIn());

    /** A submitted draft of {@code n} tasks with the longest texts the store takes. */
    private static Draft longDraft(int n) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = ("Task " + i + " prepare & reconcile <the> monthly numbers ").repeat(8).substring(0, 299);
            Classification c = new Classification(Exposure.E2, AiRole.values()[i % 3], Capability.JUDGMENT, 0.8,
                    "r".repeat(990), new Evidence("e".repeat(990), "Analyst", Exposure.E1));
            tasks.add(Task.proposed(text, Share.percent(100.0 / n), c));
        }
        Instant now = Instant.parse("2026-01-31T10:00:00Z");
        return new Draft(7L, 2, Status.SUBMITTED, "slack:T1:U1", "slack:T1:U2", "Financial Analyst", tasks, List.of(),
                now, now, null, null);
    }

    private static void assertWithinLimits(List<SlackMessage> messages) {
        assertThat(messages).isNotEmpty();
        for (SlackMessage m : messages) {
            assertThat(m.text()).isNotBlank();
            assertThat(m.text().length()).isLessThanOrEqualTo(SlackBlocks.MAX_FALLBACK).isLessThan(40_000);
            assertThat(m.blocks().size()).isLessThanOrEqualTo(SlackBlocks.MAX_BLOCKS);
            for (LayoutBlock b : m.blocks()) {
                if (b instanceof SectionBlock s) {
                    assertThat(s.getText().getText().length()).isLessThanOrEqualTo(SlackBlocks.MAX_SECTION);
                }
                if (b instanceof ActionsBlock a) {
                    a.getElements().forEach(e -> assertThat(((ButtonElement) e).getText().getText().length())
                            .isLessThanOrEqualTo(SlackBlocks.MAX_BUTTON));
                }
            }
        }
    }

    private static String allText(List<SlackMessage> messages) {
        StringBuilder b = new StringBuilder();
        for (SlackMessage m : messages) {
            for (LayoutBlock block : m.blocks()) {
                if (block instanceof SectionBlock s) {
                    b.append(s.getText().getText()).append('\n');
                }
            }
        }
        return b.toString();
    }

    @Test
    void a_forty_task_review_with_the_longest_texts_keeps_within_slack_limits_and_shows_every_task() {
        Draft d = longDraft(40);
        List<SlackMessage> messages = blocks.messages(Reply.of(Say.REVIEW,
                Map.of("tasks", Views.review(d), "count", 40)));
        assertWithinLimits(messages);
        String all = allText(messages);
        for (int i = 1; i <= 40; i++) {
            assertThat(all).contains("*" + i + ". Task " + (i - 1) + " prepare");
        }
        assertThat(all).contains("&amp; reconcile &lt;the&gt;").doesNotContain("<the>");
    }

    @Test
    void a_forty_task_card_keeps_within_limits_and_its_last_message_carries_both_buttons() {
        Draft d = longDraft(40);
        Reply notice = Reply.of(Say.NOTICE_NEW_DRAFT, Map.of("employee", Map.of("@person", d.employee()),
                "draft", Views.draft(d, null), "ref", Map.of("role", 7, "version", 2)));
        List<SlackMessage> card = blocks.card(notice);
        assertWithinLimits(card);
        assertThat(card.get(0).text()).contains("<@U1> sent you their role redesign");
        List<LayoutBlock> last = card.get(card.size() - 1).blocks();
        assertThat(last.get(last.size() - 1)).isInstanceOfSatisfying(ActionsBlock.class, a -> {
            assertThat(a.getElements()).extracting(e -> ((ButtonElement) e).getActionId())
                    .containsExactly(SlackBlocks.APPROVE, SlackBlocks.CHANGES);
            assertThat(a.getElements()).allSatisfy(e -> assertThat(((ButtonElement) e).getValue()).isEqualTo("7:2"));
        });
        assertThat(SlackBlocks.parseRef("7:2")).isEqualTo(new rolecraft.bot.domain.VersionRef(7, 2));
    }

    @Test
    void the_managers_card_shows_every_task_with_its_share_call_and_the_employees_reason_within_limits() {
        Draft v1 = longDraft(40);
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Task t = v1.tasks().get(i);
            AiRole other = t.aiRole() == AiRole.HUMAN ? AiRole.AUGMENT : AiRole.HUMAN;
            tasks.add(t.settle(other, Capability.RELATIONSHIPS, ("reason " + i + " <@U9> & more ").repeat(30)
                    .substring(0, 500)));
        }
        Draft v2 = new Draft(7L, 3, Status.SUBMITTED, v1.employee(), v1.manager(), "Senior Financial Analyst", tasks,
                List.of(new rolecraft.bot.domain.Answer(rolecraft.bot.domain.Question.IDENTITY, "the numbers")),
                v1.createdAt(), v1.submittedAt(), null, null);
        Reply notice = Reply.of(Say.NOTICE_NEW_DRAFT, Map.of("employee", Map.of("@person", v2.employee()),
                "draft", Views.draft(v2, v1), "ref", Map.of("role", 7, "version", 3)));
        List<SlackMessage> card = blocks.card(notice);
        assertWithinLimits(card);
        String all = allText(card);
        assertThat(all).contains("*Tasks, with their share of the week and AI's part*");
        for (int i = 0; i < 40; i++) {
            String call = tasks.get(i).aiRole().word();
            assertThat(all).containsPattern("(?m)^  " + (i + 1) + "\\. Task " + i + " prepare[^\\n]*: [23]% · " + call
                    + " · relationships · changed by <@U1> from ");
            assertThat(all).contains("why: reason " + i + " &lt;@U9&gt; &amp; more");
        }
        assertThat(all).contains("changed by <@U1> from", "Changes since version 2",
                "~ title: Financial Analyst → Senior Financial Analyst", "what makes the work theirs: now answered")
                .doesNotContain("<@U9>");
        List<LayoutBlock> last = card.get(card.size() - 1).blocks();
        assertThat(last.get(last.size() - 1)).isInstanceOf(ActionsBlock.class);
    }

    @Test
    void a_long_draft_is_sections_with_bold_headings_within_limits() {
        Draft d = longDraft(40);
        List<SlackMessage> messages = blocks.messages(Reply.of(Say.DRAFT, Map.of("draft", Views.draft(d, null))));
        assertWithinLimits(messages);
        assertThat(allText(messages)).contains("*Purpose*").contains("*Responsibilities*");
    }

    @Test
    void button_labels_from_long_templates_are_cut_to_slack_s_limit() throws IOException {
        Files.writeString(dir.resolve("slack_button_approve.txt"), "Approve ".repeat(20));
        SlackBlocks custom = new SlackBlocks(Prompts.load(dir));
        Reply notice = Reply.of(Say.NOTICE_NEW_DRAFT, Map.of("employee", Map.of("@person", "slack:T1:U1"),
                "draft", Views.draft(longDraft(2), null), "ref", Map.of("role", 1, "version", 1)));
        assertWithinLimits(custom.card(notice));
    }

    @Test
    void a_plain_reply_is_text_only_and_a_very_long_one_becomes_sections() {
        List<SlackMessage> help = blocks.messages(Reply.of(Say.HELP, Map.of("at_idle", true)));
        assertThat(help).singleElement().satisfies(m -> {
            assertThat(m.blocks()).isEmpty();
            assertThat(m.text()).contains("start");
        });
        String longText = ("A line of text that goes on. ".repeat(20) + "\n").repeat(30);
        List<SlackMessage> split = blocks.plain(longText);
        assertWithinLimits(split);
        assertThat(split.get(0).blocks().size()).isGreaterThan(1);
    }

    @Test
    void the_outcome_of_a_decision_has_no_buttons() {
        SlackMessage outcome = blocks.outcome(Reply.of(Say.DECIDED, Map.of("approved", true,
                "employee", Map.of("@person", "slack:T1:U1"), "title", "Analyst", "version", 1)));
        assertThat(outcome.text()).startsWith("Approved: <@U1>'s Analyst, version 1.");
        assertThat(outcome.blocks()).noneMatch(b -> b instanceof ActionsBlock);
    }

    @Test
    void mentions_become_person_ids_and_text_is_escaped_around_them() {
        assertThat(SlackPeople.mentions("my boss is <@U2|bob> and <@W3>, cc <@UBOT> <@U2>", "T1", "UBOT"))
                .containsExactly("slack:T1:U2", "slack:T1:W3");
        assertThat(SlackPeople.unescape("R&amp;D &lt;team&gt;")).isEqualTo("R&D <team>");
        // A mention typed by a person is text: only FORMAT, from an id Slack gave, writes a live one.
        assertThat(SlackPeople.escape("R&D <b> with <@U2>")).isEqualTo("R&amp;D &lt;b&gt; with &lt;@U2&gt;");
        assertThat(SlackPeople.FORMAT.name("slack:T1:U2")).isEqualTo("<@U2>");
        assertThat(SlackPeople.FORMAT.name("local:bob")).isEqualTo("bob");
    }

    @Test
    void every_template_the_slack_package_uses_exists() throws IOException {
        Pattern key = Pattern.compile("\"(slack_[a-z_]+)\"");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/java/rolecraft/adapters/slack"))) {
            for (Path f : files.toList()) {
                Matcher m = key.matcher(Files.readString(f));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).contains("slack_review_task", "slack_home_intro", "slack_export_refused");
        Prompts prompts = Prompts.builtIn();
        assertThat(used).allSatisfy(k -> assertThat(prompts.has(k)).as(k).isTrue());
    }

    /** What a person might type to ping, link or disguise a link in someone else's Slack. */
    private static final String HOSTILE = "Ping <@U999> <!here> <!channel> <!subteam^S1> <#C123> "
            + "<https://evil.example|the real report> &amp; done";

    private static Draft hostileDraft() {
        Instant now = Instant.parse("2026-01-31T10:00:00Z");
        Classification c = new Classification(Exposure.E2, AiRole.AUGMENT, Capability.JUDGMENT, 0.8,
                "because " + HOSTILE, new Evidence(HOSTILE, "Analyst", Exposure.E1));
        return new Draft(7L, 2, Status.SUBMITTED, "slack:T1:U1", "slack:T1:U2", "Analyst " + HOSTILE,
                List.of(Task.proposed("Prepare " + HOSTILE, Share.percent(100), c)), List.of(), now, now, null, null);
    }

    /** Every text a Slack payload shows: block texts and fallbacks. */
    private static List<String> texts(List<SlackMessage> messages) {
        List<String> out = new ArrayList<>();
        for (SlackMessage m : messages) {
            out.add(m.text());
            for (LayoutBlock b : m.blocks()) {
                if (b instanceof SectionBlock section) {
                    out.add(section.getText().getText());
                    assertThat(((com.slack.api.model.block.composition.MarkdownTextObject) section.getText())
                            .getVerbatim()).as("a section is verbatim, so typed #channels and URLs stay text")
                            .isTrue();
                }
            }
        }
        return out;
    }

    @Test
    void mentions_and_links_typed_into_a_draft_stay_text_in_the_managers_card() {
        Draft d = hostileDraft();
        Reply notice = Reply.of(Say.NOTICE_NEW_DRAFT, Map.of("employee", Map.of("@person", d.employee()),
                "draft", Views.draft(d, null), "ref", Map.of("role", 7, "version", 2)));
        List<String> shown = new ArrayList<>(texts(blocks.card(notice)));
        shown.addAll(texts(blocks.messages(Reply.of(Say.REVIEW, Map.of("tasks", Views.review(d), "count", 1)))));
        shown.addAll(texts(blocks.messages(Reply.of(Say.TASKS_ADDED, Map.of("problems",
                List.of(Map.of("text", HOSTILE, "too_long", true)))))));
        assertThat(String.join("\n", shown)).contains("&lt;@U999&gt;", "&lt;!here&gt;",
                        "&lt;https://evil.example|the real report&gt;", "&amp;amp;")
                // The employee, whom the template names, is still a live mention.
                .contains("<@U1>");
        for (String text : shown) {
            // Mrkdwn makes a live mention, channel or link only from "<...>": none is left but the employee's.
            assertThat(text.replace("<@U1>", "")).as(text).doesNotContain("<");
        }
    }

    @Test
    void reading_mentions_costs_work_in_proportion_to_the_message() {
        for (String unit : List.of("<@U1|", "<@U1|x", "<@W2|a b ")) {
            String small = unit.repeat(1000 / unit.length());
            String large = unit.repeat(4000 / unit.length());
            long smallReads = readsToFindMentions(small);
            long largeReads = readsToFindMentions(large);
            // A label read to the end from each "<@U1|" would be read thousands of times over.
            assertThat(largeReads).as(unit).isLessThan(20L * large.length());
            assertThat((double) largeReads / smallReads).as(unit).isLessThan(1.5 * large.length() / small.length());
        }
        assertThat(SlackPeople.mentions("<@U1|<@U2|bob> <@U3|carol>", "T1", null))
                .containsExactly("slack:T1:U2", "slack:T1:U3");
    }

    private static long readsToFindMentions(String text) {
        long[] reads = new long[1];
        SlackPeople.mentions(new Counting(text, reads), "T1", null);
        return reads[0];
    }

    /** Text that counts the characters read from it. */
    private record Counting(String text, long[] reads) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            reads[0]++;
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
