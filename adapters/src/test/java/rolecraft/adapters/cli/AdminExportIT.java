package rolecraft.adapters.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin export over HTTP streams too: 100,000 rows from a server whose heap could not hold them. */
class AdminExportIT {

    @TempDir
    Path dir;

    @Test
    void a_hundred_thousand_rows_stream_over_http_from_a_small_heap() throws Exception {
        Path db = dir.resolve("big.db");
        BigDb.seed(db, 10_000, 10);
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx48m", "-jar", Jar.path().toString(), "serve", "--port", "0", "--host", "127.0.0.1",
                "--db", db.toString())).redirectErrorStream(true);
        pb.environment().put("ROLECRAFT_ADMIN_TOKEN", "big-export-admin-token");
        Process p = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
            int port = -1;
            String line;
            while (port < 0 && (line = out.readLine()) != null) {
                Matcher m = listening.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertThat(port).isPositive();
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // keep the child's output flowing
                    }
                } catch (java.io.IOException ignored) {
                    // the process ended
                }
            });
            drain.setDaemon(true);
            drain.start();
            Path csv = dir.resolve("big.csv");
            HttpResponse<Path> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/admin/export?format=csv"))
                    .header("Authorization", "Bearer big-export-admin-token").build(), HttpResponse.BodyHandlers.ofFile(csv));
            assertThat(r.statusCode()).isEqualTo(200);
            try (var lines = Files.lines(csv)) {
                assertThat(lines.count()).isEqualTo(100_001);
            }
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("still serving after the export").isEqualTo(200);
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
