package rolecraft.adapters.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import rolecraft.adapters.web.Browser;
import rolecraft.bot.Prompts;
import rolecraft.bot.domain.Reply;
import rolecraft.bot.domain.Say;
import rolecraft.bot.domain.VersionRef;

/**
 * Every card the Teams surface sends, parsed and rendered by the official Adaptive Cards renderer (the npm
 * package adaptivecards, which the build fetches) in headless Chromium: no parse or validation event, the texts
 * and buttons a manager is meant to see, and a screenshot of each under target/cards.
 */
class TeamsCardsRenderIT {

    /** One card to render: the TeamsCards method that made it, its name, what it must show and its buttons. */
    record Sample(String method, String name, ObjectNode card, List<String> texts, List<String> buttons) {
    }

    @TempDir
    static Path dir;
    private static ChromeDriver chrome;
    private static final Path OUT = Path.of("target", "cards");
    private static final Prompts.PersonFormat PEOPLE = id -> id.endsWith("alice") ? "Alice Able" : "Bea Boss";

    @BeforeAll
    static void start() throws Exception {
        Browser.require();
        Path js = Path.of(System.getProperty("adaptivecards.js",
                "target/adaptivecards/package/dist/adaptivecards.min.js")).toAbsolutePath();
        assertThat(js).as("the build fetches the renderer before the integration tests").exists();
        Files.createDirectories(OUT);
        Path page = OUT.resolve("render.html").toAbsolutePath();
        Files.writeString(page, """
                <!doctype html><html><head><meta charset="utf-8">
                <style>body{font-family:'Segoe UI',sans-serif;background:#f5f5f5;margin:0}
                #host{width:560px;background:#fff;padding:4px;margin:8px;border:1px solid #e0e0e0}
                #host p{margin:0 0 4px}</style>
                <script src="%s"></script></head><body><div id="host"></div></body></html>
                """.formatted(js.toUri()));
        chrome = Browser.start(dir.resolve("profile"), dir.resolve("downloads"));
        chrome.get(page.toUri().toString());
    }

