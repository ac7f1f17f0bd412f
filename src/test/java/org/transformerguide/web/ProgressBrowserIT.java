package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.transformerguide.content.document.ChecklistItem;
import org.transformerguide.content.GuideContent;
import org.transformerguide.content.document.GuideDocument;
import org.transformerguide.progress.ProgressService;

/**
 * A learner ticks checklist items in a real browser and finds them ticked again later. The tests share the
 * class's one browser; each starts signed out with nothing stored in it.
 */
class ProgressBrowserIT extends BrowserTestSupport {

    @Autowired
    private GuideContent content;
    @Autowired
    private ProgressService progress;

    private GuideDocument page;
    private ChecklistItem item;

    @BeforeEach
    void aFreshReader() {
        page = content.documents().stream().filter(d -> !d.isLanding() && !d.checklist().isEmpty()).findFirst().orElseThrow();
        item = page.checklist().get(0);
        driver.get(url("/"));
        driver.manage().deleteAllCookies();
        js("localStorage.clear(); sessionStorage.clear();");
    }

    private void signUp(String name) {
        driver.get(url("/signup?next=" + page.url()));
        driver.findElement(By.id("username")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys("a good password");
        driver.findElement(By.id("confirm")).sendKeys("a good password");
        driver.findElement(By.cssSelector(".account-form button[type=submit]")).click();
        Browser.waitFor(driver).until(d -> d.getCurrentUrl().endsWith(page.url()));
    }

    private WebElement checkbox() {
        return driver.findElement(By.cssSelector("li[data-item-id='" + item.id() + "'] input.task-checkbox"));
    }

    private WebElement status() {
        return driver.findElement(By.cssSelector("li[data-item-id='" + item.id() + "'] .save-status"));
    }

    private void waitUntilReady() {
        Browser.waitFor(driver).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-progress-ready")));
    }

    private void tick() {
        WebElement box = checkbox();
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", box);
        box.click();
    }

    @Test
    void aSignedInLearnerTicksAnItemReloadsAndSeesItTicked() {
        String name = "learner" + System.nanoTime() % 100000;
        signUp(name);
        waitUntilReady();
        assertThat(checkbox().isSelected()).isFalse();
        tick();
        Browser.waitFor(driver).until(d -> status().getText().equals("Saved to your account"));

        driver.navigate().refresh();
        waitUntilReady();
        assertThat(checkbox().isSelected()).isTrue();
        assertThat(progress.progressOf(name).checkedItems()).contains(item.id());

        driver.get(url("/progress"));
        WebElement row = driver.findElement(By.cssSelector("tr.document-progress[data-slug='" + page.slug() + "']"));
        assertThat(row.findElement(By.cssSelector(".checked")).getText()).isEqualTo("1");
    }

    @Test
    void anAnonymousTickIsKeptInTheBrowserAndMergedIntoTheAccountAtSignUp() {
        driver.get(url(page.url()));
        waitUntilReady();
        tick();
        Browser.waitFor(driver).until(d -> status().getText().equals("Saved in this browser"));
        driver.navigate().refresh();
        waitUntilReady();
        assertThat(checkbox().isSelected()).as("kept in the browser across a reload").isTrue();

        String name = "merger" + System.nanoTime() % 100000;
        signUp(name);
        waitUntilReady();
        assertThat(checkbox().isSelected()).isTrue();
        assertThat(progress.progressOf(name).checkedItems()).contains(item.id());
        Object local = ((JavascriptExecutor) driver).executeScript("return localStorage.getItem('tg-progress')");
        assertThat(local).as("the browser copy is cleared once the server has it").isNull();
    }

    @Test
    void aFailedSaveIsShownAndTheBoxGoesBack() {
        signUp("failing" + System.nanoTime() % 100000);
        waitUntilReady();
        // The session ends behind the page's back (as when it times out): the next save must fail visibly.
        driver.manage().deleteCookieNamed("JSESSIONID");
        tick();
        Browser.waitFor(driver).until(d -> status().getText().startsWith("Not saved"));
        assertThat(status().getAttribute("class")).contains("failed");
        assertThat(checkbox().isSelected()).isFalse();
    }
}
