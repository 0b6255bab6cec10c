package rolecraft.bot.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rolecraft.bot.Prompts;
import rolecraft.bot.domain.AiRole;
import rolecraft.bot.domain.Capability;
import rolecraft.bot.domain.Classification;

/**
 * An optional second opinion: an OpenAI-compatible chat model phrases each task's one-line reason. The offline
 * classification always decides the exposure, role and capability; the model's answer is used only when it comes in
 * time, parses as JSON and repeats that role and capability, and is otherwise dropped.
 */
public final class LlmReasons implements Classifier {

    private static final Logger LOG = LoggerFactory.getLogger(LlmReasons.class);

    /** Longest a message's classification waits for the model: the conversation must never stall on it. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    static final int MAX_REASON = 240;
    static final String SYSTEM = "llm_reason_system";
    static final String USER = "llm_reason_user";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Classifier offline;
    private final ChatModel model;
    private final Prompts prompts;
    private final Duration timeout;
    private final ExecutorService pool;
    private final AtomicBoolean failing = new AtomicBoolean();

    LlmReasons(Classifier offline, ChatModel model, Prompts prompts, Duration timeout) {
        this.offline = offline;
        this.model = model;
        this.prompts = prompts;
        this.timeout = timeout;
        this.pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "rolecraft-llm");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * {@code offline} with LLM-phrased reasons when ROLECRAFT_LLM_URL, ROLECRAFT_LLM_MODEL and ROLECRAFT_LLM_KEY are
     * all set in {@code env}; otherwise {@code offline} itself.
     */
    public static Classifier fromEnvironment(Classifier offline, Prompts prompts, Map<String, String> env) {
        String url = env.get("ROLECRAFT_LLM_URL");
        String name = env.get("ROLECRAFT_LLM_MODEL");
        String key = env.get("ROLECRAFT_LLM_KEY");
        if (blank(url) || blank(name) || blank(key)) {
            return offline;
        }
        LOG.info("LLM reasons on: model {} at {}", name, url);
        return new LlmReasons(offline, chatModel(url, name, key, TIMEOUT), prompts, TIMEOUT);
    }

    static ChatModel chatModel(String url, String name, String key, Duration timeout) {
        return OpenAiChatModel.builder()
                .baseUrl(url)
                .modelName(name)
                .apiKey(key)
                .timeout(timeout)
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public TextEmbedder embedderIfReady() {
        return offline.embedderIfReady();
    }

    @Override
    public Classification classify(String task) {
        return classifyAll(List.of(task)).get(0);
    }

    @Override
    public List<Classification> classifyAll(List<String> tasks) {
        List<Classification> base = offline.classifyAll(tasks);
        List<CompletableFuture<Optional<String>>> asked = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            String task = tasks.get(i);
            Classification c = base.get(i);
            asked.add(CompletableFuture.supplyAsync(() -> reason(task, c), pool));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Classification> out = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            Classification c = base.get(i);
            Optional<String> reason = Optional.empty();
            try {
                reason = asked.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                asked.get(i).cancel(true);
                failed("timed out", null);
            } catch (ExecutionException e) {
                failed("failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.add(reason.map(r -> new Classification(c.exposure(), c.aiRole(), c.capability(), c.confidence(), r,
                    c.evidence())).orElse(c));
        }
        return out;
    }

    /** The model's reason for the offline classification, or empty when its answer cannot be used. */
    Optional<String> reason(String task, Classification c) {
        String answer = model.chat(SystemMessage.from(prompts.render(SYSTEM, Map.of(), Prompts.PersonFormat.PLAIN)),
                UserMessage.from(prompts.render(USER, params(task, c), Prompts.PersonFormat.PLAIN)))
                .aiMessage().text();
        Optional<String> reason = parse(answer, c);
        if (reason.isEmpty()) {
            LOG.debug("LLM answer discarded: not JSON, or not the classification it was given");
        } else if (failing.compareAndSet(true, false)) {
            LOG.info("LLM reasons answer again");
        }
        return reason;
    }

    static Map<String, Object> params(String task, Classification c) {
        Map<String, Object> p = new HashMap<>();
        // The markers delimit the employee's words; text that imitates them is taken out.
        p.put("task", task.replace("<<<", " ").replace(">>>", " ").replaceAll("\\s+", " ").strip());
        p.put("ai_role", c.aiRole().word());
        p.put("capability", c.aiRole() == AiRole.AUTOMATE ? "" : c.capability().word());
        p.put("exposure", c.exposure().name());
        p.put("confidence", Math.round(c.confidence() * 100));
        p.put("reason", c.reason());
        if (c.evidence() != null) {
            p.put("evidence_task", c.evidence().task());
            p.put("evidence_label", c.evidence().humanLabel().name());
        }
        return p;
    }

    /** The reason from a JSON answer that repeats the given role (and capability, unless automated). */
    static Optional<String> parse(String answer, Classification c) {
        if (answer == null) {
            return Optional.empty();
        }
        String text = answer.strip();
        if (text.startsWith("```")) {
            text = text.replaceAll("^```[a-zA-Z]*\\s*", "").replaceAll("\\s*```$", "");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || !node.path("reason").isTextual()) {
            return Optional.empty();
        }
        Optional<AiRole> role = AiRole.parse(node.path("ai_role").asText(""));
        if (role.isEmpty() || role.get() != c.aiRole()) {
            return Optional.empty();
        }
        if (c.aiRole() != AiRole.AUTOMATE) {
            Optional<Capability> capability = Capability.parse(node.path("capability").asText(""));
            if (capability.isEmpty() || capability.get() != c.capability()) {
                return Optional.empty();
            }
        }
        String reason = node.get("reason").asText().replaceAll("\\s+", " ").strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            return Optional.empty();
        }
        return Optional.of(reason);
    }

    private void failed(String what, Throwable cause) {
        // Never the message: it could carry the request. The key is never in it either way.
        String kind = cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")";
        if (failing.compareAndSet(false, true)) {
            LOG.warn("LLM reason {}{}: using the offline reason", what, kind);
        } else {
            LOG.debug("LLM reason {}{}", what, kind);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LlmReasons[%s, timeout %d ms]", offline, timeout.toMillis());
    }
}
