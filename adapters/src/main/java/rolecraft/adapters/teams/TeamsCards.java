package rolecraft.adapters.teams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import rolecraft.bot.Prompts;
import rolecraft.bot.domain.Reply;
import rolecraft.bot.domain.Say;
import rolecraft.bot.domain.VersionRef;

/**
 * Adaptive Cards for the replies that read better as cards: the task review, the draft, and the manager's card
 * in its three views (the buttons, the status others see, the outcome). Every word comes from a template.
 */
final class TeamsCards {

    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    /** The schema version the cards declare: Teams renders 1.5, the first with Universal Actions. */
    static final String VERSION = "1.5";
    /** What a card's action data carries, so that a click is recognised as a decision. */
    static final String DECIDE = "decide";
    /** The verbs of the manager card's Action.Execute buttons and of its refresh. */
    static final String VERB_APPROVE = "approve";
    static final String VERB_CHANGES = "requestChanges";
    static final String VERB_REFRESH = "refresh";
    /** The input the comment is typed in, and the one a request for changes is typed in. */
    static final String COMMENT = "comment";
    static final String CHANGES = "changes";
    /**
     * Teams refuses a bot message over 40 KB, counted as UTF-16 (the figure its documentation gave first; it now
     * says about 100 KB). A card stays within this many bytes of UTF-16, which leaves room for the text clients
     * without cards show and for the activity around it.
     */
    static final int CARD_BUDGET = 32_000;
    /** The longest a typed value may stay when a card is over its budget: tried in order until it fits. */
    private static final int[] CLIPS = {Integer.MAX_VALUE, 400, 240, 160, 120, 90, 64, 48, 32, 20, 12};
    /**
     * Once a card is clipped at all, the sections after the task list (which name tasks again) keep this much of
     * a task at most, so that the list itself keeps more.
     */
    private static final int REPEAT_CLIP = 48;

    /** What one person is shown of a manager's card. */
    enum View {
        /** The named manager, before a decision: the draft, a comment box and the two buttons. */
        DECIDE,
        /** Anyone else, before a decision: the draft and who it waits for. */
        WAITING,
        /** The manager and the employee, once decided: the outcome and the draft it was decided on. */
        DECIDED,
        /**
         * Anyone else: who the draft waits for, or the outcome once decided, without the draft itself (a draft is
         * the employee's and their manager's to read).
         */
        STATUS
    }

    /**
     * The sections of a draft in the order a card shows them: a title and a body template over the draft's view
     * (the {@code draft} map of a reply); a section whose body renders empty is left out. A key the draft's view
     * gains is shown by adding its templates here.
     */
    private static final List<String[]> SECTIONS = List.of(
            new String[] {"teams_card_changes_title", "teams_card_changes"},
            new String[] {"teams_card_purpose_title", "teams_card_purpose"},
            new String[] {"teams_card_time_title", null},
            new String[] {"teams_card_tasks_title", null},
            new String[] {"teams_card_responsibilities_title", "teams_card_responsibilities"},
            new String[] {"teams_card_oversight_title", "teams_card_oversight"},
            new String[] {"teams_card_skills_title", "teams_card_skills"},
            new String[] {"teams_card_knowledge_title", "teams_card_knowledge"},
            new String[] {"teams_card_success_title", "teams_card_success"});

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Prompts prompts;

    TeamsCards(Prompts prompts) {
        this.prompts = prompts;
    }

