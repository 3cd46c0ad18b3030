package io.yagura.pull;

import io.yagura.api.Queues;
import io.yagura.api.event.RawEnvelope;
import io.yagura.api.ingest.PullCursors;
import io.yagura.api.metrics.Counters;
import io.yagura.api.plugin.PullConnector;
import io.yagura.api.registry.Device;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one device: reads its cursor, asks its vendor's connector for what is new (again at once,
 * up to a limit, while the device says it holds more), queues each record to the vendor's raw
 * queue as ingest would a received line (or to the one configured queue: an agent's forward
 * queue), and only then stores the new cursor. A poll repeated
 * after a crash between the two sends records the broker has already seen; their duplicate ids
 * (deviceId:recordId) keep them from being queued twice.
 *
 * <p>It also watches the device's health: after a number of failed polls in a row, or a time
 * without any record, the device is declared silent (one WARN, counted), and its recovery is
 * logged once. Messages come from the connector, which never puts a credential in them.
 *
 * <p>One run at a time: a run that finds the previous one still going returns at once.
 */
final class DevicePoller {

    static final String SCOPE = "pull";
    private static final Logger LOG = LoggerFactory.getLogger(DevicePoller.class);

    /**
     * @param maxBatches          batches read in one run while the device holds more
     * @param failuresBeforeSilent polls failed in a row after which the device is silent
     * @param quietLimit          time without records after which the device is silent; zero: never
     * @param queue               the one queue every record goes to; null or blank: the vendor's raw queue
     */
    record Settings(int maxBatches, int failuresBeforeSilent, Duration quietLimit, String queue) {

        /** Records to the vendor's raw queue. */
        Settings(int maxBatches, int failuresBeforeSilent, Duration quietLimit) {
            this(maxBatches, failuresBeforeSilent, quietLimit, null);
        }

        /** Where a record of this vendor goes. */
        String queueOf(String vendor) {
            return queue == null || queue.isBlank() ? Queues.rawQueueOf(vendor) : queue.trim();
        }
    }

    private final String deviceId;
    private final Function<String, Optional<Device>> devices;
    private final Function<String, Optional<PullConnector>> connectors;
    private final EnvelopeSender sender;
    private final PullCursors cursors;
    private final Clock clock;
    private volatile Settings settings;
    private final ReentrantLock running = new ReentrantLock();

    private final LongAdder polls;
    private final LongAdder records;
    private final LongAdder failures;
    private final LongAdder silentCount;
    private final LongAdder recoveredCount;

    // health, touched by the run holding the lock
    private int failuresInRow;
    private Instant lastRecordAt;
    private boolean silent;
    private String lastProblem;
    private volatile PullConnector.Target lastTarget;
    private volatile String lastVendor;

    DevicePoller(String deviceId, Function<String, Optional<Device>> devices, Function<String, Optional<PullConnector>> connectors,
                 EnvelopeSender sender, PullCursors cursors, Counters counters, Clock clock, Settings settings) {
        this.deviceId = deviceId;
        this.devices = devices;
        this.connectors = connectors;
        this.sender = sender;
        this.cursors = cursors;
        this.clock = clock;
        this.settings = settings;
        this.lastRecordAt = clock.instant();
        polls = counters.counter(SCOPE, deviceId, "polls");
        records = counters.counter(SCOPE, deviceId, "records");
        failures = counters.counter(SCOPE, deviceId, "failures");
        silentCount = counters.counter(SCOPE, deviceId, "silent");
        recoveredCount = counters.counter(SCOPE, deviceId, "recovered");
    }

    String deviceId() {
        return deviceId;
    }

    void settings(Settings newSettings) {
        settings = newSettings;
    }

    boolean silent() {
        return silent;
    }

    /** The target and vendor of the last poll, to release the connector's hold when polling stops. */
    PullConnector.Target lastTarget() {
        return lastTarget;
    }

    String lastVendor() {
        return lastVendor;
    }

    /** One run; never throws (a scheduler job must not). */
    void run() {
        if (!running.tryLock()) {
            LOG.debug("Pull of device {}: the previous run is still going", deviceId);
            return;
        }
        try {
            boolean ok = pollAll();
            health(ok);
        } catch (RuntimeException unexpected) {
            failure("unexpected " + unexpected.getClass().getSimpleName() + ": " + unexpected.getMessage());
            LOG.warn("Pull of device {} failed unexpectedly", deviceId, unexpected);
            health(false);
        } finally {
            running.unlock();
        }
    }

