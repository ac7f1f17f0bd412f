package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.transformerguide.account.AccountRoles;
import org.transformerguide.account.AccountService;
import org.transformerguide.cohort.Cohort;
import org.transformerguide.cohort.CohortService;

/**
 * A workshop in three browsers: an instructor creates a cohort, two learners (separate browser sessions)
 * join by its link and tick items, and the instructor's grid fills in without a reload (the periodic full
 * refresh is an hour in the test profile, so only the pushed per-learner events can do it); the CSV has one row per
 * learner with the tick times; learners cannot open the instructor's view or another cohort.
 */
class CohortBrowserIT extends BrowserTestSupport {

    @Autowired
    private AccountService accounts;
    @Autowired
    private AccountRoles roles;
    @Autowired
    private CohortService cohorts;

    private WebDriver ann;
    private WebDriver ben;
    private String suffix;

    @BeforeEach
    void learnersBrowsers() {
        ann = Browser.start();
        ben = Browser.start();
        suffix = String.valueOf(System.nanoTime() % 100_000);
    }

    @AfterEach
    void closeLearnersBrowsers() {
        ann.quit();
        ben.quit();
    }

    private void signIn(WebDriver browser, String name, String next) {
        browser.get(url("/signin?next=" + next));
        browser.findElement(By.id("username")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys("a good password");
        browser.findElement(By.cssSelector(".account-form button[type=submit]")).click();
        Browser.waitFor(browser).until(d -> d.getCurrentUrl().endsWith(next));
    }

    private static Object script(WebDriver browser, String script, Object... args) {
        return ((JavascriptExecutor) browser).executeAsyncScript(script, args);
    }

    private static long status(WebDriver browser, String path) {
        return (Long) script(browser, "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {redirect: 'manual'}).then(r => done(r.status), () => done(-1));", path);
    }

    private void tick(WebDriver browser, String document, String itemId) {
        browser.get(url("/guide/" + document));
        Browser.waitFor(browser).until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-progress-ready")));
        WebElement box = browser.findElement(By.cssSelector("li[data-item-id='" + itemId + "'] input.task-checkbox"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", box);
        box.click();
        Browser.waitFor(browser).until(d -> d.findElement(By.cssSelector("li[data-item-id='" + itemId + "'] .save-status"))
                .getText().startsWith("Saved"));
    }

    private boolean ticked(String learner, String itemId) {
        return !driver.findElements(By.cssSelector("tr[data-learner='" + learner + "'] td.done[data-item='" + itemId + "']")).isEmpty();
    }

    @Test
    void learnersJoinByLinkTickItemsAndTheInstructorsGridFollowsLive() {
        String lead = "lead" + suffix, annName = "ann" + suffix, benName = "ben" + suffix;
        for (String name : List.of(lead, annName, benName)) {
            accounts.signUp(name, "a good password");
        }
        roles.grant(accounts.idOf(lead), "INSTRUCTOR");

        driver.manage().deleteAllCookies();
        signIn(driver, lead, "/cohorts");
        driver.findElement(By.id("cohort-name")).sendKeys("Tuesday room " + suffix);
        driver.findElement(By.cssSelector("#new-cohort button[type=submit]")).click();
        Browser.waitFor(driver).until(d -> d.getCurrentUrl().matches(".*/cohorts/\\d+$"));
        String cohortPath = driver.getCurrentUrl().replaceFirst("^https?://[^/]+", "");
        String joinLink = driver.findElement(By.cssSelector(".join-link")).getAttribute("href");
        Browser.waitFor(driver).until(d -> "true".equals(d.findElement(By.cssSelector(".cohort-page")).getAttribute("data-grid-ready")));
        js("window.notReloaded = true;");

        for (WebDriver learner : List.of(ann, ben)) {
            String name = learner == ann ? annName : benName;
            signIn(learner, name, "/");
            learner.get(joinLink);
            learner.findElement(By.cssSelector(".join-button")).click();
            Browser.waitFor(learner).until(d -> d.getCurrentUrl().contains("/my/cohorts/"));
        }
        Browser.waitFor(driver).until(d -> !d.findElements(By.cssSelector("tr[data-learner='" + benName + "']")).isEmpty());

        tick(ann, "nn_intro", "nn-xor");
        tick(ben, "mlp_intro", "mlp-softmax");
        tick(ann, "mlp_intro", "mlp-softmax");
        Browser.waitFor(driver).until(d -> ticked(annName, "nn-xor") && ticked(benName, "mlp-softmax") && ticked(annName, "mlp-softmax"));
        assertThat(ticked(benName, "nn-xor")).isFalse();
        assertThat(driver.findElement(By.cssSelector("tfoot td[data-item='mlp-softmax']")).getText()).isEqualTo("2");
        assertThat(js("return window.notReloaded === true;")).isEqualTo(true);

        String csv = (String) script(driver, "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(r => r.text()).then(done, () => done(''));", cohortPath + "/export.csv");
        List<String> rows = csv.lines().toList();
        assertThat(rows).hasSize(3); // the header and one row per learner
        List<String> header = List.of(rows.get(0).split(",", -1));
        List<String> annRow = List.of(rows.get(1).split(",", -1));
        List<String> benRow = List.of(rows.get(2).split(",", -1));
        assertThat(annRow.get(0)).isEqualTo(annName);
        assertThat(benRow.get(0)).isEqualTo(benName);
        assertThat(annRow.get(header.indexOf("nn-xor"))).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(benRow.get(header.indexOf("nn-xor"))).isEmpty();
        assertThat(benRow.get(header.indexOf("mlp-softmax"))).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        // Learners: neither the instructor's view nor its data, nor a cohort they are not in.
        Cohort other = cohorts.create(lead, "Another room " + suffix, null);
        assertThat(status(ann, cohortPath)).isEqualTo(403);
        assertThat(status(ann, "/api/cohorts/" + cohortPath.replaceAll("\\D", "") + "/grid")).isEqualTo(403);
        assertThat(status(ann, cohortPath + "/export.csv")).isEqualTo(403);
        assertThat(status(ann, "/my/cohorts/" + other.id())).isEqualTo(403);
        // Their own cohort: anonymous totals only.
        ann.get(url("/my/cohorts/" + cohortPath.replaceAll("\\D", "")));
        assertThat(ann.findElement(By.cssSelector(".learner-count")).getText()).isEqualTo("2");
        assertThat(ann.getPageSource()).doesNotContain(benName);
    }
}
