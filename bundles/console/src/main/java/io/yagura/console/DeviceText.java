package io.yagura.console;

import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;

/** How the device commands show a device: never its secret, only whether it has one. */
final class DeviceText {

    private DeviceText() {
    }

    static String zone(Device d) {
        return d.timeZone() == null ? "UTC" : d.timeZone().getId();
    }

    /** For the audit log and confirmations: every field but the secret. */
    static String summary(Device d) {
        StringBuilder s = new StringBuilder("customer " + d.customer() + ", vendor " + d.vendor() + ", addresses "
                + d.addresses());
        if (d.product() != null) {
            s.append(", product ").append(d.product());
        }
        if (d.productVersion() != null) {
            s.append(", version ").append(d.productVersion());
        }
        if (d.timeZone() != null) {
            s.append(", zone ").append(d.timeZone().getId());
        }
        ManagementEndpoint m = d.management();
        if (m != null) {
            s.append(", management ").append(m.url());
            if (m.username() != null) {
                s.append(" user ").append(m.username());
            }
            s.append(m.secret().isEmpty() ? " (no secret)" : " (secret set)");
            if (m.pollInterval() != null) {
                s.append(", poll ").append(m.pollInterval().toSeconds()).append(" s");
            }
            if (m.trustStore() != null) {
                s.append(", trust store ").append(m.trustStore());
            }
        }
        return s.toString();
    }
}
