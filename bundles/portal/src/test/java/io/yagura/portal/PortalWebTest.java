package io.yagura.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.report.MonthlyReport;
import io.yagura.portal.account.Role;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The portal over real HTTPS: login, cookies, pages, actions, logout. */
class PortalWebTest {

    static PortalFixture portal;
    static String carolPassword;
    static String socPassword;

    @BeforeAll
    static void start() throws Exception {
        portal = new PortalFixture();
        carolPassword = portal.user("carol", Role.CUSTOMER, "acme");
        socPassword = portal.user("sam", Role.SOC, null);
    }

    @AfterAll
    static void stop() throws Exception {
        portal.close();
    }

    @Test
    void theSessionCookieIsHttpOnlySecureAndStrict() throws Exception {
        WebClient c = portal.client();
        HttpResponse<String> r = c.post("/portal/login", Map.of("name", "carol", "password", carolPassword), false);
        assertEquals(303, r.statusCode());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Strict"),
                cookie);
        assertEquals("/portal/incidents", r.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void aWrongPasswordIsRefusedWithoutSayingWhy() throws Exception {
        WebClient c = portal.client();
        HttpResponse<String> wrong = c.post("/portal/login", Map.of("name", "carol", "password", "nope"), false);
        HttpResponse<String> unknown = c.post("/portal/login", Map.of("name", "nobody", "password", "nope"), false);
        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertEquals(wrong.body(), unknown.body(), "the same page for a wrong password and an unknown user");
        assertTrue(wrong.headers().allValues("Set-Cookie").isEmpty());
    }

    @Test
    void aJapaneseUserGetsJapanesePages() throws Exception {
        portal.accounts.add("kenji", Role.CUSTOMER, "acme", "kenji@acme.example", "ja", "test");
        portal.accounts.sendLink("kenji", true, "test");
        String link = portal.mails.linkTo("kenji@acme.example");
        portal.accounts.setPassword(link.substring(link.indexOf("token=") + 6), "kenji's long password".toCharArray());
        String page = portal.client().login("kenji", "kenji's long password").get("/portal/incidents").body();
        assertTrue(page.contains("<th>攻撃元</th>") && page.contains("lang=\"ja\""), page);
    }

    @Test
    void contactsAreEditableOnlyWhenTheSocAllowsItAndEveryChangeIsAudited() throws Exception {
        WebClient carol = portal.client().login("carol", carolPassword);
        assertTrue(carol.get("/portal/contacts").body().contains("Ask the SOC to change your contacts"));
        assertEquals(403, carol.post("/portal/contacts/1", Map.of("email", "new@acme.example")).statusCode());
        WebClient soc = portal.client().login("sam", socPassword);
        soc.get("/portal/soc/users");
        assertEquals(303, soc.post("/portal/soc/customers/acme/contacts-editable", Map.of("editable", "on"))
                .statusCode());
        carol.get("/portal/contacts");
        assertEquals(400, carol.post("/portal/contacts/1", Map.of("email", "not an address")).statusCode());
        assertEquals(303, carol.post("/portal/contacts/1", Map.of("email", "new@acme.example", "phone", "+81 3 0000 0000",
                "language", "ja")).statusCode());
        var contact = portal.registry.customer("acme").orElseThrow().contacts().get(0);
        assertEquals("new@acme.example", contact.email());
        assertEquals("ja", contact.language());
        assertTrue(portal.incidents.auditLog("customer:acme", 10).stream().anyMatch(a -> a.action().equals(
                "contact-changed") && a.actor().equals("portal:carol") && a.detail().contains("new@acme.example")));
        soc.post("/portal/soc/customers/acme/contacts-editable", Map.of());
        assertEquals(403, carol.post("/portal/contacts/1", Map.of("email", "again@acme.example")).statusCode());
    }

    @Test
    void socStaffCreateACustomerUserWhoGetsTheLinkByMail() throws Exception {
        WebClient soc = portal.client().login("sam", socPassword);
        soc.get("/portal/soc/users");
        assertEquals(303, soc.post("/portal/soc/users", Map.of("customer", "globex", "name", "globex-it",
                "mail", "it@globex.example", "language", "en")).statusCode());
        assertEquals("globex", portal.accounts.find("globex-it").orElseThrow().customerId());
        assertTrue(portal.mails.linkTo("it@globex.example").startsWith("https://127.0.0.1/portal/password?token="));
        assertEquals(400, soc.post("/portal/soc/users", Map.of("customer", "nope", "name", "x",
                "mail", "x@example.net")).statusCode());
    }

    @Test
    void devicesAreShownWithTheirHealthState() throws Exception {
        portal.health.save(new io.yagura.api.health.DeviceHealth("fw-acme", "acme", io.yagura.api.health.HealthState.UP,
                Instant.now(), Instant.now(), Instant.now(), null, null, null, "answers ping", null));
        String page = portal.client().login("carol", carolPassword).get("/portal/devices").body();
        assertTrue(page.contains("fw-acme") && page.contains("UP") && !page.contains("fw-globex"), page);
    }

    @Test
    void plainHttpIsRefused() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var r = http.send(java.net.http.HttpRequest.newBuilder(portal.plainBase.resolve("/portal/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode());
        assertEquals("HTTPS only", r.body());
    }

    @Test
    void aCustomerSeesItsIncidentPageAcknowledgesAndComments() throws Exception {
        Incident i = portal.incident("acme", Level.CRITICAL, "SSH brute force on the web server");
        portal.incidents.addEvidence(i.id(), new io.yagura.api.event.SecurityEvent().timestamp(Instant.now())
                .set("source.ip", "203.0.113.9").set("source.port", 51515).set("destination.ip", "192.0.2.80")
                .set("message", "Failed password for root from 203.0.113.9 port 51515 ssh2"));
        WebClient c = portal.client().login("carol", carolPassword);
        HttpResponse<String> list = c.get("/portal/incidents");
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains(i.id()) && list.body().contains("SSH brute force on the web server"));
        HttpResponse<String> page = c.get("/portal/incidents/" + i.id());
        assertTrue(page.body().contains("because SSH brute force"), "rationale shown");
        assertTrue(page.body().contains("203.0.113.9:51515") && page.body().contains("Failed password for root"),
                "evidence shown");
        assertEquals(303, c.post("/portal/incidents/" + i.id() + "/acknowledge", Map.of("comment", "on it")).statusCode());
        assertEquals("carol", portal.acks.find(i.id()).orElseThrow().by());
        assertEquals("portal", portal.acks.find(i.id()).orElseThrow().channel());
        assertEquals(303, c.post("/portal/incidents/" + i.id() + "/comment", Map.of("text", "server isolated")).statusCode());
        // the analyst sees the comment in the incident's dossier
        assertTrue(portal.triage.show(i.id()).audit().stream().anyMatch(a -> a.action().equals("customer-comment")
                && a.detail().equals("server isolated") && a.actor().equals("portal:carol")));
        String after = c.get("/portal/incidents/" + i.id()).body();
        assertTrue(after.contains("Acknowledged by carol") && after.contains("server isolated"), after);
    }

    @Test
    void aStateChangingRequestWithoutTheCsrfTokenIsRefused() throws Exception {
        Incident i = portal.incident("acme", Level.WARNING, "port scan");
        WebClient c = portal.client().login("carol", carolPassword);
        assertEquals(403, c.post("/portal/incidents/" + i.id() + "/comment", Map.of("text", "x"), false).statusCode());
        assertEquals(403, c.post("/portal/incidents/" + i.id() + "/comment", Map.of("text", "x", "csrf", "forged"),
                false).statusCode());
        assertTrue(portal.triage.show(i.id()).audit().stream().noneMatch(a -> a.action().equals("customer-comment")));
    }

    @Test
    void aFormPostedFromAnotherSiteIsRefusedEvenTheLogin() throws Exception {
        WebClient c = portal.client();
        assertEquals(403, c.postFrom("https://evil.example", "/portal/login", Map.of("name", "carol",
                "password", carolPassword)).statusCode());
        assertEquals(303, c.postFrom(portal.base.toString(), "/portal/login", Map.of("name", "carol",
                "password", carolPassword)).statusCode(), "the portal's own origin is accepted");
    }

    @Test
    void settingANewPasswordEndsTheSessionsOfTheOldOne() throws Exception {
        String old = portal.user("dave", Role.CUSTOMER, "acme");
        WebClient dave = portal.client().login("dave", old);
        portal.accounts.sendLink("dave", true, "test");
        String link = portal.mails.linkTo("dave@example.net");
        WebClient anonymous = portal.client();
        assertEquals(303, anonymous.post("/portal/password", Map.of("token", link.substring(link.indexOf("token=") + 6),
                "password", "dave's brand new password"), false).statusCode());
        assertEquals(401, dave.get("/portal/api/incidents").statusCode());
        portal.client().login("dave", "dave's brand new password");
    }

    @Test
    void afterLogoutTheReplayedCookieIsRefused() throws Exception {
        WebClient c = portal.client().login("carol", carolPassword);
        String cookie = c.cookie;
        assertEquals(303, c.post("/portal/logout", Map.of()).statusCode());
        c.cookie = cookie;
        HttpResponse<String> replay = c.get("/portal/api/incidents");
        assertEquals(401, replay.statusCode());
        assertEquals(303, c.get("/portal/incidents").statusCode(), "a page sends the stranger to the login");
    }

    @Test
    void aReportIsDownloadedAsPdf() throws Exception {
        byte[] pdf = "%PDF-1.7 acme".getBytes();
        portal.reports.put(new MonthlyReport("R-acme-1", "acme", YearMonth.of(2026, 11), "en", Instant.now(),
                "scheduler", pdf.length), pdf);
        WebClient c = portal.client().login("carol", carolPassword);
        assertTrue(c.get("/portal/reports").body().contains("/portal/reports/R-acme-1/pdf"));
        HttpResponse<String> r = c.get("/portal/reports/R-acme-1/pdf");
        assertEquals(200, r.statusCode());
        assertEquals("application/pdf", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("%PDF-1.7 acme", r.body());
    }

    @Test
    void anIncidentsPageShowsTheSocsAnalysisAndWhatWasDoneTheNoticesAndTheBlocks() throws Exception {
        Incident i = portal.incident("acme", Level.EMERGENCY, "reverse shell from the web server");
        portal.triage.annotate(i.id(), "The exploit of CVE-2023-46604 succeeded", "Rebuild the server; rotate its keys",
                java.util.List.of("https://nvd.nist.gov/vuln/detail/CVE-2023-46604"), "sam");
        Instant now = Instant.now();
        portal.incidents.createNotification(new io.yagura.api.incident.Notification("N-page-" + i.id(), i.id(), "acme",
                "incident", "mail", "ops@acme.example", "en", Level.EMERGENCY, now, "delivered", now, now, true));
        portal.blocks.create(new io.yagura.api.response.Block("BLK-page-1", "acme", "fw-acme", "203.0.113.9", false, i.id(),
                io.yagura.api.response.BlockState.ACTIVE, "response", "Emergency " + i.id(), now, now,
                now.plusSeconds(86400), null, "verified", 0));

        String page = portal.client().login("carol", carolPassword).get("/portal/incidents/" + i.id()).body();

        for (String shown : new String[] {"The exploit of CVE-2023-46604 succeeded", "Rebuild the server; rotate its keys",
                "https://nvd.nist.gov/vuln/detail/CVE-2023-46604", "ops@acme.example", "203.0.113.9", "fw-acme",
                "because reverse shell from the web server"}) {
            assertTrue(page.contains(shown), shown + " not on the page:\n" + page);
        }
        assertTrue(page.contains("<td>mail</td><td>ops@acme.example</td><td>delivered</td>"), page);
    }

    @Test
    void aForgottenPasswordIsSetAgainThroughAMailedLinkAndTheAnswerNeverTellsWhetherANameExists() throws Exception {
        portal.user("frank", Role.CUSTOMER, "acme");
        portal.user("gina", Role.CUSTOMER, "acme");
        portal.user("hugo", Role.CUSTOMER, "acme");
        WebClient anonymous = portal.client();
        assertTrue(anonymous.get("/portal/login").body().contains("/portal/password/forgot"), "the login page links it");
        int before = portal.mails.sent.size();

        HttpResponse<String> asked = anonymous.post("/portal/password/forgot", Map.of("name", "frank"), false);
        assertEquals(200, asked.statusCode());
        assertTrue(asked.body().contains("id=\"sent\""), asked.body());
        assertEquals(before + 1, portal.mails.sent.size(), "one mail, to frank");
        String link = portal.mails.linkTo("frank@example.net");
        // asked again at once: the same answer, no second mail while the first link is unused
        HttpResponse<String> again = anonymous.post("/portal/password/forgot", Map.of("name", "frank"), false);
        assertEquals(asked.body(), again.body());
        HttpResponse<String> unknown = anonymous.post("/portal/password/forgot", Map.of("name", "nobody-here"), false);
        assertEquals(asked.body(), unknown.body(), "an unknown name gets the same answer");
        assertEquals(before + 1, portal.mails.sent.size());
        // the link sets a new password, and frank logs in with it
        String password = "frank-new-correct-horse-2";
        assertEquals(303, anonymous.post("/portal/password", Map.of("token", link.substring(link.indexOf("token=") + 6),
                "password", password), false).statusCode());
        assertEquals(200, portal.client().login("frank", password).get("/portal/incidents").statusCode());
        // by mail address as well
        anonymous.post("/portal/password/forgot", Map.of("name", "gina@example.net"), false);
        assertEquals(before + 2, portal.mails.sent.size());
        assertTrue(portal.incidents.auditLog("portal-user:frank", 10).stream().anyMatch(a -> a.action().equals("portal-password-link")
                && a.actor().startsWith("login page from ")), "audited with where it was asked");
        // the fifth request from this address in the hour was the last one served
        anonymous.post("/portal/password/forgot", Map.of("name", "nobody-else"), false);
        anonymous.post("/portal/password/forgot", Map.of("name", "hugo"), false);
        assertEquals(before + 2, portal.mails.sent.size(), "throttled per client address: nothing for hugo");
    }

    @Test
    void aCustomerMakesAMonthsReportOnDemandAndFindsItInTheList() throws Exception {
        WebClient c = portal.client().login("carol", carolPassword);
        assertTrue(c.get("/portal/reports").body().contains("name=\"month\""), "the page offers the form");

        assertEquals(303, c.post("/portal/reports", Map.of("month", "2026-10")).statusCode());

        assertTrue(portal.reports.made.contains("acme 2026-10 by portal:carol"), portal.reports.made.toString());
        assertTrue(c.get("/portal/reports").body().contains("/portal/reports/R-acme-2026-10/pdf"));
        // refused with the reason, nothing made: no CSRF token, a month not begun, no month
        assertEquals(403, c.post("/portal/reports", Map.of("month", "2026-09"), false).statusCode());
        String future = java.time.YearMonth.now().plusMonths(1).toString();
        HttpResponse<String> early = c.post("/portal/reports", Map.of("month", future));
        assertEquals(400, early.statusCode());
        assertTrue(early.body().contains("has not begun"), early.body());
        assertEquals(400, c.post("/portal/reports", Map.of("month", "October")).statusCode());
        assertEquals(1, portal.reports.made.stream().filter(m -> m.startsWith("acme ")).count(), portal.reports.made.toString());
    }

    @Test
    void socStaffMarkTheCustomerReachedWhichIsTheCustomersAcknowledgement() throws Exception {
        Incident i = portal.incident("acme", Level.EMERGENCY, "C2 beacon");
        WebClient soc = portal.client().login("sam", socPassword);
        assertTrue(soc.get("/portal/incidents/" + i.id()).body().contains("/soc/incidents/" + i.id() + "/reached"));
        assertEquals(403, soc.post("/portal/soc/incidents/" + i.id() + "/reached", Map.of("note", "x"), false)
                .statusCode(), "without the CSRF token");
        assertTrue(portal.acks.find(i.id()).isEmpty());
        assertEquals(303, soc.post("/portal/soc/incidents/" + i.id() + "/reached", Map.of("note", "called Mr Sato"))
                .statusCode());
        var ack = portal.acks.find(i.id()).orElseThrow();
        assertEquals("analyst", ack.channel());
        assertEquals("portal:sam", ack.by());
        assertEquals("called Mr Sato", ack.detail());
        assertTrue(portal.client().login("carol", carolPassword).get("/portal/incidents/" + i.id()).body()
                .contains("Acknowledged by portal:sam (analyst)"), "the customer sees who acknowledged");
        WebClient carol = portal.client().login("carol", carolPassword);
        assertEquals(403, carol.post("/portal/soc/incidents/" + i.id() + "/reached", Map.of()).statusCode());
        // a page left open: a second acknowledgement is refused, whoever sends it, and the first stays
        var again = soc.post("/portal/soc/incidents/" + i.id() + "/reached", Map.of("note", "mailed"));
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("already acknowledged by portal:sam"), again.body());
        assertEquals(409, carol.post("/portal/incidents/" + i.id() + "/acknowledge", Map.of("comment", "seen")).statusCode());
        assertEquals("called Mr Sato", portal.acks.find(i.id()).orElseThrow().detail());
    }

    @Test
    void socStaffSeeTheQueueAndTriage() throws Exception {
        Incident a = portal.incident("acme", Level.EMERGENCY, "ransomware beacon");
        Incident g = portal.incident("globex", Level.CRITICAL, "web shell");
        WebClient soc = portal.client().login("sam", socPassword);
        String queue = soc.get("/portal/soc/queue").body();
        assertTrue(queue.indexOf(a.id()) >= 0 && queue.indexOf(a.id()) < queue.indexOf(g.id()),
                "the Emergency (deadline in 1 min) comes before the Critical (15 min)");
        assertEquals(303, soc.post("/portal/soc/incidents/" + g.id() + "/confirm", Map.of("level", "emergency"))
                .statusCode());
        assertEquals(Level.EMERGENCY, portal.incidents.find(g.id()).orElseThrow().confirmedLevel());
        assertEquals(303, soc.post("/portal/soc/incidents/" + g.id() + "/close", Map.of("note", "cleaned"))
                .statusCode());
        assertFalse(soc.get("/portal/soc/queue").body().contains(g.id()), "closed incidents leave the queue");
        WebClient carol = portal.client().login("carol", carolPassword);
        assertEquals(403, carol.get("/portal/soc/queue").statusCode());
    }
}
