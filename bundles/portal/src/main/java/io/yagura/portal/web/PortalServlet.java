package io.yagura.portal.web;

import io.yagura.api.advisory.AdvisoryStore;
import io.yagura.api.health.HealthStore;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Triage;
import io.yagura.api.notify.Acknowledgements;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.report.ReportService;
import io.yagura.api.report.ReportStore;
import io.yagura.api.response.BlockStore;
import io.yagura.portal.account.PortalAccounts;
import io.yagura.portal.account.PortalSessions;
import io.yagura.portal.account.PortalUser;
import io.yagura.portal.account.Secrets;
import io.yagura.portal.live.LiveFeed;
import io.yagura.templates.TemplateService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import javax.servlet.Servlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal: one servlet on /portal/* (OSGi HTTP Whiteboard, async for the live stream) that
 * dispatches to {@link PortalRoutes}. Here, for every route: HTTPS only, the session from its
 * cookie, the route's access rule, the CSRF token on every state-changing request, security
 * headers, and refusals logged with who asked what.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/portal/*",
        "osgi.http.whiteboard.servlet.name=yagura-portal",
        "osgi.http.whiteboard.servlet.asyncSupported=true"})
public class PortalServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final Logger LOG = LoggerFactory.getLogger(PortalServlet.class);
    public static final String COOKIE = "yagura_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final transient Services services;
    private final transient PortalRoutes routes;
    private final transient TemplateService templates;
    // optional: provided by other bundles that may come later or go; the pages say when one is missing
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile Acknowledgements acknowledgements;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ReportStore reports;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile ReportService reportMaker;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile AdvisoryStore advisories;

    @Activate
    public PortalServlet(@Reference IncidentStore incidents, @Reference Triage triage,
                         @Reference DeviceRegistry registry, @Reference HealthStore health,
                         @Reference BlockStore blocks, @Reference PortalAccounts accounts,
                         @Reference PortalSessions sessions, @Reference LiveFeed feed,
                         @Reference TemplateService templates) {
        this.templates = templates;
        this.services = new Services(incidents, triage, registry, health, blocks, accounts, sessions, feed.hub(),
                feed.notices(), new Pages(templates.open(Pages.SET)), () -> acknowledgements, () -> reports,
                () -> reportMaker, () -> advisories, Clock.systemUTC());
        this.routes = new PortalRoutes(services);
    }

    /** For tests: the same servlet on services made by hand. */
    public PortalServlet(Services services) {
        this.templates = null;
        this.services = services;
        this.routes = new PortalRoutes(services);
    }

    @Deactivate
    void deactivate() {
        templates.close(Pages.AREA);
    }

    public PortalRoutes routes() {
        return routes;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        securityHeaders(resp);
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        if (!req.isSecure()) {
            send(resp, 403, "HTTPS only");
            return;
        }
        Route route = null;
        Map<String, String> params = null;
        boolean pathKnown = false;
        for (Route r : routes.all()) {
            Map<String, String> p = r.match(req.getMethod(), path);
            if (p != null) {
                route = r;
                params = p;
                break;
            }
            pathKnown |= r.match(r.method(), path) != null;
        }
        if (route == null) {
            send(resp, pathKnown ? 405 : 404, pathKnown ? "Method not allowed" : "Not found");
            return;
        }
        if (!"GET".equals(req.getMethod()) && !sameOrigin(req)) {
            // a form posted from another site (login CSRF included: the login has no session yet)
            LOG.warn("Portal refused {} {} from origin {}: not this portal", req.getMethod(), path,
                    req.getHeader("Origin"));
            send(resp, 403, "Forbidden");
            return;
        }
        PortalUser user = null;
        try {
            // sessions and users are in the database: a failure here is logged and answered 500 like any other
            Optional<PortalSessions.Session> session = sessionOf(req);
            user = session.flatMap(s -> services.accounts().find(s.user())).orElse(null);
            if (user != null && (user.disabled() || user.lockedUntil() != null)) {
                services.sessions().end(session.get().id());
                user = null;
            }
            Call call = new Call(req, resp, route, params, user, user == null ? null : session.get());
            serve(call, route);
        } catch (Exception e) {
            LOG.error("Portal error on {} {} for {}: {}", req.getMethod(), path, user == null ? "-" : user.name(),
                    e.getMessage(), e);
            if (!resp.isCommitted()) {
                resp.reset();
                securityHeaders(resp);
                send(resp, 500, "Internal error (logged)");
            }
        }
    }

    private void serve(Call call, Route route) throws Exception {
        HttpServletRequest req = call.request();
        HttpServletResponse resp = call.response();
        PortalUser user = call.user();
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        try {
            checkAccess(call, route);
            route.handler().handle(call);
        } catch (Refused r) {
            LOG.warn("Portal refused {} {} to {} ({}): {} {}", req.getMethod(), path,
                    user == null ? "no session" : user.name(), user == null ? "-" : user.isSoc() ? "soc"
                            : "customer " + user.customerId(), r.status(), r.getMessage());
            if (!resp.isCommitted()) {
                resp.reset();
                securityHeaders(resp);
                if (r.status() == 401 && route.kind() == Route.Kind.PAGE) {
                    call.redirect("/login");
                } else {
                    send(resp, r.status(), r.shown());
                }
            }
        }
    }

    private void checkAccess(Call call, Route route) {
        PortalUser user = call.user();
        if (route.access() == Access.PUBLIC) {
            return;
        }
        if (user == null) {
            throw Refused.unauthorized("no valid session");
        }
        if (route.access() == Access.SOC && !user.isSoc()) {
            throw Refused.forbidden("SOC route");
        }
        if (route.access() == Access.CUSTOMER && user.isSoc()) {
            throw Refused.forbidden("customer route");
        }
        if (!"GET".equals(route.method())) {
            String token = call.request().getHeader(CSRF_HEADER);
            if (token == null) {
                token = call.request().getParameter("csrf");
            }
            if (!Secrets.same(token, call.session().csrf())) {
                throw Refused.forbidden("missing or wrong CSRF token");
            }
        }
    }

    /** No Origin (not a browser, or an old one) passes; a browser's Origin must be this host and port. */
    static boolean sameOrigin(HttpServletRequest req) {
        String origin = req.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String host = req.getHeader("Host");
        return host != null && origin.equalsIgnoreCase("https://" + host);
    }

    private Optional<PortalSessions.Session> sessionOf(HttpServletRequest req) {
        Cookie[] cookies = req.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (COOKIE.equals(c.getName()) && !c.getValue().isEmpty()) {
                return services.sessions().touch(c.getValue());
            }
        }
        return Optional.empty();
    }

    /** The session cookie: HttpOnly, Secure, SameSite=Strict (written by hand: Servlet 4 has no SameSite). */
    static void setSessionCookie(HttpServletResponse resp, String id) {
        resp.addHeader("Set-Cookie", COOKIE + "=" + id + "; Path=/portal; Secure; HttpOnly; SameSite=Strict"
                + (id.isEmpty() ? "; Max-Age=0" : ""));
    }

    private static void securityHeaders(HttpServletResponse resp) {
        resp.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        // same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on our own forms
        resp.setHeader("Referrer-Policy", "same-origin");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Strict-Transport-Security", "max-age=31536000");
        resp.setHeader("X-Frame-Options", "DENY");
    }

    private static void send(HttpServletResponse resp, int status, String text) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    }
}
