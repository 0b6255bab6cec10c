package rolecraft.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
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

/** What people type shows as text in Teams: no link, image or emphasis made from it in a card or a message. */
class TeamsCardsTest {

    private static final String HOSTILE = "[the real report](https://evil.example) ![x](https://evil.example/p.png) "
            + "<a href=\"https://evil.example\">click</a> **loud** _soft_ `code` # Heading";
    /** Markdown that would render as a link or image: [text](url) with no backslash before its brackets. */
    private static final Pattern LIVE_LINK = Pattern.compile("(?<!\\\\)\\[[^\\]]*(?<!\\\\)\\]\\(");

    private final TeamsCards cards = new TeamsCards(Prompts.builtIn());
    private final Prompts.PersonFormat people = id -> "Eve [boss](https://evil.example)";

    private static Draft hostileDraft() {
        Instant now = Instant.parse("2026-01-31T10:00:00Z");
        Classification c = new Classification(Exposure.E2, AiRole.AUGMENT, Capability.JUDGMENT, 0.8,
                "because " + HOSTILE, new Evidence(HOSTILE, "Analyst", Exposure.E1));
        return new Draft(7L, 2, Status.SUBMITTED, "teams:29:a", "teams:29:b", "Analyst " + HOSTILE,
                List.of(Task.proposed("Prepare " + HOSTILE, Share.percent(100), c)), List.of(), now, now, null, null);
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            if ("TextBlock".equals(node.path("type").asText())) {
                out.add(node.path("text").asText());
            }
            node.forEach(child -> out.addAll(texts(child)));
        } else if (node.isArray()) {
            node.forEach(child -> out.addAll(texts(child)));
        }
        return out;
    }

    @Test
    void links_and_emphasis_typed_into_a_draft_are_escaped_in_the_managers_card() {
        Draft d = hostileDraft();
        Reply notice = Reply.of(Say.NOTICE_NEW_DRAFT, Map.of("employee", Map.of("@person", d.employee()),
                "draft", Views.draft(d, null), "ref", Map.of("role", 7, "version", 2)));
        ObjectNode card = cards.card(notice, people);
        List<String> shown = new ArrayList<>(texts(card));
        shown.addAll(texts(cards.card(Reply.of(Say.REVIEW, Map.of("tasks", Views.review(d), "count", 1)), people)));
        assertThat(shown).isNotEmpty();
        String all = String.join("\n", shown);
        assertThat(all).contains("\\[the real report\\]\\(https\\://evil.example\\)", "\\<a href",
                "\\*\\*loud\\*\\*", "\\_soft\\_", "\\`code\\`", "\\# Heading", "Eve \\[boss\\]");
        for (String text : shown) {
            assertThat(text).as(text).doesNotContainPattern(LIVE_LINK).doesNotContainPattern("(?<!\\\\)<a ");
        }
        // The template's own emphasis is kept: the task line is bold around the escaped text.
        assertThat(all).contains("**1. Prepare \\[the real report\\]");
    }

    @Test
    void a_plain_teams_message_escapes_what_people_typed_and_their_names() {
        String text = TeamsText.render(Prompts.builtIn(), Reply.of(Say.TASKS_ADDED, Map.of("problems",
                List.of(Map.of("text", HOSTILE, "too_long", true)))), people);
        assertThat(text).doesNotContainPattern(LIVE_LINK).contains("\\[the real report\\]");
        String welcome = TeamsText.render(Prompts.builtIn(), "teams_welcome", Map.of("name", "[Admin](https://x.example)"),
                people);
        assertThat(welcome).doesNotContainPattern(LIVE_LINK).contains("Hi \\[Admin\\]");
    }

    @Test
    void reading_mention_tags_costs_work_in_proportion_to_the_message() {
        for (String unit : List.of("<at>", "<at>x", "<AT>a b ")) {
            String small = unit.repeat(1000 / unit.length());
            String large = unit.repeat(4000 / unit.length());
            long smallReads = readsToReplaceTags(small);
            long largeReads = readsToReplaceTags(large);
            // A name read to the end from each "<at>" would be read thousands of times over.
            assertThat(largeReads).as(unit).isLessThan(40L * large.length());
            assertThat((double) largeReads / smallReads).as(unit).isLessThan(1.5 * large.length() / small.length());
        }
        assertThat(TeamsSurface.AT_TAG.matcher("<at>Bob</at>, <at>x <at>Ann Lee</AT> hi").replaceAll("@$1"))
                .isEqualTo("@Bob, <at>x @Ann Lee hi");
    }

    private static long readsToReplaceTags(String text) {
        long[] reads = new long[1];
        CharSequence counting = new CharSequence() {
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
        };
        TeamsSurface.AT_TAG.matcher(counting).replaceAll("@$1");
        return reads[0];
    }
}
