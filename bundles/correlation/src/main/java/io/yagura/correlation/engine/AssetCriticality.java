package io.yagura.correlation.engine;

import io.yagura.correlation.rules.CidrTable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How much each customer's assets matter: addresses or networks (CIDR, IPv4 and IPv6) mapped to
 * low, medium or high. The most specific entry wins (a /32 inside a /16). Immutable; the OSGi layer
 * builds a new one when the registry changes. The engine writes the result to
 * {@code yagura.source.criticality} and {@code yagura.destination.criticality} (usable in rules)
 * and names a high-criticality target in the rationale.
 */
public final class AssetCriticality {

    /** Criticality of an asset. */
    public enum Criticality {
        LOW, MEDIUM, HIGH;

        public static Criticality parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "low" -> LOW;
                case "medium" -> MEDIUM;
                case "high" -> HIGH;
                default -> throw new IllegalArgumentException("unknown criticality '" + text + "' (low, medium, high)");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final AssetCriticality EMPTY = new AssetCriticality(Map.of());

    private final Map<String, CidrTable<Criticality>> byCustomer;

    private AssetCriticality(Map<String, CidrTable<Criticality>> byCustomer) {
        this.byCustomer = byCustomer;
    }

    public static AssetCriticality empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** From customer id → (address or CIDR → low|medium|high). */
    public static AssetCriticality of(Map<String, Map<String, String>> table) {
        Builder b = builder();
        table.forEach((customer, entries) -> entries.forEach((addr, c) -> b.add(customer, addr, Criticality.parse(c))));
        return b.build();
    }

    /** Criticality of {@code ip} for the customer, if any entry covers it. */
    public Optional<Criticality> lookup(String customerId, String ip) {
        if (customerId == null || ip == null) {
            return Optional.empty();
        }
        CidrTable<Criticality> t = byCustomer.get(customerId);
        return t == null ? Optional.empty() : Optional.ofNullable(t.lookup(ip));
    }

    public boolean isEmpty() {
        return byCustomer.isEmpty();
    }

    /** Collects entries; not thread-safe. */
    public static final class Builder {
        private final Map<String, CidrTable.Builder<Criticality>> tables = new HashMap<>();

        /** @throws IllegalArgumentException when the address is not an address or CIDR network */
        public Builder add(String customerId, String addressOrCidr, Criticality criticality) {
            tables.computeIfAbsent(customerId, c -> CidrTable.builder()).add(addressOrCidr, criticality);
            return this;
        }

        public AssetCriticality build() {
            Map<String, CidrTable<Criticality>> out = new HashMap<>();
            tables.forEach((k, v) -> out.put(k, v.build()));
            return new AssetCriticality(Map.copyOf(out));
        }
    }
}
