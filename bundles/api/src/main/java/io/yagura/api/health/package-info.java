/**
 * Device health: whether each monitored device answers (ICMP echo, a TCP connect to a configured
 * port) and still sends logs, its state, its history of state changes, and the per-device health
 * settings. Read by the console and the portal through {@link io.yagura.api.health.DeviceHealthView};
 * kept by a {@link io.yagura.api.health.HealthStore}; ingestion reports log arrivals through
 * {@link io.yagura.api.health.LogActivity}, and the nodes share them through a
 * {@link io.yagura.api.health.LastLogStore}.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package io.yagura.api.health;
