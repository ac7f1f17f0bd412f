package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** Theme, table of contents, copy buttons, glossary cards and focus rings, as a reader uses them. */
class ReaderComfortBrowserIT extends BrowserTestSupport {

    private void open(String path) {
        driver.get("http://localhost:" + port + path);
        Browser.waitFor(driver).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-progress-ready")));
    }

    @Test
    void theChosenColourSchemeSurvivesAReload() {
        open("/guide/nn_intro");
        js("localStorage.removeItem('tg-theme')");
        driver.navigate().refresh();
        WebElement toggle = driver.findElement(By.cssSelector(".theme-toggle"));
        assertThat(toggle.getText()).isEqualTo("Theme: system");
        toggle.click(); // light
        toggle.click(); // dark
        assertThat(js("return document.documentElement.dataset.theme")).isEqualTo("dark");
        String darkBackground = (String) js("return getComputedStyle(document.body).backgroundColor");

        driver.navigate().refresh();
        assertThat(js("return document.documentElement.dataset.theme")).isEqualTo("dark");
        assertThat(driver.findElement(By.cssSelector(".theme-toggle")).getText()).isEqualTo("Theme: dark");
        assertThat(js("return getComputedStyle(document.body).backgroundColor")).isEqualTo(darkBackground).isNotEqualTo("rgb(255, 255, 255)");
        driver.findElement(By.cssSelector(".theme-toggle")).click(); // back to system
        assertThat(js("return localStorage.getItem('tg-theme')")).isEqualTo("system");
    }

    @Test
    void theTableOfContentsMarksTheSectionInView() {
        open("/guide/transformers");
        WebElement heading = driver.findElement(By.id("6-self-attention-step-by-step"));
        js("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, 5)", heading);
        Browser.waitFor(driver).until(d -> {
            WebElement active = d.findElement(By.cssSelector(".toc a.active"));
            return active.getAttribute("href").endsWith("#6-self-attention-step-by-step");
        });
        assertThat(driver.findElement(By.cssSelector(".crumb-section")).getText()).isEqualTo("6. Self-attention step by step");
    }

    @Test
    void theCopyButtonCopiesTheCode() {
        open("/guide/pytorch_ref");
        js("window.__copied = null; navigator.clipboard.writeText = (t) => { window.__copied = t; return Promise.resolve(); };");
        WebElement block = driver.findElement(By.cssSelector(".code-block"));
        WebElement button = block.findElement(By.cssSelector(".copy-code"));
        js("arguments[0].scrollIntoView({block: 'center'})", button);
        button.click();
        Browser.waitFor(driver).until(d -> "Copied".equals(button.getText()));
        assertThat(js("return window.__copied")).isEqualTo(block.findElement(By.tagName("code")).getAttribute("textContent"));
    }

    @Test
    void hoveringOrFocusingAGlossaryLinkShowsItsDefinition() {
        open("/guide/nn_intro");
        WebElement term = driver.findElement(By.cssSelector(".markdown a[href='/guide/glossary#neuron']"));
        js("arguments[0].scrollIntoView({block: 'center'})", term);
        new Actions(driver).moveToElement(term).perform();
        WebElement tip = driver.findElement(By.id("glossary-tip"));
        Browser.waitFor(driver).until(d -> tip.isDisplayed());
        assertThat(tip.findElement(By.tagName("strong")).getText()).isEqualTo("Neuron");
        assertThat(tip.getText().length()).isGreaterThan(40);
        assertThat(term.getAttribute("aria-describedby")).isEqualTo("glossary-tip");
        new Actions(driver).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
        Browser.waitFor(driver).until(d -> !tip.isDisplayed());
    }

    @Test
    void everyHeadingHasALinkToItself() {
        open("/guide/glossary");
        WebElement anchor = driver.findElement(By.cssSelector("h3#softmax .heading-anchor"));
        assertThat(anchor.getAttribute("href")).endsWith("/guide/glossary#softmax");
    }

    /**
     * Blocks of a long document skip rendering while out of view (guide.css), and skipping clips painting to
     * the block's box: without the clip margin, the ring of a link at a paragraph's left edge is cut away.
     */
    @Test
    void aFocusedLinkAtTheEdgeOfAParagraphShowsItsWholeFocusRing() throws IOException {
        open("/guide/transformers");
        WebElement link = (WebElement) js("const p = document.querySelectorAll('article.markdown > p')[150];"
                + "const a = document.createElement('a'); a.href = '#edge'; a.textContent = 'at the edge'; p.prepend(a);"
                + "p.scrollIntoView({block: 'center'}); return a;");
        ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));");
        js("arguments[0].focus({focusVisible: true})", link);
        assertThat(js("return arguments[0].matches(':focus-visible')", link)).isEqualTo(true);
        @SuppressWarnings("unchecked")
        List<Number> box = (List<Number>) js("const r = arguments[0].getBoundingClientRect(), s = devicePixelRatio;"
                + "const ring = getComputedStyle(arguments[0]).outlineColor.match(/\\d+/g).map(Number);"
                + "return [r.left * s, r.top * s, r.bottom * s, s].concat(ring);", link);
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES)));
        double scale = box.get(3).doubleValue();
        int ringPixels = 0;
        // the ring (3 px wide, 2 px off the link) lies 2 to 5 px left of the link's box
        for (int x = (int) (box.get(0).doubleValue() - 5.5 * scale); x < box.get(0).doubleValue() - 1.5 * scale; x++) {
            for (int y = (int) box.get(1).doubleValue(); y < box.get(2).doubleValue(); y++) {
                int rgb = shot.getRGB(x, y);
                if (Math.abs((rgb >> 16 & 255) - box.get(4).intValue()) < 40 && Math.abs((rgb >> 8 & 255) - box.get(5).intValue()) < 40
                        && Math.abs((rgb & 255) - box.get(6).intValue()) < 40) {
                    ringPixels++;
                }
            }
        }
        assertThat(ringPixels).as("pixels of the focus ring left of a link at the paragraph's edge").isGreaterThan(20);
    }
}
