package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The vector-search widget in knowledge_store.md, against the real index of the guide. */
class VectorSearchBrowserIT extends BrowserTestSupport {

    private WebElement open() {
        driver.get(url("/guide/knowledge_store"));
        By selector = By.cssSelector("figure.widget[data-widget='vector-search']");
        Browser.waitFor(driver).until(d -> "done".equals(d.findElement(selector).findElement(By.cssSelector(".widget-body")).getAttribute("data-state")));
        WebElement widget = driver.findElement(selector);
        js("arguments[0].scrollIntoView({block: 'center'})", widget);
        return widget;
    }

    private static WebElement body(WebElement widget) {
        return widget.findElement(By.cssSelector(".widget-body"));
    }

    private void set(WebElement input, String value) {
        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", input, value);
    }

    @Test
    void bothSearchesListTheirTopKWithRecallAndTimes() {
        WebElement widget = open();
        assertThat(widget.findElements(By.cssSelector(".vs-hnsw li.vs-result"))).hasSize(10);
        assertThat(widget.findElements(By.cssSelector(".vs-exact li.vs-result"))).hasSize(10);
        String summary = widget.findElement(By.cssSelector(".widget-summary")).getText();
        assertThat(summary).startsWith("recall@10 = ").contains("µs").contains("Words used: ").contains("hnsw");
        assertThat(widget.findElements(By.cssSelector("svg.vs-latency rect.bar"))).hasSize(2);
        assertThat(widget.findElement(By.cssSelector(".vs-exact li.vs-result a")).getAttribute("href")).contains("/guide/");
        assertThat(widget.findElement(By.cssSelector(".vs-about")).getText()).contains("not a neural encoder");

        // a generous beam finds every true neighbor: every item of both lists is shared
        set(widget.findElement(By.cssSelector("input.candidates")), "200");
        Browser.waitFor(driver).until(d -> "200".equals(body(widget).getAttribute("data-candidates")));
        assertThat(body(widget).getAttribute("data-recall")).isEqualTo("1");
        assertThat(widget.findElements(By.cssSelector("li.vs-result[data-shared='false']"))).isEmpty();
        assertThat(widget.findElements(By.cssSelector("li.vs-result[data-shared='true']"))).hasSize(20);

        set(widget.findElement(By.cssSelector("input.k")), "3");
        Browser.waitFor(driver).until(d -> "3".equals(body(widget).getAttribute("data-k")));
        assertThat(widget.findElements(By.cssSelector(".vs-exact li.vs-result"))).hasSize(3);
    }

    @Test
    void theQueryBoxSearchesOnEnterAndSaysWhenAQueryHasNoVector() {
        WebElement widget = open();
        WebElement query = widget.findElement(By.cssSelector("input.query"));
        query.clear();
        query.sendKeys("zzqx qqqz", Keys.ENTER);
        Browser.waitFor(driver).until(d -> widget.findElement(By.cssSelector(".widget-summary")).getText().contains("no vector"));
        assertThat(widget.findElements(By.cssSelector("li.vs-result"))).isEmpty();
        query.clear();
        query.sendKeys("softmax temperature", Keys.ENTER);
        Browser.waitFor(driver).until(d -> widget.findElement(By.cssSelector(".widget-summary")).getText().contains("Words used: softmax, temperature"));
        assertThat(widget.findElements(By.cssSelector(".vs-exact li.vs-result"))).hasSize(10);
    }

    @SuppressWarnings("unchecked")
    @Test
    void theLatencyChartDownloads() {
        WebElement widget = open();
        js("window.__downloads = []; HTMLAnchorElement.prototype.click = function () { window.__downloads.push({name: this.download}); };");
        widget.findElements(By.cssSelector(".widget-downloads button")).get(0).click();
        Browser.waitFor(driver).until(d -> !((List<?>) js("return window.__downloads")).isEmpty());
        List<Map<String, Object>> downloads = (List<Map<String, Object>>) js("return window.__downloads");
        assertThat(downloads).anySatisfy(d -> assertThat(d.get("name")).isEqualTo("vector-search-latency.svg"));
    }
}
