package rolecraft.adapters.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import rolecraft.bot.Prompts;
import rolecraft.bot.domain.Draft;
import rolecraft.bot.domain.InboxItem;
import rolecraft.bot.domain.Reply;
import rolecraft.bot.domain.VersionRef;
import rolecraft.bot.engine.Views;

/**
 * Block Kit from the engine's replies: the review as a list, drafts as sections, the manager's card with its
 * buttons, the comment modal and the App Home. Every message keeps a text fallback, and Slack's limits hold:
 * at most 50 blocks a message, 3,000 characters a section, 75 a button.
 */
final class SlackBlocks {

    static final int MAX_BLOCKS = 50;
    static final int MAX_SECTION = 3000;
    static final int MAX_BUTTON = 75;
    static final int MAX_MODAL_TITLE = 24;
    /** Our cap for a message's text fallback, well under Slack's 40,000. */
    static final int MAX_FALLBACK = 3000;
    /** App Home views take at most 100 blocks; lists stop at this many items. */
    static final int HOME_ITEMS = 20;

    static final String APPROVE = "rolecraft_approve";
    static final String CHANGES = "rolecraft_changes";
    static final String START = "rolecraft_start";
    static final String DECIDE_BLOCK = "rolecraft_decide";
    static final String COMMENT_MODAL = "rolecraft_comment";
    static final String COMMENT_BLOCK = "comment";
    static final String COMMENT_INPUT = "comment_input";

    /** One chat message: the text fallback, and blocks (none for plain text). */
    record SlackMessage(String text, List<LayoutBlock> blocks) {
        SlackMessage {
            blocks = List.copyOf(blocks);
        }
    }

    /** A block with the text it shows, for the fallback. */
    record Part(LayoutBlock block, String text) {
    }

    private final Prompts prompts;

    SlackBlocks(Prompts prompts) {
        this.prompts = prompts;
    }

    /** Renders a template for Slack: values escaped for mrkdwn, people as mentions. */
    String render(String key, Map<String, Object> params) {
        return prompts.render(key, SlackPeople.escapeParams(params), SlackPeople.FORMAT);
    }

    String render(Reply reply) {
        return render(reply.say().key(), reply.params());
    }

    /** The messages that say one reply: rich where it helps, plain text otherwise. */
    List<SlackMessage> messages(Reply reply) {
        return switch (reply.say()) {
            case REVIEW -> review(reply.params());
            case DRAFT, INBOX_SHOW -> pack(sections(render(reply)));
            default -> plain(render(reply));
        };
    }

    /** Text as one plain message, or as sections when it is too long for one. */
    List<SlackMessage> plain(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        if (text.length() <= MAX_FALLBACK) {
            return List.of(new SlackMessage(text, List.of()));
        }
        return pack(sections(text));
    }

