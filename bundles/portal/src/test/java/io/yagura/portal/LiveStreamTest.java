package io.yagura.portal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.portal.account.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The live stream (server-sent events) and the portal as a notification channel. */
class LiveStreamTest {

    static PortalFixture portal;
    static String carolPassword;
    static String gregPassword;

    @BeforeAll
    static void start() throws Exception {
        portal = new PortalFixture();
        carolPassword = portal.user("carol", Role.CUSTOMER, "acme");
        gregPassword = portal.user("greg", Role.CUSTOMER, "globex");
    }

    @AfterAll
    static void stop() throws Exception {
        portal.close();
    }

    @Test
    void aNewIncidentReachesTheCustomersOpenStreamWithin2sAndNoOtherCustomers() throws Exception {
        WebClient carol = portal.client().login("carol", carolPassword);
        WebClient greg = portal.client().login("greg", gregPassword);
        HttpResponse<Stream<String>> carolStream = carol.stream("/portal/api/stream");
        assertEquals("text/event-stream;charset=utf-8",
                carolStream.headers().firstValue("Content-Type").orElseThrow().toLowerCase().replace(" ", ""));
        List<String> carolLines = WebClient.collect(carolStream);
        List<String> gregLines = greg.streamLines("/portal/api/stream");
        await().atMost(Duration.ofSeconds(5)).until(() -> portal.hub.openStreams() == 2);

        Incident i = portal.incident("acme", Level.EMERGENCY, "domain admin logon from the internet");
        long stored = System.nanoTime();
        await().atMost(Duration.ofSeconds(2))
                .until(() -> carolLines.stream().anyMatch(l -> l.startsWith("data:") && l.contains(i.id())));
        System.out.printf("incident on the live stream %d ms after it was stored%n",
                (System.nanoTime() - stored) / 1_000_000);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> gregLines.stream().noneMatch(l -> l.contains(i.id())));
    }

    @Test
    void aPortalNoticeIsDeliveredWhenPushedToALoggedInSessionAndNamesTheUser() throws Exception {
        WebClient carol = portal.client().login("carol", carolPassword);
        List<String> lines = carol.streamLines("/portal/api/stream");
        await().atMost(Duration.ofSeconds(5)).until(() -> portal.hub.openStreams() >= 1);
        Incident i = portal.incident("acme", Level.CRITICAL, "malware callback");
        Notification n = portal.portalNotice(i);
        portal.hub.changed(i.id()); // the dispatcher's message on yagura.notify.portal
        await().atMost(Duration.ofSeconds(2)).until(() -> portal.incidents.attempts(n.id()).size() == 1);
        DeliveryAttempt a = portal.incidents.attempts(n.id()).get(0);
        assertEquals("delivered", a.outcome());
        assertTrue(a.answer().contains("portal user carol") && a.answer().contains("live stream"), a.answer());
        Notification stored = portal.incidents.notifications(i.id()).stream().filter(x -> x.id().equals(n.id()))
                .findFirst().orElseThrow();
        assertEquals("delivered", stored.status());
        assertNotNull(stored.deliveredAt());
        assertEquals(Boolean.TRUE, stored.deadlineMet());
        assertTrue(lines.stream().anyMatch(l -> l.contains(i.id())));
        portal.hub.changed(i.id());
        await().during(Duration.ofMillis(500)).until(() -> portal.incidents.attempts(n.id()).size() == 1);
    }

    @Test
    void withNoStreamOpenTheNoticeIsDeliveredWhenAPageShowsIt() throws Exception {
        portal.hub.closeUser("greg"); // streams other tests left open
        Incident i = portal.incident("globex", Level.CRITICAL, "SQL injection");
        Notification n = portal.portalNotice(i);
        portal.hub.changed(i.id());
        assertEquals(0, portal.incidents.attempts(n.id()).size(), "nobody of globex is watching");
        // SOC staff seeing it do not count as the customer told
        WebClient soc = portal.client().login("sam", portal.user("sam", Role.SOC, null));
        soc.get("/portal/incidents/" + i.id());
        assertEquals(0, portal.incidents.attempts(n.id()).size());
        WebClient greg = portal.client().login("greg", gregPassword);
        greg.get("/portal/incidents");
        DeliveryAttempt a = portal.incidents.attempts(n.id()).get(0);
        assertTrue(a.answer().contains("portal user greg") && a.answer().contains("page /incidents"), a.answer());
    }

    @Test
    void loggingOutClosesTheSessionsStream() throws Exception {
        WebClient carol = portal.client().login("carol", carolPassword);
        int before = portal.hub.openStreams();
        carol.streamLines("/portal/api/stream");
        await().atMost(Duration.ofSeconds(5)).until(() -> portal.hub.openStreams() == before + 1);
        carol.post("/portal/logout", Map.of());
        await().atMost(Duration.ofSeconds(2)).until(() -> portal.hub.openStreams() == before);
    }

    @Test
    void socStaffsStreamCarriesEveryCustomersNewAndRaisedIncidentsForTheQueue() throws Exception {
        WebClient soc = portal.client().login("sol", portal.user("sol", Role.SOC, null));
        String queue = soc.get("/portal/soc/queue").body();
        // the page the script makes live: its stream, and rows it can replace by id
        assertTrue(queue.contains("data-stream=\"/portal/api/stream\"") && queue.contains("<tbody>"), queue);
        int before = portal.hub.openStreams();
        List<String> lines = soc.streamLines("/portal/api/stream");
        await().atMost(Duration.ofSeconds(5)).until(() -> portal.hub.openStreams() == before + 1);

        Incident acme = portal.incident("acme", Level.CRITICAL, "beaconing to a sinkholed domain");
        Incident globex = portal.incident("globex", Level.WARNING, "port scan");
        await().atMost(Duration.ofSeconds(2)).until(() -> lines.stream().anyMatch(l -> l.contains(acme.id()))
                && lines.stream().anyMatch(l -> l.contains(globex.id())));
        portal.triage.confirm(globex.id(), Level.EMERGENCY, "analyst"); // raised: announced as a change
        await().atMost(Duration.ofSeconds(2)).until(() -> lines.stream().anyMatch(l -> l.contains(globex.id())
                && l.contains("\"levelCode\":\"emergency\"")));
        assertTrue(soc.get("/portal/soc/queue").body().contains("id=\"row-" + globex.id() + "\""),
                "the queue's row the script puts in place of the old one");
        portal.hub.closeUser("sol"); // the other tests count the open streams
    }
}
