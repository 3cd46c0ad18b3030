package io.yagura.plugin.paloalto.driver;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.plugin.FirewallDriver.Target;
import io.yagura.device.http.DriverOptions;
import java.time.Duration;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/** The endpoint options of a PAN-OS target, checked before anything is sent. */
final class Options {

    /** PAN-OS names: letters, digits, '.', '_', '-', space; no quote can end an xpath predicate. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0,62}");

    final String vsys;
    final String tag;
    final String group;
    final String device;
    final Duration commitWait;

    private Options(String vsys, String tag, String group, String device, Duration commitWait) {
        this.vsys = vsys;
        this.tag = tag;
        this.group = group;
        this.device = device;
        this.commitWait = commitWait;
    }

    static Options of(Target target) throws FirewallException {
        DriverOptions.requireMethod(target, "PAN-OS", "dag");
        String wait = target.option("commit-wait").orElse("300");
        if (!wait.matches("[0-9]{1,5}") || Integer.parseInt(wait) < 1) {
            throw new FirewallException(Failure.UNSUPPORTED, "device " + target.deviceId()
                    + ": option commit-wait must be a number of seconds, was '" + wait + "'", null);
        }
        return new Options(name(target, "vsys", "vsys1"), name(target, "tag", PanOsFirewallDriver.DEFAULT_TAG),
                name(target, "group", PanOsFirewallDriver.DEFAULT_GROUP),
                name(target, "device", "localhost.localdomain"), Duration.ofSeconds(Integer.parseInt(wait)));
    }

    private static String name(Target target, String option, String fallback) throws FirewallException {
        return DriverOptions.name(target, option, fallback, NAME,
                "a PAN-OS name (letters, digits, '.', '_', '-', space; at most 63)");
    }

    String vsysPath() {
        return "/config/devices/entry[@name='" + device + "']/vsys/entry[@name='" + vsys + "']";
    }

    String addresses() {
        return vsysPath() + "/address";
    }

    String address(String name) {
        return addresses() + "/entry[@name='" + name + "']";
    }

    /**
     * The one-time setup must be there: the dynamic address group must exist and match the tag,
     * else a block would change the configuration without blocking anything.
     */
    void requireGroup(PanOsApi api) throws FirewallException {
        Element group = api.read("get", vsysPath() + "/address-group/entry[@name='" + this.group + "']");
        String filter = PanOsApi.text(PanOsApi.first(group, "dynamic"), "filter");
        if (filter == null || !filter.replace("\"", "'").contains("'" + tag + "'") && !filter.trim().equals(tag)) {
            throw new FirewallException(Failure.UNSUPPORTED, api.device().name() + ": the dynamic address group "
                    + this.group + " matching tag '" + tag + "' is missing (one-time setup, docs/vendors/paloalto.md);"
                    + " nothing was changed", null);
        }
    }
}
