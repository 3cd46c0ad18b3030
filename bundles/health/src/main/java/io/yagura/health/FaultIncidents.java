package io.yagura.health;

import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentChanges;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Triage;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.DeviceRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device faults as incidents, through the path every incident takes: stored by the
 * {@link IncidentStore}, announced as OPENED on yagura.incidents (so the dispatcher notifies as
 * for any Critical: when an analyst confirms it, or at its deadline when the customer's policy
 * sends Critical automatically), closed by {@link Triage#close} with a note (announced CLOSED: the
 * dispatcher sends the all-clear to the contacts who were told).
 */
final class FaultIncidents {

    static final String ACTOR = "health";
    private static final Logger LOG = LoggerFactory.getLogger(FaultIncidents.class);

    private final IncidentStore store;
    private final IncidentChanges changes;
    private final Triage triage;
    private final DeviceRegistry registry;

    FaultIncidents(IncidentStore store, IncidentChanges changes, Triage triage, DeviceRegistry registry) {
        this.store = store;
        this.changes = changes;
        this.triage = triage;
        this.registry = registry;
    }

    /** The device's open incident of this kind (opened before a restart, or by another node). */
    Optional<String> findOpen(Fault.Kind kind, String customerId, String deviceId) {
        return store.findOpenByKey(customerId, kind.key(deviceId)).map(Incident::id);
    }

    /** Opens the incident of a fault, or returns the one already open for it. */
    String open(Fault f, Instant now) {
        Optional<String> existing = findOpen(f.kind(), f.customerId(), f.deviceId());
        if (existing.isPresent()) {
            return existing.get();
        }
        Customer customer = registry.customer(f.customerId()).orElse(null);
        Incident incident = Incident.builder().id(newId(now)).customerId(f.customerId()).key(f.kind().key(f.deviceId()))
                .proposedLevel(Level.CRITICAL).status(IncidentStatus.NEW).category(f.kind().category).title(title(f))
                .targets(f.address() == null ? List.of() : List.of(f.address())).rules(List.of(f.kind().rule))
                .rationale(rationale(f, now)).eventCount(0).firstSeen(f.since()).lastSeen(now).detectedAt(now)
                .deadline(Level.CRITICAL.deadlineFrom(now, customer == null ? null : customer.policy()))
                .analysis(analysis(f)).build();
        Incident stored = store.create(incident);
        store.audit(new AuditEntry(now, ACTOR, f.kind().category, stored.id(), "device " + f.deviceId() + ": "
                + f.finding()));
        changes.announce(stored, IncidentChanges.Change.OPENED);
        LOG.warn("Device {} ({}): {} declared, incident {} (Critical, notify by {}): {}", f.deviceId(), f.customerId(),
                f.kind().category, stored.id(), stored.deadline(), f.finding());
        return stored.id();
    }

    /** Closes a fault's incident after the device recovered; the note is audited and ends up in the all-clear. */
    void recovered(String incidentId, String note) {
        try {
            Incident i = store.find(incidentId).orElse(null);
            if (i == null || i.status() == IncidentStatus.CLOSED || i.status() == IncidentStatus.FALSE_POSITIVE) {
                return; // an analyst closed it already: nothing to add
            }
            String analysis = i.analysis() == null ? note : i.analysis() + "\n" + note;
            triage.annotate(incidentId, analysis, null, null, ACTOR);
            triage.close(incidentId, note, ACTOR);
            LOG.info("Incident {} closed: {}", incidentId, note);
        } catch (Triage.TriageException | IncidentStore.ConcurrentChangeException e) {
            LOG.info("Incident {} not closed by the health check ({}); an analyst is handling it", incidentId,
                    e.getMessage());
        }
    }

    private static String newId(Instant now) {
        return "INC-" + LocalDate.ofInstant(now, ZoneOffset.UTC).toString().replace("-", "") + "-H"
                + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static String title(Fault f) {
        return f.kind() == Fault.Kind.UNREACHABLE
                ? "Device " + f.deviceId() + " (" + f.address() + ") does not answer"
                : "Device " + f.deviceId() + " sends no logs";
    }

    private static List<String> rationale(Fault f, Instant now) {
        List<String> r = new ArrayList<>();
        if (f.kind() == Fault.Kind.UNREACHABLE) {
            r.add("The health check has had no answer from " + f.address() + " since " + f.since() + " ("
                    + minutes(Duration.between(f.since(), now)) + "): " + f.finding() + ".");
            r.add(f.lastAnswer() == null ? "It never answered since monitoring began."
                    : "It last answered at " + f.lastAnswer() + ".");
            if (f.lastLog() != null && Duration.between(f.lastLog(), now).compareTo(Duration.between(f.since(), now)) < 0) {
                r.add("Its logs still arrive (last at " + f.lastLog() + "): the device runs, but the probes do not "
                        + "reach it (a filter on the path, or a changed address).");
            }
        } else {
            r.add("The last log of the device arrived at " + f.lastLog() + ", " + minutes(Duration.between(f.lastLog(), now))
                    + " ago, longer than its silence threshold of " + minutes(f.silence()) + ".");
            r.add(f.finding() + ".");
        }
        r.add("A device fault is Critical: the customer is told within its deadline unless it recovers first.");
        return r;
    }

    private static String analysis(Fault f) {
        return f.kind() == Fault.Kind.UNREACHABLE
                ? "Yagura's health check cannot reach device " + f.deviceId() + ": while it does not answer, its attacks "
                  + "and logs may go unseen. Check its power, links and the path from the SOC."
                : "Device " + f.deviceId() + " stopped sending logs to Yagura: attacks on it would go unseen. Check its "
                  + "syslog configuration, its log server address and the path to the SOC.";
    }

    static String minutes(Duration d) {
        long s = d.toSeconds();
        return s < 120 ? s + " s" : (s / 60) + " min";
    }
}
