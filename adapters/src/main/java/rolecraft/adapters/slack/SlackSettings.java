package rolecraft.adapters.slack;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How rolecraft reaches Slack, read from the environment only: HTTP mode (bot token and signing secret) or
 * Socket Mode (an app-level token as well). Its text form never shows a secret.
 */
public record SlackSettings(String botToken, String signingSecret, String appToken, String apiUrl,
                            Set<String> admins) {

    /** How Slack's requests arrive. */
    public enum Mode {
        /** Slack POSTs to /slack/events on our public URL. */
        HTTP,
        /** We open a websocket to Slack; no public URL needed. */
        SOCKET
    }

    public SlackSettings {
        admins = Set.copyOf(admins);
    }

    /**
     * The settings when the environment asks for Slack: SLACK_APP_TOKEN (Socket Mode) or
     * SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET (HTTP); empty when neither is set.
     *
     * @throws IllegalArgumentException when Slack is asked for but a required variable is missing
     */
    public static Optional<SlackSettings> fromEnv(Map<String, String> env) {
        String bot = value(env, "SLACK_BOT_TOKEN");
        String secret = value(env, "SLACK_SIGNING_SECRET");
        String app = value(env, "SLACK_APP_TOKEN");
        if (app == null && (bot == null || secret == null)) {
            if (bot != null || secret != null) {
                throw new IllegalArgumentException("Slack needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET "
                        + "(HTTP mode), or SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode)");
            }
            return Optional.empty();
        }
        if (bot == null) {
            throw new IllegalArgumentException("Slack Socket Mode needs SLACK_BOT_TOKEN beside SLACK_APP_TOKEN");
        }
        String admins = value(env, "ROLECRAFT_ADMINS");
        Set<String> ids = admins == null ? Set.of() : Arrays.stream(admins.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        return Optional.of(new SlackSettings(bot, secret, app, value(env, "SLACK_API_URL"), ids));
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    public Mode mode() {
        return appToken != null ? Mode.SOCKET : Mode.HTTP;
    }

    public boolean isAdmin(String slackUserId) {
        return admins.contains(slackUserId);
    }

    /** The Web API base with a trailing slash, or null for Slack's own. */
    String methodsUrlPrefix() {
        if (apiUrl == null) {
            return null;
        }
        return apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    @Override
    public String toString() {
        return "SlackSettings[mode=" + mode() + ", apiUrl=" + (apiUrl == null ? "slack.com" : apiUrl)
                + ", admins=" + admins.size() + "]";
    }
}
