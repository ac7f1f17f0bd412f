package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The model-free widgets draw, react to their controls and download their charts. */
class WidgetsBrowserIT extends BrowserTestSupport {

    private WebElement open(String path, String widget) {
        driver.get("http://localhost:" + port + path);
        By selector = By.cssSelector("figure.widget[data-widget='" + widget + "']");
        Browser.waitFor(driver).until(d -> "true".equals(d.findElement(selector).getAttribute("data-widget-ready")));
        return driver.findElement(selector);
    }

    private double topBarHeight(WebElement widget) {
        return widget.findElements(By.cssSelector("rect.bar")).stream()
                .mapToDouble(r -> Double.parseDouble(r.getAttribute("height"))).max().orElseThrow();
    }

    private void setSlider(WebElement slider, String value) {
        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", slider, value);
    }

    @Test
    void softmaxDrawsOneBarPerLogitAndTemperatureSharpensOrFlattensThem() {
        WebElement widget = open("/guide/math_quick_ref", "softmax");
        assertThat(widget.findElements(By.cssSelector("rect.bar"))).hasSize(5);
        WebElement slider = widget.findElement(By.cssSelector("input.temperature"));
        setSlider(slider, "0.1");
        double sharp = topBarHeight(widget);
        setSlider(slider, "2");
        double flat = topBarHeight(widget);
        assertThat(sharp).isGreaterThan(flat * 2);
        assertThat(widget.findElement(By.cssSelector(".widget-summary")).getText()).contains("Most likely: cat").contains("bits");

        WebElement logit = widget.findElements(By.cssSelector("input.logit-input")).get(4);
        js("arguments[0].value = '9'; arguments[0].dispatchEvent(new Event('input'))", logit);
        assertThat(widget.findElement(By.cssSelector(".widget-summary")).getText()).contains("Most likely: the");
    }

    @SuppressWarnings("unchecked")
    @Test
    void aChartDownloadsAsSvgAndAsPng() {
        WebElement widget = open("/guide/math_quick_ref", "softmax");
        js("window.__downloads = []; const original = URL.createObjectURL;"
                + "URL.createObjectURL = (blob) => { window.__downloads.push({type: blob.type, size: blob.size}); return original(blob); };"
                + "HTMLAnchorElement.prototype.click = function () { window.__downloads.push({name: this.download}); };");
        List<WebElement> buttons = widget.findElements(By.cssSelector(".widget-downloads button"));
        js("arguments[0].scrollIntoView({block: 'center'})", buttons.get(0));
        buttons.get(0).click();
        buttons.get(1).click();
        Browser.waitFor(driver).until(d -> ((List<?>) js("return window.__downloads")).size() >= 4);
        List<Map<String, Object>> downloads = (List<Map<String, Object>>) js("return window.__downloads");
        assertThat(downloads).anySatisfy(d -> assertThat(d.get("type")).isEqualTo("image/svg+xml"));
        assertThat(downloads).anySatisfy(d -> {
            assertThat(d.get("type")).isEqualTo("image/png");
            assertThat(((Number) d.get("size")).longValue()).isGreaterThan(1000);
        });
        assertThat(downloads).anySatisfy(d -> assertThat(d.get("name")).isEqualTo("softmax.svg"));
        assertThat(downloads).anySatisfy(d -> assertThat(d.get("name")).isEqualTo("softmax.png"));
    }

    @Test
    void positionalEncodingDrawsEveryCellAndFollowsThePickedPosition() {
        WebElement widget = open("/guide/transformers", "positional-encoding");
        assertThat(widget.findElements(By.cssSelector(".pe-heatmap rect.cell"))).hasSize(32 * 32);
        // position 0, dimension 1 is cos(0) = 1
        assertThat(widget.findElement(By.cssSelector("rect.cell[data-position='0'][data-dimension='1']")).getAttribute("data-value"))
                .isEqualTo("1.000");
        String before = widget.findElement(By.cssSelector("polyline.similarity")).getAttribute("points");
        setSlider(widget.findElement(By.cssSelector("input.position")), "3");
        String after = widget.findElement(By.cssSelector("polyline.similarity")).getAttribute("points");
        assertThat(after).isNotEqualTo(before);
        assertThat(widget.findElement(By.cssSelector(".widget-summary")).getText()).startsWith("Position 3 is most similar to itself (16.00");
    }

    @Test
    void theRnnStepperShowsEachHiddenStateTheDocumentPrints() {
        WebElement widget = open("/guide/rnn_intro", "rnn-steps");
        WebElement status = widget.findElement(By.cssSelector(".rnn-status"));
        assertThat(status.getText()).startsWith("Step 1 of 3: read \"cat\"").contains("h = tanh(a) = (-0.6044, 0.6044)");
        assertThat(widget.findElements(By.cssSelector(".rnn-bars rect.bar"))).hasSize(4);
        List<WebElement> buttons = widget.findElements(By.cssSelector(".widget-controls button"));
        js("arguments[0].scrollIntoView({block: 'center'})", buttons.get(1));
        buttons.get(1).click();
        buttons.get(1).click();
        assertThat(status.getText()).startsWith("Step 3 of 3: read \"here\"").contains("(0.5475, -0.8375)")
                .endsWith("most likely next word: <end>.");
        assertThat(widget.findElements(By.cssSelector(".rnn-plane circle.rnn-point"))).hasSize(4);
        assertThat(buttons.get(1).isEnabled()).isFalse();
    }
}
