package rolecraft.adapters.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built rolecraft.jar in its own process, as a user would. */
final class Jar {

    /** What a run printed and how it ended. */
    record Result(int exit, String out, String err) {
    }

    static Path path() {
        String p = System.getProperty("rolecraft.jar");
        if (p == null) {
            throw new IllegalStateException("rolecraft.jar system property not set: run through failsafe (mvn verify)");
        }
        return Path.of(p);
    }

    static Result run(String stdin, String... args) throws IOException, InterruptedException {
        return run(List.of(), stdin, args);
    }

    static Result run(List<String> jvm, String stdin, String... args) throws IOException, InterruptedException {
        return run(120, jvm, stdin, args);
    }

    static Result run(int seconds, List<String> jvm, String stdin, String... args)
            throws IOException, InterruptedException {
        return runWith(seconds, jvm, java.util.Map.of(), stdin, args);
    }

    /** The same with {@code env} added to the environment the process inherits. */
    static Result runWith(int seconds, List<String> jvm, java.util.Map<String, String> env, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.add("-jar");
        cmd.add(path().toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("rolecraft-out", ".txt");
        Path err = Files.createTempFile("rolecraft-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(cmd)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(env);
            Process p = builder.start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("rolecraft " + String.join(" ", args) + " did not finish in " + seconds
                        + " s");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static String lines(String... messages) {
        return String.join("\n", messages) + "\n";
    }

    private Jar() {
    }
}
