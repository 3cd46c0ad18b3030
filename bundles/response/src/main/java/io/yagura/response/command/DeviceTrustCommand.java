package io.yagura.response.command;

import io.yagura.response.BlockService;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "device-trust", description = "Shows the SSH host key or TLS certificate fingerprint "
        + "accepted for a firewall and the one it presents; --accept pins a new one.",
        detailedDescription = "Drivers refuse a device whose key is unknown or changed (UNTRUSTED) before sending any "
        + "credential. Compare the presented fingerprint with the customer (on the device: e.g. `show crypto key "
        + "mypubkey rsa` on an ASA) before accepting it; the acceptance is logged with your name.\n\nExamples:\n"
        + "  yagura:device-trust acme-fw1\n"
        + "  yagura:device-trust --accept SHA256:n9Z2l0cUZ0pQb1GkqA7v3m8WcE4o1m0q2xYzq7bN3vU acme-fw1")
@Service
public class DeviceTrustCommand extends ResponseCommand {

    @Argument(index = 0, name = "device", required = true, description = "Device id")
    String device;

    @Option(name = "--accept", description = "The fingerprint to accept (SHA256:<base64>), as shown")
    String accept;

    @Override
    void run() {
        if (accept != null) {
            blocks.acceptFingerprint(device, accept, operator());
            out.println(device + ": " + accept.trim() + " accepted");
            return;
        }
        BlockService.Trust t = blocks.trust(device);
        out.println(device);
        out.println("  accepted   " + (t.pinned() == null ? "none yet" : t.pinned()));
        out.println("  presented  " + (t.presented() == null ? "" : t.presented()));
        out.println("  check      " + t.check());
    }

    @Override
    String failurePrefix() {
        return "";
    }
}
