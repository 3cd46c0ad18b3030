package io.yagura.api.ingest;

import java.io.IOException;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where the polling of each pulled device stands: the cursor of the last batch of records that
 * was durably queued ({@code PullConnector.Batch.cursor()}), kept across restarts so that a
 * device is read on from there. The platform's pull scheduler writes it after each queued batch
 * and reads it before each poll; consoles may read it.
 */
@ProviderType
public interface PullCursors {

    /** The device's cursor, or null when none was stored (the first poll ever). */
    String get(String deviceId);

    /**
     * Stores the device's cursor durably before returning (a crash afterwards keeps it).
     *
     * @throws IOException when it could not be stored; the previous cursor stays
     */
    void put(String deviceId, String cursor) throws IOException;

    /** Forgets the device's cursor (the device was removed): its next poll is a first one. */
    void remove(String deviceId) throws IOException;

    /** Every stored cursor, device id → cursor, for display. */
    Map<String, String> all();
}
