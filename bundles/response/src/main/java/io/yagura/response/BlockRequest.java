package io.yagura.response;

import java.time.Duration;
import java.util.List;

/**
 * A request to block (or, for an internal host, quarantine) an address.
 *
 * @param customerId     whose firewalls; null: the incident's, else the first device's
 * @param incidentId     the incident that justifies it; null for a block by hand without one
 * @param address        address or CIDR network, as typed or as the incident lists it
 * @param deviceIds      the firewalls to place it on; empty: every firewall of the customer that can
 * @param expiresIn      how long it lasts; null: the configured default
 * @param actor          the analyst's login, or {@link #AUTO} for the automatic path
 * @param reason         why, for the audit and the device comment
 * @param forceSpoofable an analyst blocks although the evidence could be forged (audited)
 */
public record BlockRequest(String customerId, String incidentId, String address, List<String> deviceIds,
                           Duration expiresIn, String actor, String reason, boolean forceSpoofable) {

    /** The actor of policy-driven requests. */
    public static final String AUTO = "auto";

    public BlockRequest {
        deviceIds = deviceIds == null ? List.of() : List.copyOf(deviceIds);
    }

    boolean automatic() {
        return AUTO.equals(actor);
    }
}
