package io.yagura.health;

import java.time.Duration;

/** The platform-wide timings of health checks (io.yagura.health), before per-device overrides. */
record Timings(Duration interval, Duration retryGap, int retries, Duration faultAfter, Duration silence,
               int learnedFactor, Duration pingTimeout, Duration tcpTimeout) {

    /** A learned gap counts half after this long: a weekend's silence is still known the next Friday. */
    static final Duration LEARNED_HALF_LIFE = Duration.ofDays(7);

    static Timings of(HealthConfig c) {
        return new Timings(seconds(c.interval_seconds(), 1), seconds(c.retry_gap_seconds(), 1), Math.max(0, c.retries()),
                seconds(c.fault_after_seconds(), 0), seconds(c.silence_threshold_seconds(), 0),
                Math.max(0, c.silence_learned_factor()), Duration.ofMillis(Math.max(100, c.ping_timeout_ms())), Duration.ofMillis(Math.max(100, c.tcp_timeout_ms())));
    }

    /** The silence that is reported for a device: its floor, or its learned gap times the factor when longer. */
    Duration silenceAfter(Duration floor, Duration learnedGap) {
        if (floor.isZero() || learnedGap == null || learnedFactor == 0) {
            return floor;
        }
        Duration learned = learnedGap.multipliedBy(learnedFactor);
        return learned.compareTo(floor) > 0 ? learned : floor;
    }

    /** The longest normal gap after one more gap between two arrivals: the older one weighs less with time. */
    static Duration learn(Duration learned, Duration gap) {
        if (learned == null) {
            return gap;
        }
        double weight = Math.pow(0.5, (double) gap.toSeconds() / LEARNED_HALF_LIFE.toSeconds());
        Duration faded = Duration.ofSeconds((long) (learned.toSeconds() * weight));
        return gap.compareTo(faded) > 0 ? gap : faded;
    }

    private static Duration seconds(int value, int floor) {
        return Duration.ofSeconds(Math.max(floor, value));
    }
}
