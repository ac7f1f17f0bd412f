package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.transformerguide.playground.service.ServedModelRegistry;
import org.transformerguide.playground.service.PlaygroundProperties;
import org.transformerguide.playground.service.TrainingRequest;
import org.transformerguide.playground.service.TrainingService;

/**
 * The widgets that talk to the playground model, against a tiny default model trained here in a few
 * seconds; the first test opens the page while the default model is still training.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlaygroundWidgetsBrowserIT extends BrowserTestSupport {

    private static final String TEXT = "The cat sat on the mat. The transformer reads the sentence and attends to every token. ";
    private static final PlaygroundProperties.Preset TINY = new PlaygroundProperties.Preset(2, 2, 16, 16);

    @Autowired
    private ServedModelRegistry registry;
    @Autowired
    private TrainingService training;

    private static Path checkpoint(String name) throws Exception {
        return Files.createTempDirectory("widgets-test").resolve(name + ".tgckpt");
    }

    /** Trains the tiny default model (once) and waits until it is served. */
    @BeforeEach
    void tinyDefaultModel(org.junit.jupiter.api.TestInfo info) throws Exception {
        if (info.getTestMethod().orElseThrow().getName().startsWith("whileTheModelTrains") || registry.find(ServedModelRegistry.DEFAULT).isPresent()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        Runnable unsubscribe = training.subscribe(s -> {
            if (s.model().equals(ServedModelRegistry.DEFAULT) && s.state().finished()) {
                done.countDown();
            }
        });
        try {
            training.submit(new TrainingRequest(ServedModelRegistry.DEFAULT, "test", TEXT.repeat(10), TINY, 60, 8, 3e-3, 5, 30, 2,
                    checkpoint("default"), 7));
            assertThat(done.await(120, TimeUnit.SECONDS)).as("tiny model trained").isTrue();
        } finally {
            unsubscribe.run();
        }
        assertThat(registry.find(ServedModelRegistry.DEFAULT)).isPresent();
    }

    private WebElement open(String widget, int index) {
        driver.get(url("/guide/transformers"));
        By selector = By.cssSelector("figure.widget[data-widget='" + widget + "']");
        Browser.waitFor(driver).until(d -> "true".equals(d.findElements(selector).get(index).getAttribute("data-widget-ready")));
        WebElement el = driver.findElements(selector).get(index);
        js("arguments[0].scrollIntoView({block: 'center'})", el);
        return el;
    }

    private WebDriverWait waitLong() {
        return Browser.waitFor(driver, Duration.ofSeconds(30));
    }

    private void setSlider(WebElement slider, String value) {
        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", slider, value);
    }

    private double topBarHeight(WebElement widget) {
        return widget.findElements(By.cssSelector("rect.bar")).stream()
                .mapToDouble(r -> Double.parseDouble(r.getAttribute("height"))).max().orElseThrow();
    }

    @Test
    @Order(1)
    void whileTheModelTrainsTheWidgetsShowTheProgressInsteadOfAnError() throws Exception {
        registry.remove(ServedModelRegistry.DEFAULT);
        training.submit(new TrainingRequest(ServedModelRegistry.DEFAULT, "test", TEXT.repeat(10), TINY, 1_000_000, 2, 1e-3, 0, 1000, 1,
                checkpoint("slow"), 1));
        try {
            WebElement widget = open("next-token", 0);
            waitLong().until(d -> "training".equals(widget.findElement(By.cssSelector(".widget-status")).getAttribute("data-state")));
            assertThat(widget.findElement(By.cssSelector(".widget-status")).getText()).contains("The model is training").contains("1000000");
            assertThat(widget.findElements(By.cssSelector(".widget-status progress"))).hasSize(1);
            WebElement attention = driver.findElements(By.cssSelector("figure.widget[data-widget='attention']")).get(0);
            waitLong().until(d -> "training".equals(attention.findElement(By.cssSelector(".widget-status")).getAttribute("data-state")));
            WebElement monitor = driver.findElement(By.cssSelector("figure.widget[data-widget='training-monitor']"));
            waitLong().until(d -> monitor.findElement(By.cssSelector(".training-summary")).getText().contains("running"));
        } finally {
            training.cancel(ServedModelRegistry.DEFAULT);
        }
        waitLong().until(d -> !training.isTraining(ServedModelRegistry.DEFAULT));
    }

    @Test
    @Order(2)
    void nextTokenDrawsTheTopTokensAndTemperatureSharpensOrFlattensThem() {
        WebElement widget = open("next-token", 0);
        waitLong().until(d -> widget.findElements(By.cssSelector("rect.bar")).size() == 12);
        assertThat(widget.findElement(By.cssSelector(".widget-summary")).getText()).startsWith("Most likely:").contains("bits");
        WebElement slider = widget.findElement(By.cssSelector("input.temperature"));
        setSlider(slider, "0.1");
        WebElement chart = widget.findElement(By.cssSelector("svg.next-token-chart"));
        waitLong().until(d -> "0.1".equals(chart.getAttribute("data-temperature")));
        double sharp = topBarHeight(widget);
        setSlider(slider, "2");
        waitLong().until(d -> "2".equals(chart.getAttribute("data-temperature")));
        double flat = topBarHeight(widget);
        assertThat(sharp).isGreaterThan(flat);
        // top-k = 3 leaves three bars
        setSlider(widget.findElement(By.cssSelector("input.top-k")), "3");
        waitLong().until(d -> widget.findElements(By.cssSelector("rect.bar")).size() == 3);
        assertThat(widget.findElement(By.cssSelector(".widget-summary")).getText()).contains("over 3 candidate tokens");
    }

    @Test
    @Order(3)
    void attentionDrawsEveryHeadOfEveryLayerWithOneCellPerPairOfTokens() {
        WebElement widget = open("attention", 0);
        waitLong().until(d -> !widget.findElements(By.cssSelector(".attention-thumb")).isEmpty());
        int t = 16; // a character model reads the last block of the prompt: 16 of "The cat sat on the mat"'s 22 characters
        assertThat(widget.findElements(By.cssSelector(".attention-thumb"))).hasSize(2 * 2);
        assertThat(widget.findElements(By.cssSelector(".attention-thumb rect.cell"))).hasSize(2 * 2 * t * t);
        assertThat(widget.findElements(By.cssSelector("svg.attention-large rect.cell"))).hasSize(t * t);
        // causal: the first query attends only to itself
        assertThat(widget.findElement(By.cssSelector("svg.attention-large rect.cell[data-query='0'][data-key='0']")).getAttribute("data-value"))
                .isEqualTo("1.000");
        WebElement query = widget.findElements(By.cssSelector("button.query-token")).get(4);
        js("arguments[0].focus()", query);
        assertThat(widget.findElement(By.cssSelector(".widget-summary")).getText()).contains("(position 5) attends most to");
        assertThat(widget.findElements(By.cssSelector("rect.row-highlight"))).hasSize(1);
        // The picked row spelled out: one labelled key per position up to the query, weights summing to 1.
        List<WebElement> keys = widget.findElements(By.cssSelector(".attention-row .attention-key"));
        assertThat(keys).hasSize(5);
        assertThat(keys.stream().mapToDouble(k -> Double.parseDouble(k.getAttribute("data-weight"))).sum()).isCloseTo(1.0, within(0.01));
        // Labels are the tokens' text with spaces made visible: the tiny character model reads the prompt's last 16
        // characters, "r tokens matter.", whose second is a space.
        List<String> labels = widget.findElements(By.cssSelector("button.query-token")).stream().map(WebElement::getText).toList();
        assertThat(String.join("", labels)).isEqualTo("r␣tokens␣matter.");
        assertThat(keys.get(1).getText()).isEqualTo("␣");
        WebElement thumb = widget.findElements(By.cssSelector(".attention-thumb")).get(3);
        js("arguments[0].scrollIntoView({block: 'center'})", thumb); // the spelled-out row made the widget taller
        thumb.click();
        assertThat(widget.findElement(By.cssSelector(".widget-summary")).getText()).startsWith("Layer 2, head 2");
        assertThat(widget.findElements(By.cssSelector("details table tr"))).hasSize(t + 1);
        setPrompt(widget, "abc");
        waitLong().until(d -> widget.findElements(By.cssSelector("svg.attention-large rect.cell")).size() == 9);
    }

    @Test
    @Order(3)
    void theSecondAttentionWidgetComparesTheHeadsOfOneLayerUnderItsOwnTitle() {
        WebElement widget = open("attention-heads", 0);
        waitLong().until(d -> !widget.findElements(By.cssSelector(".attention-thumb")).isEmpty());
        assertThat(widget.getText()).contains("One layer's heads compared");
        WebElement overview = driver.findElements(By.cssSelector("figure.widget[data-widget='attention']")).get(0);
        assertThat(overview.getText()).contains("Every head of every layer");
        // Only layer 2's two heads, larger, captioned; the overview shows all 2 x 2.
        assertThat(widget.findElements(By.cssSelector(".attention-thumb"))).hasSize(2);
        assertThat(widget.findElements(By.cssSelector(".attention-thumb .attention-thumb-caption"))).extracting(WebElement::getText)
                .containsExactly("head 1", "head 2");
        assertThat(widget.findElement(By.cssSelector("select.layer")).getAttribute("value")).isEqualTo("1");
        assertThat(widget.findElements(By.cssSelector("svg.attention-large text")).get(0).getText()).isNotBlank();
        js("arguments[0].value = '0'; arguments[0].dispatchEvent(new Event('change'))", widget.findElement(By.cssSelector("select.layer")));
        waitLong().until(d -> widget.findElement(By.cssSelector(".widget-summary")).getText().startsWith("Layer 1, head 1"));
        assertThat(widget.findElements(By.cssSelector(".attention-thumb"))).hasSize(2);
    }

    private static String state(WebElement widget) {
        return widget.findElement(By.cssSelector(".widget-body")).getAttribute("data-state");
    }

    private void setPrompt(WebElement widget, String text) {
        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))",
                widget.findElement(By.cssSelector("input.prompt")), text);
    }

    @Test
    @Order(4)
    void theSamplerStreamsTextAndStops() {
        WebElement widget = open("sampler", 0);
        WebElement output = widget.findElement(By.cssSelector(".sampler-output"));
        js("arguments[0].value = '40'", widget.findElement(By.cssSelector("input.max-tokens")));
        js("arguments[0].value = '5'", widget.findElement(By.cssSelector("input.seed")));
        widget.findElement(By.cssSelector("button.generate")).click();
        waitLong().until(d -> "stopped".equals(state(widget)));
        String first = output.findElement(By.cssSelector(".generated")).getText();
        assertThat(first).isNotEmpty();
        assertThat(widget.findElement(By.cssSelector(".sampler-summary")).getText()).contains("tokens/s").contains("seed 5").contains("MAX_TOKENS");
        widget.findElement(By.cssSelector("button.generate")).click();
        waitLong().until(d -> "stopped".equals(state(widget)));
        assertThat(output.findElement(By.cssSelector(".generated")).getText()).as("same seed, same text").isEqualTo(first);

        // a long run, stopped by the reader
        js("arguments[0].value = '500'", widget.findElement(By.cssSelector("input.max-tokens")));
        js("arguments[0].value = ''", widget.findElement(By.cssSelector("input.seed")));
        // the tiny model writes 500 tokens in about a second: press Stop as soon as the third token shows
        js("const w = arguments[0]; new MutationObserver((changes, observer) => {"
                + " const g = w.querySelector('.generated'); if (g && g.textContent.length >= 3) { observer.disconnect();"
                + " w.querySelector('button.stop').click(); } }).observe(w, {subtree: true, childList: true, characterData: true});", widget);
        widget.findElement(By.cssSelector("button.generate")).click();
        waitLong().until(d -> "stopped".equals(state(widget)));
        int kept = output.findElement(By.cssSelector(".generated")).getText().length();
        assertThat(kept).isBetween(3, 100);
        assertThat(widget.findElement(By.cssSelector(".sampler-summary")).getText()).startsWith("Stopped after");
        assertThat(widget.findElement(By.cssSelector("button.generate")).isEnabled()).isTrue();
    }

    @Test
    @Order(4)
    void aDrawnSeedTypedBackInGivesTheSameText() {
        WebElement widget = open("sampler", 0);
        WebElement output = widget.findElement(By.cssSelector(".sampler-output"));
        WebElement seed = widget.findElement(By.cssSelector("input.seed"));
        js("arguments[0].value = '30'", widget.findElement(By.cssSelector("input.max-tokens")));
        js("arguments[0].value = '1.5'", widget.findElement(By.cssSelector("input.temperature"))); // varied text, so a wrong seed shows
        seed.clear();
        widget.findElement(By.cssSelector("button.generate")).click();
        waitLong().until(d -> "stopped".equals(state(widget)));
        String first = output.findElement(By.cssSelector(".generated")).getText();
        java.util.regex.Matcher shown = java.util.regex.Pattern.compile("seed (\\S+);")
                .matcher(widget.findElement(By.cssSelector(".sampler-summary")).getText());
        assertThat(shown.find()).as("the summary shows the seed").isTrue();
        String drawn = shown.group(1);
        assertThat(drawn).as("a whole number, never negative").matches("\\d+");
        assertThat(new java.math.BigInteger(drawn)).isLessThan(java.math.BigInteger.TWO.pow(53));

        seed.sendKeys(drawn); // typed back in, as a reader would
        widget.findElement(By.cssSelector("button.generate")).click();
        waitLong().until(d -> "stopped".equals(state(widget)));
        assertThat(widget.findElement(By.cssSelector(".sampler-summary")).getText()).contains("seed " + drawn + ";");
        assertThat(output.findElement(By.cssSelector(".generated")).getText()).as("the shown seed gives the same text").isEqualTo(first);
    }

    @Test
    @Order(5)
    void theTrainingMonitorShowsTheLastJob() {
        WebElement widget = open("training-monitor", 0);
        waitLong().until(d -> widget.findElement(By.cssSelector(".training-summary")).getText().contains("done"));
        assertThat(widget.findElement(By.cssSelector(".training-summary")).getText()).contains("iteration 60 of 60");
        assertThat(widget.findElement(By.cssSelector("progress.training-progress")).getAttribute("value")).isEqualTo("60");
    }

    @SuppressWarnings("unchecked")
    @Test
    @Order(6)
    void theNextTokenChartDownloadsAsSvgAndPng() {
        WebElement widget = open("next-token", 0);
        waitLong().until(d -> !widget.findElements(By.cssSelector("rect.bar")).isEmpty());
        js("window.__downloads = []; const original = URL.createObjectURL;"
                + "URL.createObjectURL = (blob) => { window.__downloads.push({type: blob.type, size: blob.size}); return original(blob); };"
                + "HTMLAnchorElement.prototype.click = function () { window.__downloads.push({name: this.download}); };");
        List<WebElement> buttons = widget.findElements(By.cssSelector(".widget-downloads button"));
        buttons.get(0).click();
        buttons.get(1).click();
        Browser.waitFor(driver).until(d -> ((List<?>) js("return window.__downloads")).size() >= 4);
        List<Map<String, Object>> downloads = (List<Map<String, Object>>) js("return window.__downloads");
        assertThat(downloads).anySatisfy(d -> assertThat(d.get("name")).isEqualTo("next-token.svg"));
        assertThat(downloads).anySatisfy(d -> assertThat(d.get("name")).isEqualTo("next-token.png"));
        assertThat(downloads).anySatisfy(d -> {
            assertThat(d.get("type")).isEqualTo("image/png");
            assertThat(((Number) d.get("size")).longValue()).isGreaterThan(1000);
        });
    }

    @Test
    @Order(7)
    void theInductionDemoScoresEveryHeadOfTheModelAndStatesItsVerdict() {
        WebElement widget = open("induction", 0);
        waitLong().until(d -> widget.findElements(By.cssSelector("table.induction-table tr[data-layer]")).size() == 2 * 2);
        for (WebElement cell : widget.findElements(By.cssSelector("td.score-induction, td.score-previous"))) {
            assertThat(Double.parseDouble(cell.getText())).isBetween(0.0, 1.0);
        }
        assertThat(widget.findElement(By.cssSelector(".widget-summary")).getText()).contains("Strongest induction head: layer ")
                .containsAnyOf("No head stands out clearly", "as the two-layer circuit needs", "not in an earlier layer");
        setPrompt(widget, "the ca"); // six distinct characters the tiny model knows
        waitLong().until(d -> widget.findElement(By.cssSelector(".widget-summary")).getText().startsWith("No token of this text repeats"));
    }

    @Test
    @Order(8)
    void theLogitLensShowsTheGuessesAtEveryDepthEndingOnTheModelsOwn() {
        WebElement widget = open("logit-lens", 0);
        waitLong().until(d -> widget.findElements(By.cssSelector("table.logit-lens-table tr[data-stage]")).size() == 2 + 1);
        List<WebElement> rows = widget.findElements(By.cssSelector("table.logit-lens-table tr[data-stage]"));
        assertThat(rows.get(0).findElement(By.tagName("th")).getText()).isEqualTo("embedding");
        assertThat(rows.get(2).findElement(By.tagName("th")).getText()).isEqualTo("block 2");
        assertThat(rows.get(2).findElements(By.tagName("td")).get(1).getText()).endsWith("(1)");
        assertThat(widget.findElement(By.cssSelector(".widget-summary")).getText()).contains("the model's final guess");
    }
}
