package io.yagura.response;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.plugin.FirewallDriver.Capability;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockState;
import io.yagura.api.response.BlockStore;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.karaf.scheduler.Job;
import org.apache.karaf.scheduler.Scheduler;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocks attackers' addresses on customers' firewalls, safely: a request is refused (a REFUSED
 * block with the reason) when the customer's policy is off, the address is no address or too
 * wide a network, safelisted, private, when the device's cap is reached, or when an automatic
 * request rests on evidence an attacker can forge; an internal host becomes a quarantine request
 * for an analyst. The customer's policy decides what waits for an analyst (PENDING_APPROVAL).
 * Placing and removing go through the vendor plugins' drivers, every step audited. The Karaf
 * Scheduler job {@value #JOB} removes blocks at their expiry; the state lives in the store, so
 * a block overdue when the platform starts is removed at the job's first run. The job is a cluster
 * duty ({@link ClusterDuties#RESPONSE_EXPIRY}): with several nodes only its holder removes blocks,
 * so that a device is not called twice for one removal.
 */
@Component(service = BlockService.class, immediate = true, configurationPid = "io.yagura.response")
@Designate(ocd = ResponseConfig.class)
public class BlockService {

    static final String JOB = "yagura-response-expiry";
    private static final Logger LOG = LoggerFactory.getLogger(BlockService.class);
    private static final Set<BlockState> LIVE = EnumSet.of(BlockState.PENDING_APPROVAL, BlockState.PLACING,
            BlockState.ACTIVE, BlockState.REMOVING);
    private static final Set<BlockState> ON_DEVICE = EnumSet.of(BlockState.PLACING, BlockState.ACTIVE, BlockState.REMOVING);
    private static final DateTimeFormatter ID_DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final BlockStore store;
    private final IncidentStore incidents;
    private final DeviceRegistry registry;
    private final ResponseSettings settings;
    private final AddressChecks checks;
    private final Firewalls firewalls;
    private final DriverCalls calls;
    private final DeviceChanges changes;
    private final ExpiryRun expiry;
    private final Reconciler reconciler;
    private final List<AddressChecks.SafeEntry> configuredSafelist;
    private final SocOwnAddresses socOwn;
    private final List<String> safelistProblems = new ArrayList<>();
    private final ResponseConfig config;
    private final SecureRandom random = new SecureRandom();
    private volatile NoticeOutbox outbox;
    private Scheduler scheduler;

    @Activate
    public BlockService(@Reference BlockStore store, @Reference IncidentStore incidents, @Reference DeviceRegistry registry,
                        @Reference ResponseSettings settings, @Reference Scheduler scheduler,
                        @Reference ClusterDuties duties, ResponseConfig config,
                        @Reference(cardinality = ReferenceCardinality.OPTIONAL) ConfigurationAdmin configurations) {
        this(store, incidents, registry, settings, config, Clock.systemUTC(),
                SocOwnAddresses.of(() -> socSettings(configurations)));
        start(scheduler, duties);
    }

    /** Without the expiry job (tests call {@link #expireDue} or {@link #start}). */
    BlockService(BlockStore store, IncidentStore incidents, DeviceRegistry registry, ResponseSettings settings,
                 ResponseConfig config, Clock clock) {
        this(store, incidents, registry, settings, config, clock, SocOwnAddresses.none());
    }

    BlockService(BlockStore store, IncidentStore incidents, DeviceRegistry registry, ResponseSettings settings,
                 ResponseConfig config, Clock clock, SocOwnAddresses socOwn) {
        this.socOwn = socOwn;
        this.store = store;
        this.incidents = incidents;
        this.registry = registry;
        this.settings = settings;
        this.config = config;
        this.checks = new AddressChecks(config.cidr_min_prefix_ipv4(), config.cidr_min_prefix_ipv6(),
                config.allow_special_ranges());
        this.firewalls = new Firewalls(store, Duration.ofSeconds(Math.max(1, config.driver_timeout_seconds())));
        this.calls = new DriverCalls(registry, firewalls);
        this.changes = new DeviceChanges(store, calls, incidents, registry, () -> outbox, clock);
        this.expiry = new ExpiryRun(store, calls, changes, Math.max(1, config.driver_timeout_seconds()));
        this.reconciler = new Reconciler(store, calls, changes);
        this.configuredSafelist = AddressChecks.entries(configuredSafelist(), "global safelist", safelistProblems);
        if (!safelistProblems.isEmpty()) {
            LOG.error("The global safelist of etc/io.yagura.response.cfg has errors; every block is refused until they "
                    + "are fixed: {}", safelistProblems);
        }
    }

    /** The hosts the platform's own configuration names ({@link SocOwnAddresses#CONFIGURED}), as configured now. */
    private static Map<SocOwnAddresses.Setting, String> socSettings(ConfigurationAdmin configurations) {
        Map<SocOwnAddresses.Setting, String> out = new LinkedHashMap<>();
        if (configurations == null) {
            return out;
        }
        for (SocOwnAddresses.Setting setting : SocOwnAddresses.CONFIGURED) {
            try {
                // a factory configuration from etc/PID.cfg (the datasource) has a generated pid
                Configuration[] found = configurations.listConfigurations("(|(service.pid=" + setting.pid()
                        + ")(felix.fileinstall.filename=*/" + setting.pid() + ".cfg))");
                for (Configuration c : found == null ? new Configuration[0] : found) {
                    Object value = c.getProperties() == null ? null : c.getProperties().get(setting.key());
                    if (value != null) {
                        out.put(setting, value.toString());
                    }
                }
            } catch (IOException | InvalidSyntaxException e) {
                LOG.warn("Cannot read {} to protect the SOC's own {}: {}", setting.pid(), setting.what(), e.getMessage());
            }
        }
        return out;
    }

    /** Schedules the expiry job: at once (overdue blocks after a restart), then every expiry.check.seconds. */
    void start(Scheduler jobs, ClusterDuties duties) {
        this.scheduler = jobs;
        Job job = context -> {
            if (!duties.holds(ClusterDuties.RESPONSE_EXPIRY)) {
                LOG.debug("{} skipped: another node holds the duty {}", JOB, ClusterDuties.RESPONSE_EXPIRY);
                return;
            }
            try {
                expiry.run();
            } catch (RuntimeException e) {
                LOG.error("{} failed, tried again at the next period: {}", JOB, e.getMessage(), e);
            }
        };
        try {
            jobs.schedule(job, jobs.NOW(-1, Math.max(1, config.expiry_check_seconds())).name(JOB).canRunConcurrently(false));
        } catch (Exception e) {
            LOG.error("Cannot schedule {}: blocks are NOT removed at their expiry until the bundle restarts", JOB, e);
        }
    }

    @Deactivate
    void deactivate() {
        if (scheduler != null) {
            scheduler.unschedule(JOB);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindPlugin(VendorPlugin plugin) {
        firewalls.add(plugin);
    }

    void unbindPlugin(VendorPlugin plugin) {
        firewalls.remove(plugin);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindOutbox(NoticeOutbox o) {
        this.outbox = o;
    }

    void unbindOutbox(NoticeOutbox o) {
        if (this.outbox == o) {
            this.outbox = null;
        }
    }

    // --- requests ---------------------------------------------------------------------------

    /**
     * Checks a request and, when it passes, creates one block per firewall: placed at once, or
     * waiting for an analyst. A refusal is stored too, as a REFUSED block with the reason.
     *
     * @return the blocks created (or the live blocks that already cover the address on a device)
     * @throws IllegalArgumentException for input that is no request at all (unknown customer,
     *                                  incident or device, a bad expiry)
     */
    public List<Block> request(BlockRequest r) {
        Instant now = now();
        String customerId = r.customerId() != null ? r.customerId() : customerOf(r);
        Customer customer = registry.customer(customerId).orElseThrow(() ->
                new IllegalArgumentException("no customer '" + customerId + "' (yagura:customers lists them)"));
        Incident incident = r.incidentId() == null ? null : incidents.find(r.incidentId()).orElseThrow(() ->
                new IllegalArgumentException("no incident '" + r.incidentId() + "'"));
        if (incident != null && !incident.customerId().equals(customer.id())) {
            throw new IllegalArgumentException("incident " + incident.id() + " is of customer " + incident.customerId()
                    + ", not " + customer.id());
        }
        Instant expiresAt = now.plus(expiry(r.expiresIn()));
        List<Device> named = new ArrayList<>();
        for (String id : r.deviceIds()) {
            Device d = registry.device(id).orElseThrow(() ->
                    new IllegalArgumentException("no device '" + id + "' (yagura:devices lists them)"));
            if (!d.customer().equals(customer.id())) {
                throw new IllegalArgumentException("device " + id + " belongs to customer " + d.customer() + ", not "
                        + customer.id());
            }
            named.add(d);
        }
        Block template = new Block(null, customer.id(), null, clip(r.address()), false, r.incidentId(), null, r.actor(),
                r.reason(), now, null, expiresAt, null, null, 0);
        AddressChecks.Checked checked;
        String evidenceNote = null;
        try {
            checked = admissible(customer, r.address());
            if (!checked.internal() && incident != null) {
                evidenceNote = evidence(r, incident, checked);
            } else if (!checked.internal() && r.automatic()) {
                throw new AddressChecks.Refused("an automatic block needs an incident's evidence");
            }
        } catch (AddressChecks.Refused refused) {
            return List.of(refuse(template, refused.getMessage()));
        }
        Block base = new Block(null, customer.id(), null, checked.text(), checked.internal(), r.incidentId(), null,
                r.actor(), r.reason(), now, null, expiresAt, null, null, 0);
        Capability capability = checked.internal() ? Capability.QUARANTINE : Capability.BLOCK;
        List<Device> devices = named.isEmpty() ? registry.devices().stream()
                .filter(d -> d.customer().equals(customer.id())).toList() : named;
        List<String> unusable = new ArrayList<>();
        List<Block> out = new ArrayList<>();
        for (Device d : devices) {
            try {
                firewalls.resolve(d, capability);
            } catch (IllegalStateException e) {
                unusable.add(e.getMessage());
                if (!named.isEmpty()) {
                    out.add(refuse(withDevice(base, d.id()), e.getMessage()));
                }
                continue;
            }
            out.add(requestOn(base, d.id(), r, incident, evidenceNote));
        }
        if (devices.isEmpty() || (named.isEmpty() && out.isEmpty())) {
            String why = devices.isEmpty() ? "customer " + customer.id() + " has no device"
                    : "no firewall of customer " + customer.id() + " can " + capability.name().toLowerCase() + ": "
                    + String.join("; ", unusable);
            out.add(refuse(base, why));
        }
        return out;
    }

    /** A request without customer: the incident's, else the first named device's. */
    private String customerOf(BlockRequest r) {
        if (r.incidentId() != null) {
            return incidents.find(r.incidentId()).map(Incident::customerId).orElseThrow(() ->
                    new IllegalArgumentException("no incident '" + r.incidentId() + "'"));
        }
        if (!r.deviceIds().isEmpty()) {
            return registry.device(r.deviceIds().get(0)).map(Device::customer).orElseThrow(() ->
                    new IllegalArgumentException("no device '" + r.deviceIds().get(0) + "' (yagura:devices lists them)"));
        }
        throw new IllegalArgumentException("whose firewalls? give --customer, --incident or --device");
    }

    /** One device: a live block of the same address there is kept; else the cap, then placed or left for approval. */
    private Block requestOn(Block base, String deviceId, BlockRequest r, Incident incident, String evidenceNote) {
        Optional<Block> live = store.list(new BlockStore.Filter(base.customerId(), deviceId, null, LIVE, 0)).stream()
                .filter(b -> b.address().equals(base.address())).findFirst();
        if (live.isPresent()) {
            return live.get();
        }
        Block b = withDevice(base, deviceId);
        int onDevice = store.list(new BlockStore.Filter(null, deviceId, null, ON_DEVICE, 0)).size();
        if (onDevice >= config.max_blocks_per_device()) {
            return refuse(b, "device " + deviceId + " holds " + onDevice + " blocks, its cap (max.blocks.per.device="
                    + config.max_blocks_per_device() + ")");
        }
        String approvalReason = approvalNeeded(b, r, incident);
        b = store.create(b.withState(approvalReason == null ? BlockState.PLACING : BlockState.PENDING_APPROVAL, null, now()));
        audit(b, r.actor(), "requested", (b.quarantine() ? "quarantine of internal host " : "block of ") + b.address()
                + " on " + deviceId + " until " + b.expiresAt() + (r.reason() == null ? "" : ": " + r.reason())
                + (approvalReason == null ? "" : "; waits for an analyst: " + approvalReason)
                + (evidenceNote == null ? "" : "; " + evidenceNote), null);
        return approvalReason == null ? changes.place(b) : b;
    }

    /** Why this block waits for an analyst, or null when it is placed at once. */
    private String approvalNeeded(Block b, BlockRequest r, Incident incident) {
        if (b.quarantine()) {
            return "isolating an internal host always needs an analyst's approval";
        }
        if (!r.automatic()) {
            return null; // an analyst asked: that is the approval
        }
        ResponsePolicy policy = policyOf(b.customerId());
        if (policy == ResponsePolicy.AUTO_EMERGENCY && incident.level() == Level.EMERGENCY) {
            return null;
        }
        return "policy " + policy.label() + ", incident level " + incident.level().label();
    }

    /** Policy, then the address checks: the part of a request checked again at approval. */
    private AddressChecks.Checked admissible(Customer customer, String address) throws AddressChecks.Refused {
        if (policyOf(customer.id()) == ResponsePolicy.OFF) {
            throw new AddressChecks.Refused("blocking is off for customer " + customer.id() + " (yagura:block-policy)");
        }
        if (!safelistProblems.isEmpty()) {
            throw new AddressChecks.Refused("the global safelist has errors, no block is placed until they are fixed: "
                    + String.join("; ", safelistProblems));
        }
        List<String> storedProblems = new ArrayList<>();
        List<AddressChecks.SafeEntry> safe = new ArrayList<>(socOwn.entries());
        safe.addAll(configuredSafelist);
        safe.addAll(AddressChecks.entries(settings.safelist(ResponseSettings.GLOBAL).stream()
                .map(ResponseSettings.SafelistEntry::network).toList(), "global safelist (yagura:safelist --global)",
                storedProblems));
        safe.addAll(AddressChecks.entries(settings.safelist(customer.id()).stream()
                .map(ResponseSettings.SafelistEntry::network).toList(), "safelist of " + customer.id(), storedProblems));
        if (!storedProblems.isEmpty()) {
            throw new AddressChecks.Refused("a stored safelist has errors: " + String.join("; ", storedProblems));
        }
        return checks.check(address, customer, safe);
    }

    /** @return what the audit says about the evidence; refused when it could be forged and nobody forced it */
    private String evidence(BlockRequest r, Incident incident, AddressChecks.Checked checked) throws AddressChecks.Refused {
        Evidence.Judgement j = Evidence.judge(incidents.evidence(incident.id(), Math.max(1, config.evidence_limit())),
                checked.network());
        if (j.trusted()) {
            return "evidence: " + j.reason();
        }
        if (r.automatic() || !r.forceSpoofable()) {
            throw new AddressChecks.Refused(j.reason() + (r.automatic() ? "; never blocked automatically"
                    : "; an analyst may block anyway with --force-spoofable"));
        }
        return "FORCED by the analyst despite " + j.reason();
    }

    // --- the life of a block ------------------------------------------------------------------

    /** An analyst approves a waiting block: checked again (policy, safelists, cap), then placed. */
    public Block approve(String id, String actor) {
        Block b = live(id, BlockState.PENDING_APPROVAL);
        Customer customer = registry.customer(b.customerId()).orElseThrow(() ->
                new IllegalStateException("customer " + b.customerId() + " is no longer registered"));
        try {
            admissible(customer, b.address());
        } catch (AddressChecks.Refused refused) {
            Block r = store.update(b.withState(BlockState.REFUSED, refused.getMessage(), now()));
            audit(r, actor, "refused", "at approval: " + refused.getMessage(), null);
            return r;
        }
        int onDevice = store.list(new BlockStore.Filter(null, b.deviceId(), null, ON_DEVICE, 0)).size();
        if (onDevice >= config.max_blocks_per_device()) {
            String why = "device " + b.deviceId() + " holds " + onDevice + " blocks, its cap";
            Block r = store.update(b.withState(BlockState.REFUSED, why, now()));
            audit(r, actor, "refused", "at approval: " + why, null);
            return r;
        }
        // the block lasts as long as was asked, from its approval: waiting does not shorten it
        Instant expires = now().plus(Duration.between(b.requestedAt(), b.expiresAt()));
        Block placing = store.update(b.withExpiry(expires).withState(BlockState.PLACING, null, now()));
        audit(placing, actor, "approved", "expires " + expires, null);
        return changes.place(placing);
    }

    public Block reject(String id, String actor, String reason) {
        Block b = live(id, BlockState.PENDING_APPROVAL);
        Block r = store.update(b.withState(BlockState.REFUSED, "rejected by " + actor + (reason == null ? "" : ": " + reason),
                now()));
        audit(r, actor, "rejected", reason, null);
        return r;
    }

    /** An analyst removes an active block (or withdraws a waiting one). */
    public Block unblock(String id, String actor, String reason) {
        Block b = store.find(id).orElseThrow(() -> new IllegalArgumentException("no block '" + id + "'"));
        if (b.state() == BlockState.PENDING_APPROVAL) {
            return reject(id, actor, reason == null ? "withdrawn" : reason);
        }
        Block active = live(id, BlockState.ACTIVE);
        calls.unavailable(active).ifPresent(why -> {
            throw new IllegalStateException(why + "; the block stays active");
        });
        return changes.remove(active, actor, BlockState.REMOVED, reason);
    }

    /** Sets the expiry to {@code fromNow} after now. */
    public Block extendFor(String id, Duration fromNow, String actor, String reason) {
        return extend(id, now().plus(fromNow), actor, reason);
    }

    public Block extend(String id, Instant until, String actor, String reason) {
        Block b = store.find(id).orElseThrow(() -> new IllegalArgumentException("no block '" + id + "'"));
        if (b.state() != BlockState.ACTIVE && b.state() != BlockState.PENDING_APPROVAL) {
            throw new IllegalStateException("block " + id + " is " + b.state() + ": only active or waiting blocks are extended");
        }
        Instant now = now();
        Instant max = now.plus(Duration.ofMinutes(config.max_expiry_minutes()));
        if (!until.isAfter(now) || until.isAfter(max)) {
            throw new IllegalArgumentException("the new expiry " + until + " must be after now and at most "
                    + config.max_expiry_minutes() + " minutes from now (" + max + ")");
        }
        Block e = store.update(b.withExpiry(until.truncatedTo(ChronoUnit.MILLIS)));
        audit(e, actor, "extended", "expiry " + b.expiresAt() + " -> " + e.expiresAt() + (reason == null ? "" : ": " + reason),
                null);
        return e;
    }

    /**
     * The expiry job's work, also for tests: removes the active blocks whose expiry has come, lets
     * waiting requests lapse, finishes changes a stopped node left half done.
     *
     * @return how many blocks reached a terminal state
     */
    public int expireDue() {
        return expiry.run();
    }

    // --- the devices ------------------------------------------------------------------------

    /**
     * Compares the device's Yagura blocks with the active blocks of the store. With {@code fix},
     * blocks only on the device are removed from it and blocks it lost are marked FAILED.
     */
    public Reconciliation reconcile(String deviceId, boolean fix, String actor) {
        return reconciler.run(deviceId, fix, actor);
    }

    /** A device's identity: the accepted fingerprint, the one presented when it was refused, and a live check. */
    public record Trust(String deviceId, String pinned, String presented, String check) {
    }

    public Trust trust(String deviceId) {
        registry.device(deviceId).orElseThrow(() ->
                new IllegalArgumentException("no device '" + deviceId + "' (yagura:devices lists them)"));
        DriverCalls.Answer a = calls.probe(deviceId);
        return new Trust(deviceId, store.pinnedFingerprint(deviceId).orElse(null), calls.presented(deviceId).orElse(null),
                a.text());
    }

    /** An operator accepts a device's SSH host key or TLS certificate fingerprint, checked with the customer. */
    public void acceptFingerprint(String deviceId, String fingerprint, String actor) {
        registry.device(deviceId).orElseThrow(() ->
                new IllegalArgumentException("no device '" + deviceId + "' (yagura:devices lists them)"));
        String f = fingerprint == null ? "" : fingerprint.trim();
        if (!f.matches("SHA256:[A-Za-z0-9+/=]{10,100}")) {
            throw new IllegalArgumentException("'" + fingerprint + "' is not a fingerprint (expected SHA256:<base64>, as "
                    + "yagura:device-trust shows it)");
        }
        String before = store.pinnedFingerprint(deviceId).orElse(null);
        store.pinFingerprint(deviceId, f, actor, now());
        calls.forgetPresented(deviceId);
        LOG.info("Device {}: fingerprint {} accepted by {} (before: {})", deviceId, f, actor, before == null ? "none" : before);
    }

    // --- per customer -----------------------------------------------------------------------

    public ResponsePolicy policyOf(String customerId) {
        return settings.policy(customerId).map(ResponseSettings.PolicyEntry::policy).orElse(ResponsePolicy.DEFAULT);
    }

    public void setPolicy(String customerId, ResponsePolicy policy, String actor) {
        registry.customer(customerId).orElseThrow(() ->
                new IllegalArgumentException("no customer '" + customerId + "' (yagura:customers lists them)"));
        ResponsePolicy before = policyOf(customerId);
        settings.setPolicy(new ResponseSettings.PolicyEntry(customerId, policy, actor, now()));
        LOG.info("Response policy of {}: {} -> {} by {}", customerId, before.label(), policy.label(), actor);
    }

    /** Networks of the configuration (global), for yagura:safelist. */
    public List<String> configuredSafelist() {
        // a .cfg file gives one string "a, b, c"; ConfigAdmin a real array: both are read
        return Arrays.stream(config.safelist()).filter(s -> s != null).flatMap(s -> Arrays.stream(s.split("[,\\s]+")))
                .filter(s -> !s.isBlank()).toList();
    }

    public ResponseSettings settings() {
        return settings;
    }

    /** For the automatic path: blocks of an incident that are not over. */
    List<Block> liveBlocksOf(String incidentId) {
        return store.list(new BlockStore.Filter(null, null, incidentId, LIVE, 0));
    }

    // --- plumbing ---------------------------------------------------------------------------

    private Block live(String id, BlockState expected) {
        Block b = store.find(id).orElseThrow(() -> new IllegalArgumentException("no block '" + id + "'"));
        if (b.state() != expected) {
            throw new IllegalStateException("block " + id + " is " + b.state() + ", not " + expected);
        }
        return b;
    }

    private Block refuse(Block b, String reason) {
        Block r = store.create(new Block(newId(), b.customerId(), b.deviceId(), b.address(), b.quarantine(), b.incidentId(),
                BlockState.REFUSED, b.requestedBy(), b.reason(), b.requestedAt(), null, b.expiresAt(), now(), reason, 0));
        audit(r, b.requestedBy(), "refused", reason, null);
        LOG.info("Block of {} for {} refused: {}", r.address(), r.customerId(), reason);
        return r;
    }

    private Block withDevice(Block b, String deviceId) {
        return new Block(newId(), b.customerId(), deviceId, b.address(), b.quarantine(), b.incidentId(), b.state(),
                b.requestedBy(), b.reason(), b.requestedAt(), null, b.expiresAt(), null, null, 0);
    }

    private void audit(Block b, String actor, String action, String detail, String deviceAnswer) {
        changes.audit(b, actor, action, detail, deviceAnswer);
    }

    private Duration expiry(Duration requested) {
        Duration d = requested == null ? Duration.ofMinutes(config.default_expiry_minutes()) : requested;
        if (d.isNegative() || d.isZero() || d.toMinutes() > config.max_expiry_minutes()) {
            throw new IllegalArgumentException("expiry " + d + " must be positive and at most " + config.max_expiry_minutes()
                    + " minutes (max.expiry.minutes)");
        }
        return d;
    }

    /** BLK-yyyyMMdd-xxxxxx: short enough for device object names, random enough for several nodes. */
    private String newId() {
        StringBuilder s = new StringBuilder("BLK-").append(ID_DAY.format(now())).append('-');
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        for (int i = 0; i < 6; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }


    private static String clip(String text) {
        String t = text == null ? "" : text.trim();
        return t.length() <= 64 ? t : t.substring(0, 61) + "...";
    }

    private Instant now() {
        return changes.now();
    }
}
