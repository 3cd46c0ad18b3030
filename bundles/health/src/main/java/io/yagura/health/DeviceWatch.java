package io.yagura.health;

import io.yagura.api.health.DeviceHealth;
import io.yagura.api.health.HealthState;
import java.time.Duration;
import java.time.Instant;

/**
 * The live health of one device, changed only under its own lock (by the scheduler's check and
 * by its probe's completion). Reachability and log silence are judged apart; the state shown is
 * the more alarming of the two.
 */
final class DeviceWatch {

    /** Whether the device answers its probes. */
    enum Reach { UNKNOWN, UP, RETRYING, FAULT, UNAVAILABLE }

    final String deviceId;
    String customerId;
    /** Read without the lock by devices behind this one (route check). */
    volatile Reach reach = Reach.UNKNOWN;
    boolean silent;
    HealthState shown = HealthState.UNKNOWN;
    Instant since;
    Instant lastCheck;
    Instant lastAnswer;
    Instant lastLog;
    /** The longest normal gap between its logs, learned; null until two arrivals were seen. */
    Duration learnedGap;
    /** The last log as last stored: stored again once it is an interval newer. */
    Instant lastLogStored;
    Instant firstFailure;
    /** Failed probes in the current run of failures. */
    int failedProbes;
    /** Read without the lock by devices behind this one. */
    volatile String faultIncident;
    String silenceIncident;
    /** The upstream device whose fault incident covers this device's, or null. */
    String coveredBy;
    String detail = "not checked yet";
    boolean probing;

    DeviceWatch(String deviceId, String customerId, Instant now) {
        this.deviceId = deviceId;
        this.customerId = customerId;
        this.since = now;
    }

    /** Takes up where a stored state left off (after a restart). */
    static DeviceWatch restore(DeviceHealth h) {
        DeviceWatch w = new DeviceWatch(h.deviceId(), h.customerId(), h.since());
        w.shown = h.state();
        w.lastCheck = h.lastCheck();
        w.lastAnswer = h.lastAnswer();
        w.lastLog = h.lastLog();
        w.learnedGap = h.learnedGap();
        w.firstFailure = h.firstFailure();
        w.detail = h.detail();
        w.silent = h.state() == HealthState.SILENT;
        w.reach = switch (h.state()) {
            case FAULT -> Reach.FAULT;
            case RETRYING -> Reach.RETRYING;
            case ICMP_UNAVAILABLE -> Reach.UNAVAILABLE;
            case UP, SILENT -> Reach.UP;
            case UNKNOWN -> Reach.UNKNOWN;
        };
        return w;
    }

    /** The state to show: a missing answer before silence, silence before anything else. */
    HealthState state() {
        if (reach == Reach.FAULT) {
            return HealthState.FAULT;
        }
        if (reach == Reach.RETRYING) {
            return HealthState.RETRYING;
        }
        if (silent) {
            return HealthState.SILENT;
        }
        return switch (reach) {
            case UP -> HealthState.UP;
            case UNAVAILABLE -> HealthState.ICMP_UNAVAILABLE;
            default -> HealthState.UNKNOWN;
        };
    }

    DeviceHealth toHealth(String upstreamIncident) {
        String incident = faultIncident != null ? faultIncident
                : coveredBy != null ? upstreamIncident : silenceIncident;
        return new DeviceHealth(deviceId, customerId, shown, since, lastCheck, lastAnswer, lastLog, firstFailure,
                incident, detail, learnedGap);
    }
}
