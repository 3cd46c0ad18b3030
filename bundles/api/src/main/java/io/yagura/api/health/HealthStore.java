package io.yagura.api.health;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Persistence of devices' health states, their transitions and per-device health settings. */
@ProviderType
public interface HealthStore {

    Optional<DeviceHealth> find(String deviceId);

    /** Every stored state, or a customer's (customerId not null), by device id. */
    List<DeviceHealth> list(String customerId);

    /** Stores (inserts or replaces) a device's state. */
    void save(DeviceHealth health);

    /** Forgets a device's state (it left the registry); its history is kept. */
    void remove(String deviceId);

    void addTransition(HealthTransition transition);

    /** A device's transitions, newest first. */
    List<HealthTransition> history(String deviceId, int limit);

    Optional<HealthSettings> settings(String deviceId);

    List<HealthSettings> allSettings();

    /** Stores (inserts or replaces) a device's settings. */
    void putSettings(HealthSettings settings);

    /** @return true when the device had settings */
    boolean removeSettings(String deviceId);
}
