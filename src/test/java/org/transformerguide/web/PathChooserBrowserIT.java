package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A reader answers the landing page's four questions, gets a path, comes back to it, changes it, and keeps it in an account. */
class PathChooserBrowserIT extends BrowserTestSupport {

    @Autowired
    private JdbcClient jdbc;

    @BeforeEach
    void freshReader() {
        driver.get(url("/"));
        driver.manage().deleteAllCookies();
        js("localStorage.clear()");
    }

    private WebElement chooser() {
        return driver.findElement(By.cssSelector("figure.widget[data-widget='path-chooser']"));
    }

    private void openLanding() {
        driver.get(url("/"));
        Browser.waitFor(driver).until(d -> "true".equals(chooser().getAttribute("data-widget-ready")));
        Browser.waitFor(driver).until(d -> !chooser().findElements(By.cssSelector("fieldset[data-question]")).isEmpty());
    }

    private void answer(String question, String answer) {
        WebElement radio = chooser().findElement(By.cssSelector("fieldset[data-question='" + question + "'] input[value='" + answer + "']"));
        js("arguments[0].scrollIntoView({block: 'center'})", radio);
        radio.click();
    }

    private WebElement result() {
        return chooser().findElement(By.cssSelector(".pc-result"));
    }

    private void waitForRoute(String route) {
        Browser.waitFor(driver).until(d -> result().isDisplayed() && route.equals(result().getAttribute("data-route")));
    }

    @Test
    void fourAnswersGiveAPathAFirstStopAndAReasonThatAreRememberedAndCanBeChanged() {
        openLanding();
        assertThat(result().isDisplayed()).isFalse();
        answer("programming", "none");
        answer("math", "algebra");
        answer("time", "weeks");
        assertThat(result().isDisplayed()).as("no recommendation before the fourth answer").isFalse();
        answer("style", "doing");
        waitForRoute("beginner");
        assertThat(result().findElement(By.cssSelector(".pc-path a")).getAttribute("href")).endsWith("/#path-1-complete-beginner");
        assertThat(result().findElement(By.cssSelector(".pc-first a")).getAttribute("href"))
                .endsWith("/guide/nn_intro#5-the-xor-problem-worked-by-hand");
        assertThat(result().findElement(By.cssSelector(".pc-why")).getText()).contains("no programming");

        openLanding();
        waitForRoute("beginner");
        WebElement change = chooser().findElement(By.cssSelector("button.pc-change"));
        assertThat(change.isDisplayed()).isTrue();
        assertThat(chooser().findElement(By.cssSelector("form.pc-questions")).isDisplayed()).isFalse();
        change.click();
        answer("time", "minutes");
        waitForRoute("quick");
        assertThat(result().findElement(By.cssSelector(".pc-path a")).getAttribute("href")).endsWith("/#quick-overview-ten-minutes");
        assertThat(chooser().findElement(By.cssSelector(".widget-summary")).getText()).contains("this browser");
    }

    @Test
    void answersGivenBeforeSigningUpMoveIntoTheAccountAndFollowTheLearnerToAFreshBrowser() {
        openLanding();
        answer("programming", "regular");
        answer("math", "fluent");
        answer("time", "weeks");
        answer("style", "deriving");
        waitForRoute("research");

        String name = "chooser" + System.nanoTime() % 100000;
        driver.get(url("/signup?next=/"));
        driver.findElement(By.id("username")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys("a good password");
        driver.findElement(By.id("confirm")).sendKeys("a good password");
        driver.findElement(By.cssSelector(".account-form button[type=submit]")).click();
        Browser.waitFor(driver).until(d -> d.getCurrentUrl().equals(url("/")));
        Browser.waitFor(driver).until(d -> "true".equals(chooser().getAttribute("data-widget-ready")));
        waitForRoute("research");
        Browser.waitFor(driver).until(d -> savedStyle(name) != null);
        assertThat(savedStyle(name)).isEqualTo("deriving");

        js("localStorage.clear()");
        openLanding();
        waitForRoute("research");
        assertThat(chooser().findElement(By.cssSelector(".widget-summary")).getText()).contains("your account");
        chooser().findElement(By.cssSelector("button.pc-change")).click();
        answer("style", "reading");
        waitForRoute("research");
        Browser.waitFor(driver).until(d -> "reading".equals(savedStyle(name)));
        assertThat(result().findElement(By.cssSelector(".pc-first a")).getAttribute("href"))
                .endsWith("/guide/transformers#6-self-attention-step-by-step");
    }

    private String savedStyle(String username) {
        return jdbc.sql("select c.style from path_choice c join account a on a.id = c.account_id where a.username = ?")
                .param(username).query(String.class).optional().orElse(null);
    }
}
