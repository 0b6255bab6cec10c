package rolecraft.adapters.teams;

import java.util.Locale;
import java.util.Map;

/**
 * How the Teams surface authenticates: the bot's app registration, or none (local mode, for the Bot Framework
 * Emulator and tests, where only loopback service URLs are trusted).
 *
 * @param appId       MICROSOFT_APP_ID; blank means local mode
 * @param appPassword MICROSOFT_APP_PASSWORD, the client secret used to get outbound tokens
 * @param tenantId    MICROSOFT_APP_TENANT_ID, required for a single-tenant app
 * @param appType     MICROSOFT_APP_TYPE: MultiTenant (default) or SingleTenant
 * @param openIdUrl   where the Bot Framework's signing keys are announced; only tests change it
 */
public record TeamsConfig(String appId, String appPassword, String tenantId, AppType appType, String openIdUrl) {

    /** The Bot Framework channel's OpenID metadata, as the SDK names it. */
    public static final String BOT_FRAMEWORK_OPENID_URL =
            "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /** The kinds of app registration the Java SDK can get tokens for (it has no managed identity support). */
    public enum AppType {
        MULTI_TENANT, SINGLE_TENANT;

        static AppType parse(String text) {
            if (text == null || text.isBlank()) {
                return MULTI_TENANT;
            }
            switch (text.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
                case "multitenant":
                    return MULTI_TENANT;
                case "singletenant":
                    return SINGLE_TENANT;
                default:
                    throw new IllegalArgumentException("MICROSOFT_APP_TYPE must be MultiTenant or SingleTenant "
                            + "(the Bot Framework SDK for Java has no managed identity support), not " + text);
            }
        }
    }

    public TeamsConfig {
        appId = blankToNull(appId);
        appPassword = blankToNull(appPassword);
        tenantId = blankToNull(tenantId);
        appType = appType == null ? AppType.MULTI_TENANT : appType;
        openIdUrl = blankToNull(openIdUrl) == null ? BOT_FRAMEWORK_OPENID_URL : openIdUrl;
        if (appId != null && appPassword == null) {
            throw new IllegalArgumentException("MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_ID is set");
        }
        if (appType == AppType.SINGLE_TENANT && appId != null && tenantId == null) {
            throw new IllegalArgumentException("MICROSOFT_APP_TENANT_ID is required for a SingleTenant app");
        }
    }

    /** Local mode: no app id, no tokens; only activities whose service URL is on loopback are taken. */
    public static TeamsConfig localMode() {
        return new TeamsConfig(null, null, null, null, null);
    }

    /** Reads MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD, MICROSOFT_APP_TENANT_ID, MICROSOFT_APP_TYPE. */
    public static TeamsConfig fromEnv(Map<String, String> env) {
        return new TeamsConfig(env.get("MICROSOFT_APP_ID"), env.get("MICROSOFT_APP_PASSWORD"),
                env.get("MICROSOFT_APP_TENANT_ID"), AppType.parse(env.get("MICROSOFT_APP_TYPE")),
                env.get("ROLECRAFT_TEAMS_OPENID_URL"));
    }

    public boolean isLocal() {
        return appId == null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "TeamsConfig[appId=" + appId + ", tenantId=" + tenantId + ", appType=" + appType + "]";
    }
}
