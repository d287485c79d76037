package org.regshift.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Opens a page in Debian's headless Chromium through Selenium and Debian's chromedriver, as a
 * person would see it: console errors, uncaught exceptions and failed loads, broken images, the
 * page's width against the window's, and a screenshot. Missing Chromium and chromedriver are
 * installed from Debian when the tests run as root (as containers/build.sh does for podman).
 */
public final class HeadlessChromium {
    private static final String CHROMIUM = "/usr/lib/chromium/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Selenium warns that it has no DevTools bindings for this Chromium; the tests use none. */
    private static final java.util.logging.Logger CDP_WARNINGS = quiet("org.openqa.selenium.devtools.CdpVersionFinder");
    private static final java.util.logging.Logger CDP_WARNINGS_TOO = quiet("org.openqa.selenium.chromium.ChromiumDriver");

    /** What the page showed: its scroll width, the window's width, its images, those that did not load, and every error. */
    public record Rendered(int scrollWidth, int windowWidth, int images, int brokenImages, List<String> errors) {
    }

    private HeadlessChromium() {
    }

    /** Renders {@code page} in a window of the given size and saves a screenshot of that window as PNG. */
    public static Rendered render(Path page, int width, int height, Path screenshot) throws Exception {
        ensureInstalled();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--hide-scrollbars", "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(page.toUri().toString());
            int scroll = number(driver, "document.documentElement.scrollWidth");
            int window = number(driver, "window.innerWidth");
            int images = number(driver, "document.images.length");
            int broken = number(driver, "Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length");
            Files.write(screenshot, driver.getScreenshotAs(OutputType.BYTES));
            List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
            return new Rendered(scroll, window, images, broken, errors);
        } finally {
            driver.quit();
        }
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(Level.OFF);
        return logger;
    }

    private static int number(ChromeDriver driver, String expression) {
        return ((Number) driver.executeScript("return " + expression)).intValue();
    }

    private static void ensureInstalled() {
        DebianPackages.ensure(new String[] {CHROMIUM, CHROMEDRIVER}, "chromium", "chromium-driver");
    }
}
