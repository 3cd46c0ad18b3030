package io.yagura.portal.web;

import static io.yagura.portal.web.Route.Kind.ACTION;
import static io.yagura.portal.web.Route.Kind.ASSET;
import static io.yagura.portal.web.Route.Kind.DOWNLOAD;
import static io.yagura.portal.web.Route.Kind.JSON;
import static io.yagura.portal.web.Route.Kind.PAGE;
import static io.yagura.portal.web.Route.Kind.STREAM;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.yagura.api.advisory.Advisory;
import io.yagura.api.advisory.AdvisoryStore;
import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Triage;
import io.yagura.api.notify.Acknowledgements;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.NotificationPolicy;
import io.yagura.api.registry.RegistryException;
import io.yagura.api.report.MonthlyReport;
import io.yagura.api.report.ReportService;
import io.yagura.api.report.ReportStore;
import io.yagura.api.response.BlockStore;
import io.yagura.portal.account.AccountException;
import io.yagura.portal.account.LoginResult;
import io.yagura.portal.account.PortalSessions;
import io.yagura.portal.account.PortalUser;
import io.yagura.portal.account.Role;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * THE registry of the portal's routes (paths under /portal): every page, JSON call, stream,
 * download and action is listed here and nowhere else, so that the isolation test can go through
 * all of them. Customer data is reached only through {@link #incidentOf}, {@link Call#customerScope}
 * and {@link Call#requireTenant}, which refuse (404/403, logged) what is not the user's.
 */
public final class PortalRoutes {

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    public static final String COMMENT = "customer-comment";
    private final Services s;
    private final List<Route> routes;

    public PortalRoutes(Services services) {
        this.s = services;
        this.routes = List.of(
                new Route("GET", "/login", Access.PUBLIC, PAGE, c -> s.pages().render(c, "login", Map.of("error", ""))),
                new Route("POST", "/login", Access.PUBLIC, ACTION, this::login),
                new Route("GET", "/password", Access.PUBLIC, PAGE, this::passwordPage),
                new Route("POST", "/password", Access.PUBLIC, ACTION, this::setPassword),
                new Route("GET", "/password/forgot", Access.PUBLIC, PAGE,
                        c -> s.pages().render(c, "forgot", Map.of("sent", false))),
                new Route("POST", "/password/forgot", Access.PUBLIC, ACTION, this::forgotPassword),
                new Route("GET", "/static/{file}", Access.PUBLIC, ASSET, this::asset),
                new Route("POST", "/logout", Access.USER, ACTION, this::logout),
                new Route("GET", "/", Access.USER, PAGE, c -> c.redirect(c.user().isSoc() ? "/soc/queue" : "/incidents")),
                new Route("GET", "/incidents", Access.USER, PAGE, this::incidentsPage),
                new Route("GET", "/incidents/{id}", Access.USER, PAGE, this::incidentPage),
                new Route("POST", "/incidents/{id}/acknowledge", Access.CUSTOMER, ACTION, this::acknowledge),
                new Route("POST", "/incidents/{id}/comment", Access.USER, ACTION, this::comment),
                new Route("GET", "/devices", Access.USER, PAGE, this::devicesPage),
                new Route("GET", "/reports", Access.USER, PAGE, this::reportsPage),
                new Route("POST", "/reports", Access.USER, ACTION, this::makeReport),
                new Route("GET", "/reports/{id}/pdf", Access.USER, DOWNLOAD, this::reportPdf),
                new Route("GET", "/advisories/{id}", Access.USER, PAGE, this::advisoryPage),
                new Route("GET", "/contacts", Access.USER, PAGE, this::contactsPage),
                new Route("POST", "/contacts/{order}", Access.USER, ACTION, this::editContact),
                new Route("POST", "/policy", Access.USER, ACTION, this::editPolicy),
                new Route("GET", "/api/incidents", Access.USER, JSON, this::incidentsJson),
                new Route("GET", "/api/incidents/{id}", Access.USER, JSON, this::incidentJson),
                new Route("GET", "/api/devices", Access.USER, JSON, this::devicesJson),
                new Route("GET", "/api/stream", Access.USER, STREAM, this::stream),
                new Route("GET", "/soc/queue", Access.SOC, PAGE, this::queuePage),
                new Route("POST", "/soc/incidents/{id}/confirm", Access.SOC, ACTION, this::confirm),
                new Route("POST", "/soc/incidents/{id}/annotate", Access.SOC, ACTION, this::annotate),
                new Route("POST", "/soc/incidents/{id}/close", Access.SOC, ACTION, this::close),
                new Route("POST", "/soc/incidents/{id}/false-positive", Access.SOC, ACTION, this::falsePositive),
                new Route("POST", "/soc/incidents/{id}/reached", Access.SOC, ACTION, this::reached),
                new Route("GET", "/soc/users", Access.SOC, PAGE, this::usersPage),
                new Route("POST", "/soc/users", Access.SOC, ACTION, this::addUser),
                new Route("POST", "/soc/customers/{id}/contacts-editable", Access.SOC, ACTION, this::contactsEditable));
    }

    public List<Route> all() {
        return routes;
    }

    // ------------------------------------------------------------------ login, password, logout

    private void login(Call c) throws IOException {
        String name = c.param("name");
        String password = c.request().getParameter("password");
        String address = c.request().getRemoteAddr();
        LoginResult r = s.accounts().login(name, password == null ? new char[0] : password.toCharArray(), address);
        if (r instanceof LoginResult.Accepted a) {
            PortalSessions.Session session = s.sessions().start(a.user().name());
            PortalServlet.setSessionCookie(c.response(), session.id());
            c.redirect(a.user().isSoc() ? "/soc/queue" : "/incidents");
            return;
        }
        String why = r instanceof LoginResult.Refused f ? f.reason()
                : r instanceof LoginResult.Throttled t ? "too many failed logins from this address, until " + t.until()
                : "locked";
        PortalServlet.LOG.warn("Portal login refused for '{}' from {}: {}", name, address, why);
        c.response().setStatus(401);
        // one text for every refusal: whether a name exists or is locked is not told
        s.pages().render(c, "login", Map.of("error", "refused"));
    }

    private void passwordPage(Call c) throws IOException {
        String token = c.param("token");
        Optional<String> user = s.accounts().linkUser(token);
        s.pages().render(c, "password", Map.of("token", token == null ? "" : token, "linkUser", user.orElse(""),
                "error", user.isPresent() ? "" : "expired"));
    }

    private void setPassword(Call c) throws IOException {
        String token = c.param("token");
        String password = c.request().getParameter("password");
        try {
            String user = s.accounts().setPassword(token, password == null ? new char[0] : password.toCharArray());
            // a new password ends the sessions opened with the old one
            s.hub().closeUser(user);
            s.sessions().endAllOf(user);
            c.redirect("/login");
        } catch (AccountException e) {
            c.response().setStatus(400);
            s.pages().render(c, "password", Map.of("token", token == null ? "" : token,
                    "linkUser", s.accounts().linkUser(token).orElse(""), "error", e.getMessage()));
        }
    }

    /** The same answer whether or not the name exists, is locked, or was throttled. */
    private void forgotPassword(Call c) throws IOException {
        s.accounts().requestLink(c.param("name"), c.request().getRemoteAddr());
        s.pages().render(c, "forgot", Map.of("sent", true));
    }

    private void logout(Call c) throws IOException {
        s.sessions().end(c.session().id());
        s.hub().closeSession(c.session().id());
        PortalServlet.setSessionCookie(c.response(), "");
        c.redirect("/login");
    }

    private static final Map<String, String> ASSETS = Map.of("portal.js", "text/javascript;charset=UTF-8",
            "portal.css", "text/css;charset=UTF-8");

    private void asset(Call c) throws IOException {
        String file = c.path("file");
        String type = ASSETS.get(file);
        if (type == null) {
            throw Refused.notFound("no asset " + file);
        }
        try (InputStream in = PortalRoutes.class.getResourceAsStream("/static/" + file)) {
            c.response().setContentType(type);
            c.response().setHeader("Cache-Control", "max-age=3600");
            in.transferTo(c.response().getOutputStream());
        }
    }

    // ------------------------------------------------------------------ incidents

    /** The incident of this id when the user may see it; 404 otherwise (unknown and foreign alike). */
    private Incident incidentOf(Call c, String id) {
        Incident i = s.incidents().find(id).orElseThrow(() -> Refused.notFound("no incident " + id));
        c.requireTenant(i.customerId(), "incident " + id);
        return i;
    }

    private List<Incident> visibleIncidents(Call c) {
        String customer = c.customerScope();
        List<Incident> list = s.incidents().list(new IncidentStore.Filter(customer, null, null, null, 500));
        // the store filters by customer; this keeps the rule in one place should a filter be dropped
        return list.stream().filter(i -> c.user().mayRead(i.customerId())).toList();
    }

    private void incidentsPage(Call c) throws IOException {
        List<Incident> list = visibleIncidents(c);
        s.notices().shown(c.user(), c.session().id(), list.stream().map(Incident::id).toList(), "page /incidents");
        s.pages().render(c, "incidents", Map.of("incidents", Views.incidents(list, s.clock().instant()),
                "customer", c.customerScope() == null ? "" : c.customerScope()));
    }

    private void incidentsJson(Call c) throws IOException {
        List<Incident> list = visibleIncidents(c);
        s.notices().shown(c.user(), c.session().id(), list.stream().map(Incident::id).toList(), "API /api/incidents");
        json(c, Views.incidents(list, s.clock().instant()));
    }

    private Map<String, Object> incidentModel(Call c, Incident i) {
        Instant now = s.clock().instant();
        Optional<Acknowledgements.Acknowledgement> ack = Optional.ofNullable(s.acknowledgements().get())
                .flatMap(a -> a.find(i.id()));
        List<Map<String, Object>> comments = s.incidents().auditLog(i.id(), 200).stream()
                .filter(a -> a.action().equals(COMMENT) || a.action().equals("customer-acknowledged")).map(Views::comment)
                .toList();
        return Views.map("incident", Views.incidentDetail(i, now),
                "notices", s.incidents().notifications(i.id()).stream()
                        .filter(n -> i.customerId().equals(n.customerId())).map(Views::notice).toList(),
                "blocks", s.blocks().list(new BlockStore.Filter(i.customerId(), null, i.id(), null, 100)).stream()
                        .map(Views::block).toList(),
                "evidence", s.incidents().evidence(i.id(), 20).stream().map(Views::evidence).toList(),
                "comments", comments, "acknowledged", ack.isPresent(),
                "ackBy", ack.map(a -> a.by() + " (" + a.channel() + ")").orElse(""),
                "ackAt", ack.map(a -> Views.t(a.at())).orElse(""),
                "ackAvailable", s.acknowledgements().get() != null);
    }

    private void incidentPage(Call c) throws IOException {
        Incident i = incidentOf(c, c.path("id"));
        s.notices().shown(c.user(), c.session().id(), List.of(i.id()), "page /incidents/" + i.id());
        s.pages().render(c, "incident", incidentModel(c, i));
    }

    private void incidentJson(Call c) throws IOException {
        Incident i = incidentOf(c, c.path("id"));
        s.notices().shown(c.user(), c.session().id(), List.of(i.id()), "API /api/incidents/" + i.id());
        json(c, incidentModel(c, i));
    }

    /** The acknowledgements service, or a 503 while it is absent. */
    private Acknowledgements acknowledgements() {
        Acknowledgements acks = s.acknowledgements().get();
        if (acks == null) {
            throw Refused.unavailable("acknowledgements are not available right now; call the SOC");
        }
        return acks;
    }

    /**
     * The acknowledgements service, refusing (409) an incident acknowledged before: the first one
     * counts, and a second from a page left open must not look recorded (the console refuses it too).
     */
    private Acknowledgements notYetAcknowledged(Incident i) {
        Acknowledgements acks = acknowledgements();
        acks.find(i.id()).ifPresent(earlier -> {
            throw Refused.conflict(i.id() + " was already acknowledged by " + earlier.by() + " (" + earlier.channel()
                    + ") at " + Views.t(earlier.at()));
        });
        return acks;
    }

    private void acknowledge(Call c) throws IOException {
        Incident i = incidentOf(c, c.path("id"));
        Acknowledgements acks = notYetAcknowledged(i);
        String comment = c.param("comment");
        acks.acknowledge(i.id(), i.customerId(), c.user().name(), "portal", comment == null ? "" : comment);
        s.incidents().audit(new AuditEntry(s.clock().instant(), "portal:" + c.user().name(), "customer-acknowledged",
                i.id(), comment == null ? "" : comment));
        c.redirect("/incidents/" + i.id());
    }

    private void comment(Call c) throws IOException {
        Incident i = incidentOf(c, c.path("id"));
        String text = c.required("text");
        if (text.length() > 4000) {
            throw Refused.badRequest("a comment has at most 4000 characters");
        }
        // kept in the incident's audit log: the analyst's yagura:incident show lists it
        s.incidents().audit(new AuditEntry(s.clock().instant(), "portal:" + c.user().name(), COMMENT, i.id(), text));
        c.redirect("/incidents/" + i.id());
    }

    private void stream(Call c) throws IOException {
        c.customerScope(); // a customer asking for another's stream is refused like everywhere else
        s.hub().open(c.request().startAsync(), c.user(), c.session().id());
    }

    // ------------------------------------------------------------------ devices, reports, advisories

    private List<Map<String, Object>> devices(Call c) {
        String customer = c.customerScope();
        return s.registry().devices().stream()
                .filter(d -> (customer == null || customer.equals(d.customer())) && c.user().mayRead(d.customer()))
                .sorted(Comparator.comparing(Device::id))
                .map(d -> Views.device(d, s.health().find(d.id()))).toList();
    }

    private void devicesPage(Call c) throws IOException {
        s.pages().render(c, "devices", Map.of("devices", devices(c)));
    }

    private void devicesJson(Call c) throws IOException {
        json(c, devices(c));
    }

    private String requiredCustomer(Call c) {
        String customer = c.customerScope();
        if (customer == null) {
            throw Refused.badRequest("choose a customer (?customer=ID)");
        }
        return customer;
    }

    private void reportsPage(Call c) throws IOException {
        String customer = requiredCustomer(c);
        ReportStore reports = s.reports().get();
        AdvisoryStore advisories = s.advisories().get();
        String lang = c.user().language();
        s.pages().render(c, "reports", Map.of("customer", customer,
                "reportsAvailable", reports != null,
                "reports", reports == null ? List.of() : reports.list(customer).stream().map(Views::report).toList(),
                "advisoriesAvailable", advisories != null,
                "advisories", advisories == null ? List.of()
                        : advisories.sentTo(customer).stream().map(a -> Views.advisory(a, lang)).toList()));
    }

    /**
     * A month's report on demand, for the user's own organisation (SOC staff: the customer asked for),
     * made in the customer's language and stored like the scheduled one, then listed on the page.
     */
    private void makeReport(Call c) throws IOException {
        String customer = requiredCustomer(c);
        ReportService maker = s.reportMaker().get();
        if (maker == null) {
            throw Refused.unavailable("reports are not made on this node right now; ask the SOC");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(c.required("month"));
        } catch (DateTimeParseException e) {
            throw Refused.badRequest("month as YYYY-MM, e.g. 2026-11");
        }
        if (month.isAfter(YearMonth.now(s.clock()))) {
            throw Refused.badRequest("no report for a month that has not begun: " + month);
        }
        maker.make(customer, month, "portal:" + c.user().name());
        c.redirect("/reports" + (c.user().isSoc() ? "?customer=" + customer : ""));
    }

    private void reportPdf(Call c) throws IOException {
        ReportStore reports = s.reports().get();
        if (reports == null) {
            throw Refused.notFound("no report store");
        }
        String id = c.path("id");
        MonthlyReport r = reports.find(id).orElseThrow(() -> Refused.notFound("no report " + id));
        c.requireTenant(r.customerId(), "report " + id);
        byte[] pdf = reports.content(id).orElseThrow(() -> Refused.notFound("report " + id + " has no content"));
        c.response().setContentType("application/pdf");
        c.response().setHeader("Content-Disposition", "attachment; filename=\"yagura-" + r.customerId() + "-"
                + r.month() + "-" + r.language() + ".pdf\"");
        c.response().setContentLength(pdf.length);
        c.response().getOutputStream().write(pdf);
    }

    private void advisoryPage(Call c) throws IOException {
        AdvisoryStore advisories = s.advisories().get();
        String id = c.path("id");
        if (advisories == null) {
            throw Refused.notFound("no advisory store");
        }
        Advisory a = advisories.find(id).orElseThrow(() -> Refused.notFound("no advisory " + id));
        if (!c.user().isSoc() && !advisories.wasSentTo(id, c.user().customerId())) {
            throw Refused.notFound("advisory " + id + " was not sent to " + c.user().customerId());
        }
        s.pages().render(c, "advisory", Map.of("advisory", Views.advisory(a, c.user().language())));
    }

    // ------------------------------------------------------------------ contacts and policy

    private Customer customerOf(Call c) {
        String id = requiredCustomer(c);
        c.requireTenant(id, "customer " + id);
        return s.registry().customer(id).orElseThrow(() -> Refused.notFound("no customer " + id));
    }

    private void contactsPage(Call c) throws IOException {
        Customer cu = customerOf(c);
        s.pages().render(c, "contacts", Map.of("customer", cu.id(),
                "contacts", cu.contacts().stream().map(Views::contact).toList(), "policy", Views.policy(cu.policy()),
                "editable", c.user().isSoc() || s.accounts().contactsEditable(cu.id())));
    }

    private Customer editableCustomer(Call c) {
        Customer cu = customerOf(c);
        if (!c.user().isSoc() && !s.accounts().contactsEditable(cu.id())) {
            throw Refused.forbidden("contacts of " + cu.id() + " are not editable by the customer");
        }
        return cu;
    }

    private void editContact(Call c) throws IOException, RegistryException {
        Customer cu = editableCustomer(c);
        int order;
        try {
            order = Integer.parseInt(c.path("order"));
        } catch (NumberFormatException e) {
            throw Refused.notFound("contact '" + c.path("order") + "'");
        }
        List<Contact> contacts = new ArrayList<>(cu.contacts());
        int index = -1;
        for (int k = 0; k < contacts.size(); k++) {
            if (contacts.get(k).order() == order) {
                index = k;
            }
        }
        if (index < 0) {
            throw Refused.notFound("customer " + cu.id() + " has no contact " + order);
        }
        Contact old = contacts.get(index);
        String email = c.param("email") != null ? c.param("email") : old.email();
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw Refused.badRequest("'" + email + "' is not a mail address");
        }
        String phone = c.param("phone") != null ? c.param("phone") : old.phone();
        if (phone != null && !phone.matches("\\+?[0-9 ()-]{3,32}")) {
            throw Refused.badRequest("'" + phone + "' is not a phone number");
        }
        String lang = c.param("language") != null ? c.param("language") : old.language();
        if (!lang.equals("ja") && !lang.equals("en")) {
            throw Refused.badRequest("language: ja or en");
        }
        Contact changed = new Contact(old.name(), email, phone, old.order(), old.channels(), old.levels(), lang,
                old.hours());
        contacts.set(index, changed);
        s.registry().putCustomer(cu.withContacts(contacts));
        s.incidents().audit(new AuditEntry(s.clock().instant(), "portal:" + c.user().name(), "contact-changed",
                "customer:" + cu.id(), "contact " + order + ": " + old.email() + "/" + old.phone() + "/"
                        + old.language() + " -> " + email + "/" + phone + "/" + lang));
        c.redirect("/contacts" + (c.user().isSoc() ? "?customer=" + cu.id() : ""));
    }

    private void editPolicy(Call c) throws IOException, RegistryException {
        Customer cu = editableCustomer(c);
        NotificationPolicy old = cu.policy();
        NotificationPolicy p = new NotificationPolicy(old.criticalAutoSend(), old.criticalMinutes(),
                "on".equals(c.param("dailyDigest")), "on".equals(c.param("allClear")));
        s.registry().putCustomer(new Customer(cu.id(), cu.name(), cu.networks(), cu.contacts(), p));
        s.incidents().audit(new AuditEntry(s.clock().instant(), "portal:" + c.user().name(), "policy-changed",
                "customer:" + cu.id(), old + " -> " + p));
        c.redirect("/contacts" + (c.user().isSoc() ? "?customer=" + cu.id() : ""));
    }

    // ------------------------------------------------------------------ SOC

    private void queuePage(Call c) throws IOException {
        List<Incident> open = s.incidents().list(IncidentStore.Filter.all(1000)).stream()
                .filter(i -> i.status() != IncidentStatus.CLOSED && i.status() != IncidentStatus.FALSE_POSITIVE)
                .sorted(Comparator.comparing(Incident::deadline, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Incident::detectedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        s.pages().render(c, "queue", Map.of("incidents", Views.incidents(open, s.clock().instant())));
    }

    private String actor(Call c) {
        return "portal:" + c.user().name();
    }

    private void triage(Call c, java.util.function.Function<Triage, Incident> action) throws IOException {
        String id = c.path("id");
        try {
            action.apply(s.triage());
        } catch (Triage.TriageException e) {
            throw Refused.badRequest(e.getMessage());
        }
        c.redirect("/incidents/" + id);
    }

    private void confirm(Call c) throws IOException {
        Level level;
        try {
            level = Level.parse(c.required("level"));
        } catch (IllegalArgumentException e) {
            throw Refused.badRequest(e.getMessage());
        }
        triage(c, t -> t.confirm(c.path("id"), level, actor(c)));
    }

    private void annotate(Call c) throws IOException {
        String refs = c.param("references");
        triage(c, t -> t.annotate(c.path("id"), c.param("analysis"), c.param("countermeasures"),
                refs == null ? null : List.of(refs.split("\\s+")), actor(c)));
    }

    private void close(Call c) throws IOException {
        triage(c, t -> t.close(c.path("id"), c.required("note"), actor(c)));
    }

    private void falsePositive(Call c) throws IOException {
        triage(c, t -> t.falsePositive(c.path("id"), c.required("reason"), null, actor(c)));
    }

    /**
     * The analyst reached the customer outside the platform (as yagura:incident-reached): the
     * customer's acknowledgement on channel "analyst", which stops the phone escalation; the
     * store audits it under the analyst's name.
     */
    private void reached(Call c) throws IOException {
        Incident i = incidentOf(c, c.path("id"));
        String note = c.param("note");
        notYetAcknowledged(i).acknowledge(i.id(), i.customerId(), actor(c), "analyst",
                note == null ? "customer reached" : note);
        c.redirect("/incidents/" + i.id());
    }

    private void usersPage(Call c) throws IOException {
        s.pages().render(c, "users", Map.of("users", s.accounts().list().stream().map(Views::user).toList(),
                "customers", s.registry().customers().stream().sorted(Comparator.comparing(Customer::id))
                        .map(cu -> Views.map("id", cu.id(), "name", cu.name(),
                                "contactsEditable", s.accounts().contactsEditable(cu.id())))
                        .toList(),
                "message", ""));
    }

    private void addUser(Call c) throws IOException {
        String customer = c.required("customer");
        try {
            PortalUser u = s.accounts().add(c.required("name"), Role.CUSTOMER, customer, c.required("mail"),
                    c.param("language"), actor(c));
            s.accounts().sendLink(u.name(), true, actor(c));
        } catch (AccountException e) {
            throw Refused.badRequest(e.getMessage());
        }
        c.redirect("/soc/users");
    }

    private void contactsEditable(Call c) throws IOException {
        try {
            s.accounts().setContactsEditable(c.path("id"), "on".equals(c.param("editable")), actor(c));
        } catch (AccountException e) {
            throw Refused.notFound(e.getMessage());
        }
        c.redirect("/soc/users");
    }

    static void json(Call c, Object value) throws IOException {
        c.response().setContentType("application/json;charset=UTF-8");
        JSON_MAPPER.writeValue(c.response().getOutputStream(), value);
    }
}
