package io.yagura.notify.phone;

import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.notify.Acknowledgements;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.notify.phone.sip.CallResult;
import io.yagura.notify.phone.sip.SipPhone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phone escalation of an incident: its pending phone notices (one per contact, made by the
 * dispatcher in escalation order) are called one after the other; no answer within the ring
 * timeout, busy, rejected, or answered without the acknowledgement digit → the next contact;
 * after the last, a new round after the pause; until someone presses the digit, the incident
 * is acknowledged on any channel (asked before each call), or the rounds are exhausted (then an
 * alarm: ERROR in the log and an audit entry "phone-unacknowledged").
 *
 * <p>Every call is an attempt of its notice in the store: called number, time, SIP answer,
 * seconds of audio played, digits pressed. The notice that was acknowledged becomes
 * "delivered"; the others of the incident "cancelled" (nobody needs to be called any more);
 * all of them "failed" when the rounds are exhausted. The rounds already made are counted from
 * the stored attempts, so an escalation picked up after a restart goes on where it stopped.
 *
 * <p>One escalation per incident at a time; calls of different incidents run in parallel on
 * the channel's threads.
 */
public final class PhoneChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PhoneChannel.class);
    static final String CHANNEL = "phone";
    static final String ALARM_ACTION = "phone-unacknowledged";

    /** Places one call; the SIP phone in production. */
    @FunctionalInterface
    public interface Caller {
        CallResult call(String number, SipPhone.Script script);
    }

    /**
     * Tells the SOC that an escalation is exhausted, beyond the log and the audit entry (a mail to the
     * SOC in production); returns what it did, for the audit entry.
     */
    @FunctionalInterface
    public interface SocAlarm {
        String raise(Incident incident, String detail);
    }

    /** Turns the text of a notice into μ-law audio; espeak-ng in production. */
    @FunctionalInterface
    public interface Voice {
        byte[] speak(String language, String text) throws Exception;
    }

    /**
     * @param rounds      how many times the list of contacts is gone through
     * @param roundPause  the pause between two rounds
     * @param ackDigit    the digit that acknowledges
     * @param digitWait   how long to wait for the digit after the notice
     */
    public record Policy(int rounds, Duration roundPause, char ackDigit, Duration digitWait) {
        public Policy {
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds: at least 1");
            }
            if (!"0123456789*#".contains(String.valueOf(ackDigit))) {
                throw new IllegalArgumentException("ack digit '" + ackDigit + "': one of 0-9, * or #");
            }
        }
    }

    private final IncidentStore store;
    private final Acknowledgements acks;
    private final Function<String, Optional<Customer>> customers;
    private final PhoneTemplates templates;
    private final Voice voice;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<byte[]>> audio = new ConcurrentHashMap<>();
    /** Speech is made here while the phone rings, not before the INVITE: the first call goes out at once. */
    private final ExecutorService speech;
    private volatile Caller caller;
    private volatile Policy policy;
    private volatile SocAlarm socAlarm = (incident, detail) -> "no SOC alarm address configured";

    public PhoneChannel(IncidentStore store, Acknowledgements acks, Function<String, Optional<Customer>> customers,
                        PhoneTemplates templates, Voice voice, Caller caller, Policy policy, Clock clock, int threads) {
        this.store = store;
        this.acks = acks;
        this.customers = customers;
        this.templates = templates;
        this.voice = voice;
        this.caller = caller;
        this.policy = policy;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "yagura-phone-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.speech = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, 2)), r -> {
            Thread t = new Thread(r, "yagura-phone-speech-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** What else is done when an escalation is exhausted (the log line and the audit entry are always made). */
    public void socAlarm(SocAlarm alarm) {
        this.socAlarm = alarm;
    }

    /** New settings: the next call uses them. */
    public void update(Caller newCaller, Policy newPolicy) {
        this.caller = newCaller;
        this.policy = newPolicy;
    }

    /**
     * Starts the escalation of an incident's pending phone notices, unless one is running; returns at once.
     *
     * @return false when it was already running (its next round picks up any new notice)
     */
    public boolean escalate(String incidentId) {
        if (!running.add(incidentId)) {
            return false;
        }
        try {
            executor.execute(() -> round(incidentId, -1));
        } catch (RejectedExecutionException e) {
            running.remove(incidentId);
            throw new IllegalStateException("phone channel closed", e);
        }
        return true;
    }

    /** Incidents whose escalation is under way. */
    public Set<String> escalating() {
        return Set.copyOf(running);
    }

    /** @param round the round to make, 1-based; -1: count it from the stored attempts (first run, restart) */
    private void round(String incidentId, int round) {
        try {
            Optional<Incident> incident = store.find(incidentId);
            List<Notification> pending = pending(incidentId);
            if (incident.isEmpty() || pending.isEmpty()) {
                finish(incidentId);
                return;
            }
            Policy p = policy;
            if (round < 0) {
                round = 1 + pending.stream().mapToInt(n -> store.attempts(n.id()).size()).min().orElse(0);
            }
            if (round > p.rounds()) {
                exhausted(incident.get(), pending, p);
                return;
            }
            Customer customer = customers.apply(incident.get().customerId()).orElse(null);
            LOG.info("Incident {}: phone round {} of {}, {} contact(s)", incidentId, round, p.rounds(), pending.size());
            for (Notification n : ordered(pending, customer)) {
                if (acknowledgedElsewhere(incident.get())) {
                    return;
                }
                if (!stillPending(n)) {
                    continue;
                }
                if (callOne(incident.get(), n, contactOf(customer, n), customer, round, p)) {
                    return;
                }
            }
            if (round >= p.rounds()) {
                exhausted(incident.get(), pending(incidentId), p);
                return;
            }
            int next = round + 1;
            LOG.info("Incident {}: nobody acknowledged in round {}; round {} in {}", incidentId, round, next,
                    p.roundPause());
            executor.schedule(() -> round(incidentId, next), p.roundPause().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            finish(incidentId); // the notices stay pending: the next start picks them up
        } catch (RuntimeException e) {
            finish(incidentId);
            LOG.error("Incident {}: phone escalation stopped by an error; its notices stay pending and are picked "
                    + "up again at the next start or notice", incidentId, e);
        }
    }

    /** @return true when this call acknowledged the incident (the escalation is over) */
    private boolean callOne(Incident incident, Notification n, Contact contact, Customer customer, int round,
                            Policy p) {
        Instant now = clock.instant();
        int attempt = store.attempts(n.id()).size() + 1;
        if (contact != null && incident.level() != Level.EMERGENCY) {
            Hours hours = hours(contact);
            if (hours != null && !hours.contains(now)) {
                record(new DeliveryAttempt(n.id(), attempt, now, "retrying", "round " + round + ": not called "
                        + n.address() + ", outside the contact's hours " + hours));
                return false;
            }
        }
        SipPhone.Script script;
        try {
            script = script(incident, n, contact, customer, p);
        } catch (RuntimeException e) {
            // No text, no call (a template needs a value it does not get); said on each round, the cause may go away.
            LOG.error("Incident {}: notice {} to {} cannot be rendered: {}", incident.id(), n.id(), n.address(),
                    e.getMessage());
            record(new DeliveryAttempt(n.id(), attempt, now, "retrying", "round " + round + ": not called "
                    + n.address() + ", the notice cannot be rendered: " + e.getMessage()));
            return false;
        }
        CallResult r = caller.call(n.address(), script);
        String answer = "round " + round + ": " + describe(r);
        if (!r.acknowledged()) {
            LOG.info("Incident {}: call to {} — {}", incident.id(), n.address(), answer);
            record(new DeliveryAttempt(n.id(), attempt, r.at(), "retrying", answer));
            return false;
        }
        Instant at = clock.instant();
        // the acknowledgement first: whoever sees the notice delivered finds who acknowledged it
        Acknowledgements.Acknowledgement ack = acks.acknowledge(incident.id(), incident.customerId(), n.address(),
                CHANNEL, "digit " + p.ackDigit() + " pressed during call to " + n.address() + " (round " + round + ")");
        record(new DeliveryAttempt(n.id(), attempt, r.at(), "delivered", answer));
        Boolean met = n.deadline() == null ? null : !at.isAfter(n.deadline());
        store.updateNotification(with(n, "delivered", at, met));
        LOG.info("Incident {}: acknowledged by {} (digit {}) in round {}", incident.id(), n.address(), p.ackDigit(),
                round);
        cancelOthers(incident.id(), "acknowledged by " + ack.by() + " on " + ack.channel());
        finish(incident.id());
        return true;
    }

    /** The call as proof: number, time, SIP answer, seconds of audio, digits. */
    static String describe(CallResult r) {
        return "called " + r.number() + " at " + r.at() + ": " + r.answer() + "; audio " + r.audioSeconds()
                + " s; digits " + (r.digits().isEmpty() ? "none" : r.digits())
                + (r.answered() && !r.acknowledged() ? "; answered without the acknowledgement digit" : "");
    }

    private boolean acknowledgedElsewhere(Incident incident) {
        Optional<Acknowledgements.Acknowledgement> ack = acks.find(incident.id());
        if (ack.isEmpty()) {
            return false;
        }
        LOG.info("Incident {}: acknowledged by {} on {} at {}; no further phone calls", incident.id(), ack.get().by(),
                ack.get().channel(), ack.get().at());
        cancelOthers(incident.id(), "acknowledged by " + ack.get().by() + " on " + ack.get().channel());
        finish(incident.id());
        return true;
    }

    private void cancelOthers(String incidentId, String why) {
        List<Notification> left = pending(incidentId);
        for (Notification n : left) {
            store.updateNotification(with(n, "cancelled", null, null));
        }
        if (!left.isEmpty()) {
            store.audit(new AuditEntry(clock.instant(), CHANNEL, "phone-cancelled", incidentId, why + ": "
                    + left.size() + " phone notice(s) not called any more " + left.stream().map(Notification::address)
                    .toList()));
        }
    }

    private void exhausted(Incident incident, List<Notification> pending, Policy p) {
        int calls = 0;
        for (Notification n : pending) {
            calls += store.attempts(n.id()).size();
            Boolean met = n.deadline() == null ? null : Boolean.FALSE;
            store.updateNotification(with(n, "failed", null, met));
        }
        String detail = "nobody pressed " + p.ackDigit() + " in " + p.rounds() + " round(s): " + calls
                + " attempt(s) to " + pending.stream().map(Notification::address).toList()
                + "; call the customer by other means";
        LOG.error("ALARM incident {} ({} of customer {}): phone escalation exhausted, {}", incident.id(),
                incident.level().label(), incident.customerId(), detail);
        String told;
        try {
            told = socAlarm.raise(incident, detail);
        } catch (RuntimeException e) {
            told = "SOC alarm failed: " + e.getMessage();
            LOG.error("Incident {}: {}", incident.id(), told, e);
        }
        store.audit(new AuditEntry(clock.instant(), CHANNEL, ALARM_ACTION, incident.id(), detail + " (" + told + ")"));
        finish(incident.id());
    }

    private SipPhone.Script script(Incident incident, Notification n, Contact contact, Customer customer, Policy p) {
        Level level = n.level() != null ? n.level() : incident.level();
        PhoneTemplates.Spoken s = templates.notice(incident, level, n.language(),
                customer == null ? null : customer.name(), contact == null ? null : contact.name(), p.ackDigit());
        // The notice twice, then the prompt: one synthesis, kept for the next rounds.
        CompletableFuture<byte[]> notice = spoken(incident.id() + "/" + n.id() + "/" + p.ackDigit(), s.language(),
                s.notice() + "\n" + s.notice() + "\n" + s.prompt());
        CompletableFuture<byte[]> thanks = spoken(incident.id() + "/thanks/" + s.language(), s.language(), s.thanks());
        return new SipPhone.Script(notice, thanks, p.ackDigit(), p.digitWait(), subject(incident, level));
    }

    /** The INVITE's Subject: level and incident id, nothing about the attack (it travels in clear on UDP). */
    static String subject(Incident incident, Level level) {
        return "Yagura " + level.name() + " " + incident.id();
    }

    /** The audio of a text, made once per escalation on the speech threads; a failure is tried again next time. */
    private CompletableFuture<byte[]> spoken(String key, String language, String text) {
        return audio.compute(key, (k, made) -> made != null && !made.isCompletedExceptionally() ? made
                : CompletableFuture.supplyAsync(() -> {
                    try {
                        return voice.speak(language, text);
                    } catch (Exception e) {
                        LOG.error("Phone notice {} cannot be spoken: {}", k, e.getMessage());
                        throw new CompletionException(e.getMessage(), e);
                    }
                }, speech));
    }

    /** The escalation is over (or stopped): another may start; its audio is forgotten. */
    private void finish(String incidentId) {
        running.remove(incidentId);
        audio.keySet().removeIf(k -> k.startsWith(incidentId + "/"));
    }

    private static Hours hours(Contact c) {
        try {
            return Hours.parse(c.hours());
        } catch (IllegalArgumentException e) {
            // Calling outside someone's hours is better than not calling about an incident.
            LOG.warn("Contact {}: {}; called at any time", c.name(), e.getMessage());
            return null;
        }
    }

    private List<Notification> pending(String incidentId) {
        return store.notifications(incidentId).stream()
                .filter(n -> CHANNEL.equals(n.channel()) && "pending".equals(n.status()) && !"digest".equals(n.kind()))
                .toList();
    }

    private boolean stillPending(Notification n) {
        return store.notifications(n.incidentId()).stream()
                .anyMatch(s -> s.id().equals(n.id()) && "pending".equals(s.status()));
    }

    /** Escalation order: the contact's order, then the notice's (the dispatcher's) order. */
    private static List<Notification> ordered(List<Notification> pending, Customer customer) {
        List<Notification> out = new ArrayList<>(pending);
        out.sort(Comparator.comparingInt(n -> {
            Contact c = contactOf(customer, n);
            return c == null ? Integer.MAX_VALUE : c.order();
        }));
        return out;
    }

    static Contact contactOf(Customer customer, Notification n) {
        if (customer == null) {
            return null;
        }
        String number = digits(n.address());
        return customer.contacts().stream().filter(c -> c.phone() != null && digits(c.phone()).equals(number))
                .findFirst().orElse(null);
    }

    private static String digits(String phone) {
        return phone.replaceAll("[\\s().-]", "");
    }

    private void record(DeliveryAttempt a) {
        try {
            store.addAttempt(a);
        } catch (RuntimeException e) {
            LOG.error("Attempt {} of phone notice {} could not be recorded: {}", a.attempt(), a.notificationId(),
                    a.answer(), e);
        }
    }

    private static Notification with(Notification n, String status, Instant deliveredAt, Boolean met) {
        return n.withOutcome(status, deliveredAt, met);
    }

    /** Stops: a call in progress ends with the node; escalations stay pending in the store for the next start. */
    @Override
    public void close() {
        executor.shutdownNow();
        speech.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!running.isEmpty()) {
            LOG.warn("Phone channel stopped with {} escalation(s) under way; picked up again at the next start: {}",
                    running.size(), running);
        }
    }
}
