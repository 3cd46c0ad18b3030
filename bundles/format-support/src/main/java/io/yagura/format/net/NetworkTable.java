package io.yagura.format.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable longest-prefix-match table from IPv4 and IPv6 {@link Network}s to values, built
 * once and then read by many threads without locks (a customer's declared networks, an asset
 * list, a threat-intelligence list of 100,000 addresses). A lookup costs one hash probe per
 * distinct prefix length present, so many single addresses and a few networks answer in a
 * handful of probes. Text goes through {@link Addresses} and {@link Network}: no name is ever
 * resolved, and an IPv4-mapped IPv6 address is looked up as the IPv4 address it maps.
 *
 * @param <V> value stored per network (e.g. {@code Boolean.TRUE}, a criticality, a list entry)
 */
public final class NetworkTable<V> {

    private final int[] v4Prefixes;
    private final List<Map<Long, V>> v4Maps;
    private final int[] v6Prefixes;
    private final List<Map<V6, V>> v6Maps;
    private final int size;

    /** An IPv6 address or masked network as two 64-bit halves. */
    private record V6(long hi, long lo) {
        static V6 of(byte[] b, int prefix) {
            return new V6(half(b, 0) & hiMask(prefix), half(b, 8) & loMask(prefix));
        }
    }

    private NetworkTable(TreeMap<Integer, Map<Long, V>> v4, TreeMap<Integer, Map<V6, V>> v6, int size) {
        this.v4Prefixes = v4.descendingKeySet().stream().mapToInt(Integer::intValue).toArray();
        this.v4Maps = new ArrayList<>(v4.descendingMap().values());
        this.v6Prefixes = v6.descendingKeySet().stream().mapToInt(Integer::intValue).toArray();
        this.v6Maps = new ArrayList<>(v6.descendingMap().values());
        this.size = size;
    }

    public static <V> Builder<V> builder() {
        return new Builder<>();
    }

    public static <V> NetworkTable<V> empty() {
        return new Builder<V>().build();
    }

    /** Networks in the table (a network added twice counts once). */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The value of the most specific network containing the address written in {@code text}; null for non-addresses. */
    public V lookup(String text) {
        if (text == null || size == 0) {
            return null;
        }
        return Addresses.parse(text).map(this::lookup).orElse(null);
    }

    /** The value of the most specific network containing {@code address}, or null. */
    public V lookup(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            long v4 = v4(b);
            for (int i = 0; i < v4Prefixes.length; i++) {
                V v = v4Maps.get(i).get(v4 & v4Mask(v4Prefixes[i]));
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
        for (int i = 0; i < v6Prefixes.length; i++) {
            V v = v6Maps.get(i).get(V6.of(b, v6Prefixes[i]));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    public boolean contains(String text) {
        return lookup(text) != null;
    }

    private static long v4(byte[] b) {
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }

    private static long half(byte[] b, int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (b[i] & 0xFFL);
        }
        return v;
    }

    private static long v4Mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    private static long hiMask(int prefix) {
        if (prefix >= 64) {
            return -1L;
        }
        return prefix == 0 ? 0 : -1L << (64 - prefix);
    }

    private static long loMask(int prefix) {
        if (prefix <= 64) {
            return 0;
        }
        return prefix == 128 ? -1L : -1L << (128 - prefix);
    }

    /** Collects networks; the first value added for a network wins. Not thread-safe. */
    public static final class Builder<V> {
        private final TreeMap<Integer, Map<Long, V>> v4 = new TreeMap<>();
        private final TreeMap<Integer, Map<V6, V>> v6 = new TreeMap<>();
        private int size;

        /**
         * Adds an address ("192.0.2.1", "2001:db8::1") or a network in any form {@link Network#of}
         * reads; host bits of a network are ignored.
         *
         * @throws IllegalArgumentException saying why the text is neither
         */
        public Builder<V> add(String text, V value) {
            return add(Network.of(text), value);
        }

        public Builder<V> add(Network network, V value) {
            Objects.requireNonNull(value, "value");
            byte[] b = network.base().getAddress();
            int p = network.prefix();
            boolean added = b.length == 4
                    ? v4.computeIfAbsent(p, k -> new HashMap<>()).putIfAbsent(v4(b), value) == null
                    : v6.computeIfAbsent(p, k -> new HashMap<>()).putIfAbsent(V6.of(b, p), value) == null;
            if (added) {
                size++;
            }
            return this;
        }

        /** A table of what was added so far; adding more later does not change it. */
        public NetworkTable<V> build() {
            return new NetworkTable<>(copy(v4), copy(v6), size);
        }

        private static <K, V> TreeMap<Integer, Map<K, V>> copy(TreeMap<Integer, Map<K, V>> byPrefix) {
            TreeMap<Integer, Map<K, V>> out = new TreeMap<>();
            byPrefix.forEach((prefix, networks) -> out.put(prefix, new HashMap<>(networks)));
            return out;
        }
    }
}
