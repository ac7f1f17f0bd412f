package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.transformerguide.content.widgets.Widgets;
import org.transformerguide.playground.service.InferencePool;
import org.transformerguide.playground.service.ServedModelRegistry;
import org.transformerguide.playground.service.PlaygroundProperties;
import org.transformerguide.playground.service.TrainingRequest;
import org.transformerguide.playground.service.TrainingService;

/**
 * The /playground page (every widget, the model picker) against two tiny models trained here in
 * seconds, and what a model widget does when every inference worker is busy (it waits its turn).
 */
class PlaygroundPageBrowserIT extends BrowserTestSupport {

    private static final PlaygroundProperties.Preset TINY = new PlaygroundProperties.Preset(2, 2, 16, 16);
    private static final String OTHER = "tiny-other";

    @Autowired
    private ServedModelRegistry registry;
    @Autowired
    private TrainingService training;
    @Autowired
    private InferencePool pool;

    /** A default model and a second one, trained on different text so that their next tokens differ. */
    @BeforeEach
    void twoTinyModels() throws Exception {
        train(ServedModelRegistry.DEFAULT, "The cat sat on the mat. The transformer reads the sentence. ", 7);
        train(OTHER, "Vectors live in a space; search finds the nearest ones quickly. ", 11);
    }

    private void train(String name, String text, long seed) throws Exception {
        if (registry.find(name).isPresent()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        Runnable unsubscribe = training.subscribe(s -> {
            if (s.model().equals(name) && s.state().finished()) {
                done.countDown();
            }
        });
        try {
            training.submit(new TrainingRequest(name, "test", text.repeat(10), TINY, 40, 8, 3e-3, 5, 20, 2,
                    Files.createTempDirectory("playground-page").resolve(name + ".tgckpt"), seed));
            assertThat(done.await(120, TimeUnit.SECONDS)).as(name + " trained").isTrue();
        } finally {
            unsubscribe.run();
        }
        assertThat(registry.find(name)).isPresent();
    }

    private WebDriverWait waitLong() {
        return Browser.waitFor(driver, Duration.ofSeconds(60));
    }

    private WebElement nextToken() {
        return driver.findElement(By.cssSelector("[data-playground-widget='next-token'] figure.widget"));
    }

    @SuppressWarnings("unchecked")
    private List<String> requested(String path) {
        return ((List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)")).stream()
                .filter(u -> u.contains(path)).toList();
    }

    @Test
    void thePageHoldsEveryRegisteredWidgetAndThePickerSwitchesTheModel() {
        driver.get(url("/playground"));
        assertThat(driver.findElement(By.cssSelector(".site-nav a[href='/playground']")).getAttribute("aria-current")).isEqualTo("page");
        List<String> shown = driver.findElements(By.cssSelector("[data-playground-widget]")).stream()
                .map(e -> e.getAttribute("data-playground-widget")).toList();
        assertThat(shown).containsExactlyElementsOf(Widgets.demoNames());
        // rnn-steps animates its document's worked example: the page links there instead
        WebElement rnn = driver.findElement(By.cssSelector("[data-playground-widget='rnn-steps']"));
        assertThat(rnn.findElements(By.cssSelector("figure.widget"))).isEmpty();
        assertThat(rnn.findElement(By.cssSelector("a[href='/guide/rnn_intro']")).getText()).isNotEmpty();
        // every other widget mounts with its default options
        List<String> standalone = new ArrayList<>(Widgets.demoNames());
        standalone.remove("rnn-steps");
        Browser.waitFor(driver).until(d -> d.findElements(By.cssSelector("figure.widget[data-widget-ready='true']")).size() == standalone.size());

        waitLong().until(d -> nextToken().findElements(By.cssSelector("rect.bar")).size() > 0);
        assertThat(requested("/api/playground/next-token")).noneMatch(u -> u.contains("model="));
        Select picker = new Select(driver.findElement(By.id("model-picker")));
        waitLong().until(d -> picker.getOptions().size() == 2);
        assertThat(picker.getOptions()).extracting(WebElement::getText)
                .anySatisfy(t -> assertThat(t).startsWith("default (ready"))
                .anySatisfy(t -> assertThat(t).startsWith(OTHER + " (ready"));
        String before = nextToken().findElement(By.cssSelector(".widget-summary")).getText();

        picker.selectByValue(OTHER);
        waitLong().until(d -> "true".equals(nextToken().getAttribute("data-widget-ready"))
                && !nextToken().findElements(By.cssSelector("rect.bar")).isEmpty());
        assertThat(nextToken().getAttribute("data-option-model")).isEqualTo(OTHER);
        assertThat(requested("/api/playground/next-token")).anyMatch(u -> u.contains("model=" + OTHER));
        assertThat(requested("/api/playground/attention")).anyMatch(u -> u.contains("model=" + OTHER));
        assertThat(nextToken().findElement(By.cssSelector(".widget-summary")).getText()).as("another model, other tokens")
                .isNotEqualTo(before);
    }

    @Test
    void aModelWidgetWaitsItsTurnWhileEveryWorkerIsBusyAndAnswersWhenOneFreesUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> blockers = new ArrayList<>();
        try {
            // take every inference worker, so the widget's first call waits in the queue; a job counts as
            // running only once a (low-priority) worker has taken it, so submit one per free worker and
            // then wait for them to start, rather than submitting until none is free
            int free = pool.available();
            for (int i = 0; i < free; i++) {
                blockers.add(pool.submit(() -> release.await(2, TimeUnit.MINUTES)));
            }
            waitLong().until(d -> pool.available() == 0);
            driver.get(url("/guide/transformers"));
            WebElement widget = driver.findElement(By.cssSelector("figure.widget[data-widget='next-token']"));
            waitLong().until(d -> pool.waiting() > 0);
            assertThat(widget.findElements(By.cssSelector("rect.bar"))).as("no answer while it waits").isEmpty();
            assertThat(widget.findElement(By.cssSelector(".widget-status")).getAttribute("data-state")).as("not refused").isNotEqualTo("error");
        } finally {
            release.countDown();
        }
        for (java.util.concurrent.Future<?> blocker : blockers) {
            blocker.get(30, TimeUnit.SECONDS);
        }
        WebElement widget = driver.findElement(By.cssSelector("figure.widget[data-widget='next-token']"));
        waitLong().until(d -> !widget.findElements(By.cssSelector("rect.bar")).isEmpty());
        assertThat(widget.findElement(By.cssSelector(".widget-status")).isDisplayed()).isFalse();
        assertThat(widget.findElement(By.cssSelector(".widget-summary")).getText()).startsWith("Most likely:");
    }
}
