package io.yagura.device.http;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a device's asynchronous job (a PAN-OS commit, a Check Point publish or policy
 * installation) by asking about it every quarter second until it has finished or {@code limit}
 * has passed: such jobs take seconds to minutes on real firewalls.
 */
public final class DeviceTasks {

    /** Asks the device once; null while the job is still running. */
    @FunctionalInterface
    public interface Check<T> {
        T finished() throws FirewallException;
    }

    private static final long PAUSE_MS = 250;

    private DeviceTasks() {
    }

    /**
     * @param what  the job, for the message ("commit job 12 on device pa1 (192.0.2.9)")
     * @throws FirewallException TIMEOUT when the job is still running after {@code limit}
     */
    public static <T> T await(String what, Duration limit, Check<T> check) throws FirewallException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            T result = check.finished();
            if (result != null) {
                return result;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new FirewallException(Failure.TIMEOUT, what + " did not finish within " + limit.toSeconds()
                        + " s", null);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FirewallException(Failure.TIMEOUT, "interrupted while waiting for " + what, e);
            }
        }
    }
}
