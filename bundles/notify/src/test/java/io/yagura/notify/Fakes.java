package io.yagura.notify;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentChanges;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.incident.Suppression;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.DeviceRegistry;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small in-memory stand-ins for the store, the registry, the announcements and the clock. */
final class Fakes {

    private Fakes() {
    }

    /** The store as the dispatcher uses it; a notice id is a primary key, as in the database. */
    static class MemoryStore implements IncidentStore {
        final Map<String, Incident> incidents = new LinkedHashMap<>();
        final Map<String, Notification> notices = new LinkedHashMap<>();
        final Map<String, Digest> digests = new LinkedHashMap<>();
        final List<AuditEntry> audit = new ArrayList<>();

        Incident put(Incident i) {
            incidents.put(i.id(), i);
            return i;
        }

        List<AuditEntry> audit(String action) {
            return audit.stream().filter(a -> a.action().equals(action)).toList();
        }

        /** What the mail channel records once the server took the notice. */
        void delivered(String noticeId, Instant at) {
            Notification n = notices.get(noticeId);
            updateNotification(new Notification(n.id(), n.incidentId(), n.customerId(), n.kind(), n.channel(),
                    n.address(), n.language(), n.level(), n.createdAt(), "delivered", n.deadline(), at,
                    n.deadline() == null ? null : !at.isAfter(n.deadline())));
        }

        @Override
        public Incident create(Incident incident) {
            return put(incident.withVersion(1));
        }

        @Override
        public Incident update(Incident incident) {
            Incident stored = incidents.get(incident.id());
            if (stored == null || stored.version() != incident.version()) {
                throw new ConcurrentChangeException(incident.id());
            }
            return put(incident.withVersion(incident.version() + 1));
        }

        @Override
        public Optional<Incident> find(String id) {
            return Optional.ofNullable(incidents.get(id));
        }

        @Override
        public Optional<Incident> findOpenByKey(String customerId, String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Incident> list(Filter f) {
            return incidents.values().stream()
                    .filter(i -> f.customerId() == null || f.customerId().equals(i.customerId()))
                    .filter(i -> f.level() == null || f.level() == i.level())
                    .filter(i -> f.status() == null || f.status() == i.status())
                    .sorted(Comparator.comparing(Incident::detectedAt).reversed())
                    .limit(f.limit())
                    .toList();
        }

        @Override
        public void addEvidence(String incidentId, SecurityEvent event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SecurityEvent> evidence(String incidentId, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Suppression addSuppression(Suppression suppression) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean removeSuppression(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Suppression> activeSuppressions(String customerId, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void countSuppressed(String suppressionId, long events) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long suppressedCount(String suppressionId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Notification createNotification(Notification n) {
            if (!incidents.containsKey(n.incidentId())) {
                throw new IllegalStateException("foreign key: no incident " + n.incidentId());
            }
            if (notices.putIfAbsent(n.id(), n) != null) {
                throw new IllegalStateException("primary key: notification " + n.id() + " exists");
            }
            return n;
        }

        @Override
        public Notification updateNotification(Notification n) {
            notices.put(n.id(), n);
            return n;
        }

        @Override
        public List<Notification> notifications(String incidentId) {
            return notices.values().stream().filter(n -> n.incidentId().equals(incidentId)
                    || digests.containsKey(n.id()) && digests.get(n.id()).incidentIds().contains(incidentId)).toList();
        }

        @Override
        public Notification createDigest(Notification n, Digest digest) {
            for (String id : digest.incidentIds()) {
                if (!incidents.containsKey(id)) {
                    throw new IllegalStateException("foreign key: no incident " + id);
                }
            }
            createNotification(n);
            digests.put(n.id(), digest);
            return n;
        }

        @Override
        public Optional<Digest> digest(String notificationId) {
            return Optional.ofNullable(digests.get(notificationId));
        }

        @Override
        public List<Notification> pendingNotifications(String channel, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addAttempt(DeliveryAttempt attempt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DeliveryAttempt> attempts(String notificationId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void audit(AuditEntry entry) {
            audit.add(entry);
        }

        @Override
        public List<AuditEntry> auditLog(String subject, int limit) {
            List<AuditEntry> newestFirst = new ArrayList<>(audit.stream()
                    .filter(a -> java.util.Objects.equals(subject, a.subject())).toList());
            java.util.Collections.reverse(newestFirst);
            return newestFirst.stream().limit(limit).toList();
        }
    }

    /** Announcements, kept in order. */
    static final class RecordingChanges implements IncidentChanges {
        final List<String> announced = new ArrayList<>();

        @Override
        public void announce(Incident incident, Change change) {
            announced.add(incident.id() + " " + change);
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void set(Instant t) {
            now = t;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * A registry of these customers. A proxy rather than a class: only the lookups the
     * dispatcher makes are answered, and the registry interface may grow.
     */
    static DeviceRegistry registry(Customer... customers) {
        List<Customer> all = List.of(customers);
        return (DeviceRegistry) Proxy.newProxyInstance(DeviceRegistry.class.getClassLoader(),
                new Class<?>[] {DeviceRegistry.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "customers" -> all;
                    case "customer" -> all.stream().filter(c -> c.id().equals(args[0])).findFirst();
                    case "toString" -> "registry " + all;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The dispatcher's configuration with its defaults, some replaced. */
    static NotificationDispatcher.Config config(Map<String, Object> values) {
        return (NotificationDispatcher.Config) Proxy.newProxyInstance(NotificationDispatcher.Config.class.getClassLoader(),
                new Class<?>[] {NotificationDispatcher.Config.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    /** An incident of a customer as correlation stores it. */
    static Incident incident(String id, String customerId, Level level, IncidentStatus status, Instant detected,
                             Instant deadline) {
        return Incident.builder().id(id).customerId(customerId).key("k-" + id).proposedLevel(level).status(status)
                .category("intrusion").title("title " + id).attackers(List.of("203.0.113.7"))
                .targets(List.of("10.0.0.5")).rules(List.of("rule")).eventCount(1).firstSeen(detected)
                .lastSeen(detected).detectedAt(detected).deadline(deadline).version(1).build();
    }
}
