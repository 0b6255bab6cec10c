package rolecraft.adapters.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Activities shaped as Microsoft Teams sends them to a bot in a personal (1:1) chat. */
final class TeamsActivities {

    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String BOT = "28:rolecraft-bot-id";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong(1_714_557_600_000L);

    /** A Teams user: their Teams id, name, AAD object id, and their personal conversation with the bot. */
    record User(String teamsId, String name, String aad, String conversation) {

        String person() {
            return "teams:" + TENANT + ":" + aad;
        }
    }

    private final String serviceUrl;

    TeamsActivities(String serviceUrl) {
        this.serviceUrl = serviceUrl;
    }

    static String nextId() {
        return String.valueOf(IDS.incrementAndGet());
    }

    private ObjectNode base(String type, String id, User user, boolean withName) {
        ObjectNode a = JSON.createObjectNode();
        a.put("type", type).put("id", id).put("timestamp", "2024-05-01T10:00:00.000Z")
                .put("localTimestamp", "2024-05-01T12:00:00.000+02:00").put("channelId", "msteams")
                .put("serviceUrl", serviceUrl);
        ObjectNode from = a.putObject("from").put("id", user.teamsId());
        if (withName) {
            from.put("name", user.name());
        }
        from.put("aadObjectId", user.aad());
        a.putObject("conversation").put("conversationType", "personal").put("tenantId", TENANT)
                .put("id", user.conversation());
        a.putObject("recipient").put("id", BOT).put("name", "rolecraft");
        a.putObject("channelData").putObject("tenant").put("id", TENANT);
        return a;
    }

    /** A message typed in the personal chat. */
    ObjectNode message(User user, String text) {
        return message(user, text, nextId());
    }

    ObjectNode message(User user, String text, String id) {
        ObjectNode a = base("message", id, user, true);
        a.put("text", text).put("textFormat", "plain").put("locale", "en-US").put("localTimezone", "Europe/Berlin");
        clientInfo(a.putArray("entities"));
        return a;
    }

    /** A message that @mentions {@code who} (Teams names them by Teams id and display name only). */
    ObjectNode mention(User user, User who) {
        ObjectNode a = message(user, "<at>" + who.name() + "</at>");
        ObjectNode m = ((ArrayNode) a.get("entities")).addObject();
        m.putObject("mentioned").put("id", who.teamsId()).put("name", who.name());
        m.put("text", "<at>" + who.name() + "</at>").put("type", "mention");
        return a;
    }

    /** From the tasks to the submit: three tasks, the review accepted, the six questions skipped, submitted. */
    List<ObjectNode> tasksToSubmit(User user) {
        List<ObjectNode> all = new ArrayList<>();
        all.add(message(user, "Prepare the monthly report - 40%\nReconcile accounts 30%\nCoach new analysts 30%"));
        all.add(message(user, "done"));
        all.add(message(user, "ok"));
        for (int i = 0; i < 6; i++) {
            all.add(message(user, "skip"));
        }
        all.add(message(user, "submit"));
        return all;
    }

    /** The bot added to the user's personal scope (installed). */
    ObjectNode install(User user) {
        ObjectNode a = base("conversationUpdate", "f:" + nextId(), user, false);
        a.putArray("membersAdded").addObject().put("id", BOT);
        return a;
    }

    /**
     * A click on an Adaptive Card's Action.Submit, as Teams sends it: a message with no text, the action's
     * data merged with the card's inputs in {@code value}, and replyToId naming the card.
     */
    ObjectNode cardAction(User user, String cardActivityId, ObjectNode data, String comment, String id) {
        ObjectNode value = data.deepCopy();
        value.put("comment", comment);
        return submit(user, cardActivityId, value, id);
    }

    /**
     * The people picker's submit, as Teams sends it: the submit's data with the picker's input, whose value is
     * the chosen person's AAD object id (Teams sends no name with it).
     */
    ObjectNode pick(User user, String cardActivityId, ObjectNode data, String chosenAad) {
        ObjectNode value = data.deepCopy();
        value.put("manager", chosenAad);
        return submit(user, cardActivityId, value, nextId());
    }

    private ObjectNode submit(User user, String cardActivityId, ObjectNode value, String id) {
        ObjectNode a = base("message", id, user, true);
        a.put("replyToId", cardActivityId).put("locale", "en-US");
        clientInfo(a.putArray("entities"));
        ObjectNode channelData = (ObjectNode) a.get("channelData");
        channelData.putObject("source").put("name", "message");
        channelData.putObject("legacy").put("replyToId", cardActivityId);
        a.set("value", value);
        return a;
    }

    /**
     * A card's Action.Execute, as Teams sends it: an invoke named adaptiveCard/action whose value holds the action
     * (type, verb, and its data merged with the card's inputs) and what triggered it ("manual" for a click,
     * "automatic" for a refresh); replyToId names the card's message.
     */
    ObjectNode execute(User user, String cardActivityId, String verb, ObjectNode data, String trigger, String id) {
        ObjectNode a = base("invoke", id, user, true);
        a.put("name", "adaptiveCard/action").put("replyToId", cardActivityId).put("locale", "en-US");
        clientInfo(a.putArray("entities"));
        ObjectNode action = a.putObject("value").putObject("action");
        action.put("type", "Action.Execute").put("id", "").put("verb", verb);
        action.set("data", data.deepCopy());
        ((ObjectNode) a.get("value")).put("trigger", trigger);
        return a;
    }

    private static void clientInfo(ArrayNode entities) {
        entities.addObject().put("locale", "en-US").put("country", "US").put("platform", "Web")
                .put("timezone", "Europe/Berlin").put("type", "clientInfo");
    }
}
