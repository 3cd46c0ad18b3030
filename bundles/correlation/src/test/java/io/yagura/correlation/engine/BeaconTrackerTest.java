package io.yagura.correlation.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.SecurityEvent;
import org.junit.jupiter.api.Test;

class BeaconTrackerTest {

    private final BeaconTracker tracker = new BeaconTracker();

    private static SecurityEvent connection(String dst, long bytes) {
        return new SecurityEvent().set("network.direction", "outbound").set("event.action", "allowed")
                .set("source.ip", "10.0.0.5").set("destination.ip", dst).set("destination.port", 443L)
                .set("source.bytes", bytes).set("destination.bytes", 2 * bytes);
    }

    /** Feeds connections at the given offsets (seconds) and sizes; returns the last event. */
    private SecurityEvent feed(String dst, long[] seconds, long[] bytes) {
        SecurityEvent last = null;
        for (int i = 0; i < seconds.length; i++) {
            last = connection(dst, bytes[i]);
            tracker.observe("acme", last, seconds[i] * 1000);
        }
        return last;
    }

    @Test
    void aRegularCallHomeIsMarkedAtTheFifthConnection() {
        SecurityEvent fourth = feed("203.0.113.9", new long[] {0, 60, 121, 180}, new long[] {600, 610, 605, 600});
        assertFalse(fourth.has(BeaconTracker.BEACON), "four connections are not yet a pattern");
        SecurityEvent fifth = connection("203.0.113.9", 598);
        tracker.observe("acme", fifth, 241_000);
        assertTrue(fifth.has(BeaconTracker.BEACON));
        long interval = fifth.getLong(BeaconTracker.BEACON_INTERVAL);
        assertTrue(interval >= 59 && interval <= 61, "median interval about a minute: " + interval);
    }

    @Test
    void irregularTimesOrSizesAreNoBeacon() {
        assertFalse(feed("203.0.113.10", new long[] {0, 60, 300, 320, 900}, new long[] {600, 600, 600, 600, 600})
                .has(BeaconTracker.BEACON), "irregular intervals");
        assertFalse(feed("203.0.113.11", new long[] {0, 60, 120, 180, 240}, new long[] {600, 9000, 600, 120, 600})
                .has(BeaconTracker.BEACON), "sizes of a person browsing");
    }

    @Test
    void burstsInboundAndBlockedConnectionsAreIgnored() {
        assertFalse(feed("203.0.113.12", new long[] {0, 1, 2, 3, 4, 5}, new long[] {600, 600, 600, 600, 600, 600})
                .has(BeaconTracker.BEACON), "a page load is no call home");
        SecurityEvent blocked = connection("203.0.113.13", 600).set("event.action", "denied");
        for (int i = 0; i < 6; i++) {
            tracker.observe("acme", blocked, i * 60_000L);
        }
        assertFalse(blocked.has(BeaconTracker.BEACON), "only connections that got through");
    }
}
