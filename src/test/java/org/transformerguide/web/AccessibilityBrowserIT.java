package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * axe-core, run inside the real browser on every kind of page, in both colour schemes: no serious or
 * critical WCAG 2 A/AA violation (contrast included) may be left.
 */
class AccessibilityBrowserIT extends BrowserTestSupport {

    private static String axe;

    @BeforeAll
    static void loadAxe() throws IOException {
        try (InputStream in = AccessibilityBrowserIT.class.getResourceAsStream("/axe.min.js")) {
            assertThat(in).as("axe.min.js on the test classpath").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/guide/transformers", "/guide/nn_intro", "/guide/glossary", "/progress", "/signin",
            "/signup", "/search?q=attention", "/guide/rnn_intro", "/guide/no-such-page", "/guide/knowledge_store", "/playground", "/playground/models"})
    void noSeriousOrCriticalViolationsInLightOrDark(String path) {
        for (String theme : List.of("light", "dark")) {
            if (!driver.getCurrentUrl().startsWith(url("/"))) {
                driver.get(url("/")); // a fresh browser: localStorage needs a page of the platform's origin first
            }
            js("localStorage.setItem('tg-theme', arguments[0])", theme);
            driver.get(url(path));
            Browser.waitFor(driver).until(d -> d.findElements(By.cssSelector(".math:not([data-typeset])")).isEmpty());
            // Blocks out of view skip rendering (guide.css), and axe takes what is not rendered for hidden: it
            // checked 6,438 nodes of transformers.md with every block rendered, 5,663 without. Render them all.
            js("const all = document.createElement('style'); all.textContent = arguments[0]; document.head.append(all);",
                    Browser.EVERY_BLOCK_RENDERED);
            // A scheme changes colours only: every WCAG rule runs in the light one, the rules that read
            // colours (contrast, links told apart by colour) in the dark one too.
            String only = theme.equals("light") ? "{type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}"
                    : "{type: 'rule', values: ['color-contrast', 'link-in-text-block']}";
            assertThat(violations(only)).as(path + " in the " + theme + " scheme").isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> violations(String runOnly) {
        JavascriptExecutor browser = (JavascriptExecutor) driver;
        // A long guide page holds thousands of elements; on a busy 2-core machine axe needs more than
        // Selenium's default 30 s for asynchronous scripts.
        driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(180));
        browser.executeScript(axe);
        Map<String, Object> result = (Map<String, Object>) browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        // KaTeX's visual layer is aria-hidden (readers get its MathML): checking its thousands of
                        // glyph boxes would only repeat the page's own text colour, at great cost.
                        + "axe.run({exclude: [['.katex-html']]}, {runOnly: " + runOnly + "})"
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
}
