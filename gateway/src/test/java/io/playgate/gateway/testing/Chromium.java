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
 * log in {@code gateway/target/chromedriver-<name>.log}. {@link #close()} quits the browser, stops the driver and
 * deletes the profile.
 *
 * <pre>{@code
 * chromium = Chromium.start("players", "--window-size=1100,1500", Chromium.AUTOPLAY);
 * driver = chromium.driver();
 * }</pre>
 */
public final class Chromium implements AutoCloseable {

  /** Lets media play without a user gesture ({@code play()} from a test script). */
  public static final String AUTOPLAY = "--autoplay-policy=no-user-gesture-required";

  private static final Duration PAGE_LOAD_TIMEOUT = Duration.ofSeconds(20);

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profile;
  private final Path screenshots;

  private Chromium(ChromeDriverService service, ChromeDriver driver, Path profile, Path screenshots) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
    this.screenshots = screenshots;
  }

  /**
   * Starts Chromium headless, without sandbox, GPU, QUIC, first-run, background networking, component updates or
   * sync.
   *
   * @param name names the driver's log file, {@code gateway/target/chromedriver-<name>.log}
   * @param arguments further command-line switches, e.g. {@code --window-size=800,600} or {@link #AUTOPLAY}
   * @return the running browser; close it after the tests
   * @throws IllegalStateException if Chromium or ChromeDriver is not installed where expected
   * @throws IOException if the profile or screenshot folder cannot be made
   */
  public static Chromium start(String name, String... arguments) throws IOException {
    File chromium = new File(System.getProperty("it.chromium", "/usr/bin/chromium"));
    File chromedriver = new File(System.getProperty("it.chromedriver", "/usr/bin/chromedriver"));
    if (!chromium.canExecute() || !chromedriver.canExecute()) {
      throw new IllegalStateException("Chromium and ChromeDriver are needed at " + chromium + " and " + chromedriver
          + " (Debian packages chromium, chromium-driver; or -Dit.chromium=… -Dit.chromedriver=…)");
    }
    Path target = TestGateway.root().resolve("gateway/target");
    Path screenshots = Files.createDirectories(target.resolve("screenshots"));
    Path profile = Files.createTempDirectory("playgate-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile);
    options.addArguments(arguments);
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
        .usingAnyFreePort().withLogFile(target.resolve("chromedriver-" + name + ".log").toFile()).build();
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD_TIMEOUT);
      return new Chromium(service, driver, profile, screenshots);
    } catch (RuntimeException e) {
      service.stop();
      deleteQuietly(profile);
      throw e;
    }
  }

  /** @return the driver of this browser */
  public ChromeDriver driver() {
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
  public void close() {
    try {
      driver.quit();
    } finally {
      try {
        service.stop();
      } finally {
        deleteQuietly(profile);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind is harmless
    }
  }
}
