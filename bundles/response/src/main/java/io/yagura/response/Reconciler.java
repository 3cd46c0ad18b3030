package io.yagura.response;

import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockState;
import io.yagura.api.response.BlockStore;
import io.yagura.format.net.Network;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A firewall's Yagura blocks against the store's active blocks on it (yagura:blocks --reconcile). */
final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final BlockStore store;
    private final DriverCalls calls;
    private final DeviceChanges changes;

    Reconciler(BlockStore store, DriverCalls calls, DeviceChanges changes) {
        this.store = store;
        this.calls = calls;
        this.changes = changes;
    }


    /**
     * Compares the device's Yagura blocks with the active blocks of the store. With {@code fix},
     * blocks only on the device are removed from it and blocks it lost are marked FAILED.
     */
    Reconciliation run(String deviceId, boolean fix, String actor) {
        Firewalls.Firewall f = calls.firewall(deviceId);
        List<String> onDevice;
        try {
            onDevice = f.driver().listBlocks(f.target()).stream().map(p -> canonical(p.address())).toList();
        } catch (FirewallException e) {
            throw new IllegalStateException("device " + deviceId + ": " + e.failure() + ": " + e.getMessage(), e);
        }
        List<Block> active = store.list(new BlockStore.Filter(null, deviceId, null, Set.of(BlockState.ACTIVE), 0));
        List<String> activeAddresses = active.stream().map(b -> canonical(b.address())).toList();
        List<String> deviceOnly = onDevice.stream().filter(a -> !activeAddresses.contains(a)).distinct().toList();
        List<Block> storeOnly = active.stream().filter(b -> !onDevice.contains(canonical(b.address()))).toList();
        if (fix) {
            for (String address : deviceOnly) {
                try {
                    f.driver().unblock(f.target(), address);
                    LOG.info("Reconcile {}: removed {} (on the device, not active in the store), by {}", deviceId, address, actor);
                } catch (FirewallException e) {
                    LOG.warn("Reconcile {}: could not remove {}: {}", deviceId, address, e.getMessage());
                }
            }
            for (Block b : storeOnly) {
                Block lost = store.update(b.withState(BlockState.FAILED, "no longer on the device (reconcile)", changes.now()));
                changes.audit(lost, actor, "reconciled", "the device no longer holds it", null);
            }
        }
        return new Reconciliation(deviceId, deviceOnly, storeOnly, active.size() - storeOnly.size());
    }

    /** One spelling per network, so that a device's "203.0.113.7/32" is the store's "203.0.113.7". */
    private static String canonical(String address) {
        return Network.parse(address).map(n -> new AddressChecks.Checked(n, false).text()).orElse(address);
    }
}
