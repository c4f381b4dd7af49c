package dev.clockwork.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The machine's Chromium (Debian packages {@code chromium} and {@code chromium-driver}), headless, driven by
 * Selenium with the driver's path given: Selenium Manager never downloads anything. Each instance is a fresh
 * browser with its own profile under {@code target/}. Without Chromium the test is reported skipped (CI installs it
 * and fails when it cannot).
 */
final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of(System.getProperty("clockwork.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("clockwork.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final URI root;
    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(URI root, int width, int height) throws IOException {
        this.root = root;
        Files.createDirectories(Path.of("target"));
        profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=en-US", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** A desktop-sized browser on the application at {@code root}. */
    static Chromium open(URI root) throws IOException {
        return open(root, 1280, 900);
    }

    static Chromium open(URI root, int width, int height) throws IOException {
        assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER), "Chromium and chromedriver are needed "
                + "at " + BROWSER + " and " + DRIVER + " (Debian: apt-get install -y chromium chromium-driver)");
        return new Chromium(root, width, height);
    }

    WebDriver driver() {
        return driver;
    }

    void go(String path) {
        driver.get(root.resolve(path).toString());
    }

    /** Logs in through the login page and waits for the dashboard. */
    void logIn(String username, String password) {
        go("login.xhtml");
        type(By.id("login:username"), username);
        type(By.id("login:password"), password);
        click(By.id("login:submit"));
        waitFor(ExpectedConditions.titleContains("Dashboard"));
    }

    WebElement find(By by) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(by));
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    void type(By by, String text) {
        WebElement field = find(by);
        field.clear();
        field.sendKeys(text);
    }

    void click(By by) {
        waitFor(ExpectedConditions.elementToBeClickable(by)).click();
    }

    /**
     * Clicks an item of an overlay (a select menu's or an autocomplete's panel) once the panel has finished opening:
     * during its opening transition the item is drawn scaled, so a click aimed at it then lands on a neighbour.
     */
    void clickInOverlay(By item) {
        WebElement element = waitFor(ExpectedConditions.elementToBeClickable(item));
        waitFor(d -> Boolean.TRUE.equals(script(
                "return !PrimeFaces.animationActive && !arguments[0].closest('.ui-connected-overlay-enter');", element)));
        element.click();
    }

    /** Clicks a button that asks for confirmation, then "Yes" in the dialog. */
    void clickAndConfirm(By by) {
        click(by);
        click(By.cssSelector(".ui-confirm-dialog .ui-confirmdialog-yes"));
    }

    /** Presses Escape where the focus is, as a keyboard user closes a dialog. */
    void pressEscape() {
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
    }

    /** Waits (polling, with a deadline) until the condition holds, and returns what it gave. */
    <T> T waitFor(Function<WebDriver, T> condition) {
        // An ajax update may replace an element between the condition's look-up and its read: look again.
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** Waits until the element's text contains {@code text}. */
    void waitForText(By by, String text) {
        waitFor(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Waits until no PrimeFaces ajax request is in flight. */
    void waitForAjax() {
        waitFor(d -> Boolean.TRUE.equals(driver.executeScript(
                "return !window.PrimeFaces || PrimeFaces.ajax.Queue.isEmpty();")));
    }

    /**
     * Saves the whole page as it looks now to {@code target/screenshots/<name>.png}: the window grows to the page's
     * height for the picture, then goes back to its size.
     */
    Path screenshot(String name) {
        Dimension size = driver.manage().window().getSize();
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            long height = (Long) script("window.scrollTo(0, 0);"
                    + " return Math.max(document.documentElement.scrollHeight, window.innerHeight);");
            driver.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.min(height + 120, 4000)));
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(size);
        }
    }

    /** Runs JavaScript in the page and returns its result. */
    Object script(String javaScript, Object... arguments) {
        return driver.executeScript(javaScript, arguments);
    }

    /**
     * Closes the browser; fails when a page broke the Content-Security-Policy (Chromium logs each script, style or
     * handler it refused), so that every browser test also proves the console works under the policy.
     */
    @Override
    public void close() {
        List<String> refused;
        try {
            refused = driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                    .filter(message -> message.contains("Content Security Policy")).toList();
        } finally {
            driver.quit();
        }
        if (!refused.isEmpty()) {
            throw new AssertionError("The browser refused content under the Content-Security-Policy: " + refused);
        }
    }
}
