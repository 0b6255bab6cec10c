package rolecraft.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import rolecraft.adapters.admin.AdminRoutes;
import rolecraft.adapters.admin.Fixtures;
import rolecraft.adapters.server.Deliveries;
import rolecraft.adapters.server.Server;
import rolecraft.bot.Conversations;
import rolecraft.bot.Prompts;
import rolecraft.bot.classify.RuleClassifier;
import rolecraft.bot.store.Store;

/** What a person sees in a real browser: the admin dashboard and the try-it chat. */
class BrowserIT {

    private static final String TOKEN = "browser-admin-token";

    @TempDir
    Path dir;
    private Server server;
    private Conversations conversations;
    private ChromeDriver chrome;
    private Path downloads;

    @BeforeEach
    void start() throws Exception {
        Browser.require();
        Store store = Store.sqlite(dir.resolve("browser.db"));
        conversations = new Conversations(store, new RuleClassifier(), Clock.systemUTC());
        server = Server.start(new Server.Config("127.0.0.1", 0), conversations, Prompts.builtIn(),
                List.of(new WebChat(conversations, Prompts.builtIn()), new AdminRoutes(store, TOKEN,
                        Clock.systemUTC())), new Deliveries(store, List.of(), 0));
        downloads = Files.createDirectories(dir.resolve("downloads"));
        chrome = Browser.start(dir.resolve("profile"), downloads);
        listenForViolations();
    }

