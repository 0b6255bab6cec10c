package rolecraft.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar with ROLECRAFT_LLM_* set: the review shows the reasons a fake LLM phrased; the key is not logged. */
class LlmReasonsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GIVEN = Pattern.compile("ai_role (\\w+), capability (\\w*),");

    @TempDir
    Path dir;

    @Test
    void the_review_shows_the_llm_reason_for_the_proposal_the_model_made() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            Matcher given = GIVEN.matcher(request.get("messages").get(1).get("content").asText());
            ObjectNode answer = JSON.createObjectNode();
            if (given.find()) {
                answer.put("ai_role", given.group(1)).put("capability", given.group(2));
            }
            answer.put("reason", "Phrased by the second opinion.");
            ObjectNode body = JSON.createObjectNode();
            body.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 0).put("model", "fake");
            ObjectNode choice = body.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", JSON.writeValueAsString(answer));
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        fake.start();
        try {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", Jar.path().toString(), "chat", "--db", dir.resolve("r.db").toString(), "--user", "alice")
                    .redirectOutput(dir.resolve("out.txt").toFile())
                    .redirectError(dir.resolve("err.txt").toFile());
            pb.environment().put("ROLECRAFT_LLM_URL", "http://127.0.0.1:" + fake.getAddress().getPort() + "/v1");
            pb.environment().put("ROLECRAFT_LLM_MODEL", "fake-model");
            pb.environment().put("ROLECRAFT_LLM_KEY", "sk-secret-test-key");
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(Jar.lines("start", "Finance Analyst", "bob", "Compile the weekly sales report - 60%",
                        "Coach new hires 40%", "done").getBytes(StandardCharsets.UTF_8));
            }
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = Files.readString(dir.resolve("out.txt"));
            String err = Files.readString(dir.resolve("err.txt"));
            assertThat(p.exitValue()).as(err).isZero();
            assertThat(out).contains("Here is how I see your 2 task(s)");
            assertThat(out.split("Phrased by the second opinion.", -1)).hasSize(3);
            assertThat(authorizations).hasSize(2).containsOnly("Bearer sk-secret-test-key");
            assertThat(err).contains("LLM reasons on: model fake-model").doesNotContain("sk-secret-test-key");
        } finally {
            fake.stop(0);
        }
    }
}
