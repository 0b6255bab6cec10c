package rolecraft.bot.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import java.util.List;
import rolecraft.bot.domain.ConversationState;
import rolecraft.bot.domain.Reply;

/** The one JSON mapper for what the store keeps as JSON: conversation states and queued replies. */
public final class Json {

    /** Shared, configured once; ObjectMapper is thread-safe after configuration. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .addMixIn(rolecraft.bot.domain.Action.class, ActionTypes.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final TypeReference<List<Reply>> REPLIES = new TypeReference<>() {
    };

    private Json() {
    }

    /** How an action is named in stored JSON, kept here so the domain stays free of mapping concerns. */
    @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME,
            property = "type")
    @com.fasterxml.jackson.annotation.JsonSubTypes({
        @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = rolecraft.bot.domain.Action.Decide.class,
                name = "decide"),
        @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = rolecraft.bot.domain.Action.Start.class,
                name = "start")
    })
    private interface ActionTypes {
    }

    /** Reads a value written by {@link #write}. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConversationState state(String json) {
        try {
            return MAPPER.readValue(json, ConversationState.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Reply> replies(String json) {
        try {
            return MAPPER.readValue(json, REPLIES);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
