package io.yagura.health;

import java.time.Duration;

/** The platform-wide timings of health checks (io.yagura.health), before per-device overrides. */
record Timings(Duration interval, Duration retryGap, int retries, Duration faultAfter, Duration silence,
               Duration pingTimeout, Duration tcpTimeout) {

    static Timings of(HealthConfig c) {
        return new Timings(seconds(c.interval_seconds(), 1), seconds(c.retry_gap_seconds(), 1), Math.max(0, c.retries()),
                seconds(c.fault_after_seconds(), 0), seconds(c.silence_threshold_seconds(), 0),
                Duration.ofMillis(Math.max(100, c.ping_timeout_ms())), Duration.ofMillis(Math.max(100, c.tcp_timeout_ms())));
    }

    private static Duration seconds(int value, int floor) {
        return Duration.ofSeconds(Math.max(floor, value));
    }
}
