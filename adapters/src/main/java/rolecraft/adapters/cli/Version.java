package rolecraft.adapters.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version built into the jar. */
public final class Version implements CommandLine.IVersionProvider {

    /** The project version, or "dev" when run from classes without the build's resource. */
    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("/rolecraft/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"rolecraft " + current()};
    }
}
