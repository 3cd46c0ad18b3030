package io.yagura.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.advisory.Advisory;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.registry.Customer;
import io.yagura.api.report.MonthlyReport;
import io.yagura.portal.account.Role;
import io.yagura.portal.web.Access;
import io.yagura.portal.web.Route;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Customer A (carol of acme) attacks customer B (globex) on every route of the registry: B's
 * ids, guessed ids, a changed customer parameter, a replayed cookie after logout, a missing or
 * foreign CSRF token. Every answer must be a refusal that names nothing of B, and B's data must be
 * unchanged. {@link #everyRouteIsCoveredByTheAttackTable} fails when a route is added without an
 * attack here.
 */
class TenantIsolationTest {

    static PortalFixture portal;
    static WebClient carol;
    static WebClient greg;
    static Incident globexIncident;
    static String carolPassword;

    /** One attack: a request by carol and the statuses that count as refused. */
    record Attack(String method, String path, Map<String, String> form, Set<Integer> refused) {
    }

    static final Set<Integer> NOT_YOURS = Set.of(403, 404);

    @BeforeAll
    static void start() throws Exception {
        portal = new PortalFixture();
        carolPassword = portal.user("carol", Role.CUSTOMER, "acme");
        String gregPassword = portal.user("greg", Role.CUSTOMER, "globex");
        globexIncident = portal.incident("globex", Level.CRITICAL, "GLOBEX-SECRET web shell");
        portal.incident("acme", Level.WARNING, "acme port scan");
        byte[] pdf = "%PDF globex".getBytes();
        portal.reports.put(new MonthlyReport("R-globex-2026-11", "globex", YearMonth.of(2026, 11), "en",
                Instant.now(), "scheduler", pdf.length), pdf);
        portal.advisories.put(new Advisory("ADV-globex-1", "high", List.of(), List.of(), Map.of("en", "GLOBEX only"),
                Map.of("en", "body"), Instant.now(), "soc", Instant.now()), List.of("globex"));
        // both customers may edit their own contacts: the refusal below must come from the tenant check
        portal.accounts.setContactsEditable("acme", true, "test");
        portal.accounts.setContactsEditable("globex", true, "test");
        carol = portal.client().login("carol", carolPassword);
        greg = portal.client().login("greg", gregPassword);
    }

    @AfterAll
    static void stop() throws Exception {
        portal.close();
    }

    /** The attacks, by route ("METHOD /path" as in the registry). */
    static Map<String, List<Attack>> table() {
        String g = globexIncident.id();
        Map<String, List<Attack>> t = new LinkedHashMap<>();
        Map<String, String> none = Map.of();
        t.put("GET /login", List.of(new Attack("GET", "/portal/login?customer=globex", none, Set.of(200))));
        t.put("POST /login", List.of(new Attack("POST", "/portal/login", Map.of("name", "greg",
                "password", carolPassword), Set.of(401))));
        t.put("GET /password", List.of(new Attack("GET", "/portal/password?token=guessed-" + g, none, Set.of(200))));
        t.put("POST /password", List.of(new Attack("POST", "/portal/password", Map.of("token", "guessed",
                "password", "carol-takes-over-greg"), Set.of(400))));
        t.put("GET /password/forgot", List.of(new Attack("GET", "/portal/password/forgot?customer=globex", none,
                Set.of(200))));
        // greg's link goes to greg's mail, never to carol: the answer is the same as for any name
        t.put("POST /password/forgot", List.of(new Attack("POST", "/portal/password/forgot", Map.of("name", "greg"),
                Set.of(200))));
        t.put("GET /static/{file}", List.of(new Attack("GET", "/portal/static/..%2F..%2Fetc%2Fpasswd", none, NOT_YOURS),
                new Attack("GET", "/portal/static/PortalRoutes.class", none, NOT_YOURS)));
        t.put("POST /logout", List.of(new Attack("POST", "/portal/logout", Map.of("csrf", "from-greg"), Set.of(403))));
        t.put("GET /", List.of(new Attack("GET", "/portal/?customer=globex", none, Set.of(303))));
        t.put("GET /incidents", List.of(new Attack("GET", "/portal/incidents?customer=globex", none, NOT_YOURS)));
        t.put("GET /incidents/{id}", List.of(new Attack("GET", "/portal/incidents/" + g, none, NOT_YOURS),
                new Attack("GET", "/portal/incidents/INC-globex-9999", none, NOT_YOURS),
                new Attack("GET", "/portal/incidents/" + g + "?customer=globex", none, NOT_YOURS)));
        t.put("POST /incidents/{id}/acknowledge", List.of(new Attack("POST", "/portal/incidents/" + g + "/acknowledge",
                Map.of("comment", "carol was here"), NOT_YOURS)));
        t.put("POST /incidents/{id}/comment", List.of(new Attack("POST", "/portal/incidents/" + g + "/comment",
                Map.of("text", "carol was here"), NOT_YOURS)));
        t.put("GET /devices", List.of(new Attack("GET", "/portal/devices?customer=globex", none, NOT_YOURS)));
        t.put("GET /reports", List.of(new Attack("GET", "/portal/reports?customer=globex", none, NOT_YOURS)));
        t.put("POST /reports", List.of(new Attack("POST", "/portal/reports?customer=globex", Map.of("month", "2026-10"),
                NOT_YOURS)));
        t.put("GET /reports/{id}/pdf", List.of(new Attack("GET", "/portal/reports/R-globex-2026-11/pdf", none, NOT_YOURS),
                new Attack("GET", "/portal/reports/R-globex-2026-10/pdf", none, NOT_YOURS)));
        t.put("GET /advisories/{id}", List.of(new Attack("GET", "/portal/advisories/ADV-globex-1", none, NOT_YOURS)));
        t.put("GET /contacts", List.of(new Attack("GET", "/portal/contacts?customer=globex", none, NOT_YOURS)));
        t.put("POST /contacts/{order}", List.of(new Attack("POST", "/portal/contacts/1?customer=globex",
                Map.of("email", "carol@evil.example"), NOT_YOURS)));
        t.put("POST /policy", List.of(new Attack("POST", "/portal/policy?customer=globex", Map.of("dailyDigest", "on"),
                NOT_YOURS)));
        t.put("GET /api/incidents", List.of(new Attack("GET", "/portal/api/incidents?customer=globex", none, NOT_YOURS)));
        t.put("GET /api/incidents/{id}", List.of(new Attack("GET", "/portal/api/incidents/" + g, none, NOT_YOURS)));
        t.put("GET /api/devices", List.of(new Attack("GET", "/portal/api/devices?customer=globex", none, NOT_YOURS)));
        t.put("GET /api/stream", List.of(new Attack("GET", "/portal/api/stream?customer=globex", none, NOT_YOURS)));
        t.put("GET /soc/queue", List.of(new Attack("GET", "/portal/soc/queue", none, Set.of(403))));
        for (String action : List.of("confirm", "annotate", "close", "false-positive", "reached")) {
            t.put("POST /soc/incidents/{id}/" + action, List.of(new Attack("POST", "/portal/soc/incidents/" + g + "/"
                    + action, Map.of("level", "low", "note", "x", "reason", "x", "analysis", "x"), Set.of(403))));
        }
        t.put("GET /soc/users", List.of(new Attack("GET", "/portal/soc/users", none, Set.of(403))));
        t.put("POST /soc/users", List.of(new Attack("POST", "/portal/soc/users", Map.of("customer", "globex",
                "name", "mallory", "mail", "m@evil.example"), Set.of(403))));
        t.put("POST /soc/customers/{id}/contacts-editable", List.of(new Attack("POST",
                "/portal/soc/customers/globex/contacts-editable", Map.of("editable", "on"), Set.of(403))));
        return t;
    }

    @Test
    void everyRouteIsCoveredByTheAttackTable() {
        List<String> missing = new ArrayList<>();
        for (Route r : portal.servlet.routes().all()) {
            if (!table().containsKey(r.toString())) {
                missing.add(r.toString());
            }
        }
        assertEquals(List.of(), missing, "routes without an attack in TenantIsolationTest.table()");
        assertEquals(portal.servlet.routes().all().size(), table().size(), "attacks on routes that do not exist");
    }

    @Test
    void customerACannotReachCustomerBsDataOnAnyRoute() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<Attack>> e : table().entrySet()) {
            for (Attack a : e.getValue()) {
                HttpResponse<String> r = a.method().equals("GET") ? carol.get(a.path())
                        : carol.post(a.path(), a.form(), !a.form().containsKey("csrf"));
                if (!a.refused().contains(r.statusCode())) {
                    failures.add(e.getKey() + ": " + a.path() + " answered " + r.statusCode());
                }
                if (r.body().toLowerCase(Locale.ROOT).contains("globex")) {
                    failures.add(e.getKey() + ": " + a.path() + " shows globex data");
                }
            }
        }
        assertEquals(List.of(), failures);
        // and nothing of globex changed
        assertTrue(portal.acks.find(globexIncident.id()).isEmpty(), "no acknowledgement by carol");
        assertTrue(portal.incidents.auditLog(globexIncident.id(), 100).stream()
                .noneMatch(x -> x.actor().contains("carol")), "no comment by carol");
        Customer globex = portal.registry.customer("globex").orElseThrow();
        assertEquals("ops@globex.example", globex.contacts().get(0).email());
        assertFalse(globex.policy().dailyDigest());
        assertEquals(globexIncident.status(), portal.incidents.find(globexIncident.id()).orElseThrow().status());
        assertTrue(portal.accounts.find("mallory").isEmpty());
        assertTrue(greg.get("/portal/incidents").body().contains("GLOBEX-SECRET"), "greg's own session still works");
    }

    /** What an operator investigating an attempt finds in the log: who, what, why; never the session or a password. */
    @Test
    void aRefusalIsLoggedWithTheUserRouteAndReasonAndNoSecret() throws Exception {
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        // slf4j-simple writes to the System.err of the moment
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(404, carol.get("/portal/incidents/" + globexIncident.id()).statusCode());
            assertEquals(403, carol.post("/portal/reports?customer=globex", Map.of("month", "2026-10")).statusCode());
        } finally {
            System.setErr(stderr);
        }
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        stderr.print(log);
        assertTrue(log.contains("Portal refused GET /incidents/" + globexIncident.id() + " to carol (customer acme): 404 "
                + "incident " + globexIncident.id() + " belongs to customer globex"), log);
        assertTrue(log.contains("Portal refused POST /reports to carol (customer acme): 403 asked for customer globex"), log);
        String session = carol.cookie.substring(carol.cookie.indexOf('=') + 1);
        assertFalse(log.contains(session), "the session id is not logged");
        assertFalse(log.contains(carolPassword), "no password is logged");
    }

    @Test
    void everyStateChangingRouteRefusesAMissingOrForeignCsrfToken() throws Exception {
        List<String> failures = new ArrayList<>();
        WebClient own = portal.client().login("carol", carolPassword);
        for (Route r : portal.servlet.routes().all()) {
            if (r.method().equals("GET") || r.access() == Access.PUBLIC) {
                continue;
            }
            String path = "/portal" + r.fill(Map.of("id", "INC-acme-0002", "order", "1"));
            int missing = own.post(path, Map.of("text", "x"), false).statusCode();
            int foreign = own.post(path, Map.of("text", "x", "csrf", greg.csrf), false).statusCode();
            if (missing != 403 || foreign != 403) {
                failures.add(r + ": without token " + missing + ", with greg's token " + foreign);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void aCookieReplayedAfterLogoutIsRefusedOnEveryRoute() throws Exception {
        WebClient gone = portal.client().login("carol", carolPassword);
        String cookie = gone.cookie;
        String csrf = gone.csrf;
        gone.post("/portal/logout", Map.of());
        gone.cookie = cookie;
        gone.csrf = csrf;
        List<String> failures = new ArrayList<>();
        for (Route r : portal.servlet.routes().all()) {
            if (r.access() == Access.PUBLIC) {
                continue;
            }
            String path = "/portal" + r.fill(Map.of("id", "INC-acme-0002", "order", "1", "file", "portal.js"));
            HttpResponse<String> resp = r.method().equals("GET") ? gone.get(path) : gone.post(path, Map.of("text", "x"));
            boolean refused = resp.statusCode() == 401 || (resp.statusCode() == 303
                    && resp.headers().firstValue("Location").orElse("").endsWith("/portal/login"));
            if (!refused || resp.body().contains("acme port scan")) {
                failures.add(r + " answered " + resp.statusCode());
            }
        }
        assertEquals(List.of(), failures);
    }
}
