package io.yagura.api.health;

import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Told by ingestion that log lines of a registered device arrived, so that a device whose logs
 * stop is noticed. Called for every socket read or datagram, so implementations only note the
 * time (no I/O, no lock held long) and never throw.
 */
@ProviderType
public interface LogActivity {

    void received(String deviceId, Instant at);
}
