package io.yagura.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.health.HealthSettings;
import io.yagura.api.health.HealthState;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentChanges.Change;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.registry.Device;
import io.yagura.health.probe.Echo;
import io.yagura.health.probe.Pinger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The judgement over time with the shipped default timings (every 3 min, 2 retries 1 min apart,
 * fault 15 min after the first failure, silence after 30 min), on a clock the test moves:
 * probe outcomes are handed to the monitor as its probe threads would.
 */
class HealthMonitorTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    Platform platform;
    MutableClock clock;
    HealthMonitor monitor;

    @BeforeEach
    void setUp() throws Exception {
        platform = new Platform();
        clock = new MutableClock(T0);
        monitor = monitor(Pinger.unavailable("not used by this test"));
    }

    private HealthMonitor monitor(Pinger pinger) {
        Timings timings = Timings.of(Platform.config(Map.of()));
        return new HealthMonitor(platform.registry, platform.health, new LogArrivals(platform.lastLogs, "this-node"),
                platform.faultIncidents(), new ProbeRunner(pinger, timings), Runnable::run, clock, timings);
    }

    private Plan plan(Device d) {
        return Plan.of(d, platform.health.settings(d.id()).orElse(null), Timings.of(Platform.config(Map.of())));
    }

    private static final ProbeOutcome NO_REPLY = new ProbeOutcome(ProbeOutcome.Kind.FAILED, "no ICMP echo reply");
    private static final ProbeOutcome REPLY = new ProbeOutcome(ProbeOutcome.Kind.ANSWERED, "ICMP echo reply");

    @Test
    void twoRetriesOneMinuteApartThenTheFaultIsDeclaredFifteenMinutesAfterTheFirstFailure() throws Exception {
        Device d = platform.device("acme-fw1", "198.18.0.2");
        DeviceWatch w = monitor.watch(d, T0);
        Plan plan = plan(d);
        assertTrue(monitor.isDue(w, plan, T0), "a new device is probed at once");
        monitor.apply(d, w, plan, REPLY, T0);
        assertFalse(monitor.isDue(w, plan, T0.plusSeconds(179)));
        assertTrue(monitor.isDue(w, plan, T0.plusSeconds(180)), "every 3 minutes while it answers");

        Instant first = T0.plusSeconds(180);
        monitor.apply(d, w, plan, NO_REPLY, first);
        List<Long> probedAt = new ArrayList<>();
        for (long s = 1; s <= 900; s++) {
            Instant t = first.plusSeconds(s);
            if (monitor.isDue(w, plan, t)) {
                probedAt.add(s);
                assertEquals(HealthState.RETRYING, monitor.health(d).state(), "still retrying at +" + s + " s");
                assertNull(monitor.health(d).incidentId(), "no incident before the fault delay");
                monitor.apply(d, w, plan, NO_REPLY, t);
            }
        }
        assertEquals(List.of(60L, 120L, 300L, 480L, 660L, 840L, 900L), probedAt,
                "2 retries a minute apart, then the interval, and a last probe at 15 minutes");
        assertEquals(HealthState.FAULT, monitor.health(d).state());
        Incident incident = platform.incidents.find(monitor.health(d).incidentId()).orElseThrow();
        assertEquals(first.plusSeconds(900), incident.detectedAt());
        assertEquals(first.plusSeconds(900 + 15 * 60), incident.deadline(), "Critical: 15 minutes to notify");
        assertEquals(first, incident.firstSeen(), "the fault began at the first failed probe");
        assertEquals("health:device-fault:acme-fw1", incident.key());

        monitor.apply(d, w, plan, REPLY, first.plusSeconds(1000));
        assertEquals(HealthState.UP, monitor.health(d).state());
        assertEquals(IncidentStatus.CLOSED, platform.incidents.find(incident.id()).orElseThrow().status());
        assertEquals(List.of(Change.OPENED, Change.ANNOTATED, Change.CLOSED), platform.changesOf(incident.id()));
    }

    @Test
    void aDevicesOwnRetriesRetryGapAndFaultDelayReplaceTheDefaults() throws Exception {
        Device d = platform.device("acme-core-fw", "198.18.0.5");
        platform.settings(new HealthSettings("acme-core-fw", null, null, null, Duration.ofMinutes(2), null, null, 4,
                Duration.ofSeconds(30), Duration.ofMinutes(5)));
        DeviceWatch w = monitor.watch(d, T0);
        Plan plan = plan(d);
        monitor.apply(d, w, plan, NO_REPLY, T0);
        List<Long> probedAt = new ArrayList<>();
        for (long s = 1; s <= 300; s++) {
            Instant t = T0.plusSeconds(s);
            if (monitor.isDue(w, plan, t)) {
                probedAt.add(s);
                monitor.apply(d, w, plan, NO_REPLY, t);
            }
        }
        assertEquals(List.of(30L, 60L, 90L, 120L, 240L, 300L), probedAt,
                "4 retries 30 s apart, then its own 2-minute interval, and the last probe at its 5-minute fault delay");
        assertEquals(HealthState.FAULT, monitor.health(d).state());
        assertEquals(T0.plusSeconds(300), platform.incidents.find(monitor.health(d).incidentId()).orElseThrow()
                .detectedAt(), "declared at its own delay, not the default 15 minutes");
    }

    @Test
    void aDeviceThatLogsButDoesNotAnswerIsFaultyAndTheIncidentSaysItStillLogs() throws Exception {
        // as in production: the scheduler's check reads the log arrivals and hands out the due probes
        monitor = monitor(new Pinger() {
            @Override
            public Echo ping(String address, Duration timeout) {
                return new Echo.NoAnswer("no ICMP echo reply");
            }

            @Override
            public String describe() {
                return "a path that drops ICMP";
            }
        });
        Device d = platform.device("acme-fw4", "198.18.0.6");
        for (long s = 0; s <= 900; s += 5) {
            clock.set(T0.plusSeconds(s));
            monitor.logReceived("acme-fw4", clock.instant()); // its lines keep arriving
            monitor.check();
        }
        assertEquals(HealthState.FAULT, monitor.health(d).state());
        Incident incident = platform.incidents.find(monitor.health(d).incidentId()).orElseThrow();
        assertTrue(incident.rationale().stream().anyMatch(r -> r.startsWith("Its logs still arrive (last at ")
                && r.contains("the probes do not reach it")), incident.rationale().toString());
    }

    @Test
    void aDeviceThatAnswersAgainDuringItsRetriesRaisesNoIncident() throws Exception {
        Device d = platform.device("acme-fw1", "198.18.0.2");
        DeviceWatch w = monitor.watch(d, T0);
        Plan plan = plan(d);
        monitor.apply(d, w, plan, NO_REPLY, T0);
        monitor.apply(d, w, plan, REPLY, T0.plusSeconds(60));
        assertEquals(HealthState.UP, monitor.health(d).state());
        assertTrue(platform.announced.isEmpty(), "a blip is history, not an incident");
        assertEquals(2, platform.health.history("acme-fw1", 10).size(), "UP -> RETRYING -> UP kept");
    }

    @Test
    void aDeviceWhoseLogsStopIsReportedSilentAndLogsComingBackCloseIt() throws Exception {
        Device d = platform.device("acme-ips", "198.18.0.3");
        platform.settings(new HealthSettings("acme-ips", null, false, null, null, null, null)); // logs only, no probe
        monitor.logReceived("acme-ips", T0);
        monitor.check();
        clock.set(T0.plus(Duration.ofMinutes(29)));
        monitor.check();
        assertEquals(HealthState.UNKNOWN, monitor.health(d).state(), "29 minutes of silence are within the threshold");
        assertEquals(T0, monitor.health(d).lastLog());

        clock.set(T0.plus(Duration.ofMinutes(31)));
        monitor.check();
        assertEquals(HealthState.SILENT, monitor.health(d).state());
        Incident silence = platform.incidents.find(monitor.health(d).incidentId()).orElseThrow();
        assertEquals("device-silence", silence.category());
        assertEquals(List.of(Change.OPENED), platform.changesOf(silence.id()));

        clock.set(T0.plus(Duration.ofMinutes(32)));
        monitor.logReceived("acme-ips", clock.instant());
        monitor.check();
        assertEquals(HealthState.UNKNOWN, monitor.health(d).state());
        assertEquals(IncidentStatus.CLOSED, platform.incidents.find(silence.id()).orElseThrow().status());
        assertTrue(platform.changesOf(silence.id()).contains(Change.CLOSED));
    }

    /**
     * Two nodes: this monitor's node holds health-check, node B receives the device's lines and only
     * records their arrivals (every minute here; every log.record.seconds on a platform).
     */
    @Test
    void aDeviceSendingToAnotherNodeIsNotSilentHereAndIsSilentOnceThatNodeStopsReceivingIt() throws Exception {
        Device d = platform.device("acme-ips", "198.18.0.3");
        platform.settings(new HealthSettings("acme-ips", null, false, null, null, null, null));
        LogArrivals nodeB = new LogArrivals(platform.lastLogs, "node-b");
        monitor.logReceived("acme-ips", T0);
        monitor.check();
        for (int minute = 1; minute <= 40; minute++) {
            clock.set(T0.plus(Duration.ofMinutes(minute)));
            nodeB.received("acme-ips", clock.instant().minusSeconds(5));
            nodeB.received("acme-ips", clock.instant().minusSeconds(20)); // an older line read later changes nothing
            nodeB.record();
            monitor.check();
        }
        Instant lastAtB = T0.plus(Duration.ofMinutes(40)).minusSeconds(5);
        assertEquals(HealthState.UNKNOWN, monitor.health(d).state(), "40 minutes without a line here, but node B receives them");
        assertEquals(lastAtB, monitor.health(d).lastLog(), "node B's latest arrival");
        assertTrue(platform.announced.isEmpty(), "no silence reported");

        clock.set(lastAtB.plus(Duration.ofMinutes(29)));
        monitor.check();
        assertEquals(HealthState.UNKNOWN, monitor.health(d).state(), "29 minutes after node B's last line");
        clock.set(lastAtB.plus(Duration.ofMinutes(31)));
        monitor.check();
        assertEquals(HealthState.SILENT, monitor.health(d).state(), "node B receives nothing either: silent");
        String why = String.join(" ", platform.incidents.find(monitor.health(d).incidentId()).orElseThrow().rationale());
        assertTrue(why.contains(lastAtB.toString()), "the last log at any node is told: " + why);

        clock.set(lastAtB.plus(Duration.ofMinutes(32)));
        monitor.logReceived("acme-ips", clock.instant());
        monitor.check();
        assertEquals(HealthState.UNKNOWN, monitor.health(d).state(), "a line at this node ends it before any recording");
    }

    @Test
    void aDeviceQuietByHabitIsReportedOnlyBeyondItsLearnedGapAndASilenceIsNotLearnedAsNormal() throws Exception {
        Device d = platform.device("acme-ips", "198.18.0.3");
        platform.settings(new HealthSettings("acme-ips", null, false, null, null, null, null));
        monitor.logReceived("acme-ips", T0);
        monitor.check();
        clock.set(T0.plus(Duration.ofHours(2)));
        monitor.logReceived("acme-ips", clock.instant());
        monitor.check();
        assertEquals(Duration.ofHours(2), monitor.health(d).learnedGap(), "a two-hour gap between its logs is normal");

        clock.set(T0.plus(Duration.ofHours(7)));
        monitor.check();
        assertEquals(HealthState.UNKNOWN, monitor.health(d).state(), "5 h of silence: within 3 x its normal gap");
        clock.set(T0.plus(Duration.ofHours(8)).plusSeconds(60));
        monitor.check();
        assertEquals(HealthState.SILENT, monitor.health(d).state(), "beyond 3 x 2 h");
        String why = platform.incidents.find(monitor.health(d).incidentId()).orElseThrow().rationale().get(0);
        assertTrue(why.contains("silence threshold of 360 min"), why);

        clock.set(T0.plus(Duration.ofHours(9)));
        monitor.logReceived("acme-ips", clock.instant());
        monitor.check();
        assertEquals(HealthState.UNKNOWN, monitor.health(d).state(), "its logs are back");
        assertEquals(Duration.ofHours(2), monitor.health(d).learnedGap(), "the 7 h silence was not learned as normal");
    }

    @Test
    void aLearnedGapFadesWithTime() {
        assertEquals(Duration.ofHours(2), Timings.learn(null, Duration.ofHours(2)), "the first gap");
        assertEquals(Duration.ofHours(3), Timings.learn(Duration.ofHours(2), Duration.ofHours(3)), "a longer gap is kept");
        Duration learned = Duration.ofHours(48);
        for (int hour = 0; hour < 7 * 24; hour++) {
            learned = Timings.learn(learned, Duration.ofHours(1)); // a week of hourly logs
        }
        assertTrue(learned.compareTo(Duration.ofHours(24).minusMinutes(5)) > 0 && learned.compareTo(Duration.ofHours(24)) <= 0,
                "a week later a 48 h gap counts half: " + learned);
    }

    @Test
    void aPerDeviceSilenceThresholdOverridesTheDefault() throws Exception {
        Device d = platform.device("acme-waf", "198.18.0.4");
        platform.settings(new HealthSettings("acme-waf", null, false, null, null, Duration.ofMinutes(5), null));
        monitor.logReceived("acme-waf", T0);
        monitor.check();
        clock.set(T0.plus(Duration.ofMinutes(6)));
        monitor.check();
        assertEquals(HealthState.SILENT, monitor.health(d).state());
    }

    @Test
    void aDeviceThatAnswersButSendsNoLogsIsReportedAsSuch() throws Exception {
        Device d = platform.device("acme-fw1", "198.18.0.2");
        DeviceWatch w = monitor.watch(d, T0);
        monitor.logReceived("acme-fw1", T0);
        monitor.apply(d, w, plan(d), REPLY, T0);
        clock.set(T0.plus(Duration.ofMinutes(31)));
        monitor.apply(d, w, plan(d), REPLY, clock.instant());
        monitor.check();
        assertEquals(HealthState.SILENT, monitor.health(d).state());
        Incident silence = platform.incidents.find(monitor.health(d).incidentId()).orElseThrow();
        assertTrue(silence.rationale().stream().anyMatch(r -> r.contains("answers its probes")), silence.rationale()::toString);
    }

    @Test
    void withoutIcmpAPingOnlyDeviceIsIcmpUnavailableAndATcpPortStillJudgesIt() throws Exception {
        monitor = monitor(Pinger.unavailable("neither fping nor ping is installed"));
        Device pingOnly = platform.device("acme-fw1", "198.18.0.2");
        Device withPort;
        try (ServerSocket port = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            withPort = platform.device("acme-waf", "127.0.0.1");
            platform.settings(new HealthSettings("acme-waf", null, null, port.getLocalPort(), null, null, null));
            monitor.check(); // probes run on the calling thread here
        }
        assertEquals(HealthState.ICMP_UNAVAILABLE, monitor.health(pingOnly).state(), "never UP, never FAULT");
        assertTrue(monitor.health(pingOnly).detail().contains("neither fping nor ping"), monitor.health(pingOnly).detail());
        assertEquals(HealthState.UP, monitor.health(withPort).state());
        assertTrue(monitor.health(withPort).detail().contains("ICMP unavailable"), monitor.health(withPort).detail());
        assertTrue(platform.announced.isEmpty(), "no fault for what could not be checked");
    }

    @Test
    void aFaultOpenBeforeARestartIsTakenUpAndClosedOnRecovery() throws Exception {
        Device d = platform.device("acme-fw1", "198.18.0.2");
        DeviceWatch w = monitor.watch(d, T0);
        monitor.apply(d, w, plan(d), NO_REPLY, T0);
        monitor.apply(d, w, plan(d), NO_REPLY, T0.plus(Duration.ofMinutes(15)));
        String incident = monitor.health(d).incidentId();
        assertNotNull(incident);

        HealthMonitor restarted = monitor(Pinger.unavailable("not used"));
        DeviceWatch again = restarted.watch(d, T0.plus(Duration.ofMinutes(20)));
        assertEquals(HealthState.FAULT, restarted.health(d).state(), "taken up from the store");
        assertEquals(incident, restarted.health(d).incidentId());
        restarted.apply(d, again, plan(d), REPLY, T0.plus(Duration.ofMinutes(21)));
        assertEquals(IncidentStatus.CLOSED, platform.incidents.find(incident).orElseThrow().status());
    }
}