    /** The card for this reply, or null when plain text serves it best. */
    ObjectNode card(Reply reply, Prompts.PersonFormat given) {
        Prompts.PersonFormat people = remembered(given);
        Map<String, Object> p = reply.params();
        if (reply.say() == Say.REVIEW) {
            return fit(clip -> {
                Map<String, Object> c = clipped(p, clip);
                ObjectNode card = card();
                heading(card, TeamsText.render(prompts, "teams_card_review_title", c, people));
                tasks(card, c.get("tasks"), people);
                text(card, TeamsText.render(prompts, "teams_card_review_hint", c, people));
                return card;
            });
        }
        if ((reply.say() == Say.DRAFT || reply.say() == Say.INBOX_SHOW) && p.get("draft") instanceof Map<?, ?>) {
            return fit(clip -> {
                Map<String, Object> c = clipped(p, clip);
                Map<String, Object> d = cast((Map<?, ?>) c.get("draft"));
                ObjectNode card = card();
                heading(card, TeamsText.render(prompts, "teams_card_draft_title", d, people));
                sections(card, cast((Map<?, ?>) p.get("draft")), clip, people);
                text(card, TeamsText.render(prompts, reply.say() == Say.DRAFT ? "teams_card_draft_hint"
                        : "teams_card_inbox_hint", c, people));
                return card;
            });
        }
        if (reply.say() == Say.NOTICE_NEW_DRAFT && p.get("draft") instanceof Map<?, ?> d) {
            return manager(cast(d), ref(reply), View.DECIDE, null, List.of(), people);
        }
        return null;
    }

    /**
     * The manager's card for a version, as {@code view} shows it. {@code draft} is the version's view (the draft
     * map of a reply); {@code decided} the DECIDED reply's params or a decision's (approved, manager, version,
     * date, comment) for {@link View#DECIDED}; {@code refreshFor} the Teams ids of those whose client asks for
     * their own view each time they see the card (the manager), none for a card that no longer changes.
     */
    ObjectNode manager(Map<String, Object> draft, VersionRef ref, View view, Map<String, Object> decided,
                       List<String> refreshFor, Prompts.PersonFormat people) {
        Prompts.PersonFormat known = remembered(people);
        return fit(clip -> {
            Map<String, Object> d = clipped(draft, clip);
            Map<String, Object> head = new LinkedHashMap<>();
            head.put("employee", d.get("employee"));
            head.put("manager", d.get("manager"));
            head.put("draft", d);
            ObjectNode card = card();
            if (view == View.DECIDED || view == View.STATUS && decided != null) {
                Map<String, Object> outcome = clipped(decided, clip);
                heading(card, TeamsText.render(prompts, "teams_card_decided_title", outcome, known))
                        .put("color", Boolean.TRUE.equals(outcome.get("approved")) ? "good" : "attention");
                text(card, TeamsText.render(prompts, "teams_card_decided_note", outcome, known));
                text(card, TeamsText.render(prompts, "teams_card_role_title", head, known)).put("weight", "bolder");
            } else {
                heading(card, TeamsText.render(prompts, view == View.DECIDE ? "teams_card_new_draft_title"
                        : "teams_card_role_title", head, known));
                if (view == View.WAITING || view == View.STATUS) {
                    text(card, TeamsText.render(prompts, "teams_card_waiting", head, known)).put("isSubtle", true);
                }
            }
            if (view != View.STATUS) {
                sections(card, draft, clip, known);
            }
            if (view == View.DECIDE) {
                buttons(card, ref, known);
            }
            if (!refreshFor.isEmpty()) {
                ObjectNode refresh = card.putObject("refresh");
                refresh.set("action", execute(VERB_REFRESH, null, ref, null));
                ArrayNode ids = refresh.putArray("userIds");
                refreshFor.forEach(ids::add);
            }
            return card;
        });
    }

    /** The draft's view a NOTICE_NEW_DRAFT carries. */
    static Map<String, Object> draftOf(Reply notice) {
        return cast((Map<?, ?>) notice.params().get("draft"));
    }

    /** The version a NOTICE_NEW_DRAFT or a DECIDED reply is about. */
    static VersionRef ref(Reply reply) {
        Map<?, ?> ref = (Map<?, ?>) reply.params().get("ref");
        return new VersionRef(((Number) ref.get("role")).longValue(), ((Number) ref.get("version")).intValue());
    }

