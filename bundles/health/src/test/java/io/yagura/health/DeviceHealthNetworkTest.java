package io.yagura.health;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.yagura.api.health.DeviceHealth;
import io.yagura.api.health.HealthSettings;
import io.yagura.api.health.HealthState;
import io.yagura.api.health.HealthTransition;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentChanges.Change;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.karaf.scheduler.core.QuartzScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real devices: addresses in a Linux network namespace behind a veth pair, pinged with real ICMP
 * (fping or ping, as the platform picks), a real listening socket, on the real Karaf Scheduler,
 * with timings compressed by configuration (fault after 3 s instead of 15 min).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceHealthNetworkTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    NetNs ns;
    QuartzScheduler quartz;
    Platform platform;
    HealthService service;

    @BeforeAll
    void namespace() {
        NetNs.assumeAvailable();
        ns = NetNs.create();
    }

    @AfterAll
    void removeNamespace() {
        if (ns != null) {
            ns.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        ns.answerPings(true);
        Properties p = new Properties();
        p.put("org.quartz.scheduler.instanceName", "yagura-health-test");
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.put("org.quartz.threadPool.threadCount", "2");
        p.put("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        quartz = new QuartzScheduler(p);
        platform = new Platform();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.deactivate();
        }
        quartz.deactivate();
    }

    private DeviceHealth health(String device) {
        return service.state(device).orElseThrow();
    }

    private List<HealthState> history(String device) {
        List<HealthState> states = new java.util.ArrayList<>(service.history(device, 50).stream()
                .map(HealthTransition::to).toList());
        java.util.Collections.reverse(states);
        return states;
    }

    @Test
    void aDeviceThatStopsAnsweringPingIsDeclaredFaultyAfterItsDelayAndItsRecoveryClosesTheIncident() throws Exception {
        platform.device("acme-fw1", ns.address(2));
        service = platform.service(quartz, Platform.compressed());
        assumeTrue(!service.icmpMethod().startsWith("ICMP unavailable"), service.icmpMethod());
        assertTrue(quartz.getJobs().containsKey(HealthService.JOB), "the check runs on the Karaf Scheduler");

        await().atMost(PATIENCE).until(() -> health("acme-fw1").state() == HealthState.UP);
        assertNotNull(health("acme-fw1").lastAnswer(), "last answer recorded");

        ns.answerPings(false);
        await().atMost(PATIENCE).until(() -> health("acme-fw1").state() == HealthState.RETRYING);
        Instant firstFailure = health("acme-fw1").firstFailure();
        await().atMost(PATIENCE).until(() -> health("acme-fw1").state() == HealthState.FAULT);

        DeviceHealth fault = health("acme-fw1");
        Incident incident = platform.incidents.find(fault.incidentId()).orElseThrow();
        assertEquals("device-fault", incident.category());
        assertEquals(Level.CRITICAL, incident.level());
        assertEquals(IncidentStatus.NEW, incident.status());
        assertEquals(List.of(ns.address(2)), incident.targets());
        assertEquals(Duration.ofMinutes(15), Duration.between(incident.detectedAt(), incident.deadline()),
                "the Critical deadline");
        assertFalse(incident.detectedAt().isBefore(firstFailure.plusSeconds(3)),
                "declared no earlier than fault.after.seconds after the first failure");
        assertEquals(List.of(Change.OPENED), platform.changesOf(incident.id()), "announced like any incident");
        assertTrue(incident.title().contains("acme-fw1"), incident.title());

        ns.answerPings(true);
        await().atMost(PATIENCE).until(() -> health("acme-fw1").state() == HealthState.UP);
        Incident closed = platform.incidents.find(incident.id()).orElseThrow();
        assertEquals(IncidentStatus.CLOSED, closed.status(), "recovery closes the fault");
        assertTrue(platform.changesOf(incident.id()).contains(Change.CLOSED), "the closing is announced (all-clear)");
        assertTrue(platform.incidents.auditLog(incident.id(), 10).stream()
                .anyMatch(a -> a.action().equals("close") && a.detail().contains("answers again")), "closed with a note");
        assertNull(health("acme-fw1").incidentId(), "no open incident after the recovery");
        assertEquals(List.of(HealthState.UP, HealthState.RETRYING, HealthState.FAULT, HealthState.UP), history("acme-fw1"));
    }

    @Test
    void aTcpProbeFindsAListeningPortOpenAndAClosedPortFailing() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process listener = ns.startInside(List.of(java, "-cp", System.getProperty("java.class.path"),
                TcpListenerMain.class.getName(), "2222"));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(listener.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("listening", out.readLine(), "the device's service port is up");
        }
        platform.device("acme-waf", ns.address(3));
        platform.settings(new HealthSettings("acme-waf", null, false, 2222, null, null, null));
        platform.device("acme-ips", ns.address(4));
        platform.settings(new HealthSettings("acme-ips", null, false, 2223, null, null, null));
        service = platform.service(quartz, Platform.compressed());

        await().atMost(PATIENCE).until(() -> health("acme-waf").state() == HealthState.UP);
        assertTrue(health("acme-waf").detail().contains("tcp/2222"), health("acme-waf").detail());
        await().atMost(PATIENCE).until(() -> health("acme-ips").state() == HealthState.FAULT);
        assertTrue(health("acme-ips").detail().contains("tcp/2223 on " + ns.address(4) + " refused"),
                health("acme-ips").detail());
        assertEquals(HealthState.UP, health("acme-waf").state(), "the open port's device stays up");

        listener.destroyForcibly().waitFor();
        await().atMost(PATIENCE).until(() -> health("acme-waf").state() == HealthState.RETRYING);
    }

    @Test
    void aDeviceWhosePacketsAreDroppedTimesOutOnBothProbesIsDeclaredFaultyAndRecovers() throws Exception {
        ns.assumeIptables();
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process listener = ns.startInside(List.of(java, "-cp", System.getProperty("java.class.path"),
                TcpListenerMain.class.getName(), "2224"));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(listener.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("listening", out.readLine(), "the device's service port is up");
        }
        String address = ns.address(2);
        platform.device("acme-fw3", address);
        platform.settings(new HealthSettings("acme-fw3", null, null, 2224, null, null, null));
        service = platform.service(quartz, Platform.compressed());
        assumeTrue(!service.icmpMethod().startsWith("ICMP unavailable"), service.icmpMethod());
        await().atMost(PATIENCE).until(() -> health("acme-fw3").state() == HealthState.UP);

        ns.dropPacketsTo(address, true);
        try {
            await().atMost(PATIENCE).until(() -> health("acme-fw3").state() == HealthState.FAULT);
            DeviceHealth fault = health("acme-fw3");
            // a dropped SYN is a timeout, told apart from a refusal (the device answering with a reset)
            assertTrue(fault.detail().contains("tcp/2224 on " + address + " did not answer within 1000 ms"),
                    fault.detail());
            assertFalse(fault.detail().contains("refused"), fault.detail());
            assertEquals("device-fault", platform.incidents.find(fault.incidentId()).orElseThrow().category());
        } finally {
            ns.dropPacketsTo(address, false);
        }
        String incident = platform.incidents.list(new IncidentStore.Filter("acme", null, null, null, 10)).stream()
                .filter(i -> i.title().contains("acme-fw3")).findFirst().orElseThrow().id();
        await().atMost(PATIENCE).until(() -> health("acme-fw3").state() == HealthState.UP);
        assertEquals(IncidentStatus.CLOSED, platform.incidents.find(incident).orElseThrow().status(),
                "the recovery closes the fault");
        assertEquals(List.of(HealthState.UP, HealthState.RETRYING, HealthState.FAULT, HealthState.UP), history("acme-fw3"));
    }

    @Test
    void devicesBehindAnUpstreamThatStopsAnsweringMakeOneFaultOfTheUpstream() throws Exception {
        platform.device("acme-rtr", ns.address(5));
        platform.device("acme-fw2", ns.address(6));
        platform.settings(new HealthSettings("acme-fw2", null, null, null, null, null, "acme-rtr"));
        service = platform.service(quartz, Platform.compressed());
        assumeTrue(!service.icmpMethod().startsWith("ICMP unavailable"), service.icmpMethod());
        await().atMost(PATIENCE).until(() -> health("acme-rtr").state() == HealthState.UP
                && health("acme-fw2").state() == HealthState.UP);

        ns.answerPings(false);
        await().atMost(PATIENCE).until(() -> health("acme-rtr").state() == HealthState.FAULT
                && health("acme-fw2").state() == HealthState.FAULT);
        String upstreamIncident = health("acme-rtr").incidentId();
        assertEquals(upstreamIncident, health("acme-fw2").incidentId(), "the device behind shows its upstream's fault");
        assertEquals(1, platform.incidents.list(new IncidentStore.Filter("acme", null, null, null, 10)).size(),
                "one incident, the upstream's");
    }
}
