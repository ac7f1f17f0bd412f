package org.transformerguide.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by Debian's chromedriver, headless, with a fresh profile and no background
 * traffic. Both binaries are given explicitly so that Selenium Manager never tries to download anything.
 */
public final class Browser {

    /**
     * A style sheet that renders every block of an article, including those guide.css lets skip rendering
     * while out of view: for checks that must see the whole page laid out, and to measure what the skip saves.
     */
    public static final String EVERY_BLOCK_RENDERED = "article.markdown > * { content-visibility: visible !important; }";

    private Browser() {
    }

    public static WebDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        try {
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1280,900",
                    "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    static WebDriverWait waitFor(WebDriver driver) {
        return waitFor(driver, Duration.ofSeconds(60)); // generous: a shared 2-core machine can be slow
    }

    /**
     * Waits up to {@code timeout}. An element the page replaced while a condition read it means "not yet":
     * the next poll finds the new one (a list the page redraws can be met mid-way). Selenium's polling
     * interval of 500 ms stays: polling every 50 ms made the browser tests slower, not faster (5 min 51 s
     * against 5 min 22 s for the browser classes alone), the polls' own work taking the cores the pages
     * needed.
     */
    static WebDriverWait waitFor(WebDriver driver, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }
}
