package io.yagura.health;

import io.yagura.api.health.HealthSettings;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.format.net.Addresses;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * How one device is watched: the device's health settings over the platform defaults.
 *
 * @param address    the address pinged (the settings' or the device's first)
 * @param ping       whether ICMP echo is sent
 * @param tcpAddress where the TCP probe connects, or null for no TCP probe
 * @param tcpPort    its port
 * @param interval   between probes while it answers
 * @param silence    log silence reported after this; zero: never
 * @param upstream   the device in front of it, or null
 * @param retries    probes after the first failure, {@code retryGap} apart
 * @param retryGap   between those retries
 * @param faultAfter a device still failing this long after its first failure is faulty
 */
record Plan(String address, boolean ping, String tcpAddress, int tcpPort, Duration interval, Duration silence,
            String upstream, int retries, Duration retryGap, Duration faultAfter) {

    /** Default ports of management URL schemes, for a URL that names none. */
    private static final Map<String, Integer> SCHEME_PORTS = Map.of("https", 443, "http", 80, "ssh", 22, "netconf", 830);

    static Plan of(Device d, HealthSettings s, Timings t) {
        HealthSettings settings = s == null ? HealthSettings.defaults(d.id()) : s;
        String address = settings.address() != null ? settings.address()
                : d.addresses().isEmpty() ? null : d.addresses().get(0);
        String tcpAddress = null;
        int tcpPort = 0;
        if (settings.tcpPort() != null && settings.tcpPort() > 0) {
            tcpAddress = address;
            tcpPort = settings.tcpPort();
        } else {
            URI management = managementUri(d.management());
            if (management != null) {
                tcpAddress = Addresses.normalize(management.getHost());
                tcpPort = management.getPort() > 0 ? management.getPort()
                        : SCHEME_PORTS.getOrDefault(String.valueOf(management.getScheme()).toLowerCase(Locale.ROOT), 0);
            }
        }
        if (tcpAddress == null || tcpPort <= 0) {
            tcpAddress = null;
            tcpPort = 0;
        }
        return new Plan(address, address != null && !Boolean.FALSE.equals(settings.ping()), tcpAddress, tcpPort,
                settings.interval() != null && !settings.interval().isZero() ? settings.interval() : t.interval(),
                settings.silenceThreshold() != null ? settings.silenceThreshold() : t.silence(), settings.upstream(),
                settings.retries() != null ? settings.retries() : t.retries(),
                settings.retryGap() != null && !settings.retryGap().isZero() ? settings.retryGap() : t.retryGap(),
                settings.faultAfter() != null ? settings.faultAfter() : t.faultAfter());
    }

    /** The management URL when it names an IP address (names are never resolved), else null. */
    private static URI managementUri(ManagementEndpoint m) {
        if (m == null || m.url() == null || m.url().isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(m.url().trim());
            return uri.getHost() != null && Addresses.isAddress(uri.getHost()) ? uri : null;
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }

    boolean tcp() {
        return tcpAddress != null;
    }

    /** Whether anything can be probed at all. */
    boolean probes() {
        return ping || tcp();
    }

    /** For the console and the incident: "ICMP 198.18.0.2, tcp/22". */
    String describe() {
        String icmp = ping ? "ICMP " + address : "no ICMP";
        return tcp() ? icmp + ", tcp/" + tcpPort + (tcpAddress.equals(address) ? "" : " on " + tcpAddress) : icmp;
    }
}
