package io.yagura.format.net;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The project's one IP address reader. Built on Guava's {@link InetAddresses}, which parses
 * literal IPv4 and IPv6 text only and never asks DNS (the JDK's {@code InetAddress.getByName}
 * would resolve {@code cafe.bad} through the network). Every method is total: bad text gives an
 * empty result, never an exception.
 */
public final class Addresses {

    private Addresses() {
    }

    /** The address written in {@code text} (IPv4, IPv6, {@code [IPv6]}, IPv6 with a {@code %zone}). */
    public static Optional<InetAddress> parse(String text) {
        String s = literal(text);
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddresses.forString(s));
        } catch (IllegalArgumentException notAnAddress) {
            return Optional.empty();
        }
    }

    /**
     * The address written in {@code text}, for input that must be one (configuration, the
     * registry, rule files): the same reading as {@link #parse}, with the reason when it fails.
     *
     * @throws IllegalArgumentException naming the text when it is not an IPv4 or IPv6 literal
     */
    public static InetAddress require(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(notAnAddress(text)));
    }

    /** Why {@code text} is refused as an address: one wording for every caller. */
    static String notAnAddress(String text) {
        return (text == null || text.isBlank() ? "no IP address given" : "'" + text.trim() + "' is not an IP address")
                + " (expected an IPv4 or IPv6 literal such as 192.0.2.1 or 2001:db8::1; host names are never resolved)";
    }

    public static boolean isAddress(String text) {
        String s = literal(text);
        return s != null && InetAddresses.isInetAddress(s);
    }

    /**
     * The canonical text of an address ({@code 2001:db8::1}, {@code 192.0.2.1}), so that the same
     * host written two ways is one value in events and incidents; null when {@code text} is not
     * an address. IPv4-mapped IPv6 ({@code ::ffff:192.0.2.1}) becomes the IPv4 address.
     */
    public static String normalize(String text) {
        return parse(text).map(Addresses::toText).orElse(null);
    }

    public static String toText(InetAddress address) {
        return InetAddresses.toAddrString(address);
    }

    /**
     * Strips sentence punctuation glued to an address token in free text
     * ({@code 10.0.0.1.}, {@code 10.0.0.1:}, {@code 10.0.0.1,}) without eating an IPv6 {@code ::}.
     */
    public static String clean(String token) {
        if (token == null) {
            return null;
        }
        String s = token.trim();
        while (!s.isEmpty()) {
            char last = s.charAt(s.length() - 1);
            if (last == '.' || last == ',' || last == ';' || last == ')') {
                s = s.substring(0, s.length() - 1);
            } else if (last == ':' && s.length() > 1 && !isAddress(s)) {
                s = s.substring(0, s.length() - 1);
            } else {
                break;
            }
        }
        if (s.startsWith("(")) {
            s = s.substring(1);
        }
        return s;
    }

    /** A host name as devices print it: letters, digits, '-', '_', '.', at least one letter. */
    public static boolean isHostName(String s) {
        if (s == null || s.isEmpty() || s.length() > 253) {
            return false;
        }
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                letter = true;
            } else if (!((c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) {
                return false;
            }
        }
        return letter;
    }

    /** Bracket and zone handling before Guava sees the text; null for text that cannot be one. */
    private static String literal(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.length() < 2 || s.length() > 64) {
            return null;
        }
        if (s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone > 0 && s.indexOf(':') >= 0) {
            s = s.substring(0, zone); // fe80::1%eth0: the zone names an interface, not part of the address
        }
        // Guava accepts only literals, but cheap rejection keeps the hot path allocation-free.
        char c = s.isEmpty() ? ' ' : s.charAt(0);
        if (!(Character.digit(c, 16) >= 0 || c == ':')) {
            return null;
        }
        return s;
    }
}
