package org.ctims.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Headless Chromium: the Debian packages when installed, else whatever Selenium Manager finds. */
final class Browser {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where the browser saves downloads (exports), without asking. */
    static final Path DOWNLOADS = Path.of("target/downloads").toAbsolutePath();

    private Browser() {
    }

    static ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        // commands return once the DOM is there; the tests wait for what they need with Awaitility
        options.setPageLoadStrategy(PageLoadStrategy.EAGER);
        if (Files.isExecutable(CHROMIUM)) {
            options.setBinary(CHROMIUM.toFile());
        }
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + freshProfile());
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService.Builder service = new ChromeDriverService.Builder();
        if (Files.isExecutable(CHROMEDRIVER)) {
            service.usingDriverExecutable(CHROMEDRIVER.toFile());
        }
        ChromeDriver driver = new ChromeDriver(service.build(), options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
        return driver;
    }

    private static Path freshProfile() {
        try {
            Path target = Files.createDirectories(Path.of("target/browser"));
            return Files.createTempDirectory(target, "profile-").toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a browser profile folder", e);
        }
    }
}
