package io.yagura.correlation.service;

import io.yagura.api.Queues;
import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.houserule.HouseRuleStore;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentChanges;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.MergedInto;
import io.yagura.api.metrics.Counters;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.wire.ProcessedMessages;
import io.yagura.wire.Wire;
import io.yagura.correlation.engine.AssetFile;
import io.yagura.correlation.house.LiveHouseRules;
import io.yagura.correlation.engine.CorrelationEngine;
import io.yagura.correlation.engine.EngineSettings;
import io.yagura.correlation.engine.WebEvidenceSettings;
import io.yagura.correlation.engine.IncidentChange;
import io.yagura.correlation.engine.ThreatIntel;
import io.yagura.correlation.rules.RuleLoad;
import io.yagura.correlation.rules.RuleProblem;
import io.yagura.correlation.rules.RuleRepository;
import io.yagura.correlation.service.IncidentWrites.Pending;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.karaf.scheduler.Scheduler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the correlation engine on yagura.events: each batch (one customer's, thanks to
 * message grouping) goes through the engine; incidents it opens or changes are stored with
 * their evidence, and openings and level raises are announced on yagura.incidents. Rules
 * threat-intelligence lists and the asset file are files under etc/yagura/, checked for changes
 * every few seconds by the {@link Housekeeping} job on the Karaf Scheduler: a broken rule is
 * reported with its file and line and the others keep running; a broken asset file is reported
 * with its line and the previous assets stay in force. The canary and active house rules (JSIG) of the
 * store are loaded beside the files and reloaded when a house rule changes.
 */
