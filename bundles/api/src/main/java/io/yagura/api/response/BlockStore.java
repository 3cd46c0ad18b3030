package io.yagura.api.response;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Persistence of blocks, their audit trail and the device identities (SSH host key or TLS
 * certificate fingerprints) an operator has accepted. Blocks live in the database so that
 * expiries survive a restart.
 */
@ProviderType
public interface BlockStore {

    /** Criteria for {@link #list}; null or empty fields match anything. */
    record Filter(String customerId, String deviceId, String incidentId, Collection<BlockState> states, int limit) {
    }

    /** Stores a new block (version 0 → 1). */
    Block create(Block block);

    /**
     * Stores a changed block if nobody changed it since it was read.
     *
     * @throws io.yagura.api.incident.IncidentStore.ConcurrentChangeException when the stored version differs
     */
    Block update(Block block);

    Optional<Block> find(String id);

    /** Newest first. */
    List<Block> list(Filter filter);

    /** Active blocks whose expiry is at or before {@code now}, oldest expiry first. */
    List<Block> dueForExpiry(Instant now, int limit);

    void audit(BlockAudit entry);

    /** Oldest first. */
    List<BlockAudit> audit(String blockId);

    /** The fingerprint an operator accepted for the device, if any. */
    Optional<String> pinnedFingerprint(String deviceId);

    /** Accepts (or replaces) a device's fingerprint; audited with who accepted it. */
    void pinFingerprint(String deviceId, String fingerprint, String acceptedBy, Instant at);
}
