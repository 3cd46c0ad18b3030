package io.yagura.api.archive;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What to look for in the archive. A query always says whose events it reads: one customer's
 * ({@link #customer}) or, for SOC staff, every customer's ({@link #allCustomers}): there is no
 * default that silently crosses tenants. Criteria left out match everything.
 */
public final class ArchiveQuery {

    private final String customerId;
    private final String address;
    private final String rule;
    private final Instant from;
    private final Instant to;

    private ArchiveQuery(String customerId, String address, String rule, Instant from, Instant to) {
        this.customerId = customerId;
        this.address = address;
        this.rule = rule;
        this.from = from;
        this.to = to;
    }

    /** One customer's events only. */
    public static ArchiveQuery customer(String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("no customer given (name one, or search all customers explicitly)");
        }
        return new ArchiveQuery(customerId, null, null, null, null);
    }

    /** Every customer's events and those of unregistered sources: for SOC staff. */
    public static ArchiveQuery allCustomers() {
        return new ArchiveQuery(null, null, null, null, null);
    }

    /**
     * Events where this address, or an address of this CIDR network, is the source or the destination
     * (before or after NAT).
     */
    public ArchiveQuery address(String addressOrNetwork) {
        return new ArchiveQuery(customerId, blankToNull(addressOrNetwork), rule, from, to);
    }

    /** Events whose {@code rule.id} is this text, or whose {@code rule.name} contains it (any case). */
    public ArchiveQuery rule(String ruleIdOrName) {
        return new ArchiveQuery(customerId, address, blankToNull(ruleIdOrName), from, to);
    }

    /** Events received in [{@code from}, {@code to}); either may be null (open end). */
    public ArchiveQuery between(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the time range is empty: " + from + " is not before " + to);
        }
        return new ArchiveQuery(customerId, address, rule, from, to);
    }

    /** Empty when the query reads every customer's events. */
    public Optional<String> customerId() {
        return Optional.ofNullable(customerId);
    }

    public Optional<String> address() {
        return Optional.ofNullable(address);
    }

    public Optional<String> rule() {
        return Optional.ofNullable(rule);
    }

    public Optional<Instant> from() {
        return Optional.ofNullable(from);
    }

    public Optional<Instant> to() {
        return Optional.ofNullable(to);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArchiveQuery q && Objects.equals(customerId, q.customerId) && Objects.equals(address, q.address)
                && Objects.equals(rule, q.rule) && Objects.equals(from, q.from) && Objects.equals(to, q.to);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customerId, address, rule, from, to);
    }

    @Override
    public String toString() {
        return "ArchiveQuery[" + (customerId == null ? "all customers" : "customer " + customerId)
                + (address == null ? "" : ", address " + address) + (rule == null ? "" : ", rule " + rule)
                + (from == null ? "" : ", from " + from) + (to == null ? "" : ", to " + to) + "]";
    }
}
