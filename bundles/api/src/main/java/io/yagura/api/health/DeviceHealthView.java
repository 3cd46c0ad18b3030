package io.yagura.api.health;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** What the console and the portal show: every monitored device's health and its history. */
@ProviderType
public interface DeviceHealthView {

    /** The devices of the registry (a customer's when customerId is not null) with their health, by device id. */
    List<DeviceHealth> states(String customerId);

    Optional<DeviceHealth> state(String deviceId);

    /** Newest first. */
    List<HealthTransition> history(String deviceId, int limit);

    /** How this node sends ICMP echo ("fping /usr/bin/fping", …) or why it cannot. */
    String icmpMethod();
}
