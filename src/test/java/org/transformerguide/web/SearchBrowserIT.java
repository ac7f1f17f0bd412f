package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Search (the search feature's own test, kept with the other browser tests to share Browser): the header's box in a real browser: the "/" shortcut, live results, the keyboard, the results page. */
class SearchBrowserIT extends BrowserTestSupport {

    private WebDriverWait await() {
        return Browser.waitFor(driver);
    }

    private WebElement openWithLiveSearchBox(String path) {
        driver.get(url(path));
        await().until(d -> "true".equals(d.findElement(By.cssSelector("form.site-search")).getAttribute("data-ready")));
        return driver.findElement(By.id("site-search"));
    }

    private List<WebElement> options() {
        return driver.findElements(By.cssSelector("#site-search-results [role='option']"));
    }

    @Test
    void slashFocusesTheBoxTypingShowsResultsAndEnterListsThemAll() {
        WebElement box = openWithLiveSearchBox("/");
        assertThat(driver.switchTo().activeElement()).isNotEqualTo(box);

        new Actions(driver).sendKeys("/").perform();
        await().until(d -> "site-search".equals(d.switchTo().activeElement().getAttribute("id")));
        assertThat(box.getAttribute("value")).as("the shortcut types nothing").isEmpty();

        box.sendKeys("attention");
        WebElement list = driver.findElement(By.id("site-search-results"));
        await().until(d -> list.isDisplayed() && !options().isEmpty());
        assertThat(box.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(options()).hasSizeBetween(1, 8);
        assertThat(options().get(0).getText()).containsIgnoringCase("attention");
        assertThat(list.findElements(By.tagName("mark"))).isNotEmpty();

        box.sendKeys(Keys.ENTER); // no option chosen: the form goes to the results page
        await().until(d -> d.getCurrentUrl().endsWith("/search?q=attention"));
        List<WebElement> results = driver.findElements(By.cssSelector(".search-result"));
        assertThat(results).hasSizeGreaterThan(8);
        assertThat(driver.findElements(By.cssSelector(".search-result-snippet mark"))).isNotEmpty();
        assertThat(driver.findElement(By.cssSelector(".search-result-snippet mark")).getText()).containsIgnoringCase("atten");
        assertThat(driver.findElement(By.id("search-summary")).getText()).contains("sections match");
    }

    @Test
    void arrowKeysChooseAResultAndEnterOpensIt() {
        WebElement box = openWithLiveSearchBox("/guide/glossary");
        box.click();
        box.sendKeys("kv cache");
        await().until(d -> options().size() > 1);

        box.sendKeys(Keys.ARROW_DOWN);
        assertThat(box.getAttribute("aria-activedescendant")).isEqualTo(options().get(0).getAttribute("id"));
        assertThat(options().get(0).getAttribute("aria-selected")).isEqualTo("true");
        box.sendKeys(Keys.ARROW_DOWN);
        assertThat(box.getAttribute("aria-activedescendant")).isEqualTo(options().get(1).getAttribute("id"));
        box.sendKeys(Keys.ARROW_UP);
        assertThat(box.getAttribute("aria-activedescendant")).isEqualTo(options().get(0).getAttribute("id"));

        String url = options().get(0).getAttribute("data-url");
        assertThat(url).isEqualTo("/guide/glossary#kv-cache");
        box.sendKeys(Keys.ENTER);
        await().until(d -> d.getCurrentUrl().endsWith(url));
    }

    @Test
    void escapeClosesTheListAndSlashInsideTheBoxIsJustASlash() {
        WebElement box = openWithLiveSearchBox("/");
        box.click();
        box.sendKeys("softmax");
        await().until(d -> !options().isEmpty());
        box.sendKeys(Keys.ESCAPE);
        await().until(d -> "false".equals(box.getAttribute("aria-expanded")));
        assertThat(driver.findElement(By.id("site-search-results")).isDisplayed()).isFalse();

        box.sendKeys(" a/b");
        assertThat(box.getAttribute("value")).isEqualTo("softmax a/b");
    }
}
