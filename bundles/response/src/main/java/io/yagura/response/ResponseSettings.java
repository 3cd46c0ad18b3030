package io.yagura.response;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What operators set per customer at run time, kept in the database: the blocking policy and
 * the customer's extra safelist ({@link #GLOBAL}: additions to the configured global safelist).
 */
public interface ResponseSettings {

    /** The customer id under which the global safelist additions are stored. */
    String GLOBAL = "*";

    /** A stored policy and who set it. */
    record PolicyEntry(String customerId, ResponsePolicy policy, String changedBy, Instant changedAt) {
    }

    /** One safelisted network (an address is a /32 or /128). */
    record SafelistEntry(String customerId, String network, String note, String addedBy, Instant addedAt) {
    }

    /** The stored policy; empty means {@link ResponsePolicy#DEFAULT}. */
    Optional<PolicyEntry> policy(String customerId);

    void setPolicy(PolicyEntry entry);

    List<SafelistEntry> safelist(String customerId);

    /** Adds or replaces the entry for its network. */
    void addSafelist(SafelistEntry entry);

    /** @return true when the network was listed */
    boolean removeSafelist(String customerId, String network);
}
