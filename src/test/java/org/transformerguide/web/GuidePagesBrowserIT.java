package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.transformerguide.content.GuideContent;
import org.transformerguide.content.document.GuideDocument;

/** What a reader sees in a real browser: every document typeset, links working, the 404 page. */
class GuidePagesBrowserIT extends BrowserTestSupport {

    @Autowired
    private GuideContent content;

    @Test
    void everyDocumentOpensWithItsMathTypesetAndNoKatexError() {
        for (GuideDocument doc : content.documents()) {
            driver.get(url(doc.url()));
            int formulas = driver.findElements(By.cssSelector(".math")).size();
            Browser.waitFor(driver).until(d -> d.findElements(By.cssSelector(".math[data-typeset]")).size() == formulas);
            List<WebElement> errors = driver.findElements(By.cssSelector(".katex-error"));
            assertThat(errors).as(doc.fileName() + ": KaTeX errors " + errors.stream().map(e -> e.getAttribute("title")).toList()).isEmpty();
            if (doc.html().contains("class=\"math")) {
                assertThat(driver.findElements(By.cssSelector(".katex")).size()).as(doc.fileName() + " typeset formulas").isPositive();
            }
            assertThat(driver.findElement(By.tagName("h1")).getText()).isNotBlank();
        }
    }

    @Test
    void aCrossDocumentLinkLeadsToTheRightSection() {
        GuideDocument source = content.documents().stream()
                .filter(d -> d.links().stream().anyMatch(l -> !l.pending() && l.anchor() != null && !l.targetSlug().equals(d.slug())))
                .findFirst().orElseThrow();
        var link = source.links().stream().filter(l -> !l.pending() && l.anchor() != null && !l.targetSlug().equals(source.slug()))
                .findFirst().orElseThrow();
        driver.get(url(source.url()));
        String href = GuideDocument.urlOf(link.targetSlug()) + "#" + link.anchor();
        WebElement a = driver.findElement(By.cssSelector("article a[href='" + href + "']"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].click()", a);
        Browser.waitFor(driver).until(d -> d.getCurrentUrl().endsWith(href));
        assertThat(driver.findElement(By.id(link.anchor())).isDisplayed()).isTrue();
    }

    @Test
    void anUnknownPageShowsTheNotFoundPage() {
        driver.get(url("/guide/no-such-document"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
        assertThat(driver.findElements(By.cssSelector("#sidebar a"))).isNotEmpty();
    }
}