@Component(service = {RoutesBuilder.class, CorrelationService.class}, configurationPid = "io.yagura.correlation")
@Designate(ocd = CorrelationConfig.class)
public class CorrelationService extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(CorrelationService.class);

    private final IncidentStore store;
    private final HouseRuleStore houseRules;
    private final IncidentChanges changes;
    private final CorrelationConfig config;
    private final RuleRepository rules;
    private final ThreatIntel threatIntel;
    private final AssetFile assets;
    private final PlatformContext context;
    private final CorrelationEngine engine;
    private final Housekeeping housekeeping;
    private final LongAdder events;
    private final LongAdder opened;
    private final LongAdder raised;
    private final LongAdder redeliveriesSkipped;
    /** Batches correlated lately: one delivered again after a commit in doubt (broker lost) is not counted twice. */
    private final ProcessedMessages correlated = new ProcessedMessages(10_000);
    private final IncidentWrites writes;
    private final Scheduler scheduler;
    private final WindowPriming priming;
    static final String FLUSH_JOB = "yagura-correlation-flush";

    @Activate
    public CorrelationService(@Reference IncidentStore store, @Reference IncidentChanges changes,
                              @Reference DeviceRegistry registry, @Reference Counters counters,
                              @Reference Scheduler scheduler, @Reference HouseRuleStore houseRules,
                              CorrelationConfig config) {
        this.store = store;
        this.changes = changes;
        this.config = config;
        Path etc = Paths.get(System.getProperty("karaf.etc", "etc"));
        this.rules = new RuleRepository(etc.resolve(config.rules_dir()));
        Path tiDir = etc.resolve(config.threatintel_dir());
        this.threatIntel = Files.isDirectory(tiDir) ? ThreatIntel.fromDirectory(tiDir) : ThreatIntel.empty();
        this.assets = AssetFile.load(etc.resolve(config.assets_file()));
        this.context = new PlatformContext(registry, store, threatIntel, assets);
        this.houseRules = houseRules;
        LiveHouseRules live = new LiveHouseRules(houseRules);
        rules.setExtraRules(live::rules, live::stamp);
        RuleLoad load = rules.load();
        report(load);
        this.engine = new CorrelationEngine(load.ruleSet(), context, Clock.systemUTC(),
                EngineSettings.defaults().withAggregationWindow(Duration.ofMinutes(config.aggregation_minutes()))
                        .withWeb(webEvidence(config)));
        rules.addListener(engine::setRules);
        this.events = counters.counter("correlation", "engine", "events");
        this.opened = counters.counter("correlation", "engine", "incidents-opened");
        this.raised = counters.counter("correlation", "engine", "levels-raised");
        this.redeliveriesSkipped = counters.counter("correlation", "engine", "redeliveries-skipped");
        this.housekeeping = new Housekeeping(scheduler, rules, this::report, threatIntel, assets, engine::expire);
        housekeeping.start(config.reload_seconds());
        this.writes = new IncidentWrites(this::persist, Duration.ofMillis(Math.max(0, config.store_holdMillis())),
                EVIDENCE_PER_BATCH, System::nanoTime);
        this.scheduler = scheduler;
        this.priming = new WindowPriming(store, engine, Instant::now);
        scheduleFlush();
    }

    /** The web.* settings; values out of range are one ERROR line and the defaults, not a dead service. */
    static WebEvidenceSettings webEvidence(CorrelationConfig config) {
        try {
            return new WebEvidenceSettings(Duration.ofMinutes(config.web_window_minutes()),
                    config.web_inference_requests(), config.web_class_tolerance_percent() / 100.0,
                    config.web_delay_repeats(), config.web_dataout_megabytes() * 1_000_000L,
                    config.web_webshell_answers());
        } catch (IllegalArgumentException bad) {
            LOG.error("io.yagura.correlation web.* settings refused ({}); the web evidence uses its defaults {}",
                    bad.getMessage(), WebEvidenceSettings.defaults());
            return WebEvidenceSettings.defaults();
        }
    }

    /** Held updates are written within a second of their time even when no batch comes to push them. */
    private void scheduleFlush() {
        try {
            org.apache.karaf.scheduler.Job flush = jobContext -> {
                try {
                    writes.flushIfDue();
                } catch (RuntimeException e) {
                    LOG.error("Held incident updates not written (retried in a second): {}", e.getMessage(), e);
                }
            };
            scheduler.schedule(flush, scheduler.NOW(-1, 1).name(FLUSH_JOB).canRunConcurrently(false));
        } catch (org.apache.karaf.scheduler.SchedulerError e) {
            LOG.error("Cannot schedule {}: held incident updates are written only when the next batch comes", FLUSH_JOB, e);
        }
    }

    @Deactivate
    void deactivate() {
        housekeeping.stop();
        scheduler.unschedule(FLUSH_JOB);
        try {
            writes.flush();
        } catch (RuntimeException e) {
            LOG.error("Held incident updates lost at stop: {}", e.getMessage(), e);
        }
    }

    @Override
    public void configure() {
        from("amqp:queue:" + Queues.EVENTS + "?transacted=true&cacheLevelName=CACHE_CONSUMER&receiveTimeout=1000"
                + "&concurrentConsumers=" + Math.max(1, config.consumers()))
            .routeId("correlation")
            .process(this::correlate);
    }

    /**
     * One broker message (one customer's batch): the engine sees every event; each touched
     * incident is handed to {@link IncidentWrites} once per batch (created, then its final state),
     * with at most {@link #EVIDENCE_PER_BATCH} evidence events, so that a noisy story repeated
     * thousands of times a second costs a few writes, not thousands.
     */
    private void correlate(Exchange exchange) {
        // The engine's windows change outside the transaction: a batch the broker delivers again
        // after a commit in doubt has been counted already.
        String messageId = exchange.getMessage().getHeader(ProcessedMessages.MESSAGE_ID_HEADER, String.class);
        if (correlated.seen(messageId)) {
            redeliveriesSkipped.increment();
            LOG.info("Batch {} delivered again after a commit in doubt; it is correlated already", messageId);
            return;
        }
        List<SecurityEvent> batch = Wire.readEvents(exchange.getMessage().getBody(byte[].class));
        Map<String, Pending> touched = new LinkedHashMap<>();
        String primedFor = null;
        for (SecurityEvent e : batch) {
            String customer = e.getString(Ecs.CUSTOMER_ID);
            if (customer != null && !customer.equals(primedFor)) {
                priming.primeIfNew(customer); // a batch is one customer's: asked once per batch
                primedFor = customer;
            }
            events.increment();
            for (IncidentChange change : engine.process(e)) {
                Pending p = touched.computeIfAbsent(change.incident().id(), id -> new Pending());
                p.latest = change.incident();
                p.opened |= change.opened();
                p.raised |= change.raised();
                p.levelChanged |= change.previousLevel() != null
                        && change.previousLevel() != change.incident().proposedLevel();
                p.closed |= change.incident().status() == IncidentStatus.CLOSED;
                for (SecurityEvent ev : change.evidence()) {
                    p.keep(ev, EVIDENCE_PER_BATCH);
                }
            }
        }
        writes.submit(touched);
        context.flushSuppressedCounts();
        correlated.processed(messageId);
    }

    static final int EVIDENCE_PER_BATCH = 5;

    private void persist(Pending p) {
        if (p.latest == null) {
            return;
        }
        Incident i = p.latest;
        Incident stored;
        if (p.opened) {
            stored = store.create(i);
            opened.increment();
        } else {
            try {
                stored = store.update(i);
            } catch (IncidentStore.ConcurrentChangeException analystWasFaster) {
                // An analyst changed it meanwhile: keep their decisions, add the engine's evidence.
                Incident current = store.find(i.id()).orElseThrow();
                stored = store.update(merge(current, i));
            }
        }
        engine.incidentStored(stored);
        for (SecurityEvent e : p.evidence) {
            store.addEvidence(stored.id(), e);
        }
        if (p.opened) {
            // opened and raised in one batch: the announcement carries the raised level already
            changes.announce(stored, IncidentChanges.Change.OPENED);
        } else if (p.closed) {
            changes.announce(stored, IncidentChanges.Change.CLOSED); // merged into another incident's story
        } else if (p.raised) {
            raised.increment();
            changes.announce(stored, IncidentChanges.Change.LEVEL_RAISED);
        }
    }

    /** The analyst's level, status and notes; the engine's counts, times, rationale and proposal. */
    static Incident merge(Incident analyst, Incident engine) {
        Level proposed = Level.max(analyst.proposedLevel(), engine.proposedLevel());
        Incident.Builder b = analyst.toBuilder().proposedLevel(proposed).key(engine.key()).attackers(engine.attackers())
                .targets(engine.targets()).rules(engine.rules()).rationale(engine.rationale())
                .eventCount(Math.max(analyst.eventCount(), engine.eventCount())).lastSeen(engine.lastSeen());
        if (MergedInto.of(engine).isPresent()) {
            // the story goes on in another incident: that overrides the analyst's status, their notes stay
            b.status(IncidentStatus.CLOSED).references(engine.references());
        }
        return b.build();
    }

    private void report(RuleLoad load) {
        LOG.info("Correlation rules from {}: {} loaded, {} problem(s)", rules.directory(), load.ruleSet().size(),
                load.problems().size());
        for (RuleProblem p : load.problems()) {
            LOG.error("Rule not loaded: {}", p);
        }
    }

    /** For yagura:rules. */
    public RuleRepository rules() {
        return rules;
    }

    /** For yagura:rules. */
    public AssetFile assets() {
        return assets;
    }

    /** For yagura:rules. */
    public ThreatIntel threatIntel() {
        return threatIntel;
    }

    /** For the yagura:jsig commands. */
    public HouseRuleStore houseRules() {
        return houseRules;
    }

    /** For the yagura:jsig commands: the incident store and the announcement of a released incident. */
    public IncidentStore incidents() {
        return store;
    }

    public IncidentChanges changes() {
        return changes;
    }

    public CorrelationEngine engine() {
        return engine;
    }
}
