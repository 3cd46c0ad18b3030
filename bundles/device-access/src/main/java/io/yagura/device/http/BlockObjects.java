package io.yagura.device.http;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.plugin.FirewallDriver.Target;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How every driver names and describes the objects it places, so that Yagura's blocks are found
 * by one rule on every vendor ({@value #PREFIX}&lt;reference&gt;) and nothing a caller passes can
 * break out of a name, a description or a request. Checked before anything is sent.
 */
public final class BlockObjects {

    /** Every object Yagura places is named with this prefix, and only those are listed or removed. */
    public static final String PREFIX = "yagura-";

    /** Fits the shortest vendor limit (PAN-OS: 63 characters) with the prefix. */
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");
    private static final int DESCRIPTION_CHARS = 250;

    private BlockObjects() {
    }

    /**
     * The device object name of a block: {@code yagura-<reference>}.
     *
     * @throws FirewallException REJECTED for a reference with other than letters, digits, '_', '.', '-'
     */
    public static String objectName(Target target, String reference) throws FirewallException {
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            throw refused(target, "block reference " + quoted(reference) + " is not 1 to 40 letters, digits, '_', '.'"
                    + " or '-' starting with a letter or digit");
        }
        return PREFIX + reference;
    }

    /** The reference in a device object name, if the object is Yagura's. */
    public static Optional<String> reference(String objectName) {
        if (objectName == null || !objectName.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String reference = objectName.substring(PREFIX.length());
        return REFERENCE.matcher(reference).matches() ? Optional.of(reference) : Optional.empty();
    }

    /** The reason as a one-line device comment: control characters removed, at most 250 characters. */
    public static String description(String reason, String reference) {
        String text = "Yagura block " + reference + (reason == null || reason.isBlank() ? "" : ": " + reason);
        String line = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").trim();
        return line.length() <= DESCRIPTION_CHARS ? line : line.substring(0, DESCRIPTION_CHARS);
    }

    /**
     * The address text as given, when it holds only what an IP address or CIDR network can hold
     * (hex digits, ':', '.', '/'): white space, line breaks, quotes and markup are refused, not
     * trimmed, since they mean the caller passed something it did not check.
     *
     * @throws FirewallException REJECTED otherwise (the caller then parses the text strictly)
     */
    public static String plainAddress(Target target, String address) throws FirewallException {
        if (address == null || address.isEmpty() || address.length() > 64
                || !address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '/')) {
            throw refusedAddress(target, address);
        }
        return address;
    }

    /** The failure for an address that is not an IP address or CIDR network (nothing was sent). */
    public static FirewallException refusedAddress(Target target, String address) {
        return refused(target, "address " + quoted(address) + " is not an IPv4/IPv6 address or CIDR network"
                + " (host names are never resolved)");
    }

    private static FirewallException refused(Target target, String why) {
        return new FirewallException(Failure.REJECTED, "device " + target.deviceId() + ": " + why
                + "; nothing was sent to the device", null);
    }

    /** Shows hostile text safely: quoted, control characters escaped, cut at 80 characters. */
    private static String quoted(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("'");
        text.codePoints().limit(80).forEach(c -> out.append(Character.isISOControl(c)
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return out.append(text.length() > 80 ? "…'" : "'").toString();
    }
}
