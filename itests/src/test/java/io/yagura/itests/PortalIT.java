package io.yagura.itests;

import static io.yagura.itests.Await.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.notify.Acknowledgements;
import io.yagura.api.report.MonthlyReport;
import io.yagura.api.report.ReportService;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.camel.CamelContext;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.KarafDistributionOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The customer's portal story against the real distribution, in a real browser (Debian chromium,
 * headless, through /usr/bin/chromedriver): the first user created from the console with a
 * printed link, its password set through that link, the login, an Emergency made by two syslog
 * lines from a real client appearing live on the incident list, its page, the acknowledgement,
 * the month's PDF downloaded, and another customer's incident refused.
 *
 * <p>The browser is driven over the W3C WebDriver protocol with the JDK's HttpClient (a few
 * calls, below): this test runs inside Karaf, where the Selenium jars are not bundles.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PortalIT {

    private static final String ATTACKER = "203.0.113.44";

    @Inject
    CamelContext camel;

    @Inject
    IncidentStore incidents;

    @Inject
    Acknowledgements acknowledgements;

    @Inject
    ReportService reportService;

    @Inject
    SessionFactory sessions;

    @Configuration
    public Option[] config() {
        List<Option> options = YaguraKaraf.distribution();
        int port = YaguraKaraf.freeTcpPort();
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/io.yagura.portal.cfg", "port",
                Integer.toString(port)));
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/io.yagura.portal.cfg", "base.url",
                "https://127.0.0.1:" + port));
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/org.ops4j.pax.web.cfg",
                "org.osgi.service.http.port", Integer.toString(YaguraKaraf.freeTcpPort())));
        options.add(org.ops4j.pax.exam.CoreOptions.systemProperty("yagura.itest.portalPort").value(Integer.toString(port)));
        return options.toArray(new Option[0]);
    }

    @Test
    public void aCustomerFollowsAnEmergencyLiveAcknowledgesItAndDownloadsItsReport() throws Exception {
        Await.platformReady(camel);
        String base = "https://127.0.0.1:" + System.getProperty("yagura.itest.portalPort");
        HttpClient http = HttpClient.newBuilder().sslContext(trustingTheGeneratedKey()).build();
        // Pax Web restarts on HTTPS once the portal wrote its key pair into org.ops4j.pax.web
        await("the portal answering over HTTPS", () -> status(http, base + "/portal/login") == 200, 90);

        // The first user, from the console, with the link printed (no mail server in this test).
        String out = ShellConsole.run(sessions, "yagura:portal-user-add --customer demo --mail it@demo.example "
                + "--print-link demo-it");
        String link = out.lines().filter(l -> l.startsWith(base + "/portal/password?token=")).findFirst()
                .orElseThrow(() -> new AssertionError("no link printed: " + out));
        String password = "a portal password for demo-it";

        // Another customer's incident, to be refused later.
        Incident foreign = incidents.create(Incident.builder().id("INC-PORTALIT-OTHER").customerId("it-other")
                .key("portal-it-other").proposedLevel(io.yagura.api.incident.Level.CRITICAL)
                .status(io.yagura.api.incident.IncidentStatus.NEW).title("OTHER CUSTOMER SECRET")
                .detectedAt(java.time.Instant.now()).build());
        // Its month's report, made on demand.
        MonthlyReport report = reportService.make("demo", YearMonth.now().minusMonths(1), "itest");

        Path downloads = Files.createTempDirectory("portal-it-downloads");
        try (Browser browser = Browser.start(downloads)) {
            browser.open(link);
            browser.type("#password", password);
            browser.click("#set");
            await("the login page after the password was set", () -> browser.exists("#login"), 20);
            browser.type("#name", "demo-it");
            browser.type("#password", password);
            browser.click("#login");
            await("the incident list with its live stream open", () -> browser.exists("body[data-live=open]"), 20,
                    browser::source);

            SyslogClient.logger("-T", "%ASA-4-400032: IPS:4051 UDP Snork attack from " + ATTACKER
                    + " to 10.0.0.5 on interface outside");
            SyslogClient.logger("-T", "%ASA-6-302013: Built outbound TCP connection 881299 for outside:" + ATTACKER
                    + "/4444 (" + ATTACKER + "/4444) to inside:10.0.0.5/50433 (198.51.100.5/50433)");
            await("the Emergency stored", () -> emergencyOf(ATTACKER).isPresent(), 30);
            Incident emergency = emergencyOf(ATTACKER).orElseThrow();
            long stored = System.currentTimeMillis();
            await("the Emergency on the open list within 2 s", () -> browser.exists("#row-" + emergency.id()), 2,
                    browser::source);
            System.out.println("PortalIT: incident shown " + (System.currentTimeMillis() - stored) + " ms after stored");

            browser.click("#row-" + emergency.id() + " a");
            await("the incident's page", () -> browser.text("#incident-id").startsWith(emergency.id()), 10);
            browser.type("input[name=comment]", "seen, isolating the host");
            browser.click("#acknowledge");
            await("the acknowledgement shown", () -> browser.exists("#acknowledged"), 10, browser::source);
            assertEquals("demo-it", acknowledgements.find(emergency.id()).orElseThrow().by());
            assertTrue("the portal notice delivered to the session", incidents.notifications(emergency.id()).stream()
                    .filter(n -> n.channel().equals("portal")).allMatch(n -> n.status().equals("delivered")));

            browser.open(base + "/portal/reports");
            browser.click("a[href='/portal/reports/" + report.id() + "/pdf']");
            await("the PDF downloaded", () -> pdfIn(downloads).isPresent(), 30);
            byte[] pdf = Files.readAllBytes(pdfIn(downloads).orElseThrow());
            assertEquals("%PDF", new String(pdf, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));

            browser.open(base + "/portal/incidents/" + foreign.id());
            assertTrue(browser.source(), browser.source().contains("Not found"));
            assertFalse(browser.source().contains("OTHER CUSTOMER SECRET"));
        }
    }

    private Optional<Incident> emergencyOf(String attacker) {
        return incidents.list(new IncidentStore.Filter("demo", null, null, null, 100)).stream()
                .filter(i -> i.attackers().contains(attacker)).findFirst();
    }

    private static Optional<Path> pdfIn(Path dir) {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".pdf")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int status(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The portal's key pair is self-signed and made at first start: this test trusts it. */
    private static SSLContext trustingTheGeneratedKey() throws Exception {
        TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {any}, new SecureRandom());
        return ssl;
    }

    /** Chromium through chromedriver, spoken to in the W3C WebDriver protocol. */
    static final class Browser implements AutoCloseable {
        private static final ObjectMapper JSON = new ObjectMapper();
        private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
        private final Process driver;
        private final HttpClient http = HttpClient.newHttpClient();
        private final String session;

        private Browser(Process driver, String session) {
            this.driver = driver;
            this.session = session;
        }

        static Browser start(Path downloads) throws Exception {
            int port = YaguraKaraf.freeTcpPort();
            Process p = new ProcessBuilder("/usr/bin/chromedriver", "--port=" + port)
                    .redirectErrorStream(true).redirectOutput(downloads.resolveSibling(downloads.getFileName() + "-chromedriver.log").toFile()).start();
            String root = "http://127.0.0.1:" + port;
            HttpClient probe = HttpClient.newHttpClient();
            await("chromedriver ready", () -> {
                try {
                    return probe.send(HttpRequest.newBuilder(URI.create(root + "/status")).build(),
                            HttpResponse.BodyHandlers.ofString()).body().contains("\"ready\":true");
                } catch (IOException | InterruptedException e) {
                    return false;
                }
            }, 30);
            Map<String, Object> caps = Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                    "browserName", "chrome", "acceptInsecureCerts", true,
                    "goog:chromeOptions", Map.of("binary", "/usr/bin/chromium",
                            "args", List.of("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"),
                            "prefs", Map.of("download.default_directory", downloads.toString(),
                                    "download.prompt_for_download", false)))));
            JsonNode answer = call(probe, "POST", root + "/session", caps);
            return new Browser(p, root + "/session/" + answer.path("value").path("sessionId").asText());
        }

        void open(String url) throws Exception {
            call(http, "POST", session + "/url", Map.of("url", url));
        }

        void type(String css, String text) throws Exception {
            call(http, "POST", session + "/element/" + find(css) + "/value", Map.of("text", text));
        }

        void click(String css) throws Exception {
            call(http, "POST", session + "/element/" + find(css) + "/click", Map.of());
        }

        String text(String css) {
            try {
                return call(http, "GET", session + "/element/" + find(css) + "/text", null).path("value").asText();
            } catch (Exception | AssertionError notThereYet) {
                return "";
            }
        }

        boolean exists(String css) {
            try {
                return !call(http, "POST", session + "/elements", Map.of("using", "css selector", "value", css))
                        .path("value").isEmpty();
            } catch (Exception e) {
                return false;
            }
        }

        String source() {
            try {
                return call(http, "GET", session + "/source", null).path("value").asText();
            } catch (Exception e) {
                return "(no page source: " + e.getMessage() + ")";
            }
        }

        private String find(String css) throws Exception {
            JsonNode v = call(http, "POST", session + "/element", Map.of("using", "css selector", "value", css))
                    .path("value");
            if (!v.has(ELEMENT)) {
                throw new AssertionError("no element " + css + ": " + v);
            }
            return v.get(ELEMENT).asText();
        }

        private static JsonNode call(HttpClient http, String method, String url, Object body) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json");
            b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                    : b.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body());
        }

        @Override
        public void close() throws Exception {
            try {
                call(http, "DELETE", session, null);
            } finally {
                driver.destroy();
                driver.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
