package org.transformerguide.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The platform on a random port and one headless Chromium shared by the tests of a class (starting a
 * browser costs a second or two; the tests of a class do not depend on each other's state). Browser
 * classes run one at a time (the lock): they share the driver field, the application and its workers;
 * Failsafe may run a packaged-jar test beside them.
 */
@ResourceLock("browser")
// One application for every browser class (a second context cost about 3 s of the lane), with the models page's
// "micro" preset (ModelsPageBrowserIT trains it) and a checkpoint folder of its own, so no browser test sees
// a model the unit tests left in target/test-data.
@TestPropertySource(properties = {
        "guide.playground.model-dir=target/test-models/browser-${random.uuid}",
        "guide.playground.models.max-corpus-size=64KB",
        "guide.playground.models.presets.micro.n-layer=1", "guide.playground.models.presets.micro.n-head=2",
        "guide.playground.models.presets.micro.n-embd=16", "guide.playground.models.presets.micro.block-size=16",
        "guide.playground.models.presets.micro.iterations=120", "guide.playground.models.presets.micro.batch-size=8",
        "guide.playground.models.presets.micro.learning-rate=3e-3", "guide.playground.models.presets.micro.eval-interval=40",
        "guide.playground.models.presets.micro.eval-batches=2"})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class BrowserTestSupport {

    protected static WebDriver driver;

    @LocalServerPort
    protected int port;

    @BeforeAll
    static void startBrowser() {
        driver = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        driver.quit();
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
