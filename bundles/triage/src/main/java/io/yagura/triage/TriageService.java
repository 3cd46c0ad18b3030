package io.yagura.triage;

import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentChanges;
import io.yagura.api.incident.IncidentChanges.Change;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Suppression;
import io.yagura.api.incident.Triage;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.DeviceRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

/**
 * The analysts' actions. Each one reads the incident, checks the transition, stores it
 * (optimistic locking: two analysts cannot overwrite each other silently), writes an audit
 * entry and announces the change, which is what makes the notification dispatcher act
 * (e.g. a Critical confirmed before its deadline is mailed at once).
 */
@Component(service = Triage.class)
public class TriageService implements Triage {

    private final IncidentStore store;
    private final IncidentChanges changes;
    private final DeviceRegistry registry;
    private final Clock clock;

    @Activate
    public TriageService(@Reference IncidentStore store, @Reference IncidentChanges changes,
                         @Reference(cardinality = ReferenceCardinality.OPTIONAL) DeviceRegistry registry) {
        this(store, changes, registry, Clock.systemUTC());
    }

    TriageService(IncidentStore store, IncidentChanges changes, DeviceRegistry registry, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public List<Incident> list(IncidentStore.Filter filter) {
        return store.list(filter);
    }

    @Override
    public Dossier show(String id) {
        Incident i = get(id);
        return new Dossier(i, store.evidence(id, 50), store.notifications(id), store.auditLog(id, 100));
    }

    @Override
    public Incident confirm(String id, Level level, String actor) {
        Incident i = open(get(id));
        Instant deadline = deadlineOf(i, level);
        Incident next = store.update(i.withConfirmedLevel(level, deadline).withStatus(IncidentStatus.TRIAGED));
        audit(actor, "confirm-level", id, i.level().label() + " -> " + level.label()
                + (deadline == null ? "" : ", notify by " + deadline));
        changes.announce(next, Change.CONFIRMED);
        return next;
    }

    @Override
    public Incident annotate(String id, String analysis, String countermeasures, List<String> references, String actor) {
        Incident i = get(id);
        Incident next = store.update(i.withAnalysis(analysis, countermeasures, references));
        audit(actor, "annotate", id, (analysis != null ? "analysis " : "") + (countermeasures != null ? "countermeasures " : "")
                + (references != null ? "references" : ""));
        changes.announce(next, Change.ANNOTATED);
        return next;
    }

    @Override
    public Incident close(String id, String note, String actor) {
        Incident i = open(get(id));
        Incident next = store.update(i.withStatus(IncidentStatus.CLOSED));
        audit(actor, "close", id, note);
        changes.announce(next, Change.CLOSED);
        return next;
    }

    @Override
    public Incident falsePositive(String id, String reason, Instant suppressUntil, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new TriageException("a false positive needs a reason (it is kept for audit)");
        }
        Incident i = open(get(id));
        Incident next = store.update(i.withConfirmedLevel(Level.LOW, null).withStatus(IncidentStatus.FALSE_POSITIVE));
        audit(actor, "false-positive", id, reason);
        if (suppressUntil != null) {
            String rule = i.rules().isEmpty() ? null : i.rules().get(0);
            String target = i.targets().isEmpty() ? null : i.targets().get(0);
            suppress(new Suppression(null, i.customerId(), rule, null, target, suppressUntil,
                    "false positive " + id + ": " + reason, actor, null), actor);
        }
        changes.announce(next, Change.FALSE_POSITIVE);
        return next;
    }

    @Override
    public Suppression suppress(Suppression s, String actor) {
        if (s.customerId() == null || s.customerId().isBlank()) {
            throw new TriageException("a suppression belongs to one customer");
        }
        if (s.rule() == null && s.source() == null && s.target() == null) {
            throw new TriageException("a suppression needs at least a rule, a source or a target");
        }
        if (s.reason() == null || s.reason().isBlank()) {
            throw new TriageException("a suppression needs a reason (it is kept for audit)");
        }
        Instant now = clock.instant();
        if (s.expiresAt() != null && !s.expiresAt().isAfter(now)) {
            throw new TriageException("the expiry " + s.expiresAt() + " is already past");
        }
        Suppression stored = store.addSuppression(new Suppression(
                s.id() != null ? s.id() : "SUP-" + UUID.randomUUID().toString().substring(0, 8),
                s.customerId(), s.rule(), s.source(), s.target(), s.expiresAt(), s.reason(), actor, now));
        audit(actor, "suppress", stored.id(), "customer " + s.customerId() + ", rule " + s.rule() + ", source "
                + s.source() + ", target " + s.target() + ", until " + s.expiresAt() + ": " + s.reason());
        return stored;
    }

    @Override
    public boolean unsuppress(String suppressionId, String actor) {
        boolean removed = store.removeSuppression(suppressionId);
        if (removed) {
            audit(actor, "unsuppress", suppressionId, null);
        }
        return removed;
    }

    @Override
    public long suppressedCount(String suppressionId) {
        return store.suppressedCount(suppressionId);
    }

    @Override
    public List<Suppression> suppressions(String customerId) {
        return store.activeSuppressions(customerId, clock.instant());
    }

    /** The deadline a level gives, counted from detection, with the customer's Critical delay. */
    Instant deadlineOf(Incident i, Level level) {
        // An Emergency declared by an analyst is due from that moment, not from detection.
        Instant start = level == Level.EMERGENCY ? clock.instant() : i.detectedAt();
        return level.deadlineFrom(start, customer(i).map(Customer::policy).orElse(null));
    }

    private java.util.Optional<Customer> customer(Incident i) {
        return registry == null ? java.util.Optional.empty() : registry.customer(i.customerId());
    }

    private Incident get(String id) {
        return store.find(id).orElseThrow(() -> new TriageException("no incident " + id
                + " (yagura:incidents lists them)"));
    }

    private static Incident open(Incident i) {
        if (i.status() == IncidentStatus.CLOSED || i.status() == IncidentStatus.FALSE_POSITIVE) {
            throw new TriageException("incident " + i.id() + " is " + i.status().name().toLowerCase().replace('_', ' ')
                    + " already");
        }
        return i;
    }

    private void audit(String actor, String action, String subject, String detail) {
        store.audit(new AuditEntry(clock.instant(), actor == null ? "unknown" : actor, action, subject, detail));
    }
}