    private List<SlackMessage> review(Map<String, Object> params) {
        List<Part> parts = new ArrayList<>();
        Object tasks = params.get("tasks");
        List<?> list = tasks instanceof List<?> l ? l : List.of();
        parts.addAll(sections(render("slack_review_intro", Map.of("count", list.size()))));
        for (Object t : list) {
            if (t instanceof Map<?, ?> task) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) task;
                parts.addAll(sections(render("slack_review_task", m)));
            }
        }
        parts.addAll(sections(render("slack_review_footer", Map.of())));
        return pack(parts);
    }

    /** The manager's card: who sent it, the draft, and Approve / Request changes carrying the version. */
    List<SlackMessage> card(Reply notice) {
        Map<String, Object> p = notice.params();
        VersionRef ref = ref(p.get("ref"));
        List<Part> parts = new ArrayList<>(sections(render("slack_new_draft", p)));
        parts.addAll(sections(render("slack_draft", p)));
        String value = ref.roleId() + ":" + ref.version();
        List<BlockElement> buttons = List.of(
                button(b -> b.actionId(APPROVE).style("primary").value(value)
                        .text(plainText(Prompts.clip(render("slack_button_approve", p), MAX_BUTTON)))),
                button(b -> b.actionId(CHANGES).value(value)
                        .text(plainText(Prompts.clip(render("slack_button_changes", p), MAX_BUTTON)))));
        parts.add(new Part(actions(a -> a.blockId(DECIDE_BLOCK).elements(buttons)), ""));
        return pack(parts);
    }

    /** What the manager's card becomes after a decision: the outcome, no buttons. */
    SlackMessage outcome(Reply decided) {
        List<SlackMessage> m = pack(sections(render(decided)));
        return m.get(0);
    }

    /** The modal asking a manager what should change; the version and channel ride in its metadata. */
    View commentModal(VersionRef ref, String channel) {
        String metadata = ref.roleId() + ":" + ref.version() + ":" + (channel == null ? "" : channel);
        Map<String, Object> p = Map.of("version", ref.version());
        return view(v -> v.type("modal")
                .callbackId(COMMENT_MODAL)
                .privateMetadata(metadata)
                .title(viewTitle(t -> t.type("plain_text").text(Prompts.clip(render("slack_modal_title", p),
                        MAX_MODAL_TITLE))))
                .submit(viewSubmit(s -> s.type("plain_text").text(Prompts.clip(render("slack_modal_submit", p),
                        MAX_MODAL_TITLE))))
                .close(viewClose(c -> c.type("plain_text").text(Prompts.clip(render("slack_modal_close", p),
                        MAX_MODAL_TITLE))))
                .blocks(List.of(input(i -> i.blockId(COMMENT_BLOCK)
                        .label(plainText(Prompts.clip(render("slack_modal_label", p), 2000)))
                        .element(plainTextInput(e -> e.actionId(COMMENT_INPUT).multiline(true).minLength(1)
                                .maxLength(3000)))))));
    }

    /** The App Home: a start button, the person's roles, and the drafts waiting for them. */
    View home(List<Draft> roles, List<InboxItem> waiting) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(mrkdwn(Prompts.clip(render("slack_home_intro", Map.of()), MAX_SECTION)))));
        blocks.add(actions(a -> a.elements(List.of(button(b -> b.actionId(START).style("primary").value("start")
                .text(plainText(Prompts.clip(render("slack_home_start", Map.of()), MAX_BUTTON))))))));
        blocks.add(divider());
        blocks.add(section(s -> s.text(mrkdwn(Prompts.clip(render("slack_home_roles", Map.of("count", roles.size())),
                MAX_SECTION)))));
        for (int i = 0; i < Math.min(roles.size(), HOME_ITEMS); i++) {
            Draft d = roles.get(i);
            Map<String, Object> p = new java.util.HashMap<>();
            p.put("title", d.title());
            p.put("version", d.version());
            p.put("status", d.status().word());
            p.put(d.status().word(), true);
            p.put("tasks", d.tasks().size());
            if (d.manager() != null) {
                p.put("manager", Map.of("@person", d.manager()));
            }
            blocks.add(section(s -> s.text(mrkdwn(Prompts.clip(render("slack_home_role", p), MAX_SECTION)))));
        }
        more(blocks, roles.size());
        if (!waiting.isEmpty()) {
            blocks.add(divider());
            blocks.add(section(s -> s.text(mrkdwn(Prompts.clip(render("slack_home_waiting",
                    Map.of("count", waiting.size())), MAX_SECTION)))));
            for (int i = 0; i < Math.min(waiting.size(), HOME_ITEMS); i++) {
                Map<String, Object> p = Views.inboxItem(i + 1, waiting.get(i));
                blocks.add(section(s -> s.text(mrkdwn(Prompts.clip(render("slack_home_waiting_item", p), MAX_SECTION)))));
            }
            more(blocks, waiting.size());
        }
        return view(v -> v.type("home").blocks(blocks));
    }

    private void more(List<LayoutBlock> blocks, int count) {
        if (count > HOME_ITEMS) {
            String text = render("slack_home_more", Map.of("count", count - HOME_ITEMS));
            blocks.add(context(c -> c.elements(List.of(mrkdwn(Prompts.clip(text, MAX_SECTION))))));
        }
    }

    /**
     * Mrkdwn that Slack shows as written: verbatim, so that a channel name, "@here" or a URL in what people typed
     * is not turned into a live link or mention (the mentions our templates write, &lt;@U1&gt;, still work).
     */
    static MarkdownTextObject mrkdwn(String text) {
        return MarkdownTextObject.builder().text(text).verbatim(true).build();
    }

    /** A version named in reply params as {role, version}. */
    static VersionRef ref(Object value) {
        if (value instanceof Map<?, ?> m && m.get("role") instanceof Number role
                && m.get("version") instanceof Number version) {
            return new VersionRef(role.longValue(), version.intValue());
        }
        throw new IllegalArgumentException("no version in the reply");
    }

    /** A version as a button carries it: "role:version". */
    static VersionRef parseRef(String value) {
        String[] parts = value == null ? new String[0] : value.split(":");
        if (parts.length < 2) {
            throw new IllegalArgumentException("not a version: " + value);
        }
        return new VersionRef(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
    }

    // --- sections and packing ---------------------------------------------------------------------------

    /**
     * Text as sections: one per paragraph, a long paragraph split at line breaks (or hard, for a line over
     * the limit), a short first line over more lines set in bold as the paragraph's heading.
     */
    static List<Part> sections(String text) {
        List<Part> parts = new ArrayList<>();
        for (String paragraph : text.strip().split("\n\\s*\n")) {
            if (paragraph.isBlank()) {
                continue;
            }
            String p = heading(paragraph.stripTrailing());
            for (String chunk : chunks(p, MAX_SECTION)) {
                parts.add(new Part(section(s -> s.text(mrkdwn(chunk))), chunk));
            }
        }
        return parts;
    }

    private static String heading(String paragraph) {
        int nl = paragraph.indexOf('\n');
        if (nl <= 0) {
            return paragraph;
        }
        String first = paragraph.substring(0, nl).strip();
        boolean looksLikeHeading = first.length() <= 60 && !first.isEmpty() && !first.contains("*")
                && !first.matches(".*[.:?!)\"]$");
        return looksLikeHeading ? "*" + first + "*" + paragraph.substring(nl) : paragraph;
    }

    /** Splits text into pieces of at most {@code max} characters, at line breaks where it can. */
    static List<String> chunks(String text, int max) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String rest = line;
            while (rest.length() > max) {
                flush(out, current);
                out.add(rest.substring(0, max));
                rest = rest.substring(max);
            }
            if (current.length() > 0 && current.length() + 1 + rest.length() > max) {
                flush(out, current);
            }
            if (current.length() > 0) {
                current.append('\n');
            }
            current.append(rest);
        }
        flush(out, current);
        return out;
    }

    private static void flush(List<String> out, StringBuilder current) {
        if (!current.toString().isBlank()) {
            out.add(current.toString());
        }
        current.setLength(0);
    }

    /** Parts into messages of at most 50 blocks, each with a fallback made of its own text. */
    static List<SlackMessage> pack(List<Part> parts) {
        List<SlackMessage> out = new ArrayList<>();
        List<LayoutBlock> blocks = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (blocks.size() == MAX_BLOCKS) {
                out.add(message(text, blocks));
                blocks.clear();
                text.setLength(0);
            }
            blocks.add(part.block());
            if (!part.text().isEmpty() && text.length() < MAX_FALLBACK) {
                text.append(text.length() == 0 ? "" : "\n\n").append(part.text());
            }
        }
        if (!blocks.isEmpty()) {
            out.add(message(text, blocks));
        }
        return out;
    }

    private static SlackMessage message(StringBuilder text, List<LayoutBlock> blocks) {
        String fallback = text.length() == 0 ? "rolecraft" : Prompts.clip(text.toString(), MAX_FALLBACK);
        return new SlackMessage(fallback, blocks);
    }

}
