package io.yagura.itests;

import static io.yagura.itests.Await.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.yagura.api.health.DeviceHealthView;
import io.yagura.api.health.HealthState;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.api.registry.Secret;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockState;
import io.yagura.api.response.BlockStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.KarafDistributionOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The SOC acting on customers' devices, in one boot: an Emergency story sent by a real syslog
 * client makes the platform block the attacker on the customer's (emulated, SSH CLI) Cisco ASA,
 * verified by reading the device's configuration back; the same holds for each other vendor
 * with a firewall driver: a Juniper SRX (NETCONF), a Palo Alto PAN-OS (XML API), a Check Point
 * management server (Web API) and a FortiGate (REST API), each the one firewall of its own
 * customer (policy auto-emergency), whose Emergency story (an IPS alert on an inside host, then
 * that host's TCP connection to the attacker) arrives as that device's TCP syslog from its
 * registered address, all four at once; every block is ACTIVE (placed and read back by the
 * driver) within 30 s of the story's last line. A safelisted address is refused; a firewall that
 * drops the connection in the middle of the change is rolled back and the block reported failed;
 * a device that does not answer ICMP is declared faulty on a compressed schedule, with a Critical
 * device-fault incident; a device that logged once over TCP syslog and went quiet is reported
 * SILENT with a device-silence incident, closed when its next line arrives; the response bundle
 * is stopped while the Emergency's block falls due (nothing expires meanwhile) and started again;
 * and the automatic blocks (one minute here) are removed from every vendor's device at their
 * expiry, the overdue one as soon as the bundle is back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EmergencyResponseIT {

    private static final String ATTACKER = "203.0.113.7";
    private static final String QUIET_ADDRESS = "127.0.4.9";

    @Inject
    BundleContext context;

    /**
     * A firewall of another vendor than Cisco, the only device of its own customer, with the
     * attacker and inside victim of its Emergency story (none shared, so no incident merges).
     *
     * @param property prefix of the system properties {@link Firewalls} gives its endpoint and fingerprint in
     */
    private record VendorFirewall(String vendor, String product, int n, String property, String username,
                                  String secret, String attacker) {
        String customer() {
            return "it-" + vendor;
        }

        String device() {
            return "it-" + vendor + "-fw";
        }

        /** Where its syslog comes from: a loopback address of its own. */
        String address() {
            return "127.0.4." + n;
        }

        String network() {
            return "10.4" + n + ".0.0/16";
        }

        String victim() {
            return "10.4" + n + ".0.5";
        }

        ManagementEndpoint endpoint() {
            return new ManagementEndpoint(System.getProperty("yagura.itest." + property + ".url"), username,
                    Secret.of(secret), null, null);
        }
    }

    private static final List<VendorFirewall> OTHER_VENDORS = List.of(
            new VendorFirewall("juniper-srx", "SRX345", 1, "srx", Firewalls.USER, Firewalls.PASSWORD, "203.0.113.41"),
            new VendorFirewall("paloalto", "PA-3220", 2, "panos", Firewalls.USER, Firewalls.PASSWORD, "203.0.113.42"),
            new VendorFirewall("checkpoint", "Quantum 6600", 3, "checkpoint", Firewalls.USER, Firewalls.PASSWORD,
                    "198.51.100.43"),
            new VendorFirewall("fortinet", "FortiGate 60F", 4, "fortigate", null, Firewalls.FORTIGATE_TOKEN,
                    "198.51.100.44"));

    @Inject
    CamelContext camel;

    @Inject
    DeviceRegistry registry;

    @Inject
    BlockStore blocks;

    @Inject
    IncidentStore incidents;

    @Inject
    DeviceHealthView health;

    @Inject
    SessionFactory sessions;

    @Configuration
    public Option[] config() {
        List<Option> options = YaguraKaraf.distribution();
        for (String[] property : Firewalls.start()) {
            options.add(CoreOptions.systemProperty(property[0]).value(property[1]));
        }
        // blocks of an automatic Emergency last one minute here, checked every 2 s; the story's
        // attacker is in a documentation range, which production refuses by default
        put(options, "etc/io.yagura.response.cfg", "default.expiry.minutes", "1");
        put(options, "etc/io.yagura.response.cfg", "expiry.check.seconds", "2");
        put(options, "etc/io.yagura.response.cfg", "allow.special.ranges", "true");
        // health on a compressed schedule: fault 5 s after the first failed echo
        put(options, "etc/io.yagura.health.cfg", "check.period.seconds", "1");
        put(options, "etc/io.yagura.health.cfg", "interval.seconds", "2");
        put(options, "etc/io.yagura.health.cfg", "retries", "1");
        put(options, "etc/io.yagura.health.cfg", "retry.gap.seconds", "1");
        put(options, "etc/io.yagura.health.cfg", "fault.after.seconds", "5");
        return options.toArray(new Option[0]);
    }

    private static void put(List<Option> options, String file, String key, String value) {
        options.add(KarafDistributionOption.editConfigurationFilePut(file, key, value));
    }

    @Test

    public void blocksEachVendorsEmergencyAttackerRollsBackABrokenChangeAndWatchesDevices() throws Exception {
        Await.platformReady(camel);
        // the response commands are registered, then bind the block service when its component is
        // satisfied, which on a slow machine can be well after the routes start
        await("the response commands bound to the block service", () -> {
            try {
                return !ShellConsole.run(sessions, "yagura:blocks --customer demo").contains("not available");
            } catch (Exception notRegisteredYet) { // "Command not found" until the response bundle is up
                return false;
            }
        }, 120);

        // A device that never answers ICMP (off every local subnet): its fault accrues while the rest runs.
        registry.putDevice(new Device("it-silent-fw", "demo", "cisco-asa", "ASA",
                List.of(System.getProperty("yagura.itest.silent.address"))));

        // A device that logs once through a real TCP syslog connection, then goes quiet: its silence
        // threshold is 3 s here (per device), judged while the rest runs.
        registry.putDevice(new Device("it-quiet-ids", "demo", "cisco-asa", "ASA", List.of(QUIET_ADDRESS)));
        console("yagura:health-set --ping false --silence 3s it-quiet-ids");
        SyslogClient.sendTcpFrom(QUIET_ADDRESS, List.of("%ASA-6-305011: Built dynamic TCP translation from "
                + "inside:10.0.0.9/51000 to outside:198.51.100.5/51000"));

        // The demo ASA gets its management endpoint; a second customer's ASA breaks mid-change.
        Device asa = registry.device("demo-asa").orElseThrow();
        registry.putDevice(asa.withManagement(endpoint("yagura.itest.asa.port")));
        registry.putCustomer(new Customer("itfw", "Firewall test customer", List.of("172.16.0.0/12")));
        registry.putDevice(new Device("it-broken-asa", "itfw", "cisco-asa", "ASA", List.of("127.0.3.1"))
                .withManagement(endpoint("yagura.itest.broken.port")));
        console("yagura:device-trust --accept " + System.getProperty("yagura.itest.asa.fingerprint") + " demo-asa");
        console("yagura:device-trust --accept " + System.getProperty("yagura.itest.broken.fingerprint") + " it-broken-asa");
        console("yagura:block-policy demo auto-emergency");
        // One firewall of each other vendor, each the only device of its own customer.
        for (VendorFirewall fw : OTHER_VENDORS) {
            registry.putCustomer(new Customer(fw.customer(), fw.vendor() + " firewall test customer", List.of(fw.network())));
            registry.putDevice(new Device(fw.device(), fw.customer(), fw.vendor(), fw.product(), List.of(fw.address()))
                    .withManagement(fw.endpoint()));
            console("yagura:device-trust --accept " + System.getProperty("yagura.itest." + fw.property() + ".fingerprint")
                    + " " + fw.device());
            console("yagura:block-policy " + fw.customer() + " auto-emergency");
        }

        // 1. A safelisted address (the customer's DNS resolver) is refused before any device is touched.
        console("yagura:safelist --customer demo --add 198.51.100.53 --note resolver");
        String refused = console("yagura:block --customer demo --reason itest 198.51.100.53");
        await("the safelisted address refused", () -> stateOf("demo", "198.51.100.53")
                .map(b -> b.state() == BlockState.REFUSED).orElse(false), 20, () -> refused + "\n" + table("demo"));

        // 2. The README's Emergency story from a real syslog client: blocked and verified within 30 s.
        SyslogClient.logger("-T", "%ASA-4-400032: IPS:4051 UDP Snork attack from " + ATTACKER
                + " to 10.0.0.5 on interface outside");
        SyslogClient.logger("-T", "%ASA-6-302013: Built outbound TCP connection 881234 for outside:" + ATTACKER
                + "/4444 (" + ATTACKER + "/4444) to inside:10.0.0.5/50433 (198.51.100.5/50433)");
        await("the attacker blocked and verified on the demo ASA", () -> stateOf("demo", ATTACKER)
                .map(b -> b.state() == BlockState.ACTIVE).orElse(false), 30, () -> table("demo") + "\n" + story("demo", ATTACKER));
        String listed = console("yagura:blocks --customer demo");
        assertTrue(listed, listed.contains(ATTACKER));

        // 2b. Each other vendor's Emergency story from its firewall's own address, all four at once:
        //     each attacker blocked on that firewall by its driver and read back within 30 s.
        for (VendorFirewall fw : OTHER_VENDORS) {
            SyslogClient.sendTcpFrom(fw.address(), EmergencyStories.lines(fw.vendor(), fw.attacker(), fw.victim(),
                    Instant.now()));
        }
        long sent = System.nanoTime();
        for (VendorFirewall fw : OTHER_VENDORS) {
            int left = (int) Math.max(1, 30 - (System.nanoTime() - sent) / 1_000_000_000L);
            await(fw.vendor() + ": the attacker blocked and verified on " + fw.device(), () -> stateOf(fw.customer(),
                    fw.attacker()).map(b -> b.state() == BlockState.ACTIVE && fw.device().equals(b.deviceId()))
                    .orElse(false), left, () -> table(fw.customer()) + "\n" + story(fw.customer(), fw.attacker()));
        }
        String all = console("yagura:blocks");
        for (VendorFirewall fw : OTHER_VENDORS) {
            assertTrue(fw.attacker() + " on " + fw.device() + " listed:\n" + all, all.lines()
                    .anyMatch(l -> l.contains(fw.attacker()) && l.contains(fw.device())));
            // the device's configuration read again through its driver holds exactly the active block
            String reconciled = console("yagura:blocks --reconcile --device " + fw.device());
            assertTrue(reconciled, reconciled.contains(fw.device() + ": 1 block(s) on the device and active in the store")
                    && !reconciled.contains(" only: "));
        }

        // 3. A firewall that drops the session right after the change: rolled back, reported FAILED.
        String placed = console("yagura:block --device it-broken-asa --reason itest 198.51.100.77");
        stateOf("itfw", "198.51.100.77").filter(b -> b.state() == BlockState.PENDING_APPROVAL)
                .ifPresent(b -> console("yagura:block-approve " + b.id()));
        await("the broken change reported failed", () -> stateOf("itfw", "198.51.100.77")
                .map(b -> b.state() == BlockState.FAILED).orElse(false), 60, () -> placed + "\n" + table("itfw"));
        Block failed = stateOf("itfw", "198.51.100.77").orElseThrow();
        assertTrue(failed.deviceAnswer(), failed.deviceAnswer().toLowerCase().contains("roll"));

        // 4. The device that never answers is declared faulty: a Critical device-fault incident.
        await("the silent firewall declared faulty", () -> health.state("it-silent-fw")
                .map(h -> h.state() == HealthState.FAULT && h.incidentId() != null).orElse(false), 60,
                () -> String.valueOf(health.state("it-silent-fw")) + " ICMP: " + health.icmpMethod());
        String faultIncident = health.state("it-silent-fw").orElseThrow().incidentId();
        assertTrue(incidents.find(faultIncident).map(i -> "device-fault".equals(i.category())).orElse(false));
        String shown = console("yagura:health --device it-silent-fw");
        assertTrue(shown, shown.contains("FAULT"));

        // 4b. The quiet device: its logs stopped, reported SILENT with a device-silence incident; a new
        //     line closes it.
        await("the quiet device reported silent", () -> health.state("it-quiet-ids")
                .map(h -> h.state() == HealthState.SILENT && h.incidentId() != null).orElse(false), 60,
                () -> String.valueOf(health.state("it-quiet-ids")));
        String silenceIncident = health.state("it-quiet-ids").orElseThrow().incidentId();
        assertTrue(incidents.find(silenceIncident).map(i -> "device-silence".equals(i.category())).orElse(false));
        SyslogClient.sendTcpFrom(QUIET_ADDRESS, List.of("%ASA-6-305012: Teardown dynamic TCP translation from "
                + "inside:10.0.0.9/51000 to outside:198.51.100.5/51000 duration 0:00:30"));
        await("its logs back: the silence incident closed", () -> incidents.find(silenceIncident)
                .map(i -> i.status() == IncidentStatus.CLOSED).orElse(false), 30,
                () -> String.valueOf(health.state("it-quiet-ids")));

        // 4c. The response bundle is down while the Emergency's block falls due: nothing expires
        //     meanwhile; started again, it finds the due block in the store and removes it.
        Bundle response = Arrays.stream(context.getBundles())
                .filter(b -> "io.yagura.yagura-response".equals(b.getSymbolicName())).findFirst().orElseThrow();
        Block due = stateOf("demo", ATTACKER).orElseThrow();
        response.stop();
        await("the Emergency's block due while the response bundle is stopped",
                () -> Instant.now().isAfter(due.expiresAt().plusSeconds(3)), 120, () -> table("demo"));
        assertEquals(table("demo"), BlockState.ACTIVE, stateOf("demo", ATTACKER).orElseThrow().state());
        response.start();

        // 5. The automatic block ends at its expiry (one minute here): removed from the ASA.
        await("the Emergency's block removed at its expiry", () -> stateOf("demo", ATTACKER)
                .map(b -> b.state() == BlockState.EXPIRED).orElse(false), 120, () -> table("demo"));
        // the other vendors' blocks were placed seconds later: each driver removes its own
        for (VendorFirewall fw : OTHER_VENDORS) {
            await(fw.vendor() + ": the Emergency's block removed from " + fw.device() + " at its expiry",
                    () -> stateOf(fw.customer(), fw.attacker()).map(b -> b.state() == BlockState.EXPIRED).orElse(false),
                    60, () -> table(fw.customer()));
        }
    }

    private static ManagementEndpoint endpoint(String portProperty) {
        return new ManagementEndpoint("ssh://127.0.0.1:" + System.getProperty(portProperty), Firewalls.USER,
                Secret.of(Firewalls.PASSWORD), null, null);
    }

    /** The newest block of an address for a customer. */
    private Optional<Block> stateOf(String customer, String address) {
        return blocks.list(new BlockStore.Filter(customer, null, null, null, 0)).stream()
                .filter(b -> b.address().equals(address)).findFirst();
    }

    /** A customer's incidents naming an attacker, with their level, rationale and kept evidence (for failure messages). */
    private String story(String customer, String attacker) {
        return incidents.list(new IncidentStore.Filter(customer, null, null, null, 50)).stream()
                .filter(i -> i.attackers().contains(attacker))
                .map(i -> i.id() + " " + i.level() + " " + i.rationale() + "\n  evidence: " + incidents.evidence(i.id(), 20)
                        .stream().map(e -> e.getString(io.yagura.api.event.Ecs.EVENT_ORIGINAL)).toList())
                .collect(Collectors.joining("\n"));
    }

    private String table(String customer) {
        return blocks.list(new BlockStore.Filter(customer, null, null, null, 0)).stream()
                .map(b -> b.address() + " " + b.deviceId() + " " + b.state() + " " + b.deviceAnswer())
                .collect(Collectors.joining("\n"));
    }

    private String console(String command) {
        try {
            return ShellConsole.run(sessions, command);
        } catch (Exception e) {
            throw new AssertionError(command + ": " + e.getMessage(), e);
        }
    }
}