    /** @return true when every step of the run succeeded */
    private boolean pollAll() {
        Optional<Device> found = devices.apply(deviceId);
        if (found.isEmpty() || found.get().management() == null) {
            return true; // removed meanwhile: the scheduler stops the job at its next look at the registry
        }
        Device device = found.get();
        Optional<PullConnector> connector = connectors.apply(device.vendor());
        if (connector.isEmpty()) {
            return true; // its plugin went away meanwhile
        }
        PullConnector.Target target = new PullConnector.Target(device.id(), device.customer(), device.management());
        lastTarget = target;
        lastVendor = device.vendor();
        String queue = settings.queueOf(device.vendor());
        String source = source(device);
        String cursor;
        try {
            cursor = cursors.get(deviceId);
        } catch (RuntimeException e) {
            return failure("could not read the cursor: " + e.getMessage()); // polling from "now" would skip records
        }
        for (int batchNo = 0; batchNo < Math.max(1, settings.maxBatches()); batchNo++) {
            PullConnector.Batch batch;
            polls.increment();
            try {
                batch = connector.get().pull(target, cursor);
            } catch (PullConnector.PullException e) {
                return failure(e.getMessage());
            } catch (RuntimeException e) {
                return failure("the connector failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
            if (!batch.records().isEmpty()) {
                long now = clock.millis();
                List<EnvelopeSender.Item> items = new ArrayList<>(batch.records().size());
                for (PullConnector.Record r : batch.records()) {
                    RawEnvelope envelope = new RawEnvelope(now, source, "pull:" + deviceId, deviceId, device.customer(),
                            device.vendor(), false, r.text());
                    items.add(new EnvelopeSender.Item(envelope, deviceId + ":" + r.id()));
                }
                try {
                    sender.send(queue, items);
                } catch (Exception e) {
                    return failure("could not queue " + items.size() + " record(s) to " + queue + ": " + e.getMessage());
                }
                records.add(items.size());
                lastRecordAt = clock.instant();
            }
            if (batch.cursor() != null && !batch.cursor().equals(cursor)) {
                try {
                    cursors.put(deviceId, batch.cursor());
                } catch (Exception e) {
                    // the records are queued; the next poll reads them again and the broker drops the duplicates
                    return failure("could not store the cursor: " + e.getMessage());
                }
                cursor = batch.cursor();
            }
            if (!batch.more()) {
                break;
            }
        }
        return true;
    }

    private boolean failure(String problem) {
        failures.increment();
        failuresInRow++;
        lastProblem = problem;
        if (failuresInRow == 1) {
            LOG.info("Poll of device {} failed, will retry: {}", deviceId, problem);
        } else {
            LOG.debug("Poll of device {} failed ({} in a row): {}", deviceId, failuresInRow, problem);
        }
        return false;
    }

    private void health(boolean ok) {
        if (ok) {
            failuresInRow = 0;
        }
        Settings s = settings;
        boolean failing = s.failuresBeforeSilent() > 0 && failuresInRow >= s.failuresBeforeSilent();
        boolean quiet = !s.quietLimit().isZero() && !s.quietLimit().isNegative()
                && !clock.instant().isBefore(lastRecordAt.plus(s.quietLimit()));
        if ((failing || quiet) && !silent) {
            silent = true;
            silentCount.increment();
            if (failing) {
                LOG.warn("Pulled device {} is silent: {} polls failed in a row; last: {}", deviceId, failuresInRow, lastProblem);
            } else {
                LOG.warn("Pulled device {} is silent: no record for {} minutes (polls succeed)", deviceId, s.quietLimit().toMinutes());
            }
        } else if (silent && !failing && !quiet) {
            silent = false;
            recoveredCount.increment();
            LOG.info("Pulled device {} answers again", deviceId);
        }
    }

    /** The address the records come from: the device's first registered address, else its management host. */
    static String source(Device device) {
        if (!device.addresses().isEmpty()) {
            return device.addresses().get(0);
        }
        try {
            String host = URI.create(device.management().url()).getHost();
            return host == null ? device.id() : host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        } catch (IllegalArgumentException e) {
            return device.id();
        }
    }
}
