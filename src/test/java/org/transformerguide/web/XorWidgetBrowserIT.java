package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.transformerguide.playground.service.InferencePool;

/** The xor-mlp widget trains on the server and draws; it needs no language model, so none is trained here. */
class XorWidgetBrowserIT extends BrowserTestSupport {

    private static final int CELLS = 41 * 41;

    @Autowired
    private InferencePool pool;

    private WebElement open(String path) {
        driver.get(url(path));
        By selector = By.cssSelector("figure.widget[data-widget='xor-mlp']");
        Browser.waitFor(driver).until(d -> "true".equals(d.findElement(selector).getAttribute("data-widget-ready")));
        WebElement el = driver.findElement(selector);
        js("arguments[0].scrollIntoView({block: 'start'})", el);
        return el;
    }

    private WebDriverWait waitLong() {
        return Browser.waitFor(driver, Duration.ofSeconds(120)); // a run is seconds, but the machine is shared
    }

    private static String state(WebElement widget) {
        return widget.findElement(By.cssSelector(".widget-body")).getAttribute("data-state");
    }

    private void set(WebElement widget, String cls, String value) {
        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))",
                widget.findElement(By.cssSelector("." + cls)), value);
    }

    /** Presses Train and waits for the run to end, recording how many loss points were drawn at each change. */
    @SuppressWarnings("unchecked")
    private List<Long> train(WebElement widget) {
        js("const w = arguments[0]; w.__points = []; const chart = w.querySelector('svg.xor-loss');"
                + "new MutationObserver(() => { const n = Number(chart.dataset.points || 0);"
                + " if (w.__points[w.__points.length - 1] !== n) w.__points.push(n); })"
                + ".observe(chart, {attributes: true, attributeFilter: ['data-points']});", widget);
        widget.findElement(By.cssSelector("button.train")).click();
        waitLong().until(d -> "done".equals(state(widget)) || "error".equals(state(widget)));
        assertThat(state(widget)).isEqualTo("done");
        return new ArrayList<>((List<Long>) js("return arguments[0].__points", widget));
    }

    private String boundary(WebElement widget) {
        return (String) js("return [...arguments[0].querySelectorAll('svg.xor-boundary rect.cell')].map(c => c.dataset.value).join(',')", widget);
    }

    @Test
    void trainingDrawsTheLossCurveAndTheBoundaryAndTheSettingsChangeTheResult() {
        WebElement widget = open("/guide/nn_intro");
        assertThat(widget.findElement(By.cssSelector("select.activation")).getAttribute("value")).isEqualTo("sigmoid");
        set(widget, "hidden", "4");
        set(widget, "activation", "tanh");
        set(widget, "seed", "1");
        set(widget, "epochs", "200");
        List<Long> points = train(widget);
        // epochs 0, 2, 4, ... 200: drawn one by one, so the curve grows in steps to 101 points
        assertThat(points).isSorted().doesNotHaveDuplicates().last().isEqualTo(101L);
        assertThat(points.size()).isGreaterThan(10);
        assertThat(widget.findElements(By.cssSelector("svg.xor-boundary rect.cell"))).hasSize(CELLS);
        assertThat(widget.findElements(By.cssSelector("svg.xor-boundary rect.cell[data-value]"))).hasSize(CELLS);
        assertThat(widget.findElements(By.cssSelector("circle.xor-point"))).hasSize(4);
        assertThat(widget.findElements(By.cssSelector("table.xor-predictions tbody tr.right"))).hasSize(4);
        assertThat(widget.findElement(By.cssSelector(".xor-summary")).getText()).startsWith("After 200 epochs")
                .contains("the network computes XOR").contains("Seed 1");
        assertThat(widget.findElement(By.cssSelector(".widget-body")).getAttribute("data-solved")).isEqualTo("true");
        String solved = boundary(widget);

        set(widget, "hidden", "1");
        train(widget);
        assertThat(widget.findElement(By.cssSelector(".widget-body")).getAttribute("data-solved")).isEqualTo("false");
        assertThat(widget.findElement(By.cssSelector(".xor-summary")).getText()).contains("has not solved XOR")
                .contains("try 4 or more hidden units");
        assertThat(widget.findElements(By.cssSelector("table.xor-predictions tbody tr.wrong"))).isNotEmpty();
        assertThat(boundary(widget)).isNotEqualTo(solved);

        set(widget, "hidden", "4");
        set(widget, "activation", "relu");
        train(widget);
        assertThat(boundary(widget)).isNotEqualTo(solved);
    }

    @SuppressWarnings("unchecked")
    @Test
    void theBoundaryAndTheLossDownloadAsSvgAndPng() {
        WebElement widget = open("/guide/mlp_intro");
        set(widget, "epochs", "50");
        train(widget);
        js("window.__downloads = []; const original = URL.createObjectURL;"
                + "URL.createObjectURL = (blob) => { window.__downloads.push({type: blob.type, size: blob.size}); return original(blob); };"
                + "HTMLAnchorElement.prototype.click = function () { window.__downloads.push({name: this.download}); };");
        List<WebElement> buttons = widget.findElements(By.cssSelector(".widget-downloads button"));
        assertThat(buttons).hasSize(4);
        buttons.get(0).click();
        buttons.get(1).click();
        Browser.waitFor(driver).until(d -> ((List<?>) js("return window.__downloads")).size() >= 4);
        List<Map<String, Object>> downloads = (List<Map<String, Object>>) js("return window.__downloads");
        assertThat(downloads).anySatisfy(d -> assertThat(d.get("name")).isEqualTo("xor-boundary.svg"));
        assertThat(downloads).anySatisfy(d -> assertThat(d.get("name")).isEqualTo("xor-boundary.png"));
        assertThat(downloads).anySatisfy(d -> {
            assertThat(d.get("type")).isEqualTo("image/svg+xml");
            assertThat(((Number) d.get("size")).longValue()).isGreaterThan(CELLS * 20L); // every cell is in the file
        });
        assertThat(downloads).anySatisfy(d -> {
            assertThat(d.get("type")).isEqualTo("image/png");
            assertThat(((Number) d.get("size")).longValue()).isGreaterThan(1000);
        });
    }

    @Test
    void aBadSettingShowsTheServersMessage() {
        WebElement widget = open("/guide/nn_intro");
        set(widget, "learning-rate", "50");
        widget.findElement(By.cssSelector("button.train")).click();
        waitLong().until(d -> "error".equals(state(widget)));
        WebElement status = widget.findElement(By.cssSelector(".widget-status"));
        assertThat(status.getText()).contains("learningRate must be 0.01 to 10");
        assertThat(status.getAttribute("data-state")).isEqualTo("error");
        assertThat(widget.findElement(By.cssSelector("button.train")).isEnabled()).isTrue();
    }

    @Test
    void whenEveryWorkerIsBusyItShowsItsPlaceInLineAndRunsWhenAWorkerFreesUp() throws Exception {
        WebElement widget = open("/guide/nn_intro");
        set(widget, "epochs", "20");
        CountDownLatch release = new CountDownLatch(1);
        List<Future<Object>> held = new ArrayList<>();
        try {
            // one job per free worker, then wait until workers have taken them all (submitting until none
            // is free would overfill the line while the low-priority workers have not yet taken the jobs)
            int free = pool.available();
            for (int i = 0; i < free; i++) {
                held.add(pool.submit(() -> release.await(60, TimeUnit.SECONDS)));
            }
            waitLong().until(d -> pool.available() == 0);
            widget.findElement(By.cssSelector("button.train")).click();
            WebElement status = widget.findElement(By.cssSelector(".widget-status"));
            waitLong().until(d -> "queued".equals(status.getAttribute("data-state")));
            assertThat(status.getText()).startsWith("Waiting for the model:");
        } finally {
            release.countDown();
            for (Future<Object> f : held) {
                f.get(10, TimeUnit.SECONDS);
            }
        }
        waitLong().until(d -> "done".equals(state(widget)));
        assertThat(widget.findElement(By.cssSelector(".widget-status")).getAttribute("data-state")).isNull();
    }
}
