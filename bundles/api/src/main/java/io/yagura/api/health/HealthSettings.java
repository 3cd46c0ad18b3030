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
 * @param retries          probes after the first failure at {@code retryGap} before the normal interval
 * @param retryGap         time between those retries
 * @param faultAfter       a device still not answering this long after its first failure is faulty
 */
public record HealthSettings(String deviceId, String address, Boolean ping, Integer tcpPort, Duration interval,
                             Duration silenceThreshold, String upstream, Integer retries, Duration retryGap,
                             Duration faultAfter) {

    /** Settings with the retry timings of the platform defaults. */
    public HealthSettings(String deviceId, String address, Boolean ping, Integer tcpPort, Duration interval,
                          Duration silenceThreshold, String upstream) {
        this(deviceId, address, ping, tcpPort, interval, silenceThreshold, upstream, null, null, null);
    }

    /** No override: every default applies. */
    public static HealthSettings defaults(String deviceId) {
        return new HealthSettings(deviceId, null, null, null, null, null, null);
    }
}
