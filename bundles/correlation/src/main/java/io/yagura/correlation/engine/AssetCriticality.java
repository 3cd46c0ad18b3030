package io.yagura.correlation.engine;

import io.yagura.format.net.NetworkTable;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How much each customer's assets matter: addresses or networks (CIDR, IPv4 and IPv6) mapped to
 * low, medium or high, with an optional name. The most specific entry wins (a /32 inside a /16).
 * Immutable; the OSGi layer reads it from {@code etc/yagura/assets.yaml} ({@link AssetFile}) and
 * swaps in a new one when the file changes. The engine writes the result to
 * {@code yagura.source.criticality} and {@code yagura.destination.criticality} (usable in rules)
 * and names a medium- or high-criticality target in the rationale.
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

    /** One entry of the table: its criticality and optional name (e.g. "Mail server"). */
    public record Asset(Criticality criticality, String name) {
    }

    private static final AssetCriticality EMPTY = new AssetCriticality(Map.of());

    private final Map<String, NetworkTable<Asset>> byCustomer;

    private AssetCriticality(Map<String, NetworkTable<Asset>> byCustomer) {
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
        return asset(customerId, ip).map(Asset::criticality);
    }

    /** The most specific entry covering {@code ip} for the customer, if any. */
    public Optional<Asset> asset(String customerId, String ip) {
        if (customerId == null || ip == null) {
            return Optional.empty();
        }
        NetworkTable<Asset> t = byCustomer.get(customerId);
        return t == null ? Optional.empty() : Optional.ofNullable(t.lookup(ip));
    }

    public boolean isEmpty() {
        return byCustomer.isEmpty();
    }

    /** Number of customers with at least one entry. */
    public int customers() {
        return byCustomer.size();
    }

    /** Number of addresses and networks, all customers together. */
    public int size() {
        int n = 0;
        for (NetworkTable<Asset> t : byCustomer.values()) {
            n += t.size();
        }
        return n;
    }

    /** Collects entries; not thread-safe. */
    public static final class Builder {
        private final Map<String, NetworkTable.Builder<Asset>> tables = new HashMap<>();

        /** @throws IllegalArgumentException when the address is not an address or CIDR network */
        public Builder add(String customerId, String addressOrCidr, Criticality criticality) {
            return add(customerId, addressOrCidr, criticality, null);
        }

        /** The same, with a name for the rationale (null: none). */
        public Builder add(String customerId, String addressOrCidr, Criticality criticality, String name) {
            NetworkTable.Builder<Asset> b = tables.computeIfAbsent(customerId, c -> NetworkTable.builder());
            b.add(addressOrCidr, new Asset(criticality, name));
            return this;
        }

        public AssetCriticality build() {
            Map<String, NetworkTable<Asset>> out = new HashMap<>();
            tables.forEach((k, v) -> out.put(k, v.build()));
            return new AssetCriticality(Map.copyOf(out));
        }
    }
}
