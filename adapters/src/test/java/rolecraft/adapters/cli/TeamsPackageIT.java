package rolecraft.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rolecraft teams-package} writes a Teams app package for one organisation's bot: its app id and pages
 * in the manifest, icons of the sizes Teams asks for; a package that could not work is refused unless a
 * placeholder is asked for by name.
 */
class TeamsPackageIT {

    private static final String APP_ID = "2f1c6a9e-8d3b-4c1e-9a7f-5b2d4e6f8a10";

    @TempDir
    Path dir;

    /** The settings of an organisation, and none inherited from the machine running the test. */
    private static Map<String, String> settings(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("MICROSOFT_APP_ID", "", "ROLECRAFT_TEAMS_WEBSITE_URL", "",
                "ROLECRAFT_TEAMS_PRIVACY_URL", "", "ROLECRAFT_TEAMS_TERMS_URL", ""));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static Map<String, String> complete() {
        return settings("MICROSOFT_APP_ID", APP_ID, "ROLECRAFT_TEAMS_WEBSITE_URL", "https://intranet.acme.test/rolecraft",
                "ROLECRAFT_TEAMS_PRIVACY_URL", "https://intranet.acme.test/privacy",
                "ROLECRAFT_TEAMS_TERMS_URL", "https://intranet.acme.test/terms");
    }

    private Jar.Result run(Map<String, String> env, String... args) throws Exception {
        return Jar.runWith(60, List.of(), env, "", args);
    }

    @Test
    void the_package_carries_the_app_id_the_pages_and_both_icons() throws Exception {
        Path zip = dir.resolve("acme.zip");
        Jar.Result r = run(complete(), "teams-package", "--out", zip.toString(), "--developer", "Acme HR");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(APP_ID, "Teams admin center");
        try (ZipFile z = new ZipFile(zip.toFile())) {
            JsonNode manifest = new ObjectMapper().readTree(z.getInputStream(z.getEntry("manifest.json")));
            assertThat(manifest.path("id").asText()).isEqualTo(APP_ID);
            assertThat(manifest.path("bots").get(0).path("botId").asText()).isEqualTo(APP_ID);
            assertThat(manifest.path("bots").get(0).path("scopes").toString()).contains("personal");
            // Installing the app for a user through Graph needs the app's Entra ID in webApplicationInfo.
            assertThat(manifest.path("webApplicationInfo").path("id").asText()).isEqualTo(APP_ID);
            assertThat(manifest.path("webApplicationInfo").path("resource").asText()).isEqualTo("api://botid-" + APP_ID);
            assertThat(manifest.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+");
            assertThat(manifest.path("developer").path("name").asText()).isEqualTo("Acme HR");
            assertThat(manifest.path("developer").path("websiteUrl").asText())
                    .isEqualTo("https://intranet.acme.test/rolecraft");
            assertThat(manifest.path("developer").path("privacyUrl").asText())
                    .isEqualTo("https://intranet.acme.test/privacy");
            assertThat(manifest.path("developer").path("termsOfUseUrl").asText())
                    .isEqualTo("https://intranet.acme.test/terms");
            assertThat(manifest.toString()).doesNotContain("${", "example.com", "00000000-0000");
            BufferedImage color = ImageIO.read(new ByteArrayInputStream(
                    z.getInputStream(z.getEntry(manifest.path("icons").path("color").asText())).readAllBytes()));
            BufferedImage outline = ImageIO.read(new ByteArrayInputStream(
                    z.getInputStream(z.getEntry(manifest.path("icons").path("outline").asText())).readAllBytes()));
            assertThat(color.getWidth()).isEqualTo(192);
            assertThat(color.getHeight()).isEqualTo(192);
            assertThat(outline.getWidth()).isEqualTo(32);
            assertThat(outline.getHeight()).isEqualTo(32);
            assertThat(outline.getColorModel().hasAlpha()).as("the outline icon is white on transparent").isTrue();
        }
    }

    @Test
    void a_package_that_could_not_be_installed_is_refused_in_one_sentence_and_nothing_is_written() throws Exception {
        Path zip = dir.resolve("refused.zip");
        Map<String, List<String>> cases = new java.util.LinkedHashMap<>();
        Map<String, Map<String, String>> envs = new java.util.LinkedHashMap<>();
        envs.put("no app id", with(complete(), "MICROSOFT_APP_ID", ""));
        cases.put("no app id", List.of("MICROSOFT_APP_ID", "--placeholder"));
        envs.put("zeros", with(complete(), "MICROSOFT_APP_ID", "00000000-0000-0000-0000-000000000000"));
        cases.put("zeros", List.of("MICROSOFT_APP_ID is all zeros"));
        envs.put("not an id", with(complete(), "MICROSOFT_APP_ID", "my-bot"));
        cases.put("not an id", List.of("MICROSOFT_APP_ID must be a Microsoft App ID", "'my-bot'"));
        envs.put("no privacy page", with(complete(), "ROLECRAFT_TEAMS_PRIVACY_URL", ""));
        cases.put("no privacy page", List.of("privacy notice", "ROLECRAFT_TEAMS_PRIVACY_URL"));
        envs.put("plain http", with(complete(), "ROLECRAFT_TEAMS_TERMS_URL", "http://intranet.acme.test/terms"));
        cases.put("plain http", List.of("ROLECRAFT_TEAMS_TERMS_URL must be an https address"));
        for (var c : cases.entrySet()) {
            Jar.Result r = run(envs.get(c.getKey()), "teams-package", "--out", zip.toString());
            assertThat(r.exit()).as(c.getKey() + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(c.getKey()).contains(c.getValue()).doesNotContain("Exception", "\tat ", "Usage:");
            assertThat(r.err().strip().lines().count()).as(c.getKey() + ": " + r.err()).isEqualTo(1);
            assertThat(zip).as(c.getKey()).doesNotExist();
        }
        Jar.Result option = run(complete(), "teams-package", "--out", zip.toString(), "--website-url", "intranet");
        assertThat(option.exit()).isEqualTo(2);
        assertThat(option.err()).contains("--website-url must be an https address");
        assertThat(zip).doesNotExist();
        Jar.Result folder = run(complete(), "teams-package", "--out", dir.resolve("no/such/folder.zip").toString());
        assertThat(folder.exit()).isEqualTo(2);
        assertThat(folder.err()).contains("folder that does not exist");
        assertThat(dir.resolve("no")).doesNotExist();
    }

    @Test
    void a_placeholder_is_written_only_when_asked_for_and_says_it_cannot_be_installed() throws Exception {
        Path zip = dir.resolve("look.zip");
        Jar.Result r = run(settings(), "teams-package", "--placeholder", "--out", zip.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("placeholder", "cannot be installed");
        try (ZipFile z = new ZipFile(zip.toFile())) {
            JsonNode manifest = new ObjectMapper().readTree(z.getInputStream(z.getEntry("manifest.json")));
            assertThat(manifest.path("id").asText()).isEqualTo("00000000-0000-0000-0000-000000000000");
        }
        assertThat(Files.size(zip)).isPositive();
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(key, value);
        return copy;
    }
}
