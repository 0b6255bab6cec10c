package rolecraft.adapters.teams;

import java.util.Locale;
import java.util.Map;

/**
 * Optional Microsoft Graph for Teams (MICROSOFT_GRAPH_ENABLED=true), with the bot's own app registration: the
 * app asks for tokens with its client secret (client credentials) and Graph answers what admin consent allows.
 *
 * @param appId        MICROSOFT_APP_ID: the app, and the id of the Teams app in the manifest
 * @param appPassword  MICROSOFT_APP_PASSWORD, the client secret
 * @param tenantId     MICROSOFT_APP_TENANT_ID; blank: the tenant of the person asked about
 * @param catalogAppId MICROSOFT_TEAMS_CATALOG_APP_ID: the app's id in the organisation's catalog; blank: looked
 *                     up by the manifest's id
 * @param loginUrl     where tokens come from; only tests change it
 * @param graphUrl     Graph's base URL; only tests change it
 */
public record GraphConfig(String appId, String appPassword, String tenantId, String catalogAppId, String loginUrl,
                          String graphUrl) {

    public static final String LOGIN_URL = "https://login.microsoftonline.com";
    public static final String GRAPH_URL = "https://graph.microsoft.com/v1.0";

    public GraphConfig {
        appId = blankToNull(appId);
        appPassword = blankToNull(appPassword);
        tenantId = blankToNull(tenantId);
        catalogAppId = blankToNull(catalogAppId);
        loginUrl = trimSlash(blankToNull(loginUrl) == null ? LOGIN_URL : loginUrl.strip());
        graphUrl = trimSlash(blankToNull(graphUrl) == null ? GRAPH_URL : graphUrl.strip());
        if (appId == null || appPassword == null) {
            throw new IllegalArgumentException("MICROSOFT_GRAPH_ENABLED needs MICROSOFT_APP_ID and "
                    + "MICROSOFT_APP_PASSWORD (Graph is asked as the app)");
        }
    }

    /** The Graph settings, or null when MICROSOFT_GRAPH_ENABLED is not true (Graph is off). */
    public static GraphConfig fromEnv(Map<String, String> env) {
        String enabled = env.get("MICROSOFT_GRAPH_ENABLED");
        if (enabled == null || !enabled.strip().toLowerCase(Locale.ROOT).equals("true")) {
            return null;
        }
        return new GraphConfig(env.get("MICROSOFT_APP_ID"), env.get("MICROSOFT_APP_PASSWORD"),
                env.get("MICROSOFT_APP_TENANT_ID"), env.get("MICROSOFT_TEAMS_CATALOG_APP_ID"),
                env.get("ROLECRAFT_GRAPH_LOGIN_URL"), env.get("ROLECRAFT_GRAPH_URL"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "GraphConfig[appId=" + appId + ", tenantId=" + tenantId + ", graphUrl=" + graphUrl + "]";
    }
}
