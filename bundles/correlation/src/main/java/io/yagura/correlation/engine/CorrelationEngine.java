package io.yagura.correlation.engine;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.MergedInto;
import io.yagura.api.incident.Suppression;
import io.yagura.api.registry.Customer;
import io.yagura.format.net.NetworkTable;
import io.yagura.correlation.rules.CorrelationRule;
import io.yagura.correlation.rules.CorrelationType;
import io.yagura.correlation.rules.DetectionRule;
import io.yagura.correlation.rules.Outcome;
import io.yagura.correlation.rules.Rule;
import io.yagura.correlation.rules.RuleSet;
import io.yagura.correlation.rules.YaguraAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns normalized events into incident changes.
 *
 * <p>Per event: (1) enrichment — network direction from the customer's networks, asset
 * criticality, threat-intelligence match ({@link Enricher}); (2) the rule index picks the few
 * detection rules worth evaluating, which are evaluated; (3) for each match, the customer's
 * suppressions are checked (a suppressed match is counted and goes no further); (4) a match of a
 * rule that generates opens or updates an incident; (5) matches feed the correlation rules that
 * reference the rule (event_count, value_count, temporal, temporal_ordered, chained), and a
 * correlation that fires is itself a match (3–5).
 *
 * <p><b>Aggregation.</b> The incident key is {@code customer|aggregation id|attacker|target}: the
 * aggregation id is the rule id (or its {@code yagura.aggregate}), attacker and target are
 * addresses ({@code *} when unknown, e.g. the target of a port sweep). A match whose key has an
 * open incident last seen within the aggregation window (default 1 h, device time) updates it
 * (count, first/last seen, addresses, rules); otherwise the store is asked
 * ({@link EngineContext#openIncident}) so aggregation survives restarts; otherwise a new incident
 * is opened. An update may raise the proposed level (with the reason appended to the rationale),
 * never lower it.
 *
 * <p><b>Levels</b> come from {@link OutcomePolicy}; the notification deadline is detection time +
 * {@link Level#defaultDeadline()}, for Critical the customer's {@code criticalMinutes}; on a raise
 * the earlier of the old deadline and the new one.
 *
 * <p><b>Customers.</b> Events without {@code customer.id} are correlated under the pseudo customer
 * {@value #UNASSIGNED}. State is kept per customer and bounded ({@link EngineSettings}).
 *
 * <p><b>Threads.</b> {@link #process} may be called concurrently for different customers; events
 * of one customer are expected in order from one thread (a per-customer lock makes concurrent
 * calls for one customer safe, but their order is then arbitrary). {@link #setRules} swaps the rule
 * set atomically; window state of correlation rules that did not change survives a swap.
 * {@link #expire()} may run concurrently (e.g. from a timer).
 *
 * <p><b>Store contract.</b> Store each returned change (create when opened, else update), then
 * hand the stored incident to {@link #incidentStored} so the engine's copy carries the new
 * version, the analyst's level and status; a closed or false-positive incident is forgotten.
 */
public final class CorrelationEngine {

    /** Pseudo customer of events without customer.id (unregistered sources). */
    public static final String UNASSIGNED = "unassigned";

    /**
     * Evidence events an incident keeps from plain repeats (more events of the same rules, no level
     * change). Its opening, each new rule and each level change always keep theirs; beyond this, a
     * sweep of hours adds to the count, not to the evidence table (a scan from 250 sources would
     * otherwise insert hundreds of evidence rows a second).
     */
    static final int REPEAT_EVIDENCE = 20;

    /** Event times further in the future than this (device clock wrong) are replaced by the clock. */
    static final long MAX_FUTURE_MILLIS = Duration.ofHours(1).toMillis();

    private volatile RuleSet rules;
    private final EngineContext context;
    private final Clock clock;
    private final EngineSettings settings;
    private final ConcurrentHashMap<String, CustomerState> states = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, NetworkTable<Boolean>> suppressionNets = new ConcurrentHashMap<>();
    private final BeaconTracker beacons = new BeaconTracker();
    private final Enricher enricher = new Enricher();
    private final WebAttackTracker webAttacks;

    private final LongAdder events = new LongAdder();
    private final LongAdder ruleMatches = new LongAdder();
    private final LongAdder correlations = new LongAdder();
    private final LongAdder suppressed = new LongAdder();
    private final LongAdder opened = new LongAdder();
    private final LongAdder updated = new LongAdder();
    private final LongAdder raised = new LongAdder();
    private final LongAdder windowEvictions = new LongAdder();
    private final LongAdder entryEvictions = new LongAdder();
    private final LongAdder incidentEvictions = new LongAdder();
    private final LongAdder lateEvents = new LongAdder();
    private final Windows.Sink sink = new Windows.Sink() {
        @Override
        public void entryEvicted() {
            entryEvictions.increment();
        }

        @Override
        public void lateEvent() {
            lateEvents.increment();
        }
    };

    public CorrelationEngine(RuleSet rules, EngineContext context, Clock clock, EngineSettings settings) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.context = Objects.requireNonNull(context, "context");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.webAttacks = new WebAttackTracker(settings.web());
    }

    /** Swaps the rule set; events already being processed finish with the old one. */
    public void setRules(RuleSet rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public RuleSet rules() {
        return rules;
    }

    public EngineSettings settings() {
        return settings;
    }

    /**
     * Processes one event; returns the incident changes it caused (possibly none). Thread-safe for
     * events of different customers; events of one customer come in order from one thread. The
     * event is enriched in place.
     */
    public List<IncidentChange> process(SecurityEvent event) {
        Objects.requireNonNull(event, "event");
        events.increment();
        RuleSet rs = rules;
        String customerId = event.getString(Ecs.CUSTOMER_ID);
        if (customerId == null || customerId.isBlank()) {
            customerId = UNASSIGNED;
        }
        Optional<Customer> customer = context.customer(customerId);
        if (customer == null) {
            customer = Optional.empty();
        }
        enricher.enrich(event, customerId, customer, context.threatIntel(), context.assets());
        long now = clock.millis();
        long t = observeTrackers(customerId, event, now);
        List<DetectionRule> hits = rs.match(event);
        if (rs.scoped() && !hits.isEmpty()) {
            String c = customerId;
            hits = hits.stream().filter(r -> rs.appliesTo(r, c)).toList(); // canaries: chosen customers only
        }
        if (hits.isEmpty()) {
            return List.of();
        }
        ruleMatches.add(hits.size());
        if (t == Long.MIN_VALUE) {
            t = eventTime(event, now);
        }
        while (true) {
            CustomerState cs = states.computeIfAbsent(customerId, CustomerState::new);
            synchronized (cs) {
                if (cs.dead) {
                    continue;
                }
                Run run = new Run(rs, cs, event, customer, t, now);
                for (DetectionRule r : hits) {
                    if (!suppressed(run, r)) {
                        matched(run, r, null);
                    }
                }
                return run.changes.isEmpty() ? List.of() : List.copyOf(run.changes.values());
            }
        }
    }

    /** Whether the engine holds correlation state for the customer (else its windows are empty). */
    public boolean knows(String customerId) {
        return states.containsKey(customerId);
    }

    /**
     * Rebuilds a customer's correlation windows from events it saw before, elsewhere: on the node that
     * died and whose customers this node took over, or before a restart (the evidence of the
     * customer's open incidents, read from the store). The events go through enrichment, detection and
     * the correlation windows in device-time order, as they did the first time, but open and change no
     * incident (the store has those): what they give back is the "alert seen, waiting for the
     * callback" state, so that the rest of a story arriving now is judged with its beginning.
     * Suppressions and the beacon and web trackers are not replayed. Returns the events that matched
     * a rule.
     */
    public int prime(String customerId, List<SecurityEvent> earlier) {
        RuleSet rs = rules;
        Optional<Customer> customer = context.customer(customerId);
        if (customer == null) {
            customer = Optional.empty();
        }
        long now = clock.millis();
        List<SecurityEvent> ordered = new ArrayList<>(earlier);
        ordered.sort(java.util.Comparator.comparingLong(e -> eventTime(e, now)));
        int matched = 0;
        for (SecurityEvent event : ordered) {
            event.set(Ecs.CUSTOMER_ID, customerId);
            enricher.enrich(event, customerId, customer, context.threatIntel(), context.assets());
            List<DetectionRule> hits = rs.match(event);
            if (rs.scoped() && !hits.isEmpty()) {
                hits = hits.stream().filter(r -> rs.appliesTo(r, customerId)).toList();
            }
            if (hits.isEmpty()) {
                continue;
            }
            matched++;
            while (true) {
                CustomerState cs = states.computeIfAbsent(customerId, CustomerState::new);
                synchronized (cs) {
                    if (cs.dead) {
                        continue;
                    }
                    Run run = new Run(rs, cs, event, customer, eventTime(event, now), now);
                    run.priming = true;
                    cs.primed.add(event);
                    for (DetectionRule r : hits) {
                        matched(run, r, null);
                    }
                    break;
                }
            }
        }
        return matched;
    }

    /**
     * Lets the trackers that see patterns Sigma cannot (beacons, web attacks that worked) look at
     * the event and mark it for the rules. The event time is read only for events that need it:
     * their candidates here, and rule matches; returns it, or Long.MIN_VALUE when not read.
     */
    private long observeTrackers(String customerId, SecurityEvent event, long now) {
        long t = Long.MIN_VALUE;
        if (BeaconTracker.candidate(event)) {
            t = eventTime(event, now);
            beacons.observe(customerId, event, t);
        }
        if (webAttacks.candidate(event)) {
            webAttacks.observe(customerId, event, now); // reads the event time only for the events it keeps
        } else {
            webAttacks.remember(customerId, event, now); // a flow an alert correlated later may name
        }
        return t;
    }

    /** Drops correlation windows and aggregation entries not updated within their windows (wall clock). */
    public void expire() {
        long now = clock.millis();
        long agg = settings.aggregationWindow().toMillis();
        for (Map.Entry<String, CustomerState> en : states.entrySet()) {
            CustomerState cs = en.getValue();
            synchronized (cs) {
                cs.windows.values().removeIf(w -> now - w.touched > w.span());
                cs.incidents.values().removeIf(a -> now - a.touched > agg);
                if (cs.windows.isEmpty() && cs.incidents.isEmpty()) {
                    cs.dead = true;
                    states.remove(en.getKey(), cs);
                }
            }
        }
        if (suppressionNets.size() > 10_000) {
            suppressionNets.clear();
        }
    }

    /**
     * Tells the engine how the store now holds an incident it produced: the in-memory copy takes the
     * stored version, confirmed level, status, analysis, countermeasures and references. A closed or
     * false-positive incident is forgotten, so the next match opens a new one.
     */
    public void incidentStored(Incident stored) {
        CustomerState cs = states.get(stored.customerId());
        if (cs == null) {
            return;
        }
        synchronized (cs) {
            CustomerState.AggEntry e = cs.incidents.get(stored.key());
            if (e == null || !e.incident.id().equals(stored.id())) {
                return;
            }
            if (stored.status() == IncidentStatus.CLOSED || stored.status() == IncidentStatus.FALSE_POSITIVE) {
                cs.incidents.remove(stored.key());
                return;
            }
            e.incident = e.incident.toBuilder().confirmedLevel(stored.confirmedLevel()).status(stored.status())
                    .analysis(stored.analysis()).countermeasures(stored.countermeasures())
                    .references(stored.references()).version(stored.version()).build();
        }
    }

    public EngineStats stats() {
        return new EngineStats(events.sum(), ruleMatches.sum(), correlations.sum(), suppressed.sum(), opened.sum(),
                updated.sum(), raised.sum(), windowEvictions.sum(), entryEvictions.sum(), incidentEvictions.sum(),
                lateEvents.sum());
    }

    /** Correlation windows currently held for a customer. */
    public int windowCount(String customerId) {
        CustomerState cs = states.get(customerId);
        if (cs == null) {
            return 0;
        }
        synchronized (cs) {
            return cs.windows.size();
        }
    }

    /** Aggregation entries (open incidents) currently held for a customer. */
    public int incidentCount(String customerId) {
        CustomerState cs = states.get(customerId);
        if (cs == null) {
            return 0;
        }
        synchronized (cs) {
            return cs.incidents.size();
        }
    }

    // ------------------------------------------------------------------ one event

    /** What one process() call works with. */
    private final class Run {
        final RuleSet rs;
        final CustomerState cs;
        final SecurityEvent event;
        final Optional<Customer> customer;
        final long t;
        final long now;
        final Instant nowInstant;
        List<Suppression> suppressions;
        final Set<String> countedSuppressions = new HashSet<>(2);
        final LinkedHashMap<String, IncidentChange> changes = new LinkedHashMap<>(4);
        /** Rebuilding windows from earlier events ({@link #prime}): no incident is opened or changed. */
        boolean priming;

        Run(RuleSet rs, CustomerState cs, SecurityEvent event, Optional<Customer> customer, long t, long now) {
            this.rs = rs;
            this.cs = cs;
            this.event = event;
            this.customer = customer;
            this.t = t;
            this.now = now;
            this.nowInstant = Instant.ofEpochMilli(now);
        }
    }

    /** A correlation that fired, with its group values. */
    private record Hit(Windows.Fired fired, String[] groupValues) {
    }

    private void matched(Run run, Rule rule, Hit hit) {
        if (rule.generates() && !run.priming) {
            incident(run, rule, hit);
        }
        for (RuleSet.Stage st : run.rs.consumers(rule)) {
            Hit h = feed(run, st);
            if (h != null) {
                correlations.increment();
                if (run.rs.appliesTo(st.correlation(), run.cs.customerId)
                        && (run.priming || !suppressed(run, st.correlation()))) {
                    matched(run, st.correlation(), h);
                }
            }
        }
    }

    private Hit feed(Run run, RuleSet.Stage st) {
        CorrelationRule c = st.correlation();
        int s = st.index();
        int n = c.groupBy().size();
        String[] values = new String[n];
        for (int g = 0; g < n; g++) {
            values[g] = EventText.value(run.event, c.groupField(s, g));
            if (values[g] == null) {
                return null; // the event lacks a group-by field: it cannot join a group
            }
        }
        String value = null;
        if (c.type() == CorrelationType.VALUE_COUNT) {
            value = EventText.value(run.event, c.valueField(s));
            if (value == null) {
                return null;
            }
        }
        String group = n == 0 ? "" : n == 1 ? values[0] : String.join("\u001f", values);
        CustomerState.WindowKey key = new CustomerState.WindowKey(c.stateKey(), group);
        Windows.Window w = run.cs.windows.get(key);
        if (w == null) {
            if (c.type() == CorrelationType.TEMPORAL_ORDERED && s > 0) {
                // a later stage without its beginning: it may have overtaken it (another device's route)
                run.cs.rememberEarly(new CustomerState.Early(c.stateKey(), s, group, run.event, run.t, run.now));
                return null;
            }
            w = Windows.create(c, settings.maxEntriesPerWindow());
            run.cs.windows.put(key, w);
            if (run.cs.windows.size() > settings.maxWindowsPerCustomer()) {
                Iterator<?> eldest = run.cs.windows.values().iterator();
                eldest.next();
                eldest.remove();
                windowEvictions.increment();
            }
        }
        w.touched = run.now;
        Windows.Fired f = w.add(s, run.event, value, run.t, sink);
        if (f == null && c.type() == CorrelationType.TEMPORAL_ORDERED && s == 0 && !run.cs.early.isEmpty()) {
            f = completeWithEarlyStages(run.cs, c, group, w, run.t);
        }
        if (f == null) {
            return null;
        }
        run.cs.windows.remove(key);
        return new Hit(f, values);
    }

    /**
     * Feeds a just-started ordered window the later stages of its group that arrived before it,
     * in device-time order, keeping only those not older than the first stage and within the
     * timespan; the ones used are forgotten.
     */
    private Windows.Fired completeWithEarlyStages(CustomerState cs, CorrelationRule c, String group, Windows.Window w,
                                                  long start) {
        List<CustomerState.Early> candidates = new ArrayList<>();
        for (CustomerState.Early e : cs.early) {
            if (e.rule().equals(c.stateKey()) && e.group().equals(group) && e.time() >= start
                    && e.time() - start <= c.timespanMillis()) {
                candidates.add(e);
            }
        }
        candidates.sort(java.util.Comparator.comparingLong(CustomerState.Early::time)
                .thenComparingInt(CustomerState.Early::stage));
        for (CustomerState.Early e : candidates) {
            Windows.Fired f = w.add(e.stage(), e.event(), null, e.time(), sink);
            if (f != null) {
                cs.early.removeAll(candidates);
                return f;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ suppressions

    private boolean suppressed(Run run, Rule rule) {
        if (run.suppressions == null) {
            List<Suppression> list = context.activeSuppressions(run.cs.customerId, run.nowInstant);
            run.suppressions = list == null ? List.of() : list;
        }
        for (Suppression s : run.suppressions) {
            if (suppresses(s, rule, run.event, run.nowInstant)) {
                suppressed.increment();
                if (s.id() != null && run.countedSuppressions.add(s.id())) {
                    context.countSuppressed(s.id());
                }
                return true;
            }
        }
        return false;
    }

    /**
     * A suppression matches when it has not expired and each of its set fields matches: rule —
     * the rule's id, name or aggregation id, or the event's rule.id (vendor signature) or event.code;
     * source — source.ip equal to or inside the address/CIDR; target — destination.ip likewise.
     */
    boolean suppresses(Suppression s, Rule rule, SecurityEvent e, Instant now) {
        if (s.expiresAt() != null && !now.isBefore(s.expiresAt())) {
            return false;
        }
        if (s.rule() == null && s.source() == null && s.target() == null) {
            return false;
        }
        if (s.rule() != null) {
            String r = s.rule().trim();
            boolean ok = r.equalsIgnoreCase(rule.meta().id()) || r.equalsIgnoreCase(rule.meta().name())
                    || r.equalsIgnoreCase(rule.aggregationId()) || r.equalsIgnoreCase(e.getString(Ecs.RULE_ID))
                    || r.equalsIgnoreCase(e.getString(Ecs.EVENT_CODE));
            if (!ok) {
                return false;
            }
        }
        if (s.source() != null && !addressMatches(s.source(), e.getString(Ecs.SOURCE_IP))) {
            return false;
        }
        return s.target() == null || addressMatches(s.target(), e.getString(Ecs.DESTINATION_IP));
    }

    private boolean addressMatches(String cidr, String ip) {
        if (ip == null) {
            return false;
        }
        NetworkTable<Boolean> t = suppressionNets.computeIfAbsent(cidr.trim(), c -> {
            try {
                return NetworkTable.<Boolean>builder().add(c, Boolean.TRUE).build();
            } catch (IllegalArgumentException notACidr) {
                return NetworkTable.empty();
            }
        });
        return t.contains(ip) || cidr.trim().equalsIgnoreCase(ip);
    }

    // ------------------------------------------------------------------ incidents

    /**
     * One match of a rule that generates incidents: who attacked whom, the aggregation key, the events
     * that are its evidence (how many, since when) and the level the rule proposes for them.
     */
    private record Match(Rule rule, Hit hit, String attacker, String target, boolean perAttacker, String key,
                         List<SecurityEvent> evidence, long count, long first, Level proposed) {
    }

    /** What a match does to the level of an incident already open: lower it, raise it, or neither. */
    private record LevelStep(Level previous, Level proposed, boolean lower, boolean raise, boolean newRule) {
        Level level() {
            return raise || lower ? proposed : previous;
        }
    }

    /** Opens an incident for the match, or updates the open one with its key; records the change. */
    private void incident(Run run, Rule rule, Hit hit) {
        Match m = match(run, rule, hit);
        CustomerState.AggEntry entry = openEntry(run, m.key());
        List<String> absorbs = rule.meta().yagura().absorbs();
        Absorbed absorbed = null;
        // the first time such a rule speaks for the host: into a new incident, or into the host's open
        // incident of the same aggregation (a reconnaissance incident the host's scan opened earlier)
        if (!absorbs.isEmpty() && m.attacker() != null
                && (entry == null || !entry.incident.rules().contains(rule.key()))) {
            Absorbed found = absorb(run, m, entry);
            if (found != null) {
                absorbed = found;
                entry = found.carrier();
            }
        }
        List<SecurityEvent> kept = newEvidence(run, m, entry);
        IncidentChange change;
        if (entry == null) {
            List<String> sentences = sentences(run, m);
            entry = open(run, m, sentences);
            change = new IncidentChange(entry.incident, true, null, kept, sentences);
        } else {
            change = update(run, m, entry, kept);
            if (absorbed != null) {
                change = absorbed.into(change);
            }
            boolean plainRepeat = absorbed == null && change.newRationale().isEmpty()
                    && change.previousLevel() == change.incident().proposedLevel();
            if (plainRepeat && entry.evidenceKept >= REPEAT_EVIDENCE) {
                // the story's evidence is already represented: more of the same is counted, not stored
                change = new IncidentChange(change.incident(), false, change.previousLevel(), List.of(), List.of());
            }
        }
        entry.evidenceKept += change.evidence().size();
        for (SecurityEvent ev : m.evidence()) {
            entry.remember(ev);
        }
        entry.remember(run.event);
        addChange(run, m.key(), change);
        for (String aggregation : absorbs) {
            if (m.attacker() != null) {
                run.cs.hostStories.put(aggregation + "|" + m.attacker(), m.key());
            }
        }
    }

    /**
     * The key of the attacker host's own story that matches of this aggregation id join, when an
     * open incident of a rule that {@code absorbs} it is about this attacker; null otherwise.
     */
    private String hostStoryKey(Run run, String aggregationId, String attacker) {
        if (run.cs.hostStories.isEmpty()) {
            return null;
        }
        String key = run.cs.hostStories.get(aggregationId + "|" + attacker);
        if (key != null && openEntry(run, key) == null) {
            run.cs.hostStories.remove(aggregationId + "|" + attacker);
            return null;
        }
        return key;
    }

    /**
     * A rule about the attacker host itself (it {@code absorbs} other aggregation ids) fires for the
     * first time: the host's open incidents of those aggregation ids (its attacks on single
     * neighbours, opened before the sweep showed what the host is) become one story. The oldest
     * carries it on under the host's key (its id, notices and analyst's work stay); the others are
     * merged into it and closed with {@link MergedInto}. Returns the carrying entry, or null when the
     * host has no such incident.
     */
    private Absorbed absorb(Run run, Match m, CustomerState.AggEntry own) {
        long windowMs = settings.aggregationWindow().toMillis();
        List<String> prefixes = new ArrayList<>();
        for (String aggregation : m.rule().meta().yagura().absorbs()) {
            prefixes.add(run.cs.customerId + "|" + aggregation + "|" + m.attacker() + "|");
        }
        List<Map.Entry<String, CustomerState.AggEntry>> parts = new ArrayList<>();
        for (Map.Entry<String, CustomerState.AggEntry> en : run.cs.incidents.entrySet()) {
            CustomerState.AggEntry a = en.getValue();
            if (run.t - a.lastSeen <= windowMs && prefixes.stream().anyMatch(en.getKey()::startsWith)) {
                parts.add(Map.entry(en.getKey(), a));
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        if (own != null) {
            parts.add(Map.entry(m.key(), own)); // the host's incident under this rule's key is one of the parts
        }
        parts.sort(java.util.Comparator.comparing(en -> en.getValue().incident.detectedAt()));
        CustomerState.AggEntry carrier = parts.get(0).getValue();
        run.cs.incidents.remove(parts.get(0).getKey());
        Incident story = carrier.incident;
        Level before = story.proposedLevel();
        List<SecurityEvent> evidence = new ArrayList<>();
        List<String> joined = new ArrayList<>();
        joined.add("Host " + m.attacker() + " is itself the story (rule \"" + m.rule().title() + "\"): this incident, "
                + "opened for its attack on " + String.join(", ", story.targets()) + ", now follows everything it does.");
        for (Map.Entry<String, CustomerState.AggEntry> part : parts.subList(1, parts.size())) {
            run.cs.incidents.remove(part.getKey());
            Incident merged = part.getValue().incident;
            Level level = Level.max(story.proposedLevel(), merged.proposedLevel());
            joined.add("Incident " + merged.id() + " (" + merged.proposedLevel().label() + ", " + merged.title()
                    + ") merged into this one.");
            story = story.toBuilder().proposedLevel(level).targets(addAllCapped(story.targets(), merged.targets()))
                    .rules(union(story.rules(), merged.rules()))
                    .references(union(story.references(), merged.references()))
                    .eventCount(story.eventCount() + merged.eventCount())
                    .firstSeen(earlier(story.firstSeen(), merged.firstSeen()))
                    .lastSeen(later(story.lastSeen(), merged.lastSeen())).build();
            String why = "Merged into " + carrier.incident.id() + ": host " + m.attacker() + " turned out to be "
                    + "the story (rule \"" + m.rule().title() + "\"); it continues there.";
            Incident closed = merged.toBuilder().status(IncidentStatus.CLOSED)
                    .references(union(merged.references(), List.of(MergedInto.marker(carrier.incident.id()))))
                    .rationale(capRationale(merged.rationale(), List.of(why), true)).build();
            // keyed by the merged incident itself: the carrier's change may come under the same key
            addChange(run, "merged|" + merged.id(), new IncidentChange(closed, false, merged.proposedLevel(), List.of(),
                    List.of(why)));
            carrier.lastSeen = Math.max(carrier.lastSeen, part.getValue().lastSeen);
            for (SecurityEvent ev : part.getValue().remembered()) {
                carrier.remember(ev);
                evidence.add(ev); // the merged attacks' alerts become evidence of the story
            }
        }
        carrier.incident = story.toBuilder().key(m.key()).category(category(m.rule()))
                .title(title(m.rule(), m.attacker(), null))
                .rationale(capRationale(story.rationale(), joined, true)).build();
        putIncident(run.cs, m.key(), carrier);
        return new Absorbed(carrier, before, joined, evidence);
    }

    /**
     * An absorption: the entry carrying the host's story, its level before the merge (so that the
     * change shows a raise the merged incidents brought), what the merge adds to the rationale, and
     * the merged incidents' events that become the story's evidence.
     */
    private record Absorbed(CustomerState.AggEntry carrier, Level before, List<String> rationale,
                            List<SecurityEvent> evidence) {

        IncidentChange into(IncidentChange change) {
            List<String> added = new ArrayList<>(rationale);
            added.addAll(change.newRationale());
            List<SecurityEvent> all = new ArrayList<>(evidence);
            all.addAll(change.evidence());
            return new IncidentChange(change.incident(), false, before, all, added);
        }
    }

    /** a, then what b adds to it (order kept, no repeats); a itself when b adds nothing. */
    private static List<String> union(List<String> a, List<String> b) {
        if (b.isEmpty() || a.containsAll(b)) {
            return a;
        }
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /**
     * What the incident keeps as evidence of this match: the event being processed and the
     * correlation's earlier events the incident does not hold yet. Events may reach correlation
     * out of order (two parsing threads): the connection back to the attacker can be processed
     * before the alert it follows, and is then the proof of success kept with the alert's incident.
     */
    private static List<SecurityEvent> newEvidence(Run run, Match m, CustomerState.AggEntry entry) {
        List<SecurityEvent> kept = new ArrayList<>(2);
        boolean triggerIncluded = false;
        for (SecurityEvent ev : m.evidence()) {
            triggerIncluded |= ev == run.event;
            if (ev == run.event || (!run.cs.primed.contains(ev) && (entry == null || !entry.seen(ev)))) {
                kept.add(ev);
            }
        }
        if (!triggerIncluded) {
            kept.add(run.event);
        }
        return kept;
    }

    private Match match(Run run, Rule rule, Hit hit) {
        SecurityEvent e = run.event;
        String attacker;
        String target;
        if (rule instanceof CorrelationRule c && hit != null) {
            attacker = c.attackerGroup() >= 0 ? hit.groupValues()[c.attackerGroup()] : roleValue(e, hit, c.attackerField());
            target = c.targetGroup() >= 0 ? hit.groupValues()[c.targetGroup()] : roleValue(e, hit, c.targetField());
        } else {
            YaguraAttributes y = rule.meta().yagura();
            attacker = EventText.value(e, y.attacker() != null ? y.attacker() : Ecs.SOURCE_IP);
            if (y.target() != null) {
                target = EventText.value(e, y.target());
            } else {
                String dst = e.getString(Ecs.DESTINATION_IP);
                target = attacker != null && attacker.equals(dst) ? e.getString(Ecs.SOURCE_IP) : dst;
            }
        }
        // a sweep is one story: with per: attacker every target joins the attacker's incident
        boolean perAttacker = rule.meta().yagura().perAttacker() && attacker != null;
        String key = run.cs.customerId + "|" + rule.aggregationId() + "|" + (attacker == null ? "*" : attacker) + "|"
                + (target == null || perAttacker ? "*" : target);
        if (!(rule instanceof CorrelationRule) && !perAttacker && attacker != null && target != null
                && "outbound".equals(e.getString(Ecs.NETWORK_DIRECTION))) {
            // an alert on the victim's answer or call back to its attacker (a shell, a tunnel, a
            // beacon) belongs to the attack's incident, not to a new one naming the victim as attacker
            String reversed = run.cs.customerId + "|" + rule.aggregationId() + "|" + target + "|" + attacker;
            if (openEntry(run, reversed) != null) {
                String victim = attacker;
                attacker = target;
                target = victim;
                key = reversed;
            }
        }
        String hostKey = attacker == null ? null : hostStoryKey(run, rule.aggregationId(), attacker);
        if (hostKey != null) {
            key = hostKey; // the attacker host's own story (a worm) takes in its later attacks
        }
        List<SecurityEvent> evidence = hit == null ? List.of(e) : hit.fired().evidence();
        long count = hit == null ? 1 : hit.fired().windowEvents();
        long first = hit == null ? run.t : Math.min(hit.fired().firstMillis(), run.t);
        return new Match(rule, hit, attacker, target, perAttacker, key, evidence, count, first,
                OutcomePolicy.level(rule, e));
    }

    /**
     * A correlation's attacker or target from a field: of the triggering event, or with the prefix
     * {@value CorrelationRule#FIRST_EVENT} of the correlation's first event (a temporal_ordered rule's
     * first stage: the attacker of the alert, when the last stage is the victim calling elsewhere).
     */
    private static String roleValue(SecurityEvent trigger, Hit hit, String field) {
        if (field != null && field.startsWith(CorrelationRule.FIRST_EVENT)) {
            List<SecurityEvent> evidence = hit.fired().evidence();
            return evidence.isEmpty() ? null
                    : EventText.value(evidence.get(0), field.substring(CorrelationRule.FIRST_EVENT.length()));
        }
        return EventText.value(trigger, field);
    }

    /**
     * The open incident with this key last seen within the aggregation window: the engine's copy, else
     * the store's (aggregation survives restarts); null when there is none.
     */
    private CustomerState.AggEntry openEntry(Run run, String key) {
        long windowMs = settings.aggregationWindow().toMillis();
        CustomerState.AggEntry entry = run.cs.incidents.get(key);
        if (entry != null && run.t - entry.lastSeen > windowMs) {
            run.cs.incidents.remove(key);
            entry = null;
        }
        if (entry == null) {
            Optional<Incident> stored = context.openIncident(run.cs.customerId, key);
            if (stored != null && stored.isPresent()) {
                Incident si = stored.get();
                long last = si.lastSeen() == null ? Long.MIN_VALUE : si.lastSeen().toEpochMilli();
                boolean open = si.status() != IncidentStatus.CLOSED && si.status() != IncidentStatus.FALSE_POSITIVE;
                if (open && last != Long.MIN_VALUE && run.t - last <= windowMs) {
                    entry = new CustomerState.AggEntry(si, last, run.now);
                    putIncident(run.cs, key, entry);
                }
            }
        }
        return entry;
    }

    /** A new incident at the level the rule proposes, held under its key. */
    private CustomerState.AggEntry open(Run run, Match m, List<String> sentences) {
        Rule rule = m.rule();
        Incident inc = Incident.builder().id(context.newIncidentId()).customerId(run.cs.customerId).key(m.key())
                .proposedLevel(m.proposed()).status(IncidentStatus.NEW).category(category(rule))
                .title(title(rule, m.attacker(), m.target())).attackers(list(m.attacker()))
                .targets(addAllCapped(List.of(), targets(m))).rules(List.of(rule.key()))
                .rationale(capRationale(List.of(), sentences, true)).eventCount(Math.max(1, m.count()))
                .firstSeen(Instant.ofEpochMilli(m.first())).lastSeen(Instant.ofEpochMilli(run.t))
                .detectedAt(run.nowInstant).deadline(deadline(m.proposed(), run.nowInstant, run.customer))
                .references(CanaryMarks.opened(run.rs, rule, rule.meta().references())).version(0).build();
        CustomerState.AggEntry entry = new CustomerState.AggEntry(inc, run.t, run.now);
        putIncident(run.cs, m.key(), entry);
        opened.increment();
        return entry;
    }

    /**
     * The open incident with the match's evidence added: new events counted, addresses, rules and
     * references merged, the level lowered or raised with the reason in the rationale.
     */
    private IncidentChange update(Run run, Match m, CustomerState.AggEntry entry, List<SecurityEvent> kept) {
        long count = m.count();
        for (SecurityEvent ev : m.evidence()) {
            if (entry.seen(ev) || run.cs.primed.contains(ev)) { // primed: already counted by the store
                count--;
            }
        }
        count = Math.max(0, count);
        Incident old = entry.incident;
        LevelStep step = levelStep(run, m, old);
        List<String> added = addedRationale(run, m, step);
        List<String> rationale = capRationale(old.rationale(), added, step.raise() || step.lower());
        if (rationale.size() == old.rationale().size()) {
            added.clear();
        }
        Rule rule = m.rule();
        List<String> rulesFired = old.rules();
        if (step.newRule()) {
            rulesFired = new ArrayList<>(old.rules());
            rulesFired.add(rule.key());
        }
        Instant firstSeen = old.firstSeen() == null || m.first() < old.firstSeen().toEpochMilli()
                ? Instant.ofEpochMilli(m.first()) : old.firstSeen();
        Instant lastSeen = old.lastSeen() == null || run.t > old.lastSeen().toEpochMilli()
                ? Instant.ofEpochMilli(run.t) : old.lastSeen();
        Incident inc = old.toBuilder().proposedLevel(step.level())
                .category(step.raise() ? category(rule) : old.category())
                .title(step.raise() ? title(rule, m.attacker(), m.target()) : old.title())
                .attackers(addCapped(old.attackers(), m.attacker())).targets(addAllCapped(old.targets(), targets(m)))
                .rules(rulesFired).rationale(rationale).eventCount(old.eventCount() + count).firstSeen(firstSeen)
                .lastSeen(lastSeen).deadline(deadline(run, old, step))
                .references(CanaryMarks.updated(run.rs, rule, references(old.references(), rule))).build();
        entry.incident = inc;
        entry.lastSeen = Math.max(entry.lastSeen, run.t);
        entry.touched = run.now;
        updated.increment();
        if (step.raise()) {
            raised.increment();
        }
        return new IncidentChange(inc, false, step.previous(), kept, added);
    }

    /**
     * A rule stating the attack was blocked lowers an incident above Warning to Warning, unless success
     * was proven; once failure is proven only a rule stating success raises above Warning again; any
     * other match raises to the level it proposes when that is more severe.
     */
    private static LevelStep levelStep(Run run, Match m, Incident old) {
        Level prev = old.proposedLevel();
        Level proposed = m.proposed();
        Evidence proven = Evidence.of(run.rs, old.rules());
        Outcome stated = m.rule().meta().yagura().outcome();
        // a host's own story (a worm): one blocked attempt does not show the host is clean
        boolean hostStory = proven.hostStory() || !m.rule().meta().yagura().absorbs().isEmpty();
        boolean lower = stated == Outcome.BLOCKED && !hostStory && !proven.success()
                && prev.isMoreSevereThan(Level.WARNING);
        if (proven.failure() && !hostStory && stated != Outcome.SUCCESS && proposed.isMoreSevereThan(Level.WARNING)) {
            proposed = Level.WARNING; // the attack was shown to fail: only proof of success raises it again
        }
        boolean raise = !lower && proposed.isMoreSevereThan(prev);
        if (lower) {
            proposed = Level.WARNING;
        }
        return new LevelStep(prev, proposed, lower, raise, !old.rules().contains(m.rule().key()));
    }

    /** The rationale a step adds: why the level moved, or why a new rule leaves it where it is. */
    private List<String> addedRationale(Run run, Match m, LevelStep step) {
        Rule rule = m.rule();
        List<String> added = new ArrayList<>();
        if (step.lower()) {
            added.add("Level lowered from " + step.previous().label() + " to Warning by rule \"" + rule.title()
                    + "\" (" + rule.key() + "): the attack was blocked, so it failed.");
            added.addAll(sentences(run, m));
        } else if (step.raise()) {
            added.add("Level raised from " + step.previous().label() + " to " + step.proposed().label()
                    + " by rule \"" + rule.title() + "\" (" + rule.key() + ").");
            added.addAll(sentences(run, m));
        } else if (step.newRule()) {
            added.addAll(sentences(run, m));
            if (step.previous().isMoreSevereThan(step.proposed())) {
                added.add("Rule \"" + rule.title() + "\" proposes " + step.proposed().label() + "; the incident stays "
                        + step.previous().label() + ": only evidence that the attack failed lowers a level.");
            }
        }
        return added;
    }

    /** Lowered: the new level's deadline from detection (a Warning has none); raised: the earlier one. */
    private static Instant deadline(Run run, Incident old, LevelStep step) {
        Instant deadline = old.deadline();
        if (step.lower()) {
            return deadline(step.level(), old.detectedAt(), run.customer);
        }
        if (step.raise()) {
            Instant d = deadline(step.level(), run.nowInstant, run.customer);
            return deadline == null ? d : d == null ? deadline : (d.isBefore(deadline) ? d : deadline);
        }
        return deadline;
    }

    /** The incident's references with the rule's added (order kept, no repeats). */
    private static List<String> references(List<String> refs, Rule rule) {
        return union(refs, rule.meta().references());
    }

    /** One change per incident and event: a second match of the same incident adds its rationale. */
    private static void addChange(Run run, String key, IncidentChange change) {
        IncidentChange before = run.changes.get(key);
        if (before != null) {
            List<String> all = new ArrayList<>(before.newRationale());
            all.addAll(change.newRationale());
            List<SecurityEvent> evidence = new ArrayList<>(before.evidence());
            for (SecurityEvent ev : change.evidence()) {
                if (evidence.stream().noneMatch(kept -> kept == ev)) {
                    evidence.add(ev);
                }
            }
            change = new IncidentChange(change.incident(), before.opened(), before.previousLevel(), evidence, all);
        }
        run.changes.put(key, change);
    }

    /** Why the rule fired and what level it proposes, in sentences (built only when they are kept). */
    private List<String> sentences(Run run, Match m) {
        SecurityEvent e = run.event;
        Rule rule = m.rule();
        Hit hit = m.hit();
        String target = m.target();
        List<String> sentences = new ArrayList<>();
        sentences.add(hit == null
                ? "Rule \"" + rule.title() + "\" (" + rule.key() + ") matched " + EventText.describe(e) + "."
                : describe(hit));
        if (rule.meta().yagura().explain() != null) {
            sentences.add(rule.meta().yagura().explain());
        }
        if (rule.meta().yagura().outcome() == Outcome.SUCCESS && e.has(WebAttackTracker.EVIDENCE)) {
            sentences.add(e.getString(WebAttackTracker.EVIDENCE));
        }
        sentences.addAll(OutcomePolicy.propose(rule, e).rationale());
        if (e.has(Enricher.TI_SOURCE)) {
            String label = e.getString(Enricher.TI_LABEL);
            sentences.add(e.getString(Enricher.TI_FIELD) + " " + e.getString(Enricher.TI_MATCHED)
                    + " is on the threat-intelligence list \"" + e.getString(Enricher.TI_SOURCE) + "\""
                    + (label != null ? " (label " + label + ")" : "") + ".");
        }
        if (target != null) {
            context.assets().asset(run.cs.customerId, target)
                    .filter(a -> a.criticality() != AssetCriticality.Criticality.LOW)
                    .ifPresent(a -> sentences.add("Target " + target + (a.name() == null ? "" : " (" + a.name() + ")")
                            + " is a " + a.criticality().label() + "-criticality asset."));
        }
        return sentences;
    }

    private void putIncident(CustomerState cs, String key, CustomerState.AggEntry entry) {
        cs.incidents.put(key, entry);
        if (cs.incidents.size() > settings.maxIncidentsPerCustomer()) {
            Iterator<?> eldest = cs.incidents.values().iterator();
            eldest.next();
            eldest.remove();
            incidentEvictions.increment();
        }
    }

    private List<String> capRationale(List<String> old, List<String> added, boolean always) {
        if (added.isEmpty() || (!always && old.size() + added.size() > settings.maxRationale())) {
            return old;
        }
        List<String> out = new ArrayList<>(old.size() + added.size());
        out.addAll(old);
        out.addAll(added);
        return out;
    }

    private List<String> addCapped(List<String> list, String value) {
        if (value == null || list.contains(value) || list.size() >= settings.maxAddressesPerIncident()) {
            return list;
        }
        List<String> out = new ArrayList<>(list);
        out.add(value);
        return out;
    }

    /** The target, and for a per-attacker correlation every target among the events that made it fire. */
    private static List<String> targets(Match m) {
        String target = m.target();
        Hit hit = m.hit();
        if (!m.perAttacker() || hit == null || !(m.rule() instanceof CorrelationRule c) || c.targetField() == null) {
            return list(target);
        }
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        if (c.targetField().equals(c.valueField())) {
            all.addAll(hit.fired().distinct()); // a sweep counted its targets: every one of them
        }
        for (SecurityEvent ev : hit.fired().evidence()) {
            String t = EventText.value(ev, c.targetField());
            if (t != null) {
                all.add(t);
            }
        }
        if (target != null) {
            all.add(target);
        }
        return List.copyOf(all);
    }

    private List<String> addAllCapped(List<String> list, List<String> values) {
        List<String> out = list;
        for (String v : values) {
            out = addCapped(out, v);
        }
        return out;
    }

    private static List<String> list(String value) {
        return value == null ? List.of() : List.of(value);
    }

    /** Detection time + the level's deadline ({@link Level#deadlineFrom}). */
    static Instant deadline(Level level, Instant detectedAt, Optional<Customer> customer) {
        return level.deadlineFrom(detectedAt, customer.map(Customer::policy).orElse(null));
    }

    /** yagura.category, else from ATT&CK tags, else "intrusion". */
    static String category(Rule rule) {
        String c = rule.meta().yagura().category();
        if (c != null) {
            return c;
        }
        for (String tag : rule.meta().tags()) {
            String t = tag.toLowerCase(Locale.ROOT).replace('_', '-');
            if (t.contains("reconnaissance") || t.contains("attack.discovery")) {
                return "reconnaissance";
            }
            if (t.contains("command-and-control")) {
                return "malware";
            }
            if (t.contains("credential-access")) {
                return "brute-force";
            }
            if (t.equals("attack.impact")) {
                return "denial-of-service";
            }
        }
        return "intrusion";
    }

    private static String title(Rule rule, String attacker, String target) {
        if (attacker != null && target != null) {
            return rule.title() + " (" + attacker + " -> " + target + ")";
        }
        if (attacker != null) {
            return rule.title() + " (from " + attacker + ")";
        }
        if (target != null) {
            return rule.title() + " (on " + target + ")";
        }
        return rule.title();
    }

    private static String describe(Hit hit) {
        Windows.Fired f = hit.fired();
        CorrelationRule c = f.rule();
        StringBuilder group = new StringBuilder();
        for (int g = 0; g < c.groupBy().size(); g++) {
            group.append(g == 0 ? "" : ", ").append(c.groupBy().get(g)).append('=').append(hit.groupValues()[g]);
        }
        String forGroup = group.length() == 0 ? "for this customer" : "for " + group;
        List<String> titles = new ArrayList<>();
        for (Rule r : c.rules()) {
            titles.add("\"" + r.title() + "\"");
        }
        String head = "Correlation \"" + c.title() + "\" (" + c.key() + "): ";
        switch (c.type()) {
            case EVENT_COUNT:
                return head + f.measure() + " matches of " + String.join(" or ", titles) + " within " + c.timespan()
                        + " " + forGroup + " (condition " + c.condition() + ").";
            case VALUE_COUNT:
                return head + f.measure() + " distinct values of " + c.valueField() + " in " + f.windowEvents()
                        + " matches of " + String.join(" or ", titles) + " within " + c.timespan() + " " + forGroup
                        + " (condition " + c.condition() + ").";
            case TEMPORAL: {
                StringBuilder b = new StringBuilder(head).append(String.join(", ", titles)).append(" matched within ")
                        .append(c.timespan()).append(' ').append(forGroup).append(": ");
                for (int i = 0; i < f.evidence().size(); i++) {
                    b.append(i == 0 ? "" : "; ").append(EventText.describe(f.evidence().get(i)));
                }
                return b.append('.').toString();
            }
            default: {
                StringBuilder b = new StringBuilder(head).append("in this order within ").append(c.timespan())
                        .append(' ').append(forGroup).append(": ");
                for (int i = 0; i < f.evidence().size(); i++) {
                    b.append(i == 0 ? "" : "; then ").append(i + 1).append(". ").append(titles.get(i)).append(" — ")
                            .append(EventText.describe(f.evidence().get(i)));
                }
                return b.append('.').toString();
            }
        }
    }

    /** Device time (@timestamp), else event.ingested, else the clock; far-future times use the clock. */
    static long eventTime(SecurityEvent e, long now) {
        long t = parse(e.getString(Ecs.TIMESTAMP));
        if (t == Long.MIN_VALUE) {
            t = parse(e.getString(Ecs.EVENT_INGESTED));
        }
        if (t == Long.MIN_VALUE || t > now + MAX_FUTURE_MILLIS) {
            return now;
        }
        return t;
    }

    private static long parse(String ts) {
        if (ts == null) {
            return Long.MIN_VALUE;
        }
        long fast = Timestamps.parseIso(ts);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        try {
            return Instant.parse(ts).toEpochMilli();
        } catch (DateTimeParseException bad) {
            return Long.MIN_VALUE;
        }
    }
}
