package rolecraft.adapters.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Checks of the settings a person gives on the command line or in the environment, each refused with one
 * sentence that names where the value came from.
 */
final class Settings {

    private Settings() {
    }

    /** Where a value came from: the option when it was given, else its environment variable. */
    static String source(CommandSpec spec, String option, String variable) {
        // An inherited option (--db) may be given before or after the subcommand: look along the whole line.
        for (ParseResult r = spec.root().commandLine().getParseResult(); r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(option)) {
                return option;
            }
        }
        return variable;
    }

    /** A TCP port to listen on: a whole number from 0 (any free port) to 65535. */
    static int port(String value, String source) {
        String v = value == null ? "" : value.strip();
        int port;
        try {
            port = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " must be a port number from 0 to 65535; got '" + v + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(source + " must be a port number from 0 to 65535; got " + port);
        }
        return port;
    }

    /** An address to bind: it must resolve to an address (the bind itself then says whether it is this machine's). */
    static String host(String value, String source) {
        String h = value.strip();
        String bare = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        try {
            InetAddress.getByName(bare);
        } catch (UnknownHostException | SecurityException e) {
            throw new IllegalArgumentException(source + " names a host that does not resolve: '" + h
                    + "' (use an address of this machine, such as 127.0.0.1 or 0.0.0.0)");
        }
        return bare;
    }

    /** The SQLite file: not a folder, and in a folder that exists (folders are never created silently). */
    static Path sqliteFile(Path file, String source) {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new IllegalArgumentException(source + " names a folder, not a file: " + absolute
                    + " (name a file in it, such as " + absolute.resolve("rolecraft.db") + ")");
        }
        Path parent = absolute.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(source + " is in a folder that does not exist: " + parent
                    + " (create it first, or name a file in a folder that exists)");
        }
        return file;
    }
}
