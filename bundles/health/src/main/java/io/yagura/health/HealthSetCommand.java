package io.yagura.health;

import io.yagura.api.health.HealthSettings;
import io.yagura.api.health.HealthStore;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.format.net.Addresses;
import java.time.Duration;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

@Command(scope = "yagura", name = "health-set", description = "Sets how one device's health is watched: probed address, "
        + "ICMP on or off, a TCP port, its probe interval, retries and fault delay, its log-silence threshold, its upstream device.",
        detailedDescription = "Options not given keep their value; --reset returns to the defaults of "
        + "etc/io.yagura.health.cfg. Durations: 90s, 30m, 2h (or seconds).\n\nExamples:\n"
        + "  yagura:health-set --tcp-port 22 acme-fw1\n  yagura:health-set --ping false --tcp-port 443 acme-waf\n"
        + "  yagura:health-set --silence 2h --interval 60s acme-ips\n  yagura:health-set --upstream acme-rtr acme-fw1\n"
        + "  yagura:health-set --retries 4 --retry-gap 30s --fault-after 5m acme-core-fw\n"
        + "  yagura:health-set --reset acme-fw1")
@Service
public class HealthSetCommand implements Action {

    @Argument(index = 0, name = "device", required = true, description = "Device id")
    String device;

    @Option(name = "--address", description = "Address probed instead of the device's first address")
    String address;

    @Option(name = "--ping", description = "true or false: send ICMP echo to it")
    String ping;

    @Option(name = "--tcp-port", description = "Port probed by TCP connect (0: none)")
    Integer tcpPort;

    @Option(name = "--interval", description = "Time between probes while it answers")
    String interval;

    @Option(name = "--silence", description = "Log silence reported after this (0: never)")
    String silence;

    @Option(name = "--retries", description = "Probes after the first failure, --retry-gap apart (0: none)")
    Integer retries;

    @Option(name = "--retry-gap", description = "Time between those retries")
    String retryGap;

    @Option(name = "--fault-after", description = "A device still not answering this long after its first failure is faulty")
    String faultAfter;

    @Option(name = "--upstream", description = "Device in front of it (router, firewall): a common outage is its fault ('-': none)")
    String upstream;

    @Option(name = "--reset", description = "Forget this device's settings: the defaults apply")
    boolean reset;

    @Reference(optional = true)
    HealthStore store;

    @Reference
    DeviceRegistry registry;

    @Override
    public Object execute() throws CommandException {
        if (store == null) {
            throw new CommandException("The health store is not available on this node (feature yagura-health)");
        }
        try {
            System.out.println(apply());
        } catch (IllegalArgumentException e) {
            throw new CommandException("Not changed: " + e.getMessage(), e);
        }
        return null;
    }

    /** Validates and stores the change; returns what the operator is told. */
    String apply() {
        if (registry.device(device).isEmpty()) {
            throw new IllegalArgumentException("no device '" + device + "' (yagura:devices lists them)");
        }
        if (reset) {
            store.removeSettings(device);
            return "Device " + device + ": health settings reset to the defaults";
        }
        HealthSettings old = store.settings(device).orElse(HealthSettings.defaults(device));
        HealthSettings next = new HealthSettings(device,
                address == null ? old.address() : Addresses.toText(Addresses.require(address)),
                ping == null ? old.ping() : parseBoolean(ping),
                tcpPort == null ? old.tcpPort() : port(tcpPort),
                interval == null ? old.interval() : positive("--interval", parseDuration(interval)),
                silence == null ? old.silenceThreshold() : parseDuration(silence),
                upstream == null ? old.upstream() : upstream(upstream),
                retries == null ? old.retries() : retries(retries),
                retryGap == null ? old.retryGap() : positive("--retry-gap", parseDuration(retryGap)),
                faultAfter == null ? old.faultAfter() : parseDuration(faultAfter));
        store.putSettings(next);
        return "Device " + device + ": " + next;
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("--ping takes true or false, not '" + text + "'");
        };
    }

    private static Integer port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--tcp-port " + port + " is not a port (1-65535, 0: none)");
        }
        return port == 0 ? null : port;
    }

    private static Integer retries(int n) {
        if (n < 0 || n > 100) {
            throw new IllegalArgumentException("--retries " + n + " is not between 0 and 100");
        }
        return n;
    }

    private String upstream(String id) {
        if ("-".equals(id)) {
            return null;
        }
        if (id.equals(device)) {
            throw new IllegalArgumentException("a device cannot be its own upstream");
        }
        if (registry.device(id).isEmpty()) {
            throw new IllegalArgumentException("no device '" + id + "' to be the upstream");
        }
        // refuse a loop: walk the upstream chain (bounded by the number of devices)
        String at = id;
        for (int hops = 0; at != null && hops <= registry.devices().size(); hops++) {
            if (at.equals(device)) {
                throw new IllegalArgumentException(id + " is behind " + device + " already: that would be a loop");
            }
            at = store.settings(at).map(HealthSettings::upstream).orElse(null);
        }
        return id;
    }

    private static Duration positive(String option, Duration d) {
        if (d.isZero()) {
            throw new IllegalArgumentException(option + " must be longer than 0");
        }
        return d;
    }

    /** "90", "90s", "30m", "2h". */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            char unit = t.isEmpty() ? 's' : t.charAt(t.length() - 1);
            long n = Long.parseLong(Character.isDigit(unit) ? t : t.substring(0, t.length() - 1));
            Duration d = switch (unit) {
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                case 's' -> Duration.ofSeconds(n);
                default -> Character.isDigit(unit) ? Duration.ofSeconds(n) : null;
            };
            if (d == null || d.isNegative()) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (90s, 30m, 2h or seconds)");
        }
    }
}
