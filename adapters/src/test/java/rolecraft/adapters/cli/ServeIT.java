package rolecraft.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `rolecraft serve` as a process: it starts, answers /health, and stops cleanly on SIGTERM. */
class ServeIT {

    @TempDir
    Path dir;

    @Test
    void serve_answers_health_and_stops_on_sigterm() throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Jar.path().toString(), "serve", "--port", "0", "--host", "127.0.0.1",
                "--db", dir.resolve("serve.db").toString()))
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
            int port = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while (port < 0 && System.nanoTime() < deadline && (line = out.readLine()) != null) {
                Matcher m = listening.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertThat(port).as("serve printed its port").isPositive();
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ok\"", "\"kind\":\"sqlite\"");
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("serve stopped on SIGTERM").isTrue();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void serve_check_starts_asks_its_health_and_stops_and_the_build_left_a_class_data_archive_it_uses()
            throws Exception {
        Path archive = Jar.path().toAbsolutePath().resolveSibling("rolecraft.jsa");
        assertThat(archive).as("the build records serve's start-up classes beside the jar").isRegularFile();
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=info", "-jar", Jar.path().toString(), "serve", "--check",
                "--port", "0", "--host", "127.0.0.1", "--db", dir.resolve("check.db").toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("GET /health: 200", "\"status\":\"ok\"");
        // The archive was made by the JVM that built the jar, which is the one running this test.
        assertThat(out).as("the archive is mapped").contains("Mapped dynamic region");
        assertThat(dir.resolve("check.db")).exists();
    }

    @Test
    void serve_on_every_address_without_a_teams_app_id_says_teams_is_off_and_has_no_teams_endpoint()
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", Jar.path().toString(), "serve", "--port", "0", "--host", "0.0.0.0",
                "--db", dir.resolve("open.db").toString())).redirectErrorStream(true);
        pb.environment().remove("MICROSOFT_APP_ID");
        Process p = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Pattern listening = Pattern.compile("listening on http://0\\.0\\.0\\.0:(\\d+)");
            int port = -1;
            String teams = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            while (teams == null && System.nanoTime() < deadline && (line = out.readLine()) != null) {
                Matcher m = listening.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
                if (line.strip().startsWith("Teams:")) {
                    teams = line.strip();
                }
            }
            assertThat(port).as("serve printed its port").isPositive();
            assertThat(teams).startsWith("Teams: off");
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/messages"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"type\":\"message\",\"serviceUrl\":\"http://127.0.0.1:1/\",\"text\":\"start\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }
}
