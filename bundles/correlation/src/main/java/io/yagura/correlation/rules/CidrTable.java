package io.yagura.correlation.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable longest-prefix-match table of IPv4 and IPv6 networks (CIDR) to values, built once
 * and then read by many threads. A lookup costs one hash probe per distinct prefix length present,
 * so a table of 100,000 single addresses and a few networks answers in a handful of probes.
 *
 * @param <V> value stored per network (e.g. {@code Boolean.TRUE}, a criticality, a list entry)
 */
public final class CidrTable<V> {

    private final int[] v4Prefixes;
    private final List<Map<Long, V>> v4Maps;
    private final int[] v6Prefixes;
    private final List<Map<V6, V>> v6Maps;
    private final int size;

    private record V6(long hi, long lo) {
    }

    private CidrTable(TreeMap<Integer, Map<Long, V>> v4, TreeMap<Integer, Map<V6, V>> v6, int size) {
        this.v4Prefixes = v4.descendingKeySet().stream().mapToInt(Integer::intValue).toArray();
        this.v4Maps = new ArrayList<>(v4.descendingMap().values());
        this.v6Prefixes = v6.descendingKeySet().stream().mapToInt(Integer::intValue).toArray();
        this.v6Maps = new ArrayList<>(v6.descendingMap().values());
        this.size = size;
    }

    public static <V> Builder<V> builder() {
        return new Builder<>();
    }

    public static <V> CidrTable<V> empty() {
        return new Builder<V>().build();
    }

    /** True when {@code text} is an IPv4/IPv6 address or network in CIDR form (or v4 "addr/netmask"). */
    public static boolean isValid(String text) {
        try {
            new Builder<Boolean>().add(text, Boolean.TRUE);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** The value of the most specific network containing {@code ip}, or null (also for non-addresses). */
    public V lookup(String ip) {
        if (ip == null || size == 0) {
            return null;
        }
        long v4 = Ip.v4(ip);
        if (v4 >= 0) {
            return lookupV4(v4);
        }
        long[] v6 = Ip.v6(ip);
        if (v6 == null) {
            return null;
        }
        long mapped = Ip.mappedV4(v6);
        if (mapped >= 0) {
            return lookupV4(mapped);
        }
        for (int i = 0; i < v6Prefixes.length; i++) {
            int p = v6Prefixes[i];
            V v = v6Maps.get(i).get(new V6(v6[0] & hiMask(p), v6[1] & loMask(p)));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    public boolean contains(String ip) {
        return lookup(ip) != null;
    }

    private V lookupV4(long v4) {
        for (int i = 0; i < v4Prefixes.length; i++) {
            V v = v4Maps.get(i).get(v4 & v4Mask(v4Prefixes[i]));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static long v4Mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    static long hiMask(int prefix) {
        if (prefix >= 64) {
            return -1L;
        }
        return prefix == 0 ? 0 : -1L << (64 - prefix);
    }

    static long loMask(int prefix) {
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
         * Adds an address ("192.0.2.1", "2001:db8::1") or network ("10.0.0.0/8", "2001:db8::/32",
         * "10.0.0.0/255.0.0.0"); host bits of a network are ignored.
         *
         * @throws IllegalArgumentException when the text is neither
         */
        public Builder<V> add(String cidr, V value) {
            Objects.requireNonNull(value, "value");
            if (cidr == null) {
                throw new IllegalArgumentException("no address");
            }
            String t = cidr.trim();
            int slash = t.indexOf('/');
            String addr = slash < 0 ? t : t.substring(0, slash);
            String len = slash < 0 ? null : t.substring(slash + 1).trim();
            long a4 = Ip.v4(addr);
            if (a4 >= 0) {
                int p = len == null ? 32 : v4Prefix(len, t);
                Map<Long, V> m = v4.computeIfAbsent(p, k -> new HashMap<>());
                if (m.putIfAbsent(a4 & v4Mask(p), value) == null) {
                    size++;
                }
                return this;
            }
            long[] a6 = Ip.v6(addr);
            if (a6 == null) {
                throw new IllegalArgumentException("not an IP address or CIDR network: '" + cidr + "'");
            }
            long mapped = Ip.mappedV4(a6);
            int p = len == null ? 128 : number(len, 128, t);
            if (mapped >= 0 && p >= 96) {
                int p4 = p - 96;
                Map<Long, V> m = v4.computeIfAbsent(p4, k -> new HashMap<>());
                if (m.putIfAbsent(mapped & v4Mask(p4), value) == null) {
                    size++;
                }
                return this;
            }
            Map<V6, V> m = v6.computeIfAbsent(p, k -> new HashMap<>());
            if (m.putIfAbsent(new V6(a6[0] & hiMask(p), a6[1] & loMask(p)), value) == null) {
                size++;
            }
            return this;
        }

        private static int v4Prefix(String len, String whole) {
            if (len.indexOf('.') >= 0) {
                long mask = Ip.v4(len);
                if (mask < 0) {
                    throw new IllegalArgumentException("bad netmask in '" + whole + "'");
                }
                int p = Long.bitCount(mask);
                if (mask != v4Mask(p)) {
                    throw new IllegalArgumentException("netmask is not contiguous in '" + whole + "'");
                }
                return p;
            }
            return number(len, 32, whole);
        }

        private static int number(String len, int max, String whole) {
            if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bad prefix length in '" + whole + "'");
            }
            int p = Integer.parseInt(len);
            if (p > max) {
                throw new IllegalArgumentException("prefix length " + p + " exceeds " + max + " in '" + whole + "'");
            }
            return p;
        }

        public CidrTable<V> build() {
            return new CidrTable<>(new TreeMap<>(v4), new TreeMap<>(v6), size);
        }
    }
}
