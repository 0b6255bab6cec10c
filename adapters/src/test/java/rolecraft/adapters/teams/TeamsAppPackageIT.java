package rolecraft.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The build's Teams app package holds a manifest for the bot and icons of the sizes Teams asks for. */
class TeamsAppPackageIT {

    @Test
    void the_app_package_has_the_manifest_and_both_icons() throws Exception {
        Path zip = Path.of(System.getProperty("rolecraft.jar")).resolveSibling("rolecraft-teams-app.zip");
        try (ZipFile z = new ZipFile(zip.toFile())) {
            JsonNode manifest = new ObjectMapper().readTree(z.getInputStream(z.getEntry("manifest.json")));
            String id = manifest.path("id").asText();
            assertThat(id).matches("[0-9a-fA-F-]{36}");
            assertThat(manifest.path("bots").get(0).path("botId").asText()).isEqualTo(id);
            // Installing the app for a user through Graph needs the app's Entra ID in webApplicationInfo.
            assertThat(manifest.path("webApplicationInfo").path("id").asText()).isEqualTo(id);
            assertThat(manifest.path("bots").get(0).path("scopes").toString()).contains("personal");
            assertThat(manifest.toString()).doesNotContain("${");
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
}
