package io.yagura.response;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockStore;
import java.util.List;

/** {@link Platform} for the command tests in the command package. */
public final class TestPlatform {

    /** The password the test firewall accepts. */
    public static final String DEVICE_PASSWORD = new TestFirewall().expectedSecret;

    private final Platform platform;

    public TestPlatform() throws Exception {
        platform = new Platform();
    }

    public BlockService service() {
        return platform.service();
    }

    public BlockStore store() {
        return platform.blocks;
    }

    public DeviceRegistry registry() {
        return platform.registry;
    }

    /** An automatic request of an Emergency incident under the default policy: it waits for an analyst. */
    public Block waitingRequest(String attacker) {
        Incident i = platform.incident(Level.EMERGENCY, List.of(attacker), Platform.established(attacker));
        return platform.service().request(new BlockRequest("acme", i.id(), attacker, List.of(), null, BlockRequest.AUTO,
                "auto", false)).get(0);
    }

    /** The firewall's password was changed on the device: Yagura's is refused. */
    public void refuseLogins() {
        platform.firewall.expectedSecret = "changed-on-the-device";
    }

    /** The firewall now presents another host key (it was replaced, or someone is in the middle). */
    public void presentNewKey(String fingerprint) {
        platform.firewall.presentedKey = fingerprint;
    }
}
