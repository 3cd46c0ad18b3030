package io.yagura.portal.web;

import io.yagura.portal.account.PortalSessions;
import io.yagura.portal.account.PortalUser;
import java.io.IOException;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** One request on a matched route: the request, the logged-in user (null on public routes), path parameters. */
public final class Call {

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Route route;
    private final Map<String, String> params;
    private final PortalUser user;
    private final PortalSessions.Session session;

    Call(HttpServletRequest request, HttpServletResponse response, Route route, Map<String, String> params,
         PortalUser user, PortalSessions.Session session) {
        this.request = request;
        this.response = response;
        this.route = route;
        this.params = params;
        this.user = user;
        this.session = session;
    }

    public HttpServletRequest request() {
        return request;
    }

    public HttpServletResponse response() {
        return response;
    }

    public Route route() {
        return route;
    }

    public PortalUser user() {
        return user;
    }

    public PortalSessions.Session session() {
        return session;
    }

    /** A path parameter. */
    public String path(String name) {
        return params.get(name);
    }

    /** A query or form parameter, or null. */
    public String param(String name) {
        String v = request.getParameter(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** A required form parameter. */
    public String required(String name) {
        String v = param(name);
        if (v == null) {
            throw Refused.badRequest("missing '" + name + "'");
        }
        return v;
    }

    /**
     * The customer a request is about: a customer user's own, whatever it asks (asking for another
     * is refused and logged); for SOC staff the {@code customer} parameter, or null for all.
     */
    public String customerScope() {
        String asked = param("customer");
        if (user.isSoc()) {
            return asked;
        }
        if (asked != null && !asked.equals(user.customerId())) {
            throw Refused.forbidden("asked for customer " + asked);
        }
        return user.customerId();
    }

    /** Refuses (404, logged) when the user may not see data of {@code customerId}. */
    public void requireTenant(String customerId, String what) {
        if (!user.mayRead(customerId)) {
            throw Refused.notFound(what + " belongs to customer " + customerId);
        }
    }

    public void redirect(String portalPath) throws IOException {
        response.setStatus(303);
        response.setHeader("Location", request.getContextPath() + "/portal" + portalPath);
    }
}
