package org.transformerguide.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.transformerguide.playground.service.DefaultModelLoader;
import org.transformerguide.playground.service.PlaygroundProperties;
import org.transformerguide.playground.service.TrainingRequest;
import org.transformerguide.playground.service.TrainingService;

/**
 * The models page in Chromium: an instructor (granted the role in the database) pastes a text, trains a tiny preset,
 * watches its loss fall, finds the model in the list and deletes it; a reader without the role sees the
 * list and who may train.
 */
class ModelsPageBrowserIT extends BrowserTestSupport {

    private static final String TEXT = "The cat sat on the mat. The dog sat on the log. A token is a piece of text. ".repeat(20);

    @Autowired
    private TrainingService training;
    @Autowired
    private DefaultModelLoader defaultModel;

    private WebDriverWait waitLong() {
        return Browser.waitFor(driver, Duration.ofSeconds(120));
    }

    @Autowired
    private org.transformerguide.account.AccountService accounts;
    @Autowired
    private org.transformerguide.account.AccountRoles roles;

    /** An account an admin made an instructor, signing in through the form. */
    private void signInAsInstructor(String name) {
        try {
            accounts.signUp(name, "a good password");
            roles.grant(accounts.idOf(name), "INSTRUCTOR");
        } catch (org.transformerguide.account.UsernameTakenException alreadyThere) {
            // an earlier test of this class created it
        }
        driver.get(url("/signout"));
        driver.manage().deleteAllCookies();
        driver.get(url("/signin?next=/playground/models"));
        driver.findElement(By.id("username")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys("a good password");
        driver.findElement(By.cssSelector(".account-form button[type=submit]")).click();
        Browser.waitFor(driver).until(d -> d.getCurrentUrl().endsWith("/playground/models"));
    }

    private void signUp(String name) {
        driver.get(url("/signout"));
        driver.manage().deleteAllCookies();
        driver.get(url("/signup?next=/playground/models"));
        driver.findElement(By.id("username")).sendKeys(name);
        driver.findElement(By.id("password")).sendKeys("a good password");
        driver.findElement(By.id("confirm")).sendKeys("a good password");
        driver.findElement(By.cssSelector(".account-form button[type=submit]")).click();
        Browser.waitFor(driver).until(d -> d.getCurrentUrl().endsWith("/playground/models"));
    }

    private WebElement row(String model) {
        List<WebElement> rows = driver.findElements(By.cssSelector(".models-table tr[data-model='" + model + "']"));
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Test
    void anInstructorTrainsAModelOnPastedTextWatchesTheLossFallAndDeletesIt() throws Exception {
        signInAsInstructor("ada");
        assertThat(driver.findElements(By.id("new-model"))).hasSize(1);
        assertFitsAPhone();
        assertThat(driver.findElement(By.cssSelector(".site-nav a[href='/playground/models']")).getAttribute("aria-current")).isEqualTo("page");

        // A job already running: the new model must queue behind it, so the page follows it from its first step.
        Path blockerFile = Files.createTempDirectory("blocker").resolve("blocker.tgckpt");
        training.submit(new TrainingRequest("blocker", "test", TEXT, new PlaygroundProperties.Preset(1, 1, 8, 8), 1_000_000, 2,
                1e-3, 0, 100_000, 1, blockerFile, 1));
        try {
            driver.findElement(By.id("model-name")).sendKeys("cats");
            new Select(driver.findElement(By.id("model-preset"))).selectByValue("micro");
            js("const t = document.getElementById('model-text'); t.value = arguments[0]; t.dispatchEvent(new Event('input'))", TEXT);
            driver.findElement(By.cssSelector("#new-model button[type=submit]")).click();
            WebElement status = driver.findElement(By.cssSelector("#new-model .form-status"));
            waitLong().until(d -> status.getText().contains("queued"));
            WebElement monitor = driver.findElement(By.cssSelector(".training-view"));
            waitLong().until(d -> monitor.isDisplayed());
            assertThat(driver.findElement(By.cssSelector(".training-model")).getText()).contains("cats");
            waitLong().until(d -> row("cats") != null && "QUEUED".equals(row("cats").getAttribute("data-state")));
        } finally {
            training.cancel("blocker");
        }

        WebElement summary = driver.findElement(By.cssSelector(".training-view .training-summary"));
        waitLong().until(d -> summary.getText().contains("done"));
        assertThat(summary.getText()).contains("Model \"cats\"").contains("iteration 120 of 120");
        double[] ys = Arrays.stream(driver.findElement(By.cssSelector(".training-view polyline.loss.train")).getAttribute("points")
                .trim().split("\\s+")).mapToDouble(p -> Double.parseDouble(p.split(",")[1])).toArray();
        assertThat(ys.length).as("loss points streamed while it trained").isGreaterThan(2);
        assertThat(ys[ys.length - 1]).as("the loss fell (a lower loss is drawn lower, at a larger y)").isGreaterThan(ys[0]);

        waitLong().until(d -> row("cats") != null && "READY".equals(row("cats").getAttribute("data-state")));
        assertThat(row("cats").findElement(By.cssSelector(".val-loss")).getText()).matches("\\d\\.\\d{3}");
        assertThat(row("cats").getText()).contains("char").contains("pasted text").contains("parameters");
        assertThat(row("default").findElements(By.cssSelector(".delete-model"))).isEmpty();

        // A file over the limit is refused by the server itself with a 413 problem detail.
        @SuppressWarnings("unchecked")
        Map<String, Object> tooLarge = (Map<String, Object>) ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/csrf').then(r => r.json()).then(t => {"
                        + "  const data = new FormData(); data.set('name', 'huge');"
                        + "  data.set('corpus', new Blob(['a'.repeat(200 * 1024)], {type: 'text/plain'}), 'huge.txt');"
                        + "  return fetch('/api/playground/models', {method: 'POST', body: data, headers: {[t.headerName]: t.token}});"
                        + "}).then(async r => done({status: r.status, type: r.headers.get('Content-Type'), body: await r.json()}))"
                        + ".catch(e => done({error: String(e)}));");
        assertThat(tooLarge.get("error")).isNull();
        assertThat(tooLarge.get("status")).isEqualTo(413L);
        assertThat((String) tooLarge.get("type")).startsWith("application/problem+json");
        assertThat(((Map<?, ?>) tooLarge.get("body")).get("detail").toString()).contains("64 KB");

        // Delete it: the row and the checkpoint go.
        Path file = defaultModel.modelDir().resolve("cats.tgckpt");
        assertThat(file).exists();
        row("cats").findElement(By.cssSelector(".delete-model")).click();
        waitLong().until(ExpectedConditions.alertIsPresent()).accept();
        waitLong().until(d -> row("cats") == null);
        assertThat(driver.findElement(By.cssSelector(".list-status")).getText()).contains("Deleted \"cats\"");
        assertThat(file).doesNotExist();
        waitLong().until(d -> !training.isTraining("blocker"));
    }

    @Test
    void readersWithoutTheRoleSeeTheListAndWhoMayTrainAndThePageFitsAPhone() {
        signUp("grace");
        assertThat(driver.findElements(By.id("new-model"))).isEmpty();
        assertThat(driver.findElement(By.cssSelector(".who-may-train")).getText()).contains("INSTRUCTOR");
        assertThat(row("default")).isNotNull();
        assertThat(driver.findElements(By.cssSelector(".delete-model"))).isEmpty();

        assertFitsAPhone();
    }

    /** On a phone-sized window the page scrolls only down, never sideways (the table may scroll in its box). */
    private void assertFitsAPhone() {
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            driver.get(url("/playground/models"));
            Browser.waitFor(driver).until(d -> row("default") != null);
            Number overflow = (Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow.intValue()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.get(url("/playground/models"));
        }
    }
}
