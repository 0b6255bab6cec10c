package rolecraft.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import com.microsoft.bot.connector.authentication.MicrosoftAppCredentials;
import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ConversationAccount;
import com.microsoft.bot.schema.ResourceResponse;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.response.auth.AuthTestResponse;
import io.javalin.Javalin;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Both chat SDKs in one JVM on the versions the build aligns (OkHttp 4, one Jackson): a Slack Web API call
 * and a Bot Connector call, each to a local fake.
 */
class SdkAlignmentTest {

    @Test
    void slack_and_bot_framework_clients_both_work_on_the_aligned_okhttp_and_jackson() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Javalin fake = Javalin.create(c -> c.showJavalinBanner = false);
        fake.post("/api/auth.test", ctx -> {
            seen.add("slack " + ctx.header("Authorization"));
            ctx.json(Map.of("ok", true, "user_id", "U1", "team_id", "T1", "team", "Acme"));
        });
        fake.post("/v3/conversations/{conv}/activities", ctx -> {
            seen.add("teams " + ctx.pathParam("conv") + " " + ctx.body());
            ctx.json(Map.of("id", "activity-1"));
        });
        fake.start("127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + fake.port() + "/";
            SlackConfig config = new SlackConfig();
            config.setMethodsEndpointUrlPrefix(base + "api/");
            AuthTestResponse auth = Slack.getInstance(config).methods("xoxb-test").authTest(r -> r);
            assertThat(auth.isOk()).isTrue();
            assertThat(auth.getTeamId()).isEqualTo("T1");

            Activity message = Activity.createMessageActivity();
            message.setText("hello from the connector");
            message.setConversation(new ConversationAccount("a:1conv"));
            try (RestConnectorClient client = new RestConnectorClient(base, MicrosoftAppCredentials.empty())) {
                ResourceResponse sent = client.getConversations().sendToConversation("a:1conv", message)
                        .get(30, TimeUnit.SECONDS);
                assertThat(sent.getId()).isEqualTo("activity-1");
            }
            assertThat(seen).contains("slack Bearer xoxb-test");
            assertThat(seen).anyMatch(s -> s.startsWith("teams a:1conv") && s.contains("hello from the connector"));
            assertThat(okhttp3.OkHttp.VERSION).startsWith("4.");
            assertThat(PackageVersion.VERSION.getMinorVersion()).isGreaterThanOrEqualTo(18);
        } finally {
            fake.stop();
        }
    }
}
