package io.yagura.device.http;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.plugin.FirewallDriver.Target;
import java.util.regex.Pattern;

/**
 * Reads a driver's endpoint options ({@code ?group=YAGURA-BLOCK&vdom=root}) strictly, before
 * anything is sent: a value that does not fit the device's naming rule is an operator error
 * (UNSUPPORTED, naming the option), never something to escape and send.
 */
public final class DriverOptions {

    private DriverOptions() {
    }

    /**
     * The option's value, or {@code fallback} when the endpoint has none.
     *
     * @param allowed what a value must match entirely
     * @param rule    the rule in words, for the message ("a PAN-OS name: letters, digits, ...")
     */
    public static String name(Target target, String option, String fallback, Pattern allowed, String rule)
            throws FirewallException {
        String value = target.option(option).orElse(fallback);
        if (!allowed.matcher(value).matches()) {
            throw new FirewallException(Failure.UNSUPPORTED, "device " + target.deviceId() + ": option " + option
                    + " must be " + rule, null);
        }
        return value;
    }

    /** Refuses a {@code method=} option other than the one method the driver has. */
    public static void requireMethod(Target target, String driver, String method) throws FirewallException {
        String asked = target.option("method").orElse(method);
        if (!method.equals(asked)) {
            throw new FirewallException(Failure.UNSUPPORTED, "device " + target.deviceId() + ": method '" + asked
                    + "' is not supported by the " + driver + " driver (" + method + " only)", null);
        }
    }
}
