package io.yagura.portal.web;

import io.yagura.api.advisory.Advisory;
import io.yagura.api.health.DeviceHealth;
import io.yagura.api.health.HealthState;
import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.NotificationPolicy;
import io.yagura.api.report.MonthlyReport;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockState;
import io.yagura.portal.account.PortalUser;
import io.yagura.portal.account.Role;
import io.yagura.templates.TemplateCatalogue;
import io.yagura.templates.TemplateSet;
import io.yagura.templates.TemplateSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The portal's HTML pages, rendered from the template area "portal" (bundled ja and en under
 * templates/&lt;lang&gt;/portal/, overridable per file in etc/yagura/templates/&lt;lang&gt;/portal/ so
 * operators can brand them). Every page gets {@code user}, {@code csrf} and {@code labels} (the area's
 * labels.properties of the page's language: words for stored values such as {@code level.critical})
 * besides its own values.
 */
public final class Pages {

    public static final String AREA = "portal";
    static final List<String> NAMES = List.of("login", "password", "forgot", "incidents", "incident", "devices", "reports",
            "advisory", "contacts", "queue", "users");

    public static final TemplateSet SET = new TemplateSet(AREA, Pages.class.getClassLoader(), List.of("en", "ja"),
            NAMES.stream().map(n -> new TemplateSpec(n, TemplateSpec.Format.HTML, (lang, labels) -> sample(labels),
                    out -> out.contains("<html") ? null : "a portal page must be an HTML document")).toList(),
            null);

    private final TemplateCatalogue catalogue;

    public Pages(TemplateCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Renders page {@code name} for the call's user (or English/the browser's language before login). */
    public void render(Call call, String name, Map<String, ?> values) throws IOException {
        Map<String, Object> model = new HashMap<>(values);
        PortalUser u = call.user();
        model.putIfAbsent("user", u == null ? Views.map("name", "", "role", "", "customer", "", "soc", false,
                "mail", "", "language", "en", "locked", false, "hasPassword", false) : Views.user(u));
        model.putIfAbsent("csrf", call.session() == null ? "" : call.session().csrf());
        String lang = u != null ? u.language() : browserLanguage(call);
        // the words for stored values (level, status, states, channels) in the page's language
        model.putIfAbsent("labels", catalogue.labels(lang));
        byte[] html = catalogue.render(name, lang, model).getBytes(StandardCharsets.UTF_8);
        call.response().setContentType("text/html;charset=UTF-8");
        call.response().setContentLength(html.length);
        call.response().getOutputStream().write(html);
    }

    private static String browserLanguage(Call call) {
        String h = call.request().getHeader("Accept-Language");
        return h != null && h.toLowerCase(java.util.Locale.ROOT).startsWith("ja") ? "ja" : "en";
    }

    /** Every value any portal page uses, so that a misspelt name is reported when the templates load. */
    static Map<String, Object> sample(Map<String, String> labels) {
        Instant now = Instant.parse("2026-11-27T01:02:03Z");
        Incident inc = Incident.builder().id("INC-20261127-0001").customerId("acme").key("k")
                .proposedLevel(Level.CRITICAL).status(IncidentStatus.NEW).category("intrusion").title("Sample")
                .attackers(List.of("203.0.113.7")).targets(List.of("192.0.2.10")).rules(List.of("r1"))
                .rationale(List.of("why")).eventCount(3).firstSeen(now).lastSeen(now).detectedAt(now)
                .deadline(now.plusSeconds(900)).analysis("a").countermeasures("c").references(List.of("https://x"))
                .version(1).build();
        PortalUser soc = new PortalUser("alice", Role.SOC, null, "a@example.net", "en", 0, null, false, true, now);
        Map<String, Object> m = new HashMap<>();
        m.put("user", Views.user(soc));
        m.put("csrf", "t");
        m.put("labels", labels);
        m.put("error", "");
        m.put("message", "");
        m.put("token", "t");
        m.put("linkUser", "alice");
        m.put("sent", true);
        m.put("customer", "acme");
        m.put("customers", List.of(Views.map("id", "acme", "name", "ACME", "contactsEditable", false)));
        m.put("incidents", List.of(Views.incident(inc, now)));
        m.put("incident", Views.incidentDetail(inc, now));
        m.put("notices", List.of(Views.notice(new Notification("N1", inc.id(), "acme", "incident", "mail",
                "x@example.net", "en", Level.CRITICAL, now, "delivered", now, now, true))));
        m.put("blocks", List.of(Views.block(new Block("B1", "acme", "fw1", "203.0.113.7", false, inc.id(),
                BlockState.ACTIVE, "soc", "r", now, now, now, null, "ok", 1))));
        m.put("evidence", List.of(Views.evidence(new io.yagura.api.event.SecurityEvent()
                .timestamp(now).set("source.ip", "203.0.113.7").set("message", "m"))));
        m.put("comments", List.of(Views.comment(new AuditEntry(now, "bob", "customer-comment", inc.id(), "hi"))));
        m.put("acknowledged", true);
        m.put("ackBy", "bob");
        m.put("ackAt", "2026-11-27T01:02:03Z");
        m.put("ackAvailable", true);
        m.put("devices", List.of(Views.device(new Device("fw1", "acme", "cisco-asa", "ASA", List.of("192.0.2.1")),
                Optional.of(DeviceHealth.unknown("fw1", "acme", now)))));
        m.put("healthState", HealthState.UNKNOWN.name());
        m.put("reports", List.of(Views.report(new MonthlyReport("R1", "acme", YearMonth.of(2026, 10), "en", now,
                "scheduler", 1000))));
        m.put("reportsAvailable", true);
        m.put("advisories", List.of(Views.advisory(new Advisory("ADV-1", "high", List.of("cisco-asa"), List.of(),
                Map.of("en", "t"), Map.of("en", "b"), now, "soc", now), "en")));
        m.put("advisoriesAvailable", true);
        m.put("advisory", Views.advisory(new Advisory("ADV-1", "high", List.of(), List.of(), Map.of("en", "t"),
                Map.of("en", "b"), now, "soc", now), "en"));
        m.put("contacts", List.of(Views.contact(new Contact("Ops", "ops@example.net", "+81", 1, List.of("mail"),
                List.of(), "ja", null))));
        m.put("policy", Views.policy(NotificationPolicy.defaults()));
        m.put("editable", true);
        m.put("users", List.of(Views.user(soc)));
        return m;
    }
}
