package io.yagura.api.health;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * When a log line of each device last arrived at any node, shared by the nodes of one database:
 * with several nodes each one receives only its share of a device's lines, so the node that
 * judges log silence must see what the others received. Each node records its own arrivals now
 * and then (not per line); a stored time only moves forward, so a node that writes late never
 * takes back what another node recorded.
 */
@ProviderType
public interface LastLogStore {

    /**
     * Records, per device, when this node last received its logs, unless a later time is stored
     * already. One call for many devices; durable when it returns.
     *
     * @param nodeId   the recording node, kept beside the time for the operator
     * @param arrivals device id → the arrival of its latest line at that node
     */
    void record(String nodeId, Map<String, Instant> arrivals);

    /** The latest arrival of the device's logs at any node, if one was recorded. */
    Optional<Instant> lastLog(String deviceId);

    /** Every device's latest arrival at any node, device id → time. */
    Map<String, Instant> all();

    /** Forgets the device (it left the registry). */
    void remove(String deviceId);
}
