package org.transformerguide.web.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.transformerguide.TransformerGuideApplication;
import org.transformerguide.web.Browser;

/**
 * What a long guide page costs the reader's browser: headless Chromium loads each page until every formula
 * is typeset, and the bench prints the browser's CPU time (all its processes) and the wall time of a load,
 * medians of {@code bench.rounds}. Each page is loaded two ways, alternating in one browser: as served, and
 * with every block of the article rendered (guide.css's content-visibility switched off), so the figure of
 * what skipping blocks out of view saves comes from one run on one machine.
 *
 * <pre>./mvnw -o -q -Pbench test-compile exec:exec -Dbench.main=org.transformerguide.web.bench.RenderBench</pre>
 * Needs Debian's chromium and chromium-driver, as the browser tests do.
 */
public final class RenderBench {

    static final List<String> PAGES = List.of("/guide/transformers_math", "/guide/transformers", "/guide/nn_intro", "/guide/glossary");
    private static final String EVERY_BLOCK_RENDERED = "addEventListener('DOMContentLoaded', () => {"
            + " const all = document.createElement('style'); all.textContent = '" + Browser.EVERY_BLOCK_RENDERED + "';"
            + " document.head.append(all); });";

    private RenderBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 7);
        ConfigurableApplicationContext app = SpringApplication.run(TransformerGuideApplication.class,
                "--server.port=0", "--server.address=127.0.0.1", "--guide.playground.train-on-start=false",
                "--spring.datasource.url=jdbc:h2:mem:bench", "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        ChromeDriver browser = (ChromeDriver) Browser.start();
        try {
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            System.out.printf(Locale.ROOT, "%d rounds per page and way, load average before: %s%n", rounds, PageBench.loadAverage());
            System.out.printf(Locale.ROOT, "%-26s %-22s %16s %12s%n", "page", "", "browser CPU", "wall");
            for (String page : PAGES) {
                load(browser, base + page); // the first load compiles the scripts and fills the cache: not counted
                List<double[]> served = new ArrayList<>();
                List<double[]> everyBlock = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    served.add(load(browser, base + page));
                    Object script = browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                            Map.of("source", EVERY_BLOCK_RENDERED)).get("identifier");
                    everyBlock.add(load(browser, base + page));
                    browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", script));
                }
                print(page, "as served", served);
                print(page, "every block rendered", everyBlock);
            }
            System.out.printf(Locale.ROOT, "Load average after: %s (2 cores)%n", PageBench.loadAverage());
        } finally {
            browser.quit();
            app.close();
        }
    }

    /** One load until every formula is typeset: {browser CPU seconds, wall seconds}. */
    private static double[] load(ChromeDriver browser, String url) {
        double cpuBefore = browserCpuSeconds();
        long start = System.nanoTime();
        browser.get(url);
        new WebDriverWait(browser, Duration.ofSeconds(120)).pollingEvery(Duration.ofMillis(20)).until(d -> (Boolean)
                ((JavascriptExecutor) d).executeScript("return document.querySelectorAll('.math:not([data-typeset])').length === 0"));
        double wall = (System.nanoTime() - start) / 1e9;
        // the frame after the last formula: its style and layout are part of the load
        browser.executeAsyncScript("const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));");
        return new double[] {browserCpuSeconds() - cpuBefore, wall};
    }

    /** CPU of every process this JVM started, less its own: chromedriver, Chromium and its renderers. */
    private static double browserCpuSeconds() {
        return ProcessHandle.current().descendants()
                .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum();
    }

    private static void print(String page, String way, List<double[]> loads) {
        System.out.printf(Locale.ROOT, "%-26s %-22s %13.0f ms %9.0f ms%n", page, way,
                1000 * median(loads, 0), 1000 * median(loads, 1));
    }

    private static double median(List<double[]> loads, int field) {
        List<Double> values = new ArrayList<>(loads.stream().map(l -> l[field]).toList());
        Collections.sort(values);
        return values.get(values.size() / 2);
    }
}
