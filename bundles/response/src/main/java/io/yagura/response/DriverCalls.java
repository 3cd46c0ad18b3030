package io.yagura.response;

import io.yagura.api.plugin.FirewallDriver;
import io.yagura.api.plugin.FirewallDriver.Capability;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.plugin.FirewallDriver.Outcome;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.response.Block;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls that touch a device, each turned into an {@link Answer}: what the device said, or
 * why the call failed in words for the operator. Remembers the fingerprint each device last
 * presented when it was not trusted, for {@code yagura:device-trust}.
 */
final class DriverCalls {

    private static final Logger LOG = LoggerFactory.getLogger(DriverCalls.class);

    /**
     * The result of one call.
     *
     * @param failure null when the device answered; else why not
     * @param text    the device answer or the failure, for the block and its audit (never a secret)
     */
    record Answer(FirewallDriver.Failure failure, String text, boolean verified) {
        boolean ok() {
            return failure == null && verified;
        }
    }

    @FunctionalInterface
    private interface Call {
        Outcome run(Firewalls.Firewall firewall) throws FirewallException;
    }

    private final DeviceRegistry registry;
    private final Firewalls firewalls;
    /** deviceId → the fingerprint it presented when it was refused as untrusted. */
    private final Map<String, String> presented = new ConcurrentHashMap<>();

    DriverCalls(DeviceRegistry registry, Firewalls firewalls) {
        this.registry = registry;
        this.firewalls = firewalls;
    }

    Answer place(Block b) {
        FirewallDriver.Block request = new FirewallDriver.Block(b.address(), b.expiresAt(), b.id(), b.reason());
        return call(b, f -> b.quarantine() ? f.driver().quarantine(f.target(), request) : f.driver().block(f.target(), request));
    }

    Answer remove(Block b) {
        return call(b, f -> b.quarantine() ? f.driver().release(f.target(), b.address()) : f.driver().unblock(f.target(), b.address()));
    }

    /**
     * The device's identity as it stands: resolves the firewall and lists its blocks (the lightest
     * call every driver has), which authenticates the device first.
     */
    Answer probe(String deviceId) {
        return call(deviceId, Capability.BLOCK, f -> {
            int n = f.driver().listBlocks(f.target()).size();
            return new Outcome(true, "the device answered with the accepted identity; it holds " + n + " Yagura block(s)");
        });
    }

    Optional<String> presented(String deviceId) {
        return Optional.ofNullable(presented.get(deviceId));
    }

    void forgetPresented(String deviceId) {
        presented.remove(deviceId);
    }

    /** Why the block's device cannot be called now (its plugin is not installed...), or empty when it can. */
    Optional<String> unavailable(Block b) {
        try {
            Device d = registry.device(b.deviceId()).orElseThrow(() ->
                    new IllegalStateException("device " + b.deviceId() + " is no longer registered"));
            firewalls.resolve(d, b.quarantine() ? Capability.QUARANTINE : Capability.BLOCK);
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The block's device was removed from the registry: nobody can reach it any more through Yagura. */
    boolean deviceGone(Block b) {
        return registry.device(b.deviceId()).isEmpty();
    }

    /** The firewall of a device, for calls made outside a block (reconcile). */
    Firewalls.Firewall firewall(String deviceId) {
        Device d = registry.device(deviceId).orElseThrow(() ->
                new IllegalArgumentException("no device '" + deviceId + "' (yagura:devices lists them)"));
        return firewalls.resolve(d, Capability.BLOCK);
    }

    private Answer call(Block b, Call call) {
        return call(b.deviceId(), b.quarantine() ? Capability.QUARANTINE : Capability.BLOCK, call);
    }

    private Answer call(String deviceId, Capability capability, Call call) {
        Firewalls.Firewall firewall;
        try {
            Device d = registry.device(deviceId).orElseThrow(() ->
                    new IllegalStateException("device " + deviceId + " is no longer registered"));
            firewall = firewalls.resolve(d, capability);
        } catch (IllegalStateException e) {
            return new Answer(FirewallDriver.Failure.UNSUPPORTED, e.getMessage(), false);
        }
        try {
            Outcome o = call.run(firewall);
            return new Answer(null, o.deviceAnswer(), o.verified());
        } catch (FirewallException e) {
            String text = e.failure() + ": " + e.getMessage();
            if (e.failure() == FirewallDriver.Failure.UNTRUSTED && e.presentedFingerprint() != null) {
                presented.put(deviceId, e.presentedFingerprint());
                text += " (the device presented " + e.presentedFingerprint() + "; after checking it with the customer: "
                        + "yagura:device-trust --accept " + e.presentedFingerprint() + " " + deviceId + ")";
            }
            return new Answer(e.failure(), text, false);
        } catch (RuntimeException e) {
            // a driver bug: what the device holds now is unknown, so it counts as a partial change
            LOG.error("Firewall driver {} failed on device {}: {}", firewall.driver().method(), deviceId, e.toString(), e);
            return new Answer(FirewallDriver.Failure.PARTIAL, "driver error, the device's state is unknown (yagura:blocks "
                    + "--reconcile --device " + deviceId + "): " + e, false);
        }
    }
}
