package io.yagura.api.health;

import java.time.Duration;

/**
 * Per-device health settings; a null field takes the platform default (etc/io.yagura.health.cfg).
 *
 * @param deviceId         the registry's device id
 * @param address          the address probed; null: the device's first registered address
 * @param ping             false: no ICMP echo (a device that never answers it); null: ping
 * @param tcpPort          a port probed by TCP connect (management or service port); null: the
 *                         management endpoint's port when its URL names an IP address, else none
 * @param interval         time between probes while the device answers
 * @param silenceThreshold log silence longer than this is reported; {@link Duration#ZERO}: never
 * @param upstream         the device in front of this one (its router or firewall): when both
 *                         stop answering, it is one fault of the upstream
 */
public record HealthSettings(String deviceId, String address, Boolean ping, Integer tcpPort, Duration interval,
                             Duration silenceThreshold, String upstream) {

    /** No override: every default applies. */
    public static HealthSettings defaults(String deviceId) {
        return new HealthSettings(deviceId, null, null, null, null, null, null);
    }
}
