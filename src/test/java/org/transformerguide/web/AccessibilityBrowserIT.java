package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core, run inside the real browser on every kind of page, in both colour schemes: no serious or
 * critical WCAG 2 A/AA violation (contrast included) may be left.
 *
 * <p>axe is one long script on one renderer thread: with one browser, one core sat idle for the minute these
 * checks take. Two browsers check the pages side by side, from the start of the class; each test waits for
 * its own page's result and reports it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityBrowserIT extends BrowserTestSupport {

    /** Every kind of page, the longest first, so that the two browsers finish together. */
    private static final List<String> PAGES = List.of("/guide/transformers", "/guide/knowledge_store", "/guide/nn_intro",
            "/guide/rnn_intro", "/", "/guide/glossary", "/playground", "/playground/models", "/progress", "/signin",
            "/signup", "/search?q=attention", "/guide/no-such-page");

    private static String axe;

    private final Map<String, CompletableFuture<List<String>>> violationsByPage = new ConcurrentHashMap<>();
    private WebDriver secondBrowser;
    private ExecutorService checks;

    @BeforeAll
    static void loadAxe() throws IOException {
        try (InputStream in = AccessibilityBrowserIT.class.getResourceAsStream("/axe.min.js")) {
            assertThat(in).as("axe.min.js on the test classpath").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    void checkEveryPageInTwoBrowsers() {
        secondBrowser = Browser.start();
        BlockingQueue<WebDriver> idle = new ArrayBlockingQueue<>(2, false, List.of(driver, secondBrowser));
        checks = Executors.newFixedThreadPool(2);
        for (String path : PAGES) {
            violationsByPage.put(path, CompletableFuture.supplyAsync(() -> {
                WebDriver browser = take(idle);
                try {
                    return violationsInLightOrDark(browser, path);
                } finally {
                    idle.add(browser);
                }
            }, checks));
        }
    }

    @AfterAll
    void stopSecondBrowser() {
        checks.shutdownNow();
        secondBrowser.quit();
    }

    List<String> pages() {
        return PAGES;
    }

    @ParameterizedTest
    @MethodSource("pages")
    void noSeriousOrCriticalViolationsInLightOrDark(String path) {
        assertThat(violationsByPage.get(path).join()).as(path).isEmpty();
    }

    private List<String> violationsInLightOrDark(WebDriver browser, String path) {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        List<String> found = new ArrayList<>();
        for (String theme : List.of("light", "dark")) {
            if (!browser.getCurrentUrl().startsWith(url("/"))) {
                browser.get(url("/")); // a fresh browser: localStorage needs a page of the platform's origin first
            }
            page.executeScript("localStorage.setItem('tg-theme', arguments[0])", theme);
            browser.get(url(path));
            Browser.waitFor(browser).until(d -> d.findElements(By.cssSelector(".math:not([data-typeset])")).isEmpty());
            // Blocks out of view skip rendering (guide.css), and axe takes what is not rendered for hidden: it
            // checked 6,438 nodes of transformers.md with every block rendered, 5,663 without. Render them all.
            page.executeScript("const all = document.createElement('style'); all.textContent = arguments[0]; document.head.append(all);",
                    Browser.EVERY_BLOCK_RENDERED);
            // A scheme changes colours only: every WCAG rule runs in the light one, the rules that read
            // colours (contrast, links told apart by colour) in the dark one too.
            String only = theme.equals("light") ? "{type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}"
                    : "{type: 'rule', values: ['color-contrast', 'link-in-text-block']}";
            violations(browser, only).forEach(v -> found.add(theme + " scheme: " + v));
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private static List<String> violations(WebDriver browser, String runOnly) {
        JavascriptExecutor page = (JavascriptExecutor) browser;
        // A long guide page holds thousands of elements; on a busy 2-core machine axe needs more than
        // Selenium's default 30 s for asynchronous scripts.
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(180));
        page.executeScript(axe);
        Map<String, Object> result = (Map<String, Object>) page.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        // KaTeX's visual layer is aria-hidden (readers get its MathML): checking its thousands of
                        // glyph boxes would only repeat the page's own text colour, at great cost. Only violations
                        // are read, so axe need not build a selector and snippet for each of thousands of passes.
                        + "axe.run({exclude: [['.katex-html']]}, {runOnly: " + runOnly + ", resultTypes: ['violations']})"
                        + ".then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                        + " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' '))}))}))"
                        + ".catch(e => done({error: String(e)}));");
        assertThat(result.get("error")).as("axe ran").isNull();
        List<Map<String, Object>> found = (List<Map<String, Object>>) result.get("violations");
        return found.stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .map(v -> v.get("impact") + " " + v.get("id") + ": " + v.get("help") + " " + v.get("nodes"))
                .toList();
    }

    private static WebDriver take(BlockingQueue<WebDriver> idle) {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a browser", e);
        }
    }
}
