package rolecraft.adapters.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Writes the Teams app package (manifest and icons) for this organisation's bot registration. */
@Command(name = "teams-package",
        mixinStandardHelpOptions = true,
        description = {
            "Write the Teams app package to upload to your organisation's app catalog: the manifest with your "
                + "bot's app id and your organisation's pages, and the two icons.",
            "",
            "The app id is the Microsoft App ID of your Azure Bot (the same MICROSOFT_APP_ID that serve uses). "
                + "The three pages are shown to people in Teams' app details: your organisation's page about "
                + "rolecraft, its privacy notice and its terms of use; each must be an https address.",
            "",
            "A package without a real app id or pages cannot be installed; --placeholder writes one anyway "
                + "(zeros and example.com), to look at."
        })
final class TeamsPackageCommand implements Callable<Integer> {

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String NO_ID = "00000000-0000-0000-0000-000000000000";
    private static final String RESOURCES = "/rolecraft/teams/";

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, defaultValue = "rolecraft-teams-app.zip", paramLabel = "FILE",
            description = "Where to write the package (default: ${DEFAULT-VALUE}); its folder must exist.")
    Path out;

    @Option(names = "--app-id", defaultValue = "${env:MICROSOFT_APP_ID}", paramLabel = "ID",
            description = "The bot's Microsoft App ID (env MICROSOFT_APP_ID).")
    String appId;

    @Option(names = "--website-url", defaultValue = "${env:ROLECRAFT_TEAMS_WEBSITE_URL}", paramLabel = "URL",
            description = "Your organisation's page about rolecraft (env ROLECRAFT_TEAMS_WEBSITE_URL).")
    String websiteUrl;

    @Option(names = "--privacy-url", defaultValue = "${env:ROLECRAFT_TEAMS_PRIVACY_URL}", paramLabel = "URL",
            description = "Its privacy notice (env ROLECRAFT_TEAMS_PRIVACY_URL).")
    String privacyUrl;

    @Option(names = "--terms-url", defaultValue = "${env:ROLECRAFT_TEAMS_TERMS_URL}", paramLabel = "URL",
            description = "Its terms of use (env ROLECRAFT_TEAMS_TERMS_URL).")
    String termsUrl;

    @Option(names = "--developer", defaultValue = "${env:ROLECRAFT_TEAMS_DEVELOPER:-rolecraft}", paramLabel = "NAME",
            description = "Who publishes the app, as Teams shows it (env ROLECRAFT_TEAMS_DEVELOPER, default: "
                    + "${DEFAULT-VALUE}).")
    String developer;

    @Option(names = "--placeholder", description = "Write a package that cannot be installed, with a zero app id "
            + "and example.com pages where none are given.")
    boolean placeholder;

    @Override
    public Integer call() throws IOException {
        ObjectNode manifest = manifest();
        Path target = out.toAbsolutePath().normalize();
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            throw new IllegalArgumentException("--out names a file in a folder that does not exist: "
                    + target.getParent());
        }
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException("--out names a folder, not a file: " + target);
        }
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            zip.closeEntry();
            for (String icon : List.of(manifest.path("icons").path("color").asText(),
                    manifest.path("icons").path("outline").asText())) {
                zip.putNextEntry(new ZipEntry(icon));
                copy(icon, zip);
                zip.closeEntry();
            }
        }
        Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        var said = spec.commandLine().getOut();
        said.println("Wrote " + target + (placeholder && NO_ID.equals(manifest.path("id").asText())
                ? " (a placeholder: it cannot be installed until it carries your bot's app id)"
                : " for the bot " + manifest.path("id").asText()
                    + ": upload it in the Teams admin center (Teams apps, Manage apps, Upload new app)."));
        said.flush();
        return 0;
    }

    /** The shipped manifest with this organisation's values, each checked. */
    ObjectNode manifest() throws IOException {
        ObjectNode m;
        try (InputStream in = resource("manifest.json")) {
            m = (ObjectNode) new ObjectMapper().readTree(in);
        }
        String id = appId(appId);
        m.put("id", id);
        m.put("version", manifestVersion(Version.current()));
        ObjectNode dev = (ObjectNode) m.path("developer");
        dev.put("name", name(developer));
        dev.put("websiteUrl", url(websiteUrl, "--website-url", "ROLECRAFT_TEAMS_WEBSITE_URL",
                "your organisation's page about rolecraft", dev.path("websiteUrl").asText()));
        dev.put("privacyUrl", url(privacyUrl, "--privacy-url", "ROLECRAFT_TEAMS_PRIVACY_URL",
                "your privacy notice", dev.path("privacyUrl").asText()));
        dev.put("termsOfUseUrl", url(termsUrl, "--terms-url", "ROLECRAFT_TEAMS_TERMS_URL",
                "your terms of use", dev.path("termsOfUseUrl").asText()));
        for (var bot : (ArrayNode) m.path("bots")) {
            ((ObjectNode) bot).put("botId", id);
        }
        if (m.path("webApplicationInfo") instanceof ObjectNode web) {
            web.put("id", id);
            web.put("resource", "api://botid-" + id);
        }
        return m;
    }

    private String appId(String given) {
        String source = Settings.source(spec, "--app-id", "MICROSOFT_APP_ID");
        if (given == null || given.isBlank()) {
            if (placeholder) {
                return NO_ID;
            }
            throw new IllegalArgumentException("the package needs your bot's app id: set MICROSOFT_APP_ID or "
                    + "--app-id (the Microsoft App ID of your Azure Bot), or write a placeholder with --placeholder");
        }
        String id = given.strip();
        if (!GUID.matcher(id).matches()) {
            throw new IllegalArgumentException(source + " must be a Microsoft App ID such as "
                    + "2f1c6a9e-8d3b-4c1e-9a7f-5b2d4e6f8a10; got '" + id + "'");
        }
        if (NO_ID.equals(id) && !placeholder) {
            throw new IllegalArgumentException(source + " is all zeros, which no bot has: give your bot's app id");
        }
        return id.toLowerCase(java.util.Locale.ROOT);
    }

    /** An https address Teams shows; the shipped example's when none is given and a placeholder is asked for. */
    private String url(String given, String option, String variable, String what, String example) {
        String source = Settings.source(spec, option, variable);
        if (given == null || given.isBlank()) {
            if (placeholder) {
                return example;
            }
            throw new IllegalArgumentException("the package needs the address of " + what + ": set " + variable
                    + " or " + option + " (an https address), or write a placeholder with --placeholder");
        }
        String u = given.strip();
        URI uri;
        try {
            uri = new URI(u);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(source + " is not an address: '" + u + "'");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(source + " must be an https address, such as "
                    + "https://intranet.example.org/rolecraft; got '" + u + "'");
        }
        return u;
    }

    private static String name(String developer) {
        String n = developer == null ? "" : developer.strip();
        if (n.isEmpty() || n.length() > 32) {
            throw new IllegalArgumentException("the developer name must be 1 to 32 characters (Teams' limit); got '"
                    + n + "'");
        }
        return n;
    }

    /** Teams wants major.minor.patch: the build's version without a qualifier, 0.0.0 for a development build. */
    static String manifestVersion(String version) {
        java.util.regex.Matcher v = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)").matcher(version);
        return v.lookingAt() ? v.group() : "0.0.0";
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = TeamsPackageCommand.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new IOException("this build has no Teams " + name + " in it");
        }
        return in;
    }

    private static void copy(String name, OutputStream to) throws IOException {
        try (InputStream in = resource(name)) {
            in.transferTo(to);
        }
    }
}
