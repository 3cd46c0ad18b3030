package io.yagura.api.health;

import java.time.Duration;
import java.time.Instant;

/**
 * The health of one device as last judged.
 *
 * @param deviceId     the registry's device id
 * @param customerId   its customer
 * @param state        where it stands
 * @param since        when it entered this state
 * @param lastCheck    when it was last probed, or null
 * @param lastAnswer   when it last answered every probe, or null
 * @param lastLog      when a log line of it was last received, or null
 * @param firstFailure when the current run of failed probes began, or null while it answers
 * @param incidentId   the open fault or silence incident, or null
 * @param detail       one sentence: what the last probe found (for operators, never a secret)
 * @param learnedGap   the longest normal gap between its logs, as learned (older gaps weigh less), or null
 */
public record DeviceHealth(String deviceId, String customerId, HealthState state, Instant since, Instant lastCheck,
                           Instant lastAnswer, Instant lastLog, Instant firstFailure, String incidentId, String detail,
                           Duration learnedGap) {

    /** A device never judged yet. */
    public static DeviceHealth unknown(String deviceId, String customerId, Instant now) {
        return new DeviceHealth(deviceId, customerId, HealthState.UNKNOWN, now, null, null, null, null, null,
                "not checked yet", null);
    }
}
