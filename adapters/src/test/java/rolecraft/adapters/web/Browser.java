package rolecraft.adapters.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from the system's packages (never a downloaded browser). Where none is installed the
 * browser tests skip with one line; under CI they must run.
 */
public final class Browser {

    private Browser() {
    }

    public static Path binary() {
        String env = System.getenv("CHROME_BIN");
        for (String p : List.of(env == null ? "" : env, "/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    public static Path driver() {
        String env = System.getenv("CHROMEDRIVER");
        for (String p : List.of(env == null ? "" : env, "/usr/bin/chromedriver")) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    /** Skips (or, under CI, fails) when Chromium or its driver is missing. */
    public static void require() {
        boolean present = binary() != null && driver() != null;
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("Chromium and chromedriver are required under CI (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, "browser tests skipped: no Chromium found (apt-get install chromium chromium-driver)");
    }

    public static ChromeDriver start(Path profile, Path downloads) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--disable-quic", "--disable-extensions", "--window-size=1280,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver().toFile()).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return chrome;
    }
}
