package io.yagura.portal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.portal.account.LoginThrottle;
import io.yagura.portal.account.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two portal nodes on one database behind one address: a browser's requests land on either node,
 * and its session, CSRF token and logout hold on both.
 */
class TwoNodesTest {

    static PortalFixture nodeA;
    static PortalFixture nodeB;

    @BeforeAll
    static void start() throws Exception {
        String database = "two" + UUID.randomUUID().toString().replace("-", "");
        nodeA = new PortalFixture(LoginThrottle.Limits.DEFAULT, database);
        nodeB = new PortalFixture(LoginThrottle.Limits.DEFAULT, database);
    }

    @AfterAll
    static void stop() throws Exception {
        nodeA.close();
        nodeB.close();
    }

    /** The same user agent (cookie, CSRF token) sent to the other node, as a load balancer would. */
    private static WebClient onNodeB(WebClient onA) {
        WebClient c = nodeB.client();
        c.cookie = onA.cookie;
        c.csrf = onA.csrf;
        return c;
    }

    @Test
    void aSessionMadeOnNodeAWorksOnNodeBAndItsLogoutThereEndsItOnBoth() throws Exception {
        String password = nodeA.user("carol", Role.CUSTOMER, "acme");
        WebClient onA = nodeA.client().login("carol", password);
        WebClient onB = onNodeB(onA);

        assertEquals(200, onB.get("/portal/incidents").statusCode(), "the session is known to node B");
        Incident i = nodeA.incident("acme", Level.WARNING, "port scan");
        assertEquals(403, onB.post("/portal/incidents/" + i.id() + "/comment", Map.of("text", "x"), false)
                .statusCode(), "without the session's CSRF token");
        assertEquals(303, onB.post("/portal/incidents/" + i.id() + "/comment", Map.of("text", "seen")).statusCode(),
                "the CSRF token node A put in the page is the session's on node B too");

        assertEquals(303, onB.post("/portal/logout", Map.of()).statusCode(), "logout through node B");
        assertEquals(401, onA.get("/portal/api/incidents").statusCode(), "the replayed cookie on node A");
        assertEquals(401, onB.get("/portal/api/incidents").statusCode(), "and on node B");
    }

    @Test
    void lockingAUserOnOneNodeEndsItsSessionsOnTheOther() throws Exception {
        String password = nodeA.user("dave", Role.CUSTOMER, "globex");
        WebClient onB = onNodeB(nodeA.client().login("dave", password));
        assertEquals(200, onB.get("/portal/api/incidents").statusCode());
        onB.streamLines("/portal/api/stream");
        await().atMost(Duration.ofSeconds(5)).until(() -> nodeB.hub.openStreams() == 1);
        nodeA.accounts.lock("dave", "test");
        nodeA.sessions.endAllOf("dave"); // what yagura:portal-user-lock does on node A
        assertEquals(401, onB.get("/portal/api/incidents").statusCode());
        // node B learns it from the database at its stream's next heartbeat (1 s in the fixture, 15 s in Karaf)
        await().atMost(Duration.ofSeconds(5)).until(() -> nodeB.hub.openStreams() == 0);
        assertTrue(nodeB.sessions.live(List.of(onB.cookie.substring(onB.cookie.indexOf('=') + 1))).isEmpty());
    }
}
