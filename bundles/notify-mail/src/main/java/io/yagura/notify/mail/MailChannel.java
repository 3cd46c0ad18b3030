package io.yagura.notify.mail;

import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.templates.TemplateRenderException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail channel: delivers notices without blocking the caller, retries temporary
 * failures on the configured schedule, and records every attempt in a {@link DeliveryLog}.
 *
 * <p>A notice is rendered once (same subject, body and Message-ID on every attempt). Each
 * attempt is recorded as a {@link DeliveryAttempt}: "delivered" with the server's answer
 * (e.g. "250 2.0.0 Ok: queued as ..."), "retrying" with the error or 4xx answer when
 * another attempt is scheduled, or "failed" on a permanent (5xx, refused) failure or when
 * the schedule is exhausted. The notification is then updated through
 * {@link DeliveryLog#delivered} or {@link DeliveryLog#failed}, with deadlineMet set.
 *
 * <p>Attempts run on scheduled executors owned by the channel, never on the caller's
 * thread: notices on {@code threads} threads, digests on one thread of their own, because
 * digests come in a burst at the digest hour and must not keep an Emergency notice waiting.
 * {@link #shutdown()} stops them and reports the notices still waiting for a retry (they
 * stay "pending" in the log, with their attempts so far).
 *
 * <p>These executors are not periodic work, so they are not Karaf Scheduler jobs (the platform's
 * one mechanism for that): each hands one notice's attempts off the caller's thread and waits
 * the retry delay of that notice alone; the lanes bound how many connections run at once, and
 * a notice's state lives with its attempts, which a scheduler job per retry would not keep.
 */
public final class MailChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MailChannel.class);

    private final DeliveryLog log;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final ScheduledExecutorService digestExecutor;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private volatile MailSender sender;
    private volatile MailTemplates templates;
    private volatile Function<String, String> customerNames;
    private volatile Function<String, List<io.yagura.api.response.Block>> activeBlocks = id -> List.of();
    private volatile boolean closed;

    public MailChannel(MailSettings settings, MailTemplates templates, DeliveryLog log) {
        this(settings, templates, log, Clock.systemUTC(), 2);
    }

    /**
     * @param threads sender threads (each attempt holds one for at most connect + read timeouts)
     */
    public MailChannel(MailSettings settings, MailTemplates templates, DeliveryLog log, Clock clock, int threads) {
        this.sender = new MailSender(Objects.requireNonNull(settings, "settings"));
        this.templates = Objects.requireNonNull(templates, "templates");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.customerNames = id -> null;
        this.executor = pool("yagura-mail-", Math.max(1, threads));
        this.digestExecutor = pool("yagura-mail-digest-", 1);
    }

    private static ScheduledExecutorService pool(String prefix, int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, tf);
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }

    /** Names customers in notices (id → display name, or null for the id). */
    public void customerNames(Function<String, String> names) {
        this.customerNames = names == null ? id -> null : names;
    }

    /** Where a block-placed notice reads the incident's active blocks (incident id → blocks). */
    public void activeBlocks(Function<String, List<io.yagura.api.response.Block>> blocks) {
        this.activeBlocks = blocks == null ? id -> List.of() : blocks;
    }

    /**
     * New settings and templates for notices delivered from now on and for the next
     * attempts of waiting ones (already rendered notices keep their text).
     */
    public void update(MailSettings settings, MailTemplates newTemplates) {
        this.sender = new MailSender(settings);
        this.templates = Objects.requireNonNull(newTemplates, "templates");
    }

    public MailSettings settings() {
        return sender.settings();
    }

    /** The sender with the current settings. */
    MailSender sender() {
        return sender;
    }

    /**
     * Delivers an incident notice (kind "incident") or an all-clear notice (kind
     * "all-clear") to {@code notification.address()}. Returns at once; the first attempt is
     * made immediately on a sender thread.
     *
     * @return completes with the notification as finally recorded (status "delivered" or
     *         "failed"; "pending" if the channel was closed before the end)
     */
    public CompletableFuture<Notification> deliver(Notification notification, Incident incident) {
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(incident, "incident");
        if ("digest".equals(notification.kind())) {
            throw new IllegalArgumentException("notification " + notification.id() + " is a digest: use deliverDigest");
        }
        return start(notification, incident.id(), executor, () -> {
            String name = customerName(notification.customerId() != null ? notification.customerId()
                    : incident.customerId());
            return switch (notification.kind() == null ? MailTemplates.INCIDENT : notification.kind()) {
                case MailTemplates.ALL_CLEAR -> templates.allClear(incident, notification, name);
                case MailTemplates.BLOCK_PLACED -> templates.blockPlaced(incident, notification, name,
                        activeBlocks.apply(incident.id()));
                default -> templates.incident(incident, notification, name);
            };
        });
    }

    /** Delivers a digest (kind "digest") of the incidents of one customer and day. */
    public CompletableFuture<Notification> deliverDigest(Notification notification, LocalDate date,
                                                         List<Incident> incidents) {
        List<Incident> copy = List.copyOf(incidents);
        return deliverDigest(notification, date, () -> copy);
    }

    /**
     * Delivers a digest whose incidents are read on the digest thread when it is first
     * rendered, so that the caller (the queue consumer) does not wait for the reads.
     */
    public CompletableFuture<Notification> deliverDigest(Notification notification, LocalDate date,
                                                         Supplier<List<Incident>> incidents) {
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(incidents, "incidents");
        return start(notification, null, digestExecutor, () -> templates.digest(notification,
                customerName(notification.customerId()), date, List.copyOf(incidents.get())));
    }

    private String customerName(String id) {
        try {
            return id == null ? null : customerNames.apply(id);
        } catch (RuntimeException e) {
            LOG.debug("No customer name for {}", id, e);
            return null;
        }
    }

    private CompletableFuture<Notification> start(Notification n, String incidentId, ScheduledExecutorService lane,
                                                  Renderer renderer) {
        if (closed) {
            throw new IllegalStateException("mail channel closed");
        }
        Objects.requireNonNull(n.id(), "notification id");
        if (n.address() == null || n.address().isBlank()) {
            throw new IllegalArgumentException("notification " + n.id() + " has no address");
        }
        if (n.channel() != null && !"mail".equals(n.channel())) {
            throw new IllegalArgumentException("notification " + n.id() + " is for channel " + n.channel());
        }
        Job fresh = new Job(n, incidentId, lane, renderer);
        Job job = jobs.putIfAbsent(n.id(), fresh);
        if (job != null) {
            LOG.info("Mail notice {} (incident {}) is already being delivered", n.id(), incidentId);
            return job.result;
        }
        try {
            lane.execute(() -> run(fresh));
        } catch (RejectedExecutionException e) {
            jobs.remove(n.id());
            throw new IllegalStateException("mail channel closed", e);
        }
        return fresh.result;
    }

    private void run(Job job) {
        Notification n = job.notification;
        int attempt = job.attempt + 1;
        job.attempt = attempt;
        MailSender s = sender;
        String answer;
        try {
            if (job.message == null) {
                job.message = compose(job, s);
            }
            answer = s.send(job.message);
        } catch (MailSender.SendFailure f) {
            failedAttempt(job, attempt, f.temporary(), f.answer(), s.settings());
            return;
        } catch (MessagingException e) {
            // Composing failed: bad recipient address or similar; no attempt will do better.
            failedAttempt(job, attempt, false, "cannot compose the message: " + e.getMessage(), s.settings());
            return;
        } catch (TemplateRenderException e) {
            // A value the template needs is missing (the load check could not reach that branch): the
            // same text fails again, so the notice fails now, naming the template file and line.
            LOG.error("Mail notice {} (incident {}) cannot be rendered: {}", n.id(), job.incidentId, e.getMessage());
            failedAttempt(job, attempt, false, "cannot render the notice: " + e.getMessage(), s.settings());
            return;
        } catch (RuntimeException e) {
            LOG.error("Mail notice {} (incident {}): unexpected error on attempt {}", n.id(), job.incidentId,
                    attempt, e);
            failedAttempt(job, attempt, true, "internal error: " + e, s.settings());
            return;
        }
        Instant at = clock.instant();
        record(new DeliveryAttempt(n.id(), attempt, at, "delivered", answer));
        Boolean met = n.deadline() == null ? null : !at.isAfter(n.deadline());
        Notification done = n.withOutcome("delivered", at, met);
        LOG.info("Mail notice {} (incident {}) delivered to {} on attempt {}{}", n.id(), job.incidentId,
                n.address(), attempt, Boolean.FALSE.equals(met) ? ", after its deadline" : "");
        try {
            log.delivered(done, at);
        } catch (RuntimeException e) {
            LOG.error("Mail notice {} (incident {}) delivered but its state could not be recorded", n.id(),
                    job.incidentId, e);
        }
        finish(job, done);
    }

    private MimeMessage compose(Job job, MailSender s) throws MessagingException {
        Notification n = job.notification;
        RenderedMail mail = job.renderer.render();
        Map<String, String> headers = new LinkedHashMap<>();
        if (job.incidentId != null) {
            headers.put("X-Yagura-Incident", job.incidentId);
        }
        headers.put("X-Yagura-Notification", n.id());
        if (n.kind() != null) {
            headers.put("X-Yagura-Kind", n.kind());
        }
        if (n.level() != null) {
            headers.put("X-Yagura-Level", n.level().name());
            if (n.level() == Level.EMERGENCY || n.level() == Level.CRITICAL) {
                headers.put("Importance", "high");
                headers.put("X-Priority", "1");
            }
        }
        return s.compose(mail, n.address(), messageId(n, s.fromDomain()), headers);
    }

    /** {@code <yagura.NOTIFICATION-ID@from-domain>}, the same on every attempt. */
    static String messageId(Notification n, String domain) {
        String local = ("yagura." + n.id()).replaceAll("[^A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]", "_");
        return "<" + local + "@" + domain + ">";
    }

    private void failedAttempt(Job job, int attempt, boolean temporary, String answer, MailSettings settings) {
        Notification n = job.notification;
        Instant at = clock.instant();
        boolean retry = temporary && attempt < settings.maxAttempts();
        record(new DeliveryAttempt(n.id(), attempt, at, retry ? "retrying" : "failed", answer));
        if (retry) {
            Duration delay = settings.delayBefore(attempt + 1);
            LOG.info("Mail notice {} (incident {}) to {}: attempt {} of {} failed, next in {}", n.id(),
                    job.incidentId, n.address(), attempt, settings.maxAttempts(), delay);
            LOG.debug("Mail notice {}: {}", n.id(), answer);
            try {
                job.lane.schedule(() -> run(job), delay.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (RejectedExecutionException e) {
                // The channel is closing: close() reports the notice as left pending.
                return;
            }
        }
        String reason = temporary && attempt >= settings.maxAttempts()
                ? "gave up after " + attempt + " attempts: " + answer : answer;
        Boolean met = n.deadline() == null ? null : Boolean.FALSE;
        Notification failed = n.withOutcome("failed", null, met);
        LOG.warn("Mail notice {} (incident {}) to {} FAILED after {} attempt(s): {}", n.id(), job.incidentId,
                n.address(), attempt, answer);
        try {
            log.failed(failed, reason);
        } catch (RuntimeException e) {
            LOG.error("Mail notice {} (incident {}) failed and its state could not be recorded", n.id(),
                    job.incidentId, e);
        }
        finish(job, failed);
    }

    private void record(DeliveryAttempt a) {
        try {
            log.attempt(a);
        } catch (RuntimeException e) {
            LOG.error("Attempt {} of mail notice {} could not be recorded", a.attempt(), a.notificationId(), e);
        }
    }

    private void finish(Job job, Notification result) {
        jobs.remove(job.notification.id(), job);
        job.result.complete(result);
    }

    /** Notices not finished yet (first attempt running, or waiting for a retry). */
    public int inFlight() {
        return jobs.size();
    }

    /**
     * Stops the sender threads. An attempt in progress may finish (up to the connect and
     * read timeouts); notices waiting for a retry are not sent and stay "pending" in the log
     * with their attempts so far.
     *
     * @return the notices left pending
     */
    public List<Notification> shutdown() {
        closed = true;
        executor.shutdown(); // drops the waiting retries, lets a running attempt finish
        digestExecutor.shutdown();
        MailSettings s = sender.settings();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                s.connectTimeout().plus(s.readTimeout()).toMillis() + 1000);
        awaitStop(executor, end);
        awaitStop(digestExecutor, end); // both run meanwhile: one wait for the two
        List<Notification> pending = new ArrayList<>();
        for (Job j : jobs.values()) {
            pending.add(j.notification);
            LOG.warn("Mail notice {} (incident {}) to {} left pending after {} attempt(s): the channel stopped",
                    j.notification.id(), j.incidentId, j.notification.address(), j.attempt);
            j.result.complete(j.notification);
        }
        jobs.clear();
        return pending;
    }

    private static void awaitStop(ScheduledExecutorService pool, long endNanos) {
        try {
            if (!pool.awaitTermination(Math.max(0, endNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #shutdown()}, for try-with-resources. */
    @Override
    public void close() {
        shutdown();
    }

    @FunctionalInterface
    private interface Renderer {
        RenderedMail render();
    }

    private static final class Job {
        final Notification notification;
        final String incidentId;
        /** The executor its attempts run on: notices' or digests'. */
        final ScheduledExecutorService lane;
        final Renderer renderer;
        final CompletableFuture<Notification> result = new CompletableFuture<>();
        volatile int attempt;
        volatile MimeMessage message;

        Job(Notification notification, String incidentId, ScheduledExecutorService lane, Renderer renderer) {
            this.notification = notification;
            this.incidentId = incidentId;
            this.lane = lane;
            this.renderer = renderer;
        }
    }
}
