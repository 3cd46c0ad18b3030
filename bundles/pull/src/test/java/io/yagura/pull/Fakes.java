package io.yagura.pull;

import io.yagura.api.metrics.Counters;
import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.PullConnector;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.store.JdbcPullCursors;
import io.yagura.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/** Small stand-ins for the platform services the pull scheduler uses. */
final class Fakes {

    private Fakes() {
    }

    /** A fresh embedded database, as one node or several nodes share it. */
    static DataSource database() {
        return TestDatabases.freshH2();
    }

    /** The store's cursors on a fresh embedded database. */
    static JdbcPullCursors cursors() {
        return cursors(database());
    }

    static JdbcPullCursors cursors(DataSource database) {
        try {
            return new JdbcPullCursors(database);
        } catch (Exception e) {
            throw new IllegalStateException("the store's schema could not be created on H2", e);
        }
    }

    static final class FakeCounters implements Counters {
        final Map<String, LongAdder> adders = new ConcurrentSkipListMap<>();

        @Override
        public LongAdder counter(String scope, String subject, String metric) {
            return adders.computeIfAbsent(scope + "/" + subject + "/" + metric, k -> new LongAdder());
        }

        long get(String subject, String metric) {
            LongAdder a = adders.get("pull/" + subject + "/" + metric);
            return a == null ? 0 : a.sum();
        }

        @Override
        public Map<String, Map<String, Map<String, Long>>> snapshot() {
            return Map.of();
        }

        @Override
        public double ratePerSecond(String scope, String subject, String metric) {
            return 0;
        }
    }

    /** A broker that, like Artemis, queues a message once per duplicate id. */
    static final class FakeBroker implements EnvelopeSender {
        final List<String> queued = new CopyOnWriteArrayList<>();
        final List<EnvelopeSender.Item> items = new CopyOnWriteArrayList<>();
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        /** The next send fails at this item (0: the first), once; -1: no failure. */
        volatile int failAtItem = -1;
        volatile Runnable beforeSend = () -> { };

        @Override
        public void send(String queue, List<Item> batch) throws Exception {
            beforeSend.run();
            int n = 0;
            for (Item i : batch) {
                if (n++ == failAtItem) {
                    failAtItem = -1;
                    throw new IllegalStateException("broker unavailable");
                }
                if (seen.add(i.duplicateId())) {
                    queued.add(queue + " " + i.envelope().raw());
                    items.add(i);
                }
            }
        }
    }

    static final class MutableClock extends Clock {
        volatile Instant now = Instant.parse("2026-12-05T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final class FakeRegistry implements DeviceRegistry {
        final Map<String, Device> devices = new ConcurrentHashMap<>();

        void put(Device d) {
            devices.put(d.id(), d);
        }

        @Override
        public Optional<Device> deviceBySource(String sourceAddress) {
            return Optional.empty();
        }

        @Override
        public Optional<Device> device(String id) {
            return Optional.ofNullable(devices.get(id));
        }

        @Override
        public Optional<Customer> customer(String id) {
            return Optional.empty();
        }

        @Override
        public Collection<Device> devices() {
            return new ArrayList<>(devices.values());
        }

        @Override
        public Collection<Customer> customers() {
            return List.of();
        }

        @Override
        public void putCustomer(Customer customer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void putDevice(Device device) {
            put(device);
        }

        @Override
        public boolean removeDevice(String id) {
            return devices.remove(id) != null;
        }

        @Override
        public boolean removeCustomer(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int[] importAll(Collection<Customer> customers, Collection<Device> devices) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int[] importFile(Path file) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void exportFile(Path file) {
            throw new UnsupportedOperationException();
        }
    }

    static final class FakePlugin implements VendorPlugin {
        final String id;
        final PullConnector connector;

        FakePlugin(String id, PullConnector connector) {
            this.id = id;
            this.connector = connector;
        }

        @Override
        public String vendorId() {
            return id;
        }

        @Override
        public String vendorName() {
            return id;
        }

        @Override
        public Set<String> products() {
            return Set.of();
        }

        @Override
        public Set<DeviceType> deviceTypes() {
            return Set.of(DeviceType.IPS);
        }

        @Override
        public boolean probe(String line) {
            return false;
        }

        @Override
        public LogParser parser() {
            return (envelope, context) -> io.yagura.api.plugin.ParseResult.ignored("test");
        }

        @Override
        public Optional<PullConnector> pullConnector() {
            return Optional.ofNullable(connector);
        }
    }
}
