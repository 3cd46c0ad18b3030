package io.yagura.device;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Network;
import java.util.regex.Pattern;

/**
 * The checks a driver makes on a block request before it contacts the device, so that an address
 * with a newline or CLI characters can never become a second command: the address must be exactly
 * an IP address or CIDR network, the reference a short name, the reason printable text.
 */
public final class BlockInput {

    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._-]{1,56}");

    private BlockInput() {
    }

    /** The network to block (a host is a /32 or /128). */
    public static Network network(String address) throws FirewallException {
        if (address == null || address.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw refused("address '" + printable(address) + "' holds spaces or control characters");
        }
        try {
            return Network.ofExact(address);
        } catch (IllegalArgumentException e) {
            throw refused(printable(e.getMessage()));
        }
    }

    /** A block reference usable in a device object name (letters, digits, '.', '_', '-', at most 56). */
    public static String reference(String reference) throws FirewallException {
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            throw refused("reference '" + printable(reference) + "' is not usable in a device object name"
                    + " (letters, digits, '.', '_', '-', at most 56)");
        }
        return reference;
    }

    /** Printable ASCII only, at most {@code max} characters: a comment is text, never a command. */
    public static String comment(String text, int max) {
        String flat = (text == null ? "" : text).replaceAll("[^\\x20-\\x7E]", " ").trim();
        return flat.length() > max ? flat.substring(0, max) : flat;
    }

    /** The address as Yagura writes it: a host without /32 or /128, a network in CIDR. */
    public static String text(Network network) {
        return isHost(network) ? Addresses.toText(network.base()) : network.toString();
    }

    public static boolean isHost(Network network) {
        return network.prefix() == (network.isIpv4() ? 32 : 128);
    }

    /** Input text made safe to quote in a message. */
    public static String printable(String text) {
        return text == null ? "" : text.replaceAll("[^\\x20-\\x7E]", "?");
    }

    private static FirewallException refused(String why) {
        return new FirewallException(Failure.REJECTED, "refused before contacting the device: " + why, null);
    }
}
