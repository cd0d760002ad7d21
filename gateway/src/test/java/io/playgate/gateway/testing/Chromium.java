package io.playgate.gateway.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A real headless Chromium for browser tests ({@code *BrowserIT}): Debian's {@code /usr/bin/chromium} driven by
 * {@code /usr/bin/chromedriver} (never downloaded by Selenium Manager; {@code -Dit.chromium=…} and
 * {@code -Dit.chromedriver=…} name others), a fresh profile in a temporary folder, the browser console kept at
 * {@code ALL} and a page-load timeout of 20 s. Screenshots land in {@code gateway/target/screenshots/}, the driver's
 * log in {@code gateway/target/chromedriver-<name>.log}.
 *
 * <p>Registered on a {@code static} field it is a JUnit 5 extension: the browser starts before the class's
 * {@code @BeforeAll} methods and quits after the class (registered after a {@link GatewayExtension}, before that
 * gateway stops); quitting stops the driver and deletes the profile.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final Chromium chromium = Chromium.headless("players", Chromium.AUTOPLAY, "--window-size=1100,1500");
 * }</pre>
 */
public final class Chromium implements BeforeAllCallback, AfterAllCallback {

  /** Lets media play without a user gesture ({@code play()} from a test script). */
  public static final String AUTOPLAY = "--autoplay-policy=no-user-gesture-required";

  private static final Duration PAGE_LOAD_TIMEOUT = Duration.ofSeconds(20);

  private final String name;
  private final String[] arguments;
  private String ownerId;
  private ChromeDriverService service;
  private ChromeDriver driver;
  private Path profile;
  private Path screenshots;

  private Chromium(String name, String[] arguments) {
    this.name = name;
    this.arguments = arguments.clone();
  }

  /**
   * Declares a headless Chromium, without sandbox, GPU, QUIC, first-run, background networking, component updates
   * or sync; it starts when the class does.
   *
   * @param name names the driver's log file, {@code gateway/target/chromedriver-<name>.log}
   * @param arguments further command-line switches, e.g. {@code --window-size=800,600} or {@link #AUTOPLAY}
   * @return the browser, to register on a static field
   */
  public static Chromium headless(String name, String... arguments) {
    return new Chromium(name, arguments);
  }

  /**
   * @throws IllegalStateException if Chromium or ChromeDriver is not installed where expected
   * @throws IOException if the profile or screenshot folder cannot be made
   */
  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    if (ownerId != null) {
      return; // a @Nested class: the outer class's browser serves it
    }
    ownerId = context.getUniqueId();
    File chromium = new File(System.getProperty("it.chromium", "/usr/bin/chromium"));
    File chromedriver = new File(System.getProperty("it.chromedriver", "/usr/bin/chromedriver"));
    if (!chromium.canExecute() || !chromedriver.canExecute()) {
      throw new IllegalStateException("Chromium and ChromeDriver are needed at " + chromium + " and " + chromedriver
          + " (Debian packages chromium, chromium-driver; or -Dit.chromium=… -Dit.chromedriver=…)");
    }
    Path target = TestGateway.root().resolve("gateway/target");
    screenshots = Files.createDirectories(target.resolve("screenshots"));
    profile = Files.createTempDirectory("playgate-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile);
    options.addArguments(arguments);
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
        .usingAnyFreePort().withLogFile(target.resolve("chromedriver-" + name + ".log").toFile()).build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD_TIMEOUT);
  }

  /**
   * @return the driver of this browser
   * @throws IllegalStateException outside the class that registered it
   */
  public ChromeDriver driver() {
    if (driver == null) {
      throw new IllegalStateException("Chromium starts before the class: register it on a static field");
    }
    return driver;
  }

  /**
   * Takes the browser console's new lines (since the last call), printing each as {@code [browser] LEVEL message}.
   *
   * @param wanted which lines to return, e.g. Content-Security-Policy violations
   * @return the messages of the wanted lines, in order; empty if none
   */
  public List<String> consoleMessages(Predicate<LogEntry> wanted) {
    List<String> messages = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      System.out.println("[browser] " + e.getLevel() + " " + e.getMessage());
      if (wanted.test(e)) {
        messages.add(e.getMessage());
      }
    }
    return messages;
  }

  /**
   * Saves what {@code source} shows (the driver for the viewport, or one element) as a PNG.
   *
   * @param source the driver or an element
   * @param name the file name without {@code .png}, e.g. {@code player-track-dark}
   * @return the file written, {@code gateway/target/screenshots/<name>.png}
   * @throws IOException if the file cannot be written
   */
  public Path screenshot(TakesScreenshot source, String name) throws IOException {
    return Files.write(screenshots.resolve(name + ".png"), source.getScreenshotAs(OutputType.BYTES));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (!context.getUniqueId().equals(ownerId)) {
      return;
    }
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      try {
        if (service != null) {
          service.stop();
        }
      } finally {
        deleteQuietly(profile);
        driver = null;
        service = null;
        ownerId = null;
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind is harmless
    }
  }
}
