package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.transformerguide.content.GuideContent;
import org.transformerguide.content.document.GuideDocument;

/** What a new reader noticed, each seen the way a person would see it. */
class ReaderRoughEdgesBrowserIT extends BrowserTestSupport {

    @Autowired
    private GuideContent content;

    @AfterEach
    void desktopAgain() {
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    private void signUp(String name) {
        driver.manage().deleteAllCookies();
        driver.get(url("/signup?next=/guide/transformers"));
        driver.findElement(By.id("username")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys("a good password");
        driver.findElement(By.id("confirm")).sendKeys("a good password");
        driver.findElement(By.cssSelector(".account-form button[type=submit]")).click();
        Browser.waitFor(driver).until(d -> d.getCurrentUrl().endsWith("/guide/transformers"));
    }

    @Test
    void signedInTheHeaderIsOneLineAt1366PxAndSignOutIsOneClick() {
        signUp("a-long-reader-name");
        driver.manage().window().setSize(new Dimension(1366, 900));
        driver.get(url("/guide/transformers"));
        WebElement who = driver.findElement(By.cssSelector(".site-header .who"));
        assertThat(who.isDisplayed()).isTrue();
        assertThat(who.getText()).isEqualTo("Signed in as a-long-reader-name");
        assertThat(driver.findElements(By.cssSelector(".site-header a[href^='/signin']")).get(0).isDisplayed()).isFalse();
        // one line: every item of the header sits on the same row as the brand
        @SuppressWarnings("unchecked")
        List<Number> tops = (List<Number>) js("return [...document.querySelectorAll('.site-header > *:not([hidden]), .site-nav > *')]"
                + ".filter(e => e.getClientRects().length > 0 && getComputedStyle(e).display !== 'none')"
                + ".map(e => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; })");
        double first = tops.get(0).doubleValue();
        for (Number top : tops) {
            assertThat(Math.abs(top.doubleValue() - first)).as("vertical centre of a header item").isLessThan(12);
        }
        Number height = (Number) js("return document.querySelector('.site-header').getBoundingClientRect().height");
        assertThat(height.doubleValue()).as("header height").isLessThan(70);

        driver.findElement(By.cssSelector(".signout-form button")).click();
        Browser.waitFor(driver).until(d -> d.getCurrentUrl().endsWith("/?signedout"));
        assertThat(driver.findElement(By.cssSelector(".site-header a[href^='/signin']")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.cssSelector(".site-header .who")).isDisplayed()).isFalse();
        driver.get(url("/api/progress"));
        assertThat(driver.getPageSource()).contains("401");
    }

    @Test
    void everyPageHasItsOwnTitleAndAFavicon() {
        Set<String> titles = new HashSet<>();
        for (GuideDocument document : content.documents()) {
            driver.get(url(document.url()));
            String title = driver.getTitle();
            assertThat(title).as(document.url()).doesNotContain("Transformer Guide · Transformer Guide");
            assertThat(titles.add(title)).as("a second page titled " + title).isTrue();
        }
        String icon = (String) js("return document.querySelector('link[rel=icon]').href");
        Object status = js("return fetch(arguments[0]).then(r => r.status + ' ' + r.headers.get('content-type'))", icon);
        assertThat(String.valueOf(status)).startsWith("200 image/svg+xml");
        Object legacy = js("return fetch('/favicon.ico').then(r => r.status + ' ' + r.headers.get('content-type'))");
        assertThat(String.valueOf(legacy)).startsWith("200 image/svg+xml");
    }

    @Test
    void theTableOfContentsKeepsItsActiveEntryInView() {
        driver.manage().window().setSize(new Dimension(1366, 700));
        driver.get(url("/guide/transformers"));
        js("document.getElementById('further-reading') ? document.getElementById('further-reading').scrollIntoView()"
                + " : window.scrollTo(0, document.body.scrollHeight * 0.9)");
        Browser.waitFor(driver).until(d -> Boolean.TRUE.equals(js(
                "const a = document.querySelector('.toc a.active'); if (!a) return false;"
                        + "const box = document.querySelector('.toc').getBoundingClientRect(); const r = a.getBoundingClientRect();"
                        + "return r.top >= box.top && r.bottom <= box.bottom && r.top >= 0 && r.bottom <= window.innerHeight;")));
        String active = driver.findElement(By.cssSelector(".toc a.active")).getText();
        assertThat(active).isNotBlank();
    }

    @Test
    void aLongPageTypesetsTheFormulasInViewFirstAndTheRestAfterwards() {
        driver.get(url("/guide/transformers_math"));
        // right after load, the formulas in view are typeset...
        Boolean inViewTypeset = (Boolean) js("const inView = [...document.querySelectorAll('.math')].filter(m => {"
                + " const r = m.getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight; });"
                + "return inView.length > 0 && inView.every(m => m.dataset.typeset === 'true');");
        assertThat(inViewTypeset).isTrue();
        Number firstPaint = (Number) js("return performance.now()");
        System.out.printf("transformers_math: formulas in view typeset %.0f ms after navigation start (loaded machine)%n",
                firstPaint.doubleValue());
        // ...and the whole page is, soon after, in idle time
        int formulas = driver.findElements(By.cssSelector(".math")).size();
        assertThat(formulas).isGreaterThan(500);
        Browser.waitFor(driver).until(d -> d.findElements(By.cssSelector(".math[data-typeset]")).size() == formulas);
        assertThat(driver.findElements(By.cssSelector(".katex-error"))).isEmpty();
    }

    @Test
    void chartLabelsAreReadableOnAPhone() {
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(url("/playground"));
        Browser.waitFor(driver).until(d -> !d.findElements(By.cssSelector("figure.widget svg[viewBox] text")).isEmpty()
                && Boolean.TRUE.equals(js("return [...document.querySelectorAll('figure.widget svg[viewBox]')]"
                + ".some(s => s.classList.contains('chart-shrunk'))")));
        @SuppressWarnings("unchecked")
        List<Number> sizes = (List<Number>) js("return [...document.querySelectorAll('figure.widget svg.chart-shrunk text')]"
                + ".filter(t => t.getClientRects().length > 0 && t.textContent.trim())"
                + ".map(t => t.getBoundingClientRect().height)");
        assertThat(sizes).isNotEmpty();
        // a line of 12 px text is about 12 to 16 px tall; 6 px labels were about 7
        assertThat(sizes.stream().mapToDouble(Number::doubleValue).min().orElseThrow()).isGreaterThanOrEqualTo(10.5);
    }
}
