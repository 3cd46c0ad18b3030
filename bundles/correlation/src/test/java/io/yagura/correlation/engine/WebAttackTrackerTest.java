package io.yagura.correlation.engine;

import static io.yagura.correlation.engine.WebTraffic.ATTACKER;
import static io.yagura.correlation.engine.WebTraffic.SERVER;
import static io.yagura.correlation.engine.WebTraffic.alert;
import static io.yagura.correlation.engine.WebTraffic.request;
import static io.yagura.correlation.engine.WebTraffic.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.SecurityEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebAttackTrackerTest {

    private static final String BLIND = "/news.php?id=7%27%20AND%20ASCII(SUBSTRING(password,1,1))>77--";
    private static final String CLIENT = "192.0.2.170";

    private final WebAttackTracker tracker = new WebAttackTracker(WebEvidenceSettings.defaults());

    /** Feeds events in order; returns the marks (yagura.web_success) they got, null for none. */
    private List<String> feed(SecurityEvent... events) {
        List<String> marks = new ArrayList<>();
        for (SecurityEvent e : events) {
            if (tracker.candidate(e)) {
                tracker.observe("acme", e, Long.MAX_VALUE / 4); // a clock later than every event
            } else {
                tracker.remember("acme", e, Long.MAX_VALUE / 4);
            }
            marks.add(e.getString(WebAttackTracker.SUCCESS));
        }
        return marks;
    }

    private static SecurityEvent sqli(long second) {
        return alert(ATTACKER, BLIND, "sql-injection", 200, second);
    }

    @Test
    void answersInTwoStableSizesAfterAnInjectionAreBooleanInference() {
        feed(sqli(0));
        long[] sizes = {8120, 412, 8120, 415, 8118, 412};
        SecurityEvent last = null;
        for (int i = 0; i < sizes.length; i++) {
            last = request(ATTACKER, BLIND.replace(",1,1", "," + (i + 1) + ",1"), 200, sizes[i], 5 + i);
            List<String> mark = feed(last);
            assertEquals(i == sizes.length - 1 ? "boolean-inference" : null, mark.get(0), "request " + (i + 1));
        }
        assertEquals(ATTACKER, last.getString(WebAttackTracker.ATTACKER));
        assertEquals(SERVER, last.getString(WebAttackTracker.TARGET));
        String why = last.getString(WebAttackTracker.EVIDENCE);
        assertTrue(why.contains("/news.php") && why.contains("3 of about 412 bytes") && why.contains("8,120 bytes"), why);
        assertNull(feed(request(ATTACKER, BLIND, 200, 412, 20)).get(0), "proven once per attacker and server");
    }

    @Test
    void aSearchPageWhoseSizesVaryWidelyProvesNothing() {
        feed(alert(ATTACKER, "/search?q=<script>alert(1)</script>", "xss", 200, 0));
        long[] sizes = {5200, 18_400, 412, 9300, 31_000, 7700, 412, 14_100, 2600, 22_800};
        for (int i = 0; i < sizes.length; i++) {
            assertNull(feed(request(ATTACKER, "/search?q=shoes" + i, 200, sizes[i], 5 + i)).get(0));
        }
    }

    @Test
    void twoSizesFromAClientThatNeverAttackedAreNotLookedAt() {
        feed(sqli(0)); // someone else attacks
        for (int i = 0; i < 10; i++) {
            assertNull(feed(request(CLIENT, "/news.php?id=" + i, 200, i % 2 == 0 ? 8120 : 412, 5 + i)).get(0));
        }
    }

    @Test
    void blockedOrFailedAnswersAreNotInference() {
        feed(sqli(0));
        for (int i = 0; i < 8; i++) {
            assertNull(feed(request(ATTACKER, BLIND, i % 2 == 0 ? 403 : 500, i % 2 == 0 ? 300 : 4000, 5 + i)).get(0));
        }
    }

    @Test
    void sessionsAsLongAsTheInjectedSleepAreTimeBasedInference() {
        feed(alert(ATTACKER, "/item.php?id=1%20AND%20IF(1=1,SLEEP(5),0)--", "sql-injection", 200, 0));
        assertEquals(List.of(), marks(feed(session(ATTACKER, SERVER, 900, 4000, 5040, 6),
                session(ATTACKER, SERVER, 900, 4000, 12, 7), session(ATTACKER, SERVER, 900, 4000, 5010, 13))));
        SecurityEvent third = session(ATTACKER, SERVER, 900, 4000, 5100, 20);
        assertEquals("time-inference", feed(third).get(0));
        String why = third.getString(WebAttackTracker.EVIDENCE);
        assertTrue(why.contains("3 sessions") && why.contains("5 s"), why);
    }

    @Test
    void sessionsCorrelatedBeforeTheAlertThatNamesTheirAttackerStillProveIt() {
        // the firewall's session records reach correlation first, the WAF's alerts after them
        assertEquals(List.of(), marks(feed(session(ATTACKER, SERVER, 900, 4000, 5040, 6),
                session(ATTACKER, SERVER, 900, 4000, 12, 7), session(ATTACKER, SERVER, 900, 4000, 5010, 13),
                session(ATTACKER, SERVER, 900, 4000, 5100, 20))));
        SecurityEvent alert = alert(ATTACKER, "/item.php?id=1%20AND%20IF(1=1,SLEEP(5),0)--", "sql-injection", 200, 0);
        assertEquals("time-inference", feed(alert).get(0), "the alert carries the proof its earlier sessions give");
        assertTrue(alert.getString(WebAttackTracker.EVIDENCE).contains("3 sessions"));
        assertNull(feed(alert(ATTACKER, "/item.php?id=2%20AND%20IF(1=2,SLEEP(5),0)--", "sql-injection", 200, 21))
                .get(0), "proven once; the flows were replayed once");
    }

    @Test
    void sessionsLongBeforeTheAlertOrOfOtherAddressesAreNotReplayed() {
        long hourAgo = -3600;
        feed(session(ATTACKER, SERVER, 900, 4000, 5040, hourAgo), session(ATTACKER, SERVER, 900, 4000, 5010, hourAgo + 1),
                session(ATTACKER, SERVER, 900, 4000, 5100, hourAgo + 2),
                session(CLIENT, SERVER, 900, 4000, 5040, 1), session(CLIENT, SERVER, 900, 4000, 5010, 2),
                session(CLIENT, SERVER, 900, 4000, 5100, 3));
        assertNull(feed(alert(ATTACKER, "/item.php?id=1%20AND%20IF(1=1,SLEEP(5),0)--", "sql-injection", 200, 10))
                .get(0));
    }

    @Test
    void flowsKeptForLaterAlertsAreBounded() {
        RecentFlows flows = new RecentFlows();
        for (int i = 0; i < RecentFlows.MAX_PAIRS + 10; i++) {
            for (int n = 0; n < RecentFlows.KEPT + 3; n++) {
                flows.keep("acme", "192.0.2.1", "10.0.0." + i, session("192.0.2.1", "10.0.0." + i, 1, 1, 1, n), n);
            }
        }
        assertEquals(RecentFlows.MAX_PAIRS, flows.size());
        assertEquals(RecentFlows.KEPT, flows.take("acme", "192.0.2.1", "10.0.0." + (RecentFlows.MAX_PAIRS + 9), 0).size());
        assertEquals(List.of(), flows.take("acme", "192.0.2.1", "10.0.0.0", 0), "the least recently seen pair is forgotten");
    }

    @Test
    void waitforDelayAndPgSleepAreReadToo() {
        assertEquals(7000, InjectedDelay.millis("/q?x=1';WAITFOR%20DELAY%20'0:0:7'--"));
        assertEquals(3000, InjectedDelay.millis("/q?x=1)+AND+1=(SELECT+1+FROM+PG_SLEEP(3))--"));
        assertEquals(2500, InjectedDelay.millis("/q?x=sleep(2.5)"));
        assertEquals(0, InjectedDelay.millis("/sleep-well/pillows?size=2"), "a word, not a call");
        assertEquals(0, InjectedDelay.millis("/q?x=SLEEP(3600)"), "nobody waits an hour per bit");
        assertEquals(0, InjectedDelay.millis("/q?x=%zzSLEEP"), "malformed escapes are no error");
    }

    @Test
    void twoDurationClassesAfterSqlInjectionAreTimeBasedInference() {
        feed(alert(ATTACKER, "/item.php?id=1%20AND%20BENCHMARK(5000000,MD5(1))", "sql-injection", 200, 0));
        List<String> marks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            marks.addAll(feed(session(ATTACKER, SERVER, 900, 4000, i % 2 == 0 ? 40 : 4200, 5 + i)));
        }
        assertEquals("time-inference", marks.get(5), marks.toString());
    }

    @Test
    void keepAliveDurationsAfterAnotherKindOfAttackProveNothing() {
        feed(alert(ATTACKER, "/search?q=<script>", "xss", 200, 0));
        for (int i = 0; i < 10; i++) {
            assertNull(feed(session(ATTACKER, SERVER, 900, 4000, i % 2 == 0 ? 40 : 5000, 5 + i)).get(0));
        }
    }

    @Test
    void theServerSendingTheAttackerALargeVolumeIsDataOut() {
        feed(alert(ATTACKER, "/shop/item?id=1 UNION SELECT username,password FROM users", "sql-injection", 200, 0));
        assertNull(feed(session(SERVER, ATTACKER, 15_000_000, 2000, 30_000, 300)).get(0), "15 MB: below 20 MB");
        SecurityEvent more = session(SERVER, ATTACKER, 6_000_000, 2000, 9000, 600);
        assertEquals("data-out", feed(more).get(0), "21 MB in all");
        assertTrue(more.getString(WebAttackTracker.EVIDENCE).contains("21,000,000 bytes"),
                more.getString(WebAttackTracker.EVIDENCE));
        assertEquals(ATTACKER, more.getString(WebAttackTracker.ATTACKER), "the attacker, not the session's source");
    }

    @Test
    void largeAnswersInTheAttackersOwnSessionsCountAsDataOut() {
        feed(alert(ATTACKER, "/export?id=1 OR 1=1", "sql-injection", 200, 0));
        assertEquals("data-out", feed(session(ATTACKER, SERVER, 800, 25_000_000, 40_000, 60)).get(0));
    }

    @Test
    void downloadsByOthersUpdatesAndLateTransfersAreNoDataOut() {
        feed(alert(ATTACKER, "/shop/item?id=1 UNION SELECT 1", "sql-injection", 200, 0));
        assertNull(feed(session(CLIENT, SERVER, 800, 600_000_000, 90_000, 60)).get(0), "a client that never attacked");
        assertNull(feed(session(SERVER, "192.0.2.80", 400, 300_000_000, 60_000, 90)).get(0), "the server's update");
        assertNull(feed(session(SERVER, "192.0.2.81", 250_000_000, 400, 60_000, 120)).get(0), "its backup");
        long late = Duration.ofHours(2).plusMinutes(1).toSeconds();
        assertNull(feed(session(SERVER, ATTACKER, 64_000_000, 2000, 9000, late)).get(0), "after the window");
        SecurityEvent denied = session(SERVER, ATTACKER, 64_000_000, 0, 0, 200).set("event.action", "denied");
        assertNull(feed(alert(ATTACKER, "/x?id=1 UNION SELECT 1", "sql-injection", 200, 100), denied).get(1),
                "a denied transfer sent nothing");
    }

    @Test
    void aWebshellAnsweringCommandsWithVaryingSizes() {
        feed(alert(ATTACKER, "/uploads/img.php?cmd=id", "webshell", 200, 0));
        assertNull(feed(request(ATTACKER, "/uploads/img.php?cmd=id", 200, 54, 1)).get(0));
        assertNull(feed(request(ATTACKER, "/uploads/img.php?cmd=uname%20-a", 200, 101, 7)).get(0));
        SecurityEvent third = request(ATTACKER, "/uploads/img.php?cmd=cat%20/etc/passwd", 200, 1742, 13);
        assertEquals("webshell", feed(third).get(0));
        assertTrue(third.getString(WebAttackTracker.EVIDENCE).contains("/uploads/img.php"));
    }

    @Test
    void aRequestLoggedTwiceIsOneAnswer() {
        SecurityEvent alert = alert(ATTACKER, "/images/logo.php?c=whoami", "webshell", 200, 0)
                .set("source.port", 50000L).set("http.response.body.bytes", 9L);
        SecurityEvent record = request(ATTACKER, "/images/logo.php?c=whoami", 200, 9, 0).set("source.port", 50000L);
        SecurityEvent id = request(ATTACKER, "/images/logo.php?c=id", 200, 54, 6).set("source.port", 50001L);
        assertEquals(List.of(), marks(feed(alert, record, id)), "two commands, not three answers");
        assertEquals("webshell", feed(request(ATTACKER, "/images/logo.php?c=ls", 200, 612, 9)
                .set("source.port", 50002L)).get(0));
    }

    @Test
    void aFlaggedPathThatIsNotThereOrAnswersTheSamePageIsNoWebshell() {
        feed(alert(ATTACKER, "/uploads/c99.php?cmd=id", "webshell", 404, 0),
                alert(ATTACKER, "/login.php?cmd=id", "webshell", 200, 0));
        for (int i = 0; i < 6; i++) {
            assertNull(feed(request(ATTACKER, "/uploads/c99.php?cmd=ls" + i, 404, 210 + i, 1 + i)).get(0), "not found");
            assertNull(feed(request(ATTACKER, "/login.php?cmd=ls" + i, 200, 3100, 10 + i)).get(0), "the login page");
        }
    }

    @Test
    void settingsRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new WebEvidenceSettings(Duration.ofHours(1), 3, 0.1, 3, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> new WebEvidenceSettings(Duration.ZERO, 6, 0.1, 3, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> new WebEvidenceSettings(Duration.ofHours(1), 6, 1.5, 3, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> new WebEvidenceSettings(Duration.ofHours(1), 6, 0.1, 3, 1, 1));
    }

    @Test
    void nothingIsWatchedBeforeTheFirstWebAttack() {
        assertFalse(tracker.candidate(request(ATTACKER, BLIND, 200, 412, 0)));
        assertFalse(tracker.candidate(session(SERVER, ATTACKER, 64_000_000, 0, 0, 0)));
        assertTrue(tracker.candidate(sqli(0)));
        assertEquals(0, tracker.size());
        feed(sqli(0));
        assertTrue(tracker.candidate(session(SERVER, ATTACKER, 1, 0, 0, 1)), "to the attacker");
        assertFalse(tracker.candidate(session(SERVER, "192.0.2.80", 1, 0, 0, 1)), "the server's other traffic");
    }

    @Test
    void anAttackerWhoseWindowEndedIsForgotten() {
        feed(sqli(0));
        assertEquals(1, tracker.attackerCount());
        long late = Duration.ofHours(3).toSeconds();
        assertNull(feed(request(ATTACKER, BLIND, 200, 412, late)).get(0));
        assertEquals(0, tracker.size());
        assertEquals(0, tracker.attackerCount(), "its events are no longer looked up");
    }

    private static List<String> marks(List<String> all) {
        return all.stream().filter(m -> m != null).toList();
    }
}
