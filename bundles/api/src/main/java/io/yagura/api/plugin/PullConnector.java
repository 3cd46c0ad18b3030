package io.yagura.api.plugin;

import java.util.function.Consumer;

/**
 * Optional capability: fetch events from a device that does not push them (for example
 * Cisco IPS over SDEE/HTTPS). Declared now; the first implementation comes with the
 * Cisco IPS plugin.
 */
public interface PullConnector {

    /** Endpoint of one device to poll. */
    record Endpoint(String deviceId, String customerId, String url, String username, char[] secret) {
    }

    /**
     * Fetches what is new since the last call and hands each raw record to {@code sink}.
     *
     * @return an opaque cursor to pass back next time (so nothing is read twice)
     */
    String pull(Endpoint endpoint, String cursor, Consumer<String> sink) throws Exception;
}
