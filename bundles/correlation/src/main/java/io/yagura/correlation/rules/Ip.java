package io.yagura.correlation.rules;

/**
 * IPv4 and IPv6 address parsing without {@link java.net.InetAddress} (which would resolve a host
 * name through DNS). An IPv4 address is an unsigned 32-bit value in a long; an IPv6 address is two
 * longs (high and low 64 bits). IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.1}) read as IPv4.
 */
public final class Ip {

    private Ip() {
    }

    /** The IPv4 address as 0..2^32-1, or -1 when {@code s} is not a dotted-quad IPv4 address. */
    public static long v4(CharSequence s) {
        return v4(s, 0, s == null ? 0 : s.length());
    }

    static long v4(CharSequence s, int from, int to) {
        if (s == null || to - from < 7 || to - from > 15) {
            return -1;
        }
        long value = 0;
        int octets = 0;
        int digits = 0;
        int octet = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                octet = octet * 10 + (c - '0');
                if (++digits > 3 || octet > 255) {
                    return -1;
                }
            } else if (c == '.') {
                if (digits == 0 || octets == 3) {
                    return -1;
                }
                value = (value << 8) | octet;
                octets++;
                digits = 0;
                octet = 0;
            } else {
                return -1;
            }
        }
        if (digits == 0 || octets != 3) {
            return -1;
        }
        return (value << 8) | octet;
    }

    /**
     * The IPv6 address as {high, low}, or null when {@code s} is not an IPv6 address. Accepts
     * "::" compression, an embedded IPv4 tail, a zone ("%eth0", ignored) and surrounding brackets.
     */
    public static long[] v6(String s) {
        if (s == null || s.indexOf(':') < 0) {
            return null;
        }
        int from = 0;
        int to = s.length();
        if (to > 1 && s.charAt(0) == '[' && s.charAt(to - 1) == ']') {
            from = 1;
            to--;
        }
        int zone = s.indexOf('%', from);
        if (zone >= 0 && zone < to) {
            to = zone;
        }
        if (to - from < 2 || to - from > 45) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = from;
        if (s.startsWith("::", i)) {
            gap = 0;
            i += 2;
            if (i == to) {
                return new long[] {0, 0};
            }
        } else if (s.charAt(i) == ':') {
            return null;
        }
        while (i < to) {
            int end = i;
            while (end < to && s.charAt(end) != ':') {
                end++;
            }
            if (end == i) {
                return null;
            }
            if (end == to && s.indexOf('.', i) >= 0 && s.indexOf('.', i) < to) {
                long v4 = v4(s, i, to);
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = to;
                break;
            }
            if (end - i > 4 || count == 8) {
                return null;
            }
            int g = 0;
            for (int k = i; k < end; k++) {
                int d = Character.digit(s.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                g = (g << 4) | d;
            }
            groups[count++] = g;
            if (end == to) {
                i = to;
                break;
            }
            // at a ':'
            if (end + 1 < to && s.charAt(end + 1) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i = end + 2;
            } else {
                if (end + 1 == to) {
                    return null; // trailing single colon
                }
                i = end + 1;
            }
        }
        int[] full = new int[8];
        if (gap >= 0) {
            if (count > 7) {
                return null;
            }
            int tail = count - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        } else {
            if (count != 8) {
                return null;
            }
            full = groups;
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = (hi << 16) | full[k];
            lo = (lo << 16) | full[k + 4];
        }
        return new long[] {hi, lo};
    }

    /** True when {@code s} is an IPv4 or IPv6 address literal. */
    public static boolean isIp(String s) {
        return v4(s) >= 0 || v6(s) != null;
    }

    /** An IPv4-mapped IPv6 address as IPv4, else -1. */
    static long mappedV4(long[] v6) {
        if (v6 != null && v6[0] == 0 && (v6[1] >>> 32) == 0xFFFFL) {
            return v6[1] & 0xFFFFFFFFL;
        }
        return -1;
    }
}
