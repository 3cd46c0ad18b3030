package io.yagura.response;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.FirewallDriver;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.VendorPlugin;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A firewall in memory and its driver, for the service logic only (the vendors' real drivers are
 * tested against their emulators). It keeps the driver contract: the host key is checked before
 * anything else, a change is read back, a failure leaves the device as it was unless told to
 * fail half way. Tests queue the failures the next calls meet.
 */
final class TestFirewall implements FirewallDriver {

    static final String KEY = "SHA256:testfirewallkeyAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    /** address → reference, per device id: what each emulated device holds. */
    final Map<String, Map<String, String>> devices = new ConcurrentHashMap<>();
    final Deque<Failure> failNext = new ArrayDeque<>();
    final List<String> calls = new ArrayList<>();
    final Set<Capability> capabilities;
    volatile String presentedKey = KEY;
    /** the next block is "placed" but not found when read back */
    volatile boolean loseNextBlock;
    /** the username and secret the device accepts */
    volatile String expectedSecret = "s3cret-device-password";

    TestFirewall(Capability... capabilities) {
        this.capabilities = capabilities.length == 0 ? EnumSet.of(Capability.BLOCK) : EnumSet.of(capabilities[0], capabilities);
    }

    Map<String, String> holds(String deviceId) {
        return devices.computeIfAbsent(deviceId, k -> new ConcurrentHashMap<>());
    }

    /** A vendor plugin with this driver. */
    VendorPlugin plugin(String vendorId) {
        TestFirewall driver = this;
        return new VendorPlugin() {
            public String vendorId() {
                return vendorId;
            }

            public String vendorName() {
                return "Test " + vendorId;
            }

            public Set<String> products() {
                return Set.of("FW");
            }

            public Set<DeviceType> deviceTypes() {
                return Set.of(DeviceType.FIREWALL);
            }

            public boolean probe(String line) {
                return false;
            }

            public LogParser parser() {
                throw new UnsupportedOperationException("no logs in these tests");
            }

            public Optional<FirewallDriver> firewallDriver() {
                return Optional.of(driver);
            }
        };
    }

    @Override
    public String method() {
        return "test object-group YAGURA";
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    private synchronized void connect(Target t, String call) throws FirewallException {
        calls.add(call + " " + t.deviceId());
        if (!presentedKey.equals(t.pinnedFingerprint())) {
            throw new FirewallException(Failure.UNTRUSTED, "host key of " + t.endpoint().getHost() + " is not the accepted one",
                    presentedKey, null);
        }
        if (!expectedSecret.equals(new String(t.secret().reveal()))) {
            throw new FirewallException(Failure.AUTHENTICATION, "login refused for " + t.username(), null);
        }
        Failure f = failNext.poll();
        if (f != null) {
            throw new FirewallException(f, "the device said no (" + f + ")", null);
        }
    }

    @Override
    public Outcome block(Target t, Block b) throws FirewallException {
        connect(t, "block " + b.address());
        if (loseNextBlock) {
            loseNextBlock = false;
            return new Outcome(false, "configuration read back without " + b.address());
        }
        holds(t.deviceId()).put(b.address(), b.reference());
        return new Outcome(true, "object-group YAGURA-BLOCK: added " + b.address() + " (" + b.reference() + ")");
    }

    @Override
    public Outcome unblock(Target t, String address) throws FirewallException {
        connect(t, "unblock " + address);
        holds(t.deviceId()).remove(address);
        return new Outcome(true, "object-group YAGURA-BLOCK: removed " + address);
    }

    @Override
    public List<PlacedBlock> listBlocks(Target t) throws FirewallException {
        connect(t, "list");
        return holds(t.deviceId()).entrySet().stream().map(e -> new PlacedBlock(e.getKey(), e.getValue(), "YAGURA-BLOCK"))
                .toList();
    }

    @Override
    public Outcome quarantine(Target t, Block host) throws FirewallException {
        if (!capabilities.contains(Capability.QUARANTINE)) {
            return FirewallDriver.super.quarantine(t, host);
        }
        connect(t, "quarantine " + host.address());
        holds(t.deviceId()).put(host.address(), "Q:" + host.reference());
        return new Outcome(true, "quarantined " + host.address());
    }

    @Override
    public Outcome release(Target t, String address) throws FirewallException {
        connect(t, "release " + address);
        holds(t.deviceId()).remove(address);
        return new Outcome(true, "released " + address);
    }
}
