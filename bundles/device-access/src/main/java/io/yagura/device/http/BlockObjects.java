package io.yagura.device.http;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.device.BlockInput;
import io.yagura.format.net.Network;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the HTTPS drivers name and describe the objects they place, so that Yagura's blocks are
 * found by one rule on every vendor ({@value #PREFIX}&lt;reference&gt;), on top of the input checks
 * of {@link BlockInput}. Everything here runs before anything is sent.
 */
public final class BlockObjects {

    /** Every object Yagura places is named with this prefix, and only those are listed or removed. */
    public static final String PREFIX = "yagura-";

    /** What {@link BlockInput#reference} accepts. */
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9._-]{1,56}");
    private static final int DESCRIPTION_CHARS = 250;

    private BlockObjects() {
    }

    /**
     * The network to block, checked by {@link BlockInput#network}; a /0 (everything) is refused too.
     *
     * @throws FirewallException REJECTED, nothing sent
     */
    public static Network network(String address) throws FirewallException {
        Network network = BlockInput.network(address);
        if (network.prefix() == 0) {
            throw new FirewallException(Failure.REJECTED, "refused before contacting the device: '"
                    + BlockInput.printable(address) + "' would block every address", null);
        }
        return network;
    }

    /** The device object name of a block: {@code yagura-<reference>} (reference checked by {@link BlockInput}). */
    public static String objectName(String reference) throws FirewallException {
        return PREFIX + BlockInput.reference(reference);
    }

    /** The reference in a device object name, if the object is Yagura's. */
    public static Optional<String> reference(String objectName) {
        if (objectName == null || !objectName.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String reference = objectName.substring(PREFIX.length());
        return REFERENCE.matcher(reference).matches() ? Optional.of(reference) : Optional.empty();
    }

    /** The device comment of a block: "Yagura block &lt;ref&gt;: &lt;reason&gt;", printable, at most 250 characters. */
    public static String description(String reason, String reference) {
        return BlockInput.comment("Yagura block " + reference + (reason == null || reason.isBlank() ? "" : ": " + reason),
                DESCRIPTION_CHARS);
    }
}
