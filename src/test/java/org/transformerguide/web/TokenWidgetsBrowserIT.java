package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.transformerguide.playground.service.ServedModelRegistry;
import org.transformerguide.playground.service.PlaygroundProperties;
import org.transformerguide.playground.service.TrainingRequest;
import org.transformerguide.playground.service.TrainingService;
import org.transformerguide.tokens.PublishedTokenizers;

/**
 * The tokenizer and embeddings widgets of transformers.md §3 and §4, against a tiny character-level
 * default model trained here in a few seconds; the first test opens them while the model still trains.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenWidgetsBrowserIT extends BrowserTestSupport {

    private static final String TEXT = "The cat sat on the mat. The transformer reads the sentence and attends to every token. ";
    private static final PlaygroundProperties.Preset TINY = new PlaygroundProperties.Preset(2, 2, 16, 16);

    @Autowired
    private ServedModelRegistry registry;
    @Autowired
    private TrainingService training;

    private static Path checkpoint(String name) throws Exception {
        return Files.createTempDirectory("token-widgets-test").resolve(name + ".tgckpt");
    }

    @BeforeEach
    void tinyDefaultModel(TestInfo info) throws Exception {
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

    private WebElement open(String widget) {
        driver.get(url("/guide/transformers"));
        By selector = By.cssSelector("figure.widget[data-widget='" + widget + "']");
        Browser.waitFor(driver).until(d -> "true".equals(d.findElement(selector).getAttribute("data-widget-ready")));
        WebElement el = driver.findElement(selector);
        js("arguments[0].scrollIntoView({block: 'center'})", el);
        return el;
    }

    private WebDriverWait waitLong() {
        return Browser.waitFor(driver, Duration.ofSeconds(30));
    }

    private int vocabSize() {
        return registry.find(ServedModelRegistry.DEFAULT).orElseThrow().config().vocabSize();
    }

    @Test
    @Order(1)
    void whileTheModelTrainsBothWidgetsShowTheProgress() throws Exception {
        registry.remove(ServedModelRegistry.DEFAULT);
        training.submit(new TrainingRequest(ServedModelRegistry.DEFAULT, "test", TEXT.repeat(10), TINY, 1_000_000, 2, 1e-3, 0, 1000, 1,
                checkpoint("slow"), 1));
        try {
            for (String name : List.of("tokenizer", "embeddings")) {
                WebElement widget = open(name);
                waitLong().until(d -> "training".equals(widget.findElement(By.cssSelector(".widget-status")).getAttribute("data-state")));
                assertThat(widget.findElement(By.cssSelector(".widget-status")).getText()).contains("The model is training");
                assertThat(widget.findElements(By.cssSelector(".widget-status progress"))).hasSize(1);
            }
        } finally {
            training.cancel(ServedModelRegistry.DEFAULT);
        }
        waitLong().until(d -> !training.isTraining(ServedModelRegistry.DEFAULT));
    }

    /** The text the widget last drew the tokens of. */
    private static String shownText(WebElement widget) {
        return widget.findElement(By.cssSelector(".widget-body")).getAttribute("data-text");
    }

    private List<Integer> counts(WebElement widget) {
        return widget.findElements(By.cssSelector(".tokenizer-result")).stream()
                .map(r -> r.findElements(By.cssSelector("li.token")).size()).toList();
    }

    @Test
    @Order(2)
    void theTokenizerDrawsEachTokenizersTokensAndRedrawsAsYouType() {
        WebElement widget = open("tokenizer");
        String first = "The players played; the stayers stayed.";
        waitLong().until(d -> first.equals(shownText(widget)) && counts(widget).size() == 3);
        assertThat(counts(widget)).containsExactly(first.length(), PublishedTokenizers.GPT2.encode(first).length,
                PublishedTokenizers.CL100K.encode(first).length);
        assertThat(widget.findElements(By.cssSelector(".tokenizer-name")).get(1).getText())
                .isEqualTo("GPT-2 (r50k_base): " + PublishedTokenizers.GPT2.encode(first).length + " tokens");
        // the ids shown are the library's
        assertThat(widget.findElements(By.cssSelector(".tokenizer-result")).get(1).findElement(By.cssSelector(".token-id")).getText())
                .isEqualTo(String.valueOf(PublishedTokenizers.GPT2.encode(first)[0]));

        WebElement box = widget.findElement(By.cssSelector("textarea.tokenizer-text"));
        box.clear();
        String typed = "naïve tokens";
        box.sendKeys(typed);
        waitLong().until(d -> typed.equals(shownText(widget)));
        assertThat(counts(widget)).containsExactly(typed.length(), PublishedTokenizers.GPT2.encode(typed).length,
                PublishedTokenizers.CL100K.encode(typed).length);
        // ChromeDriver cannot type outside the Basic Multilingual Plane: an emoji is pasted instead
        String pasted = "naïve 🙂 tokens";
        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", box, pasted);
        waitLong().until(d -> pasted.equals(shownText(widget)));
        assertThat(counts(widget)).containsExactly(pasted.codePointCount(0, pasted.length()), PublishedTokenizers.GPT2.encode(pasted).length,
                PublishedTokenizers.CL100K.encode(pasted).length);
        assertThat(widget.findElement(By.cssSelector(".widget-summary")).getText()).startsWith("14 characters: the playground model reads 14 tokens");
    }

    @Test
    @Order(3)
    void theEmbeddingsMapDrawsEveryTokenAndListsTheNeighboursOfTheOneYouPick() {
        WebElement widget = open("embeddings");
        WebElement chart = widget.findElement(By.cssSelector("svg.embeddings-chart"));
        waitLong().until(d -> chart.getAttribute("data-selected") != null);
        assertThat(widget.findElements(By.cssSelector("circle.point"))).hasSize(vocabSize());
        assertThat(widget.findElements(By.cssSelector(".neighbour-list li"))).hasSize(8); // the page asks for "e" and k = 8
        assertThat(widget.findElements(By.cssSelector("circle.neighbour"))).hasSize(8);

        js("arguments[0].value = '3'", widget.findElement(By.cssSelector("input.embedding-k")));
        new Select(widget.findElement(By.cssSelector("select.embedding-token"))).selectByValue("5");
        waitLong().until(d -> "5".equals(chart.getAttribute("data-selected")));
        assertThat(widget.findElements(By.cssSelector(".neighbour-list li"))).hasSize(3);
        assertThat(widget.findElement(By.cssSelector(".widget-summary")).getText()).contains("(id 5): its 3 nearest tokens");

        // a click on a point selects it
        WebElement point = widget.findElement(By.cssSelector("circle.point[data-id='2']"));
        js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", point);
        waitLong().until(d -> "2".equals(chart.getAttribute("data-selected")));
        assertThat(widget.findElements(By.cssSelector("circle.point"))).hasSize(vocabSize());
    }

    @Test
    @Order(5)
    void theNextTokenTopKSliderRunsToTheModelsVocabularySize() {
        driver.get(url("/guide/transformers"));
        By selector = By.cssSelector("figure.widget[data-widget='next-token']");
        Browser.waitFor(driver).until(d -> "true".equals(d.findElement(selector).getAttribute("data-widget-ready")));
        WebElement widget = driver.findElement(selector);
        waitLong().until(d -> !widget.findElements(By.cssSelector("rect.bar")).isEmpty());
        assertThat(widget.findElement(By.cssSelector("input.top-k")).getAttribute("max")).isEqualTo(String.valueOf(vocabSize()));
    }

    @SuppressWarnings("unchecked")
    @Test
    @Order(4)
    void theEmbeddingsMapDownloadsAsSvg() {
        WebElement widget = open("embeddings");
        waitLong().until(d -> !widget.findElements(By.cssSelector("circle.point")).isEmpty());
        js("window.__downloads = []; const original = URL.createObjectURL;"
                + "URL.createObjectURL = (blob) => { window.__downloads.push({type: blob.type, size: blob.size}); return original(blob); };"
                + "HTMLAnchorElement.prototype.click = function () { window.__downloads.push({name: this.download}); };");
        widget.findElements(By.cssSelector(".widget-downloads button")).get(0).click();
        Browser.waitFor(driver).until(d -> ((List<?>) js("return window.__downloads")).size() >= 2);
        List<Map<String, Object>> downloads = (List<Map<String, Object>>) js("return window.__downloads");
        assertThat(downloads).anySatisfy(d -> assertThat(d.get("name")).isEqualTo("embeddings.svg"));
        assertThat(downloads).anySatisfy(d -> {
            assertThat(d.get("type")).isEqualTo("image/svg+xml");
            assertThat(((Number) d.get("size")).longValue()).isGreaterThan(1000);
        });
    }
}