    /**
     * An optional comment and Approve, which carries it; Request changes opens a box of its own that must be
     * filled in (Teams says so before anything is sent) and a button that sends it. Approve is not held up by
     * that box: an action only checks the inputs of its own card and the cards around it.
     */
    private void buttons(ObjectNode card, VersionRef ref, Prompts.PersonFormat people) {
        Map<String, Object> none = Map.of();
        items(card).addObject().put("type", "Input.Text").put("id", COMMENT).put("isMultiline", true)
                .put("label", TeamsText.render(prompts, "teams_card_comment", none, people));
        ArrayNode actions = card.putArray("actions");
        actions.add(execute(VERB_APPROVE, TeamsText.render(prompts, "teams_card_approve", none, people), ref,
                "approved").put("style", "positive"));
        ObjectNode show = actions.addObject().put("type", "Action.ShowCard")
                .put("title", TeamsText.render(prompts, "teams_card_request_changes", none, people));
        ObjectNode inner = show.putObject("card").put("type", "AdaptiveCard");
        ArrayNode body = inner.putArray("body");
        body.addObject().put("type", "Input.Text").put("id", CHANGES).put("isMultiline", true)
                .put("isRequired", true)
                .put("label", TeamsText.render(prompts, "teams_card_changes_label", none, people))
                .put("errorMessage", TeamsText.render(prompts, "teams_card_changes_required", none, people));
        inner.putArray("actions").add(execute(VERB_CHANGES,
                TeamsText.render(prompts, "teams_card_changes_send", none, people), ref, "changes_requested"));
    }

    /** An Action.Execute whose data names the version (and the decision, for a button). */
    private static ObjectNode execute(String verb, String title, VersionRef ref, String decision) {
        ObjectNode a = F.objectNode().put("type", "Action.Execute").put("verb", verb);
        if (title != null) {
            a.put("title", title);
        }
        ObjectNode data = a.putObject("data").put("rolecraft", decision == null ? VERB_REFRESH : DECIDE)
                .put("role", ref.roleId()).put("version", ref.version());
        if (decision != null) {
            data.put("decision", decision);
        }
        return a;
    }

    /** The draft's sections, its task list clipped at {@code clip}, the rest at {@link #REPEAT_CLIP} if clipped. */
    private void sections(ObjectNode card, Map<String, Object> draft, int clip, Prompts.PersonFormat people) {
        Map<String, Object> full = clipped(draft, clip);
        // Escaped once: every section reads the whole draft.
        Map<String, Object> d = TeamsText.escaped(clipped(draft, clip == Integer.MAX_VALUE ? clip : Math.min(clip,
                REPEAT_CLIP)));
        for (String[] s : SECTIONS) {
            switch (s[0]) {
                case "teams_card_time_title" -> time(card, d, people);
                case "teams_card_tasks_title" -> {
                    if (full.get("tasks") instanceof List<?> list && !list.isEmpty()) {
                        subheading(card, TeamsText.renderEscaped(prompts, s[0], d, people));
                        // Read by someone other than the employee: whose calls and reasons they are is said.
                        for (Object t : list) {
                            Map<String, Object> task = new java.util.HashMap<>(cast((Map<?, ?>) t));
                            task.put("employee", full.get("employee"));
                            text(card, TeamsText.render(prompts, "teams_card_draft_task", task, people))
                                    .put("separator", true);
                        }
                    }
                }
                default -> {
                    String body = TeamsText.renderEscaped(prompts, s[1], d, people);
                    if (!body.isBlank()) {
                        subheading(card, TeamsText.renderEscaped(prompts, s[0], d, people));
                        text(card, body);
                    }
                }
            }
        }
    }

    /** The time table; {@code d} is the draft's view escaped. */
    private void time(ObjectNode card, Map<String, Object> d, Prompts.PersonFormat people) {
        subheading(card, TeamsText.renderEscaped(prompts, "teams_card_time_title", d, people));
        facts(card, d, "time_roles", people);
        if (d.get("time_capabilities") instanceof List<?> rows && !rows.isEmpty()) {
            text(card, TeamsText.renderEscaped(prompts, "teams_card_capabilities_title", d, people))
                    .put("isSubtle", true);
            facts(card, d, "time_capabilities", people);
        }
        String note = TeamsText.renderEscaped(prompts, "teams_card_time_note", d, people);
        if (!note.isBlank()) {
            text(card, note).put("isSubtle", true).put("size", "small");
        }
    }

