package rolecraft.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import rolecraft.bot.Prompts;

/** Every sentence the Teams surface says has its template. */
class TeamsTemplatesTest {

    @Test
    void every_template_key_the_teams_code_uses_exists() throws Exception {
        Set<String> keys = new TreeSet<>();
        Pattern key = Pattern.compile("\"(teams_[a-z0-9_]+)\"");
        try (Stream<Path> files = Files.list(Path.of("src/main/java/rolecraft/adapters/teams"))) {
            for (Path f : files.toList()) {
                Matcher m = key.matcher(Files.readString(f));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        assertThat(keys).contains("teams_welcome", "teams_manager_unreachable", "teams_card_approve");
        Prompts prompts = Prompts.builtIn();
        assertThat(keys).allMatch(prompts::has, "has a template in prompts/");
    }
}
