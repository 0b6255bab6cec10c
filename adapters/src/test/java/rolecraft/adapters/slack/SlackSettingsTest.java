package rolecraft.adapters.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rolecraft.adapters.server.Deliveries;
import rolecraft.bot.Conversations;
import rolecraft.bot.Prompts;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.store.Store;

class SlackSettingsTest {

    @TempDir
    Path dir;

    @Test
    void no_slack_variables_means_no_slack() {
        assertThat(SlackSettings.fromEnv(Map.of("PORT", "3000"))).isEmpty();
    }

    @Test
    void bot_token_and_signing_secret_select_http_mode_with_admins_and_api_url() {
        SlackSettings s = SlackSettings.fromEnv(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "sekrit",
                "ROLECRAFT_ADMINS", " U1, U2 ,,", "SLACK_API_URL", "http://127.0.0.1:9/api")).orElseThrow();
        assertThat(s.mode()).isEqualTo(SlackSettings.Mode.HTTP);
        assertThat(s.isAdmin("U1")).isTrue();
        assertThat(s.isAdmin("U2")).isTrue();
        assertThat(s.isAdmin("U3")).isFalse();
        assertThat(s.methodsUrlPrefix()).isEqualTo("http://127.0.0.1:9/api/");
        assertThat(s.toString()).doesNotContain("xoxb-1").doesNotContain("sekrit");
    }

    @Test
    void half_a_configuration_is_a_clear_error_that_names_the_variables_not_their_values() {
        assertThatThrownBy(() -> SlackSettings.fromEnv(Map.of("SLACK_BOT_TOKEN", "xoxb-secret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SLACK_SIGNING_SECRET").hasMessageNotContaining("xoxb-secret");
        assertThatThrownBy(() -> SlackSettings.fromEnv(Map.of("SLACK_APP_TOKEN", "xapp-secret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SLACK_BOT_TOKEN").hasMessageNotContaining("xapp-secret");
    }

    @Test
    void an_app_token_builds_a_socket_mode_app_without_connecting() {
        SlackSettings s = SlackSettings.fromEnv(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1",
                "SLACK_API_URL", "http://127.0.0.1:9/api/")).orElseThrow();
        assertThat(s.mode()).isEqualTo(SlackSettings.Mode.SOCKET);
        Store store = Store.sqlite(dir.resolve("socket.db"));
        Conversations c = new Conversations(store, new RuleClassifier(), Clock.systemUTC());
        try (Deliveries deliveries = new Deliveries(store, List.of(), 0)) {
            SlackSurface surface = new SlackSurface(c, Prompts.builtIn(), deliveries, s);
            try {
                assertThat(surface.socketMode()).isNotNull();
                assertThat(surface.socketMode().getApp()).isSameAs(surface.app());
                assertThat(surface.app().config().getSingleTeamBotToken()).isEqualTo("xoxb-1");
                assertThat(surface.app().config().getSlack().getConfig().getMethodsEndpointUrlPrefix())
                        .isEqualTo("http://127.0.0.1:9/api/");
                assertThat(surface.name()).isEqualTo("slack");
            } finally {
                surface.close();
            }
        }
    }

    @Test
    void the_manifests_declare_the_command_events_scopes_and_url_the_surface_serves() throws Exception {
        for (String name : List.of("manifest.yml", "manifest-socket-mode.yml")) {
            String manifest = java.nio.file.Files.readString(Path.of("..", "slack", name));
            assertThat(manifest).contains("command: " + SlackSurface.COMMAND)
                    .contains("- message.im").contains("- app_home_opened")
                    .contains("home_tab_enabled: true").contains("is_enabled: true")
                    .contains("- chat:write").contains("- im:history").contains("- im:write")
                    .contains("- commands").contains("- files:write");
        }
        String http = java.nio.file.Files.readString(Path.of("..", "slack", "manifest.yml"));
        assertThat(http).contains("https://rolecraft.example.com" + SlackSurface.PATH)
                .contains("socket_mode_enabled: false");
        assertThat(java.nio.file.Files.readString(Path.of("..", "slack", "manifest-socket-mode.yml")))
                .contains("socket_mode_enabled: true").doesNotContain("url:");
    }
}