    /** A FactSet of a before/after table's rows that show; each row read over the draft (for the freed range). */
    private void facts(ObjectNode card, Map<String, Object> d, String key, Prompts.PersonFormat people) {
        if (!(d.get(key) instanceof List<?> rows)) {
            return;
        }
        ArrayNode list = items(card).addObject().put("type", "FactSet").putArray("facts");
        for (Object row : rows) {
            Map<String, Object> r = cast((Map<?, ?>) row);
            if (Boolean.FALSE.equals(r.get("show"))) {
                continue;
            }
            // The row's own values over the draft's (the freed row's range is the draft's).
            Map<String, Object> over = new LinkedHashMap<>(d);
            over.putAll(r);
            list.addObject().put("title", String.valueOf(r.get("name")))
                    .put("value", TeamsText.renderEscaped(prompts, "teams_card_time_row", over, people));
        }
    }

    private void tasks(ObjectNode card, Object tasks, Prompts.PersonFormat people) {
        if (!(tasks instanceof List<?> list)) {
            return;
        }
        for (Object t : list) {
            text(card, TeamsText.render(prompts, "teams_card_task", cast((Map<?, ?>) t), people))
                    .put("separator", true);
        }
    }

    /**
     * The first card {@code build} makes within {@link #CARD_BUDGET}, typed values clipped ever shorter: a draft
     * of many long tasks still arrives whole in its shape, its longest texts shortened.
     */
    static ObjectNode fit(IntFunction<ObjectNode> build) {
        ObjectNode card = build.apply(CLIPS[0]);
        if (bytes(card) <= CARD_BUDGET) {
            return card;
        }
        // A card is no larger for a shorter clip: the longest clip that fits is found by halving.
        int low = 1;
        int high = CLIPS.length - 1;
        ObjectNode best = null;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            ObjectNode c = build.apply(CLIPS[mid]);
            if (bytes(c) <= CARD_BUDGET) {
                best = c;
                high = mid - 1;
            } else {
                low = mid + 1;
            }
        }
        return best != null ? best : build.apply(CLIPS[CLIPS.length - 1]);
    }

    /** {@code people} asked once per person: a card names the same people many times. */
    private static Prompts.PersonFormat remembered(Prompts.PersonFormat people) {
        Map<String, String> seen = new java.util.HashMap<>();
        return id -> seen.computeIfAbsent(id, people::name);
    }

    /** The size of {@code node} as Teams counts it: its JSON in UTF-16. */
    static int bytes(ObjectNode node) {
        return node.toString().length() * 2;
    }

    /** {@code params} with every string longer than {@code clip} cut to it and ended with an ellipsis. */
    static Map<String, Object> clipped(Map<String, Object> params, int clip) {
        if (clip == Integer.MAX_VALUE || params == null) {
            return params;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, clippedValue(v, clip)));
        return out;
    }

    private static Object clippedValue(Object v, int clip) {
        if (v instanceof String s) {
            return Prompts.clip(s, clip);
        }
        if (v instanceof Map<?, ?> map) {
            return map.containsKey("@person") ? map : clipped(cast(map), clip);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(o -> out.add(clippedValue(o, clip)));
            return out;
        }
        return v;
    }

    private static ObjectNode card() {
        ObjectNode card = F.objectNode();
        card.put("type", "AdaptiveCard").put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("version", VERSION);
        card.putArray("body");
        return card;
    }

    private static ObjectNode heading(ObjectNode card, String text) {
        return text(card, text).put("size", "medium").put("weight", "bolder");
    }

    private static void subheading(ObjectNode card, String text) {
        text(card, text).put("weight", "bolder").put("separator", true).put("spacing", "medium");
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
