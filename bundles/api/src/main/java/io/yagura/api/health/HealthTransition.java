package io.yagura.api.health;

import java.time.Instant;

/** One change of a device's health state, kept as its history. */
public record HealthTransition(String deviceId, Instant at, HealthState from, HealthState to, String reason) {
}
