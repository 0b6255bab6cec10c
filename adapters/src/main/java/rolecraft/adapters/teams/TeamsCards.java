package rolecraft.adapters.teams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import rolecraft.bot.Prompts;
import rolecraft.bot.domain.Reply;
import rolecraft.bot.domain.Say;
import rolecraft.bot.domain.VersionRef;

/**
 * Adaptive Cards for the replies that read better as cards: the task review, the draft, a draft for a manager
 * to decide (with Approve and Request changes), and that card once decided. Every word comes from a template.
 */
final class TeamsCards {

    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    /** What a card's Action.Submit carries, so that a click is recognised as a decision. */
    static final String DECIDE = "decide";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Prompts prompts;

    TeamsCards(Prompts prompts) {
        this.prompts = prompts;
    }

    /** The card for this reply, or null when plain text serves it best. */
    ObjectNode card(Reply reply, Prompts.PersonFormat people) {
        Map<String, Object> p = reply.params();
        if (reply.say() == Say.REVIEW) {
            ObjectNode card = card();
            heading(card, TeamsText.render(prompts, "teams_card_review_title", p, people));
            tasks(card, p.get("tasks"), people);
            text(card, TeamsText.render(prompts, "teams_card_review_hint", p, people));
            return card;
        }
        if ((reply.say() == Say.DRAFT || reply.say() == Say.INBOX_SHOW) && p.get("draft") instanceof Map<?, ?> d) {
            ObjectNode card = draft(cast(d), people);
            text(card, TeamsText.render(prompts, reply.say() == Say.DRAFT ? "teams_card_draft_hint" : "teams_card_inbox_hint",
                    p, people));
            return card;
        }
        if (reply.say() == Say.NOTICE_NEW_DRAFT && p.get("draft") instanceof Map<?, ?> d) {
            VersionRef ref = ref(reply);
            ObjectNode card = card();
            heading(card, TeamsText.render(prompts, "teams_card_new_draft_title", p, people));
            body(card, cast(d), people);
            ObjectNode input = items(card).addObject();
            input.put("type", "Input.Text").put("id", "comment").put("isMultiline", true)
                    .put("placeholder", TeamsText.render(prompts, "teams_card_comment", p, people));
            ArrayNode actions = card.putArray("actions");
            submit(actions, TeamsText.render(prompts, "teams_card_approve", p, people), ref, "approved");
            submit(actions, TeamsText.render(prompts, "teams_card_request_changes", p, people), ref, "changes_requested");
            return card;
        }
        return null;
    }

    /** The manager's card after a decision: the outcome, and no live buttons. */
    ObjectNode decided(Reply decided, Prompts.PersonFormat people) {
        ObjectNode card = card();
        heading(card, TeamsText.render(prompts, "teams_card_decided_title", decided.params(), people));
        text(card, TeamsText.render(prompts, decided, people));
        return card;
    }

    /** The version a NOTICE_NEW_DRAFT is about. */
    static VersionRef ref(Reply notice) {
        Map<?, ?> ref = (Map<?, ?>) notice.params().get("ref");
        return new VersionRef(((Number) ref.get("role")).longValue(), ((Number) ref.get("version")).intValue());
    }

    private ObjectNode draft(Map<String, Object> d, Prompts.PersonFormat people) {
        ObjectNode card = card();
        heading(card, TeamsText.render(prompts, "teams_card_draft_title", d, people));
        body(card, d, people);
        return card;
    }

    private void body(ObjectNode card, Map<String, Object> d, Prompts.PersonFormat people) {
        text(card, TeamsText.render(prompts, "teams_card_time_title", d, people)).put("weight", "bolder");
        ObjectNode facts = items(card).addObject().put("type", "FactSet");
        ArrayNode list = facts.putArray("facts");
        if (d.get("time_roles") instanceof List<?> rows) {
            for (Object row : rows) {
                Map<String, Object> r = cast((Map<?, ?>) row);
                list.addObject().put("title", String.valueOf(r.get("name")))
                        .put("value", TeamsText.render(prompts, "teams_card_time_row", r, people));
            }
        }
        tasks(card, d.get("tasks"), people);
    }

    private void tasks(ObjectNode card, Object tasks, Prompts.PersonFormat people) {
        if (!(tasks instanceof List<?> list)) {
            return;
        }
        for (Object t : list) {
            ObjectNode container = items(card).addObject().put("type", "Container")
                    .put("separator", true);
            container.putArray("items").addObject().put("type", "TextBlock").put("wrap", true)
                    .put("text", TeamsText.render(prompts, "teams_card_task", cast((Map<?, ?>) t), people));
        }
    }

    private static void submit(ArrayNode actions, String title, VersionRef ref, String decision) {
        ObjectNode a = actions.addObject().put("type", "Action.Submit").put("title", title);
        a.putObject("data").put("rolecraft", DECIDE).put("role", ref.roleId()).put("version", ref.version())
                .put("decision", decision);
    }

    private static ObjectNode card() {
        ObjectNode card = F.objectNode();
        card.put("type", "AdaptiveCard").put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("version", "1.4");
        card.putArray("body");
        return card;
    }

    private static void heading(ObjectNode card, String text) {
        text(card, text).put("size", "medium").put("weight", "bolder");
    }

    private static ObjectNode text(ObjectNode card, String text) {
        return items(card).addObject().put("type", "TextBlock").put("wrap", true).put("text", text);
    }

    private static ArrayNode items(ObjectNode card) {
        return (ArrayNode) card.get("body");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    /** What the picker's Action.Submit carries, and the id of its input: the chosen person's AAD object id. */
    static final String MANAGER = "manager";

    /**
     * The question for the manager as a people picker: Teams searches the whole organisation as the employee
     * types, and the submit sends the chosen person's AAD object id; the person {@code proposedId} (from the
     * directory, or null) is offered by name and pre-selected. {@code question} is its text, from a template.
     */
    ObjectNode managerPicker(String question, Map<String, Object> p, Prompts.PersonFormat people, String proposedId,
                             String proposedName, boolean emailHint) {
        ObjectNode card = card();
        text(card, question);
        ObjectNode input = items(card).addObject();
        input.put("type", "Input.ChoiceSet").put("id", MANAGER).put("isRequired", true)
                .put("label", TeamsText.render(prompts, "teams_picker_label", p, people))
                .put("placeholder", TeamsText.render(prompts, "teams_picker_placeholder", p, people))
                .put("errorMessage", TeamsText.render(prompts, "teams_picker_required", p, people));
        ArrayNode choices = input.putArray("choices");
        if (proposedId != null && proposedName != null) {
            choices.addObject().put("title", proposedName).put("value", proposedId);
            input.put("value", proposedId);
        }
        input.putObject("choices.data").put("type", "Data.Query").put("dataset", "graph.microsoft.com/users");
        if (emailHint) {
            text(card, TeamsText.render(prompts, "teams_picker_email_hint", p, people)).put("isSubtle", true)
                    .put("size", "small");
        }
        ObjectNode submit = card.putArray("actions").addObject().put("type", "Action.Submit")
                .put("title", TeamsText.render(prompts, "teams_picker_submit", p, people));
        submit.putObject("data").put("rolecraft", MANAGER);
        return card;
    }
}
