package io.yagura.health;

import java.time.Duration;
import java.time.Instant;

/**
 * A device fault about to become an incident.
 *
 * @param kind       does not answer, or sends no logs
 * @param deviceId   the device
 * @param customerId its customer
 * @param address    the address probed
 * @param since      first failed probe, or the last log
 * @param lastAnswer when it last answered, or null
 * @param lastLog    when its last log arrived, or null
 * @param finding    what the probes found (one sentence)
 * @param silence    the silence threshold (log silence)
 */
record Fault(Kind kind, String deviceId, String customerId, String address, Instant since, Instant lastAnswer,
             Instant lastLog, String finding, Duration silence) {

    /** The two kinds of device fault, each its own incident category. */
    enum Kind {
        UNREACHABLE("device-fault", "yagura-health-unreachable"),
        SILENCE("device-silence", "yagura-health-log-silence");

        final String category;
        final String rule;

        Kind(String category, String rule) {
            this.category = category;
            this.rule = rule;
        }

        /** The aggregation key: one open incident per device and kind. */
        String key(String deviceId) {
            return "health:" + category + ":" + deviceId;
        }
    }
}
