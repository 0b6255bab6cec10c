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
import rolecraft.bot.domain.Answer;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Classification;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.Evidence;
import rolecraft.bot.domain.Exposure;
import rolecraft.bot.domain.Question;
import rolecraft.bot.domain.Reply;
import rolecraft.bot.domain.Say;
import rolecraft.bot.domain.Share;
import rolecraft.bot.domain.Status;
import rolecraft.bot.domain.Task;
import rolecraft.bot.domain.VersionRef;
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

    private static Classification call(Exposure e, AiRole role, Capability cap, String reason) {
        return new Classification(e, role, cap, 0.8, reason, null);
    }

    /** Version 2 of a role, with tasks of each kind, its answers, and version 1 before it (one task re-shared). */
    static Map<String, Object> secondVersion() {
        Instant now = Instant.parse("2026-01-31T10:00:00Z");
        Task report = Task.proposed("Prepare the monthly report", Share.percent(40),
                call(Exposure.E1, AiRole.AUTOMATE, null, "routine data work"));
        Task review = Task.proposed("Review supplier contracts", Share.percent(30),
                call(Exposure.E2, AiRole.AUGMENT, Capability.JUDGMENT, "AI drafts, you judge"));
        Task coach = Task.proposed("Coach new analysts", Share.percent(30),
                call(Exposure.E0, AiRole.HUMAN, Capability.RELATIONSHIPS, "people work"));
        Draft v1 = new Draft(7L, 1, Status.CHANGES_REQUESTED, "teams:t:alice", "teams:t:bea", "Analyst",
                List.of(report.withShare(Share.percent(60)), coach.withShare(Share.percent(40))), List.of(), now, now,
                now, null);
        Draft v2 = new Draft(7L, 2, Status.SUBMITTED, "teams:t:alice", "teams:t:bea", "Analyst",
                List.of(report, review, coach), List.of(new Answer(Question.IDENTITY, "I know every client by name"),
                new Answer(Question.SKILLS, "negotiation"),
                new Answer(Question.TACIT_KNOWLEDGE, "the quarter-end tricks")),
                now, now, null, null);
        return Views.draft(v2, v1);
    }

    private static String shown(JsonNode card) {
        List<String> out = new ArrayList<>(texts(card));
        card.findValues("facts").forEach(facts -> facts.forEach(f -> out.add(f.path("title").asText() + ": "
                + f.path("value").asText())));
        return String.join("\n", out);
    }

    @Test
    void the_managers_card_shows_the_whole_draft_in_its_own_blocks_not_only_in_the_fallback_text() {
        Map<String, Object> d = secondVersion();
        Prompts.PersonFormat names = id -> id.endsWith("alice") ? "Alice Able" : "Bea Boss";
        ObjectNode card = cards.manager(d, new VersionRef(7, 2), TeamsCards.View.DECIDE, null, List.of("29:bea"),
                names);
        assertThat(card.has("fallbackText")).isFalse();
        String all = shown(card);
        assertThat(all).contains(
                // purpose, with what makes the work theirs
                "Purpose", "Alice Able works as Analyst", "What makes the work theirs: I know every client by name",
                // the time table, before and after
                "Time, before → after", "automate: 40% → about 8%", "human: 30% (unchanged)",
                "freed for new work: about 34–51% (estimate)", "oversight: 40% → about 8%",
                // each task with its call
                "**1. Prepare the monthly report** (40%)", "→ automate", "**2. Review supplier contracts** (30%)",
                "augment · judgment",
                "Responsibilities", "- Coach new analysts (relationships)",
                "Delegated to AI, and how it is overseen",
                "- Prepare the monthly report: AI does it, Alice Able checks the output",
                "Skills to build", "- negotiation", "Knowledge sharing", "the quarter\\-end tricks",
                "How success is measured", "Prepare the monthly report 40%; Review supplier contracts 30%",
                "- Review with the manager after three months",
                "Changes since version 1", "- added: Review supplier contracts (30%)",
                "- re-shared: Prepare the monthly report 60% → 40%");
        // The sections come in the draft's order, the changes first.
        assertThat(all.indexOf("Changes since version 1")).isLessThan(all.indexOf("Purpose"));
        assertThat(all.indexOf("Purpose")).isLessThan(all.indexOf("Responsibilities"));
        assertThat(all.indexOf("Skills to build")).isLessThan(all.indexOf("How success is measured"));
        // Version 1 has nothing to compare with: no changes section.
        Map<String, Object> first = new java.util.LinkedHashMap<>(d);
        first.remove("changes");
        assertThat(shown(cards.manager(first, new VersionRef(7, 1), TeamsCards.View.DECIDE, null, List.of(), names)))
                .doesNotContain("Changes since");
    }

    /** The manager reads whose call a changed one is, and the reason the employee gave for it, in their words. */
    @Test
    void a_call_the_employee_changed_shows_on_the_managers_card_as_theirs_with_their_reason() {
        Instant now = Instant.parse("2026-01-31T10:00:00Z");
        Task report = Task.proposed("Prepare the monthly report", Share.percent(60),
                call(Exposure.E1, AiRole.AUTOMATE, null, "routine data work"))
                .settle(AiRole.AUGMENT, Capability.JUDGMENT, "the board asks me about every figure");
        Task coach = Task.proposed("Coach new analysts", Share.percent(40),
                call(Exposure.E0, AiRole.HUMAN, Capability.RELATIONSHIPS, "people work"));
        Draft v1 = new Draft(7L, 1, Status.SUBMITTED, "teams:t:alice", "teams:t:bea", "Analyst",
                List.of(report, coach), List.of(), now, now, null, null);
        Prompts.PersonFormat names = id -> id.endsWith("alice") ? "Alice Able" : "Bea Boss";
        String shown = shown(cards.manager(Views.draft(v1, null), new VersionRef(7, 1), TeamsCards.View.DECIDE, null,
                List.of("29:bea"), names));
        assertThat(shown).contains("changed by Alice Able from automate")
                .contains("Alice Able's reason: the board asks me about every figure")
                .doesNotContain("your call");
    }

    @Test
    void each_view_of_the_managers_card_has_only_what_that_person_may_do() {
        Map<String, Object> d = secondVersion();
        VersionRef ref = new VersionRef(7, 2);
        ObjectNode decide = cards.manager(d, ref, TeamsCards.View.DECIDE, null, List.of("29:bea"), people);
        ObjectNode waiting = cards.manager(d, ref, TeamsCards.View.WAITING, null, List.of("29:bea"), people);
        ObjectNode decided = cards.manager(d, ref, TeamsCards.View.DECIDED, Map.of("approved", true,
                "manager", Map.of("@person", "teams:t:bea"), "version", 2, "date", "2026-02-01", "comment", "Nice"),
                List.of(), people);
        assertThat(decide.path("actions")).hasSize(2);
        assertThat(decide.toString()).contains("Input.Text");
        for (ObjectNode readOnly : List.of(waiting, decided)) {
            assertThat(readOnly.has("actions")).isFalse();
            assertThat(readOnly.toString()).doesNotContain("Input.Text").contains("Review supplier contracts");
        }
        assertThat(waiting.path("refresh").path("userIds").get(0).asText()).isEqualTo("29:bea");
        assertThat(decided.has("refresh")).as("a decided card no longer changes").isFalse();
        ObjectNode status = cards.manager(d, ref, TeamsCards.View.STATUS, null, List.of("29:bea"), people);
        assertThat(status.has("actions")).isFalse();
        assertThat(shown(status)).contains(
                "Eve \\[boss\\]\\(https\\://evil.example\\)'s role redesign: Analyst, version 2", "Waiting for")
                .doesNotContain("Review supplier contracts", "Purpose", "asks you to approve");
        assertThat(shown(decided)).doesNotContain("asks you to approve");
        assertThat(shown(decided)).contains("Approved",
                "approved version 2 on 2026\\-02\\-01. Their comment: \"Nice\"");
    }

    /** Version 1 of forty tasks of 300 characters each (the longest a task may be), every call spelled out. */
    static Map<String, Object> fortyLongTasks() {
        Instant now = Instant.parse("2026-01-31T10:00:00Z");
        List<Task> tasks = new ArrayList<>();
        AiRole[] roles = AiRole.values();
        for (int i = 0; i < 40; i++) {
            String text = ("Task " + i + " prepares, reconciles and explains the figures of the regional offices "
                    + "to the board, with every exception written up in full and checked twice ").repeat(3)
                    .substring(0, rolecraft.bot.engine.TaskLines.MAX_TEXT);
            AiRole role = roles[i % 3];
            tasks.add(Task.proposed(text, Share.percent(2.5), new Classification(Exposure.E2, role,
                    role == AiRole.AUTOMATE ? null : Capability.JUDGMENT, 0.7, "because " + text, null)));
        }
        List<Answer> answers = new ArrayList<>();
        for (Question q : Question.values()) {
            answers.add(new Answer(q, ("A long answer to " + q.key() + " ").repeat(20)));
        }
        Draft d = new Draft(7L, 1, Status.SUBMITTED, "teams:t:alice", "teams:t:bea", "Analyst", tasks, answers,
                now, now, null, null);
        return Views.draft(d, null);
    }

    @Test
    void a_draft_of_forty_long_tasks_fits_in_a_teams_message_in_every_card() {
        Map<String, Object> d = fortyLongTasks();
        VersionRef ref = new VersionRef(7, 1);
        List<ObjectNode> all = List.of(
                cards.card(Reply.of(Say.REVIEW, Map.of("tasks", d.get("tasks"), "count", 40)), people),
                cards.card(Reply.of(Say.DRAFT, Map.of("draft", d)), people),
                cards.manager(d, ref, TeamsCards.View.DECIDE, null, List.of("29:bea"), people),
                cards.manager(d, ref, TeamsCards.View.WAITING, null, List.of("29:bea"), people),
                cards.manager(d, ref, TeamsCards.View.DECIDED, Map.of("approved", false, "manager",
                        Map.of("@person", "teams:t:bea"), "version", 1, "date", "2026-02-01", "comment",
                        "x".repeat(3000)), List.of(), people));
        for (ObjectNode card : all) {
            assertThat(TeamsCards.bytes(card)).isLessThanOrEqualTo(TeamsCards.CARD_BUDGET);
            // Still the whole draft in its shape: all forty tasks, each with its call.
            assertThat(texts(card).stream().filter(t -> t.startsWith("**"))).hasSize(40);
        }
        // A small draft is not clipped at all.
        Map<String, Object> small = secondVersion();
        assertThat(shown(cards.manager(small, ref, TeamsCards.View.DECIDE, null, List.of(), people)))
                .doesNotContain("…");
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
