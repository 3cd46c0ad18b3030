package io.yagura.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.report.MonthlyReport;
import io.yagura.portal.account.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The customer's story in a real browser (Debian chromium, headless, through the system's
 * chromedriver; Selenium Manager is never asked to download anything): log in, see an incident
 * appear live when the store gets one, open it, acknowledge it, download a report, be refused
 * another customer's incident.
 */
class BrowserTest {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static PortalFixture portal;
    static WebDriver browser;
    static Path downloads;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "Debian chromium and chromium-driver are installed by .ci/run");
        portal = new PortalFixture();
        downloads = Files.createDirectories(portal.dir.resolve("downloads"));
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the portal's key pair is self-signed, made at first start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--ignore-certificate-errors",
                "--window-size=1280,900");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void aCustomerFollowsAnIncidentLiveAcknowledgesItAndDownloadsItsReport() throws Exception {
        String password = portal.user("carol", Role.CUSTOMER, "acme");
        Incident foreign = portal.incident("globex", Level.CRITICAL, "GLOBEX web shell");
        byte[] pdf = "%PDF-1.7 acme November".getBytes();
        portal.reports.put(new MonthlyReport("R-acme-2026-11", "acme", YearMonth.of(2026, 11), "en", Instant.now(),
                "scheduler", pdf.length), pdf);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));

        browser.get(portal.base + "/portal/login");
        browser.findElement(By.id("name")).sendKeys("carol");
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("incidents")));
        // the live stream is open before the incident is stored
        wait.until(d -> "open".equals(d.findElement(By.tagName("body")).getAttribute("data-live")));

        Incident i = portal.incident("acme", Level.EMERGENCY, "Admin logon from abroad");
        new WebDriverWait(browser, Duration.ofSeconds(2)).until(
                ExpectedConditions.presenceOfElementLocated(By.id("row-" + i.id())));
        assertFalse(browser.getPageSource().contains("GLOBEX"), "only acme's incidents are listed");

        browser.findElement(By.linkText(i.id())).click();
        wait.until(ExpectedConditions.textToBe(By.id("incident-id"), i.id() + ": Admin logon from abroad"));
        browser.findElement(By.name("comment")).sendKeys("We are on it");
        browser.findElement(By.id("acknowledge")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("acknowledged")));
        assertEquals("carol", portal.acks.find(i.id()).orElseThrow().by());

        browser.get(portal.base + "/portal/reports");
        browser.findElement(By.partialLinkText("PDF")).click();
        Path file = downloads.resolve("yagura-acme-2026-11-en.pdf");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> Files.exists(file));
        assertEquals("%PDF-1.7 acme November", Files.readString(file));

        browser.get(portal.base + "/portal/incidents/" + foreign.id());
        assertTrue(browser.getPageSource().contains("Not found"), browser.getPageSource());
        assertFalse(browser.getPageSource().contains("GLOBEX web shell"));
    }

    @Test
    void socStaffSeeANewAndARaisedIncidentInTheQueueWithoutReloading() throws Exception {
        String password = portal.user("sam", Role.SOC, null);
        browser.manage().deleteAllCookies();
        browser.get(portal.base + "/portal/login");
        browser.findElement(By.id("name")).sendKeys("sam");
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue")));
        wait.until(d -> "open".equals(d.findElement(By.tagName("body")).getAttribute("data-live")));

        Incident i = portal.incident("globex", Level.WARNING, "SMB scan from the internet");
        new WebDriverWait(browser, Duration.ofSeconds(2)).until(
                ExpectedConditions.presenceOfElementLocated(By.id("row-" + i.id())));
        portal.triage.confirm(i.id(), Level.EMERGENCY, "analyst");
        new WebDriverWait(browser, Duration.ofSeconds(2)).until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#row-" + i.id() + " td.level-emergency")));
        assertTrue(browser.getCurrentUrl().endsWith("/portal/soc/queue"), "still the same page, never reloaded");
    }
}