    /** Before any page's own script in this tab: every Content-Security-Policy violation is written down. */
    private void listenForViolations() {
        chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "document.addEventListener('securitypolicyviolation', function (e) {"
                        + " var v = JSON.parse(localStorage.getItem('csp') || '[]');"
                        + " v.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));"
                        + " localStorage.setItem('csp', JSON.stringify(v)); });"));
    }

    private void newTab() {
        chrome.switchTo().newWindow(WindowType.TAB);
        listenForViolations();
    }

    /** The policy violations seen on this server's pages so far. */
    @SuppressWarnings("unchecked")
    private List<Object> violations() {
        return (List<Object>) ((JavascriptExecutor) chrome).executeScript(
                "return JSON.parse(localStorage.getItem('csp') || '[]');");
    }

    /** The probe hears a violation when there is one: an inline script added by hand is refused and written down. */
    private void probeHearsAViolation() {
        ((JavascriptExecutor) chrome).executeScript("localStorage.removeItem('csp');"
                + "var s = document.createElement('script'); s.textContent = 'window.inlineRan = true;';"
                + "document.body.appendChild(s);");
        waiting().until(d -> !violations().isEmpty());
        assertThat(((JavascriptExecutor) chrome).executeScript("return window.inlineRan === true;")).isEqualTo(false);
        assertThat(violations().get(0).toString()).contains("script-src");
        ((JavascriptExecutor) chrome).executeScript("localStorage.removeItem('csp');");
    }

    @AfterEach
    void stop() {
        if (chrome != null) {
            chrome.quit();
        }
        if (server != null) {
            server.stop();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** Waits up to 20 s; an element of a page that was replaced meanwhile (a sign-in's redirect) is looked up again. */
    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_admin_logs_in_sees_the_charts_with_the_right_figures_and_exports() throws Exception {
        for (int i = 1; i <= 5; i++) {
            Fixtures.redesign(conversations, "local", "analyst" + i, "boss", "Finance Analyst",
                    List.of("Prepare the monthly report - 40%", "Coach new hires 30%", "Answer customer emails 30%"),
                    true, "ledger quirks " + i);
        }
        chrome.get(url("/admin"));
        chrome.findElement(By.id("token")).sendKeys("not the token");
        chrome.findElement(By.id("sign-in")).click();
        // The refused sign-in is a new page: wait for it rather than read the old one.
        WebElement alert = waiting().until(d -> d.findElements(By.cssSelector("[role=alert]")).stream()
                .findFirst().orElse(null));
        assertThat(alert.getText()).contains("not right");
        chrome.findElement(By.id("token")).sendKeys(TOKEN);
        chrome.findElement(By.id("sign-in")).click();
        waiting().until(d -> "drawn".equals(d.findElement(By.tagName("body")).getAttribute("data-charts")));

        JsonNode summary = new ObjectMapper().readTree(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url("/admin/api/summary")))
                        .header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>) ((JavascriptExecutor) chrome).executeScript(
                "var c = Chart.getChart('chart-all-roles');"
                        + "return {labels: c.data.labels, before: c.data.datasets[0].data, after: c.data.datasets[1].data,"
                        + " drawn: c.canvas.width > 0};");
        assertThat((List<Object>) chart.get("labels")).containsExactly("automate", "augment", "human", "freed");
        assertThat(chart.get("drawn")).isEqualTo(true);
        List<?> before = (List<?>) chart.get("before");
        List<?> after = (List<?>) chart.get("after");
        String[] roles = {"automate", "augment", "human", "freed"};
        for (int i = 0; i < roles.length; i++) {
            JsonNode fig = summary.get("approved").get("by_ai_role").get(roles[i]);
            assertThat(((Number) before.get(i)).doubleValue()).isCloseTo(fig.get("before").asDouble(), within(1e-9));
            assertThat(((Number) after.get(i)).doubleValue()).isCloseTo(fig.get("after").asDouble(), within(1e-9));
            assertThat(chrome.findElement(By.cssSelector("[data-figure='all.by_ai_role." + roles[i] + ".before']"))
                    .getText()).isEqualTo(fig.get("before").asText());
        }
        assertThat(chrome.findElement(By.id("chart-group0-capabilities")).isDisplayed()).isTrue();
        assertThat(chrome.findElement(By.id("tacit")).getText()).isEqualTo("5");

        chrome.findElement(By.id("export-csv")).click();
        Path csv = waitForDownload(".csv");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("employee,manager,title,status");
        assertThat(lines).hasSize(1 + 5 * 3);

        chrome.findElement(By.id("logout")).click();
        waiting().until(d -> !d.findElements(By.id("token")).isEmpty());
        assertThat(violations()).as("policy violations on the admin pages").isEmpty();
        probeHearsAViolation();
    }

    @Test
    void a_task_written_to_break_the_page_leaves_the_dashboard_and_its_charts_whole() {
        String title = "Analyst <!--<script> </script><script>document.title='owned'</script>";
        for (int i = 1; i <= 5; i++) {
            Fixtures.redesign(conversations, "local", "analyst" + i, "boss", title,
                    List.of("Prepare the monthly report <!--<script> 50%", "File </script><!-- expenses 50%"), true,
                    null);
        }
        chrome.get(url("/admin"));
        chrome.findElement(By.id("token")).sendKeys(TOKEN);
        chrome.findElement(By.id("sign-in")).click();
        waiting().until(d -> "drawn".equals(d.findElement(By.tagName("body")).getAttribute("data-charts")));
        Object drawn = ((JavascriptExecutor) chrome).executeScript(
                "return ['chart-all-roles', 'chart-group0-roles', 'chart-group0-capabilities'].every(function (id) {"
                        + " var c = Chart.getChart(id); return c && c.canvas.width > 0 && c.data.labels.length > 0; });");
        assertThat(drawn).isEqualTo(true);
        assertThat(chrome.getTitle()).isEqualTo("rolecraft admin");
        assertThat(chrome.findElement(By.cssSelector("article.group h3")).getText()).startsWith(title);
        assertThat(violations()).as("policy violations on the dashboard").isEmpty();
    }

    private Path waitForDownload(String suffix) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (var files = Files.list(downloads)) {
                var done = files.filter(p -> p.toString().endsWith(suffix)).findFirst();
                if (done.isPresent()) {
                    return done.get();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + suffix + " file was downloaded");
    }

    private void chatAs(String user) {
        chrome.findElement(By.id("user")).sendKeys(user);
        chrome.findElement(By.id("use")).click();
        waiting().until(d -> d.findElement(By.id("chat")).isDisplayed());
    }

    private String say(String text) {
        int before = chrome.findElements(By.cssSelector(".msg.bot")).size();
        WebElement box = chrome.findElement(By.id("text"));
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            box.sendKeys(lines[i]);
            if (i < lines.length - 1) {
                box.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
            }
        }
        box.sendKeys(Keys.ENTER);
        waiting().until(d -> d.findElements(By.cssSelector(".msg.bot")).size() > before);
        List<WebElement> bot = chrome.findElements(By.cssSelector(".msg.bot"));
        return bot.get(bot.size() - 1).getText();
    }

    private void waitForNotice(WebDriver d, String text) {
        waiting().until(x -> x.findElements(By.cssSelector(".msg.notice")).stream()
                .anyMatch(e -> e.getText().contains(text)));
    }

    private void signOut() {
        chrome.findElement(By.id("sign-out")).click();
        waiting().until(d -> d.findElement(By.id("who")).isDisplayed());
    }

    @Test
    void a_short_redesign_in_the_try_it_chat_is_approved_after_signing_in_as_the_manager() {
        chrome.get(url("/"));
        String first = chrome.getWindowHandle();
        chatAs("alice");
        assertThat(say("start")).contains("What is your current job title?");
        assertThat(say("Designer")).contains("Who is your manager?");
        say("bob");
        assertThat(say("Design landing pages 60%\nMeet clients 40%")).contains("Added 2 task(s)");
        assertThat(say("done")).contains("Here is how I see your 2 task(s)");
        say("ok");
        for (int i = 0; i < 6; i++) {
            say("skip");
        }
        assertThat(say("submit")).contains("Sent to bob");

        // A second tab of the same browser is the same person: the id is the browser's, not the tab's.
        newTab();
        chrome.get(url("/"));
        waiting().until(d -> d.findElement(By.id("chat")).isDisplayed());
        assertThat(chrome.findElement(By.id("me")).getText()).isEqualTo("alice");
        // Becoming bob is an explicit sign-out and pick.
        signOut();
        chatAs("bob");
        waitForNotice(chrome, "alice sent you their role redesign");
        assertThat(say("review")).contains("Drafts waiting for you (1)");
        assertThat(say("approve 1 Lovely")).contains("Approved: alice's Designer");

        // The first tab still shows alice: its next request names alice, is refused, and it asks who you are.
        chrome.switchTo().window(first);
        waiting().until(d -> d.findElement(By.id("who")).isDisplayed());
        assertThat(chrome.findElement(By.id("chat")).isDisplayed()).isFalse();
        newTab();
        chrome.get(url("/"));
        waiting().until(d -> d.findElement(By.id("chat")).isDisplayed());
        assertThat(chrome.findElement(By.id("me")).getText()).isEqualTo("bob");
        signOut();
        chatAs("alice");
        waitForNotice(chrome, "bob approved your redesign of Designer");
        assertThat(say("status")).contains("approved");

        // Picking another id without signing out is refused by the server, whatever a page sends.
        Object refused = ((JavascriptExecutor) chrome).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "fetch('/web/api/session', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                        + " body: JSON.stringify({user: 'bob'})}).then(function (r) { done(r.status); });");
        assertThat(((Number) refused).intValue()).isEqualTo(403);
        assertThat(violations()).as("policy violations on the try-it chat").isEmpty();
        probeHearsAViolation();
    }
}