    @AfterAll
    static void stop() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    /**
     * Parses and renders one card; returns what the renderer said: parse events, validation events, the
     * rendered text and the titles of the buttons that show. Text is shown as Teams shows it: the Markdown the
     * cards use (escapes, bold, lines, bullets) turned into HTML by a small processor of the test's own.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> render(ObjectNode card) {
        return (Map<String, Object>) chrome.executeScript("""
                var AC = window.AdaptiveCards;
                AC.AdaptiveCard.onProcessMarkdown = function (text, result) {
                  var html = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
                  html = html.replace(/\\\\(.)/g, function (m, c) { return '&#' + c.charCodeAt(0) + ';'; });
                  html = html.replace(/\\*\\*([^*]+)\\*\\*/g, '<strong>$1</strong>');
                  html = html.split('\\n').map(function (l) {
                    return l.indexOf('- ') === 0 ? '&bull; ' + l.substring(2) : l; }).join('<br>');
                  result.outputHtml = '<p>' + html + '</p>';
                  result.didProcess = true;
                };
                var card = new AC.AdaptiveCard();
                var json = JSON.parse(arguments[0]);
                // Read against the schema version the card declares: anything newer than it is reported.
                var context = new AC.SerializationContext(AC.Version.parse(json.version, new AC.SerializationContext()));
                card.parse(json, context);
                var parse = [];
                for (var i = 0; i < context.eventCount; i++) {
                  var e = context.getEventAt(i);
                  parse.push(AC.ValidationEvent[e.event] + ': ' + e.message);
                }
                var validation = card.validateProperties().validationEvents.map(function (e) {
                  return AC.ValidationEvent[e.event] + ': ' + e.message; });
                window.executed = [];
                card.onExecuteAction = function (a) {
                  window.executed.push({ type: a.getJsonTypeName(), verb: a.verb || '', data: a.data || {} });
                };
                var host = document.getElementById('host');
                host.replaceChildren(card.render());
                var buttons = Array.prototype.slice.call(host.querySelectorAll('button'))
                  .filter(function (b) { return b.offsetParent !== null; })
                  .map(function (b) { return b.innerText.trim(); });
                return { parse: parse, validation: validation, text: host.innerText, buttons: buttons };
                """, card.toString());
    }

    private static List<Sample> samples() {
        TeamsCards cards = new TeamsCards(Prompts.builtIn());
        Map<String, Object> d = TeamsCardsTest.secondVersion();
        Map<String, Object> forty = TeamsCardsTest.fortyLongTasks();
        VersionRef ref = new VersionRef(7, 2);
        List<String> decide = List.of("Approve", "Request changes");
        Map<String, Object> notice = Map.of("employee", d.get("employee"), "draft", d, "ref",
                Map.of("role", 7, "version", 2));
        Map<String, Object> approved = Map.of("approved", true, "manager", Map.of("@person", "teams:t:bea"),
                "version", 2, "date", "2026-02-01", "comment", "Great work");
        Map<String, Object> changes = Map.of("approved", false, "manager", Map.of("@person", "teams:t:bea"),
                "version", 2, "date", "2026-02-01", "comment", "Add the audit work");
        List<Sample> out = new ArrayList<>();
        out.add(new Sample("card", "review", cards.card(Reply.of(Say.REVIEW, Map.of("tasks", d.get("tasks"),
                "count", 3)), PEOPLE), List.of("How I see your 3 task(s)", "1. Prepare the monthly report",
                "automate", "You have the last word"), List.of()));
        out.add(new Sample("card", "employee-draft", cards.card(Reply.of(Say.DRAFT, Map.of("draft", d)), PEOPLE),
                List.of("Draft role redesign — Analyst (version 2)", "Purpose", "Responsibilities",
                        "to send it to Bea Boss"), List.of()));
        out.add(new Sample("card", "inbox-draft", cards.card(Reply.of(Say.INBOX_SHOW, Map.of("draft", d, "n", 1)),
                PEOPLE), List.of("Draft role redesign", "approve 1 [comment]"), List.of()));
        out.add(new Sample("card", "manager-notice", cards.card(Reply.of(Say.NOTICE_NEW_DRAFT, notice), PEOPLE),
                List.of("Alice Able asks you to approve their role redesign: Analyst, version 2"), decide));
        out.add(new Sample("manager", "manager-decide", cards.manager(d, ref, TeamsCards.View.DECIDE, null,
                List.of("29:bea"), PEOPLE), List.of("Alice Able asks you to approve",
                "Changes since version 1", "added: Review supplier contracts (30%)", "Purpose",
                "Time, before → after", "Tasks, and the call on each", "2. Review supplier contracts",
                "Delegated to AI, and how it is overseen", "Skills to build", "How success is measured",
                "Your comment (optional when you approve)"), decide));
        out.add(new Sample("manager", "manager-waiting", cards.manager(d, ref, TeamsCards.View.WAITING, null,
                List.of("29:bea"), PEOPLE), List.of("Alice Able's role redesign", "Waiting for Bea Boss's decision",
                "Purpose", "Review supplier contracts"), List.of()));
        out.add(new Sample("manager", "status-for-others", cards.manager(d, ref, TeamsCards.View.STATUS, approved,
                List.of(), PEOPLE), List.of("Approved", "Bea Boss approved version 2 on 2026-02-01",
                "Alice Able's role redesign: Analyst, version 2"), List.of()));
        out.add(new Sample("manager", "manager-approved", cards.manager(d, ref, TeamsCards.View.DECIDED, approved,
                List.of(), PEOPLE), List.of("Approved", "Bea Boss approved version 2 on 2026-02-01",
                "Great work", "Purpose", "Review supplier contracts"), List.of()));
        out.add(new Sample("manager", "manager-changes-requested", cards.manager(d, ref, TeamsCards.View.DECIDED,
                changes, List.of(), PEOPLE), List.of("Changes requested",
                "Bea Boss asked for changes to version 2", "Add the audit work"), List.of()));
        out.add(new Sample("manager", "manager-decide-40-tasks", cards.manager(forty, new VersionRef(7, 1),
                TeamsCards.View.DECIDE, null, List.of("29:bea"), PEOPLE), List.of("40. Task 39",
                "How success is measured"), decide));
        out.add(new Sample("managerPicker", "manager-picker", cards.managerPicker("Got it: Analyst. Who is your "
                + "manager?", Map.of(), PEOPLE, null, null, false), List.of("Who is your manager?", "Your manager"),
                List.of("Choose")));
        out.add(new Sample("managerPicker", "manager-picker-proposed", cards.managerPicker("Who is your manager?",
                Map.of(), PEOPLE, "00000000-0000-0000-0000-0000000000b0", "Bea Boss", true),
                List.of("Your manager", "Type their work email instead"), List.of("Choose")));
        return out;
    }

    @Test
    void every_card_the_surface_sends_is_read_without_complaint_and_shows_what_it_should() throws Exception {
        List<Sample> samples = samples();
        // A card method added to TeamsCards (a people picker, say) needs a sample here before this passes.
        List<String> methods = Arrays.stream(TeamsCards.class.getDeclaredMethods())
                .filter(m -> m.getReturnType() == ObjectNode.class && !Modifier.isStatic(m.getModifiers())
                        && !Modifier.isPrivate(m.getModifiers()))
                .map(Method::getName).sorted().toList();
        assertThat(samples.stream().map(Sample::method).distinct().sorted().toList())
                .as("a sample of every card TeamsCards can make").isEqualTo(methods);
        for (Sample s : samples) {
            assertThat(s.card().path("version").asText()).as(s.name()).isEqualTo(TeamsCards.VERSION);
            Map<String, Object> r = render(s.card());
            List<?> parse = (List<?>) r.get("parse");
            List<?> validation = (List<?>) r.get("validation");
            if (s.card().findValue("choices.data") != null) {
                // Teams fills a people picker's choices from the directory as the person types (Data.Query, a Teams
                // extension it reads in the card versions it renders); the library dates the property to 1.6 and
                // wants a choice listed. Those two remarks, and only they, are no fault here.
                parse = parse.stream().filter(e -> !e.toString().startsWith(
                        "UnsupportedProperty: Property \"choices.data\" is supported in version 1.6")).toList();
                validation = validation.stream().filter(e -> !e.toString().startsWith("CollectionCantBeEmpty"))
                        .toList();
            }
            assertThat(parse).as(s.name() + ": parse events").isEmpty();
            assertThat(validation).as(s.name() + ": validation events").isEmpty();
            String text = (String) r.get("text");
            assertThat(text).as(s.name()).contains(s.texts()).doesNotContain("\\[", "**");
            assertThat((List<?>) r.get("buttons")).as(s.name() + ": buttons").isEqualTo(s.buttons());
            shoot(s.name());
        }
    }

    @Test
    void a_card_the_renderer_cannot_read_is_reported() {
        ObjectNode card = new TeamsCards(Prompts.builtIn()).manager(TeamsCardsTest.secondVersion(),
                new VersionRef(7, 2), TeamsCards.View.DECIDE, null, List.of(), PEOPLE);
        ((com.fasterxml.jackson.databind.node.ArrayNode) card.get("body")).addObject().put("type", "TextBlok");
        ((ObjectNode) card.path("actions").get(1).path("card").path("body").get(0)).remove("errorMessage");
        Map<String, Object> r = render(card);
        assertThat((List<?>) r.get("parse")).anySatisfy(e -> assertThat(e.toString()).startsWith("UnknownElementType"));
        // A card that declares a version older than what it uses: Action.Execute came with 1.4.
        ObjectNode old = new TeamsCards(Prompts.builtIn()).manager(TeamsCardsTest.secondVersion(),
                new VersionRef(7, 2), TeamsCards.View.DECIDE, null, List.of(), PEOPLE);
        old.put("version", "1.2");
        assertThat((List<?>) render(old).get("parse")).as("Action.Execute in a 1.2 card").isNotEmpty();
        assertThat((List<?>) r.get("validation"))
                .anySatisfy(e -> assertThat(e.toString()).startsWith("RequiredInputsShouldHaveErrorMessage"));
    }

    /** A PNG of the whole card as rendered now: the window is made tall enough for it first. */
    private static void shoot(String name) {
        Number height = (Number) chrome.executeScript(
                "return Math.ceil(document.getElementById('host').getBoundingClientRect().height);");
        chrome.manage().window().setSize(new org.openqa.selenium.Dimension(1280, height.intValue() + 200));
        try {
            Files.copy(chrome.findElement(By.id("host")).getScreenshotAs(OutputType.FILE).toPath(),
                    OUT.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void request_changes_is_held_until_its_box_is_filled_in_and_approve_is_not() {
        ObjectNode card = new TeamsCards(Prompts.builtIn()).manager(TeamsCardsTest.secondVersion(),
                new VersionRef(7, 2), TeamsCards.View.DECIDE, null, List.of("29:bea"), PEOPLE);
        render(card);
        clickButton("Request changes");
        clickButton("Send the request");
        assertThat(executed()).as("nothing sent without what should change").isEmpty();
        assertThat(chrome.findElement(By.id("host")).getText())
                .contains("Say what should change before you send the request.");
        shoot("manager-request-changes-empty");
        List<org.openqa.selenium.WebElement> boxes = chrome.findElements(By.cssSelector("#host textarea"));
        boxes.get(boxes.size() - 1).sendKeys("Add the audit work");
        clickButton("Send the request");
        assertThat(executed()).singleElement().satisfies(a -> {
            assertThat(a.get("verb")).isEqualTo("requestChanges");
            assertThat(((Map<?, ?>) a.get("data")).get("changes")).isEqualTo("Add the audit work");
        });

        render(card);
        chrome.findElement(By.cssSelector("#host textarea")).sendKeys("Great work");
        clickButton("Approve");
        assertThat(executed()).singleElement().satisfies(a -> {
            assertThat(a.get("verb")).isEqualTo("approve");
            assertThat(((Map<?, ?>) a.get("data")).get("comment")).isEqualTo("Great work");
            assertThat(((Map<?, ?>) a.get("data")).get("decision")).isEqualTo("approved");
        });
    }

    private static void clickButton(String title) {
        chrome.findElements(By.cssSelector("#host button")).stream()
                .filter(b -> b.isDisplayed() && b.getText().trim().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + title)).click();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> executed() {
        return ((List<Object>) chrome.executeScript("return window.executed;")).stream()
                .map(o -> (Map<String, Object>) o).collect(Collectors.toList());
    }
}
