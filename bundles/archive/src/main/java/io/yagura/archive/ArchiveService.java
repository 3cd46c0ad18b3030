package io.yagura.archive;

import io.yagura.api.archive.ArchiveQuery;
import io.yagura.api.archive.ArchiveSearch;
import io.yagura.api.archive.EventArchive;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.metrics.Counters;
import io.yagura.wire.ProcessedMessages;
import io.yagura.wire.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.InstantSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.karaf.scheduler.Job;
import org.apache.karaf.scheduler.Scheduler;
import org.apache.karaf.scheduler.SchedulerError;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event archive of this node: consumes {@value EventArchive#QUEUE} (the broker diverts a copy of every
 * batch sent to yagura.events there, so correlation loses nothing to it) in a local transaction, writes each
 * batch to disk before acknowledging it, and runs retention as job {@value #JOB} on the Karaf Scheduler.
 * One consumer: one writer per archive directory.
 */
@Component(service = {RoutesBuilder.class, EventArchive.class}, configurationPid = "io.yagura.archive")
@Designate(ocd = ArchiveConfig.class)
public class ArchiveService extends RouteBuilder implements EventArchive {

    static final String JOB = "yagura-archive-housekeeping";
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveService.class);

    private final FileArchive archive;
    private final Scheduler scheduler;
    private final LongAdder archived;
    private final LongAdder unreadable;
    private final LongAdder deleted;
    private final LongAdder redeliveriesSkipped;
    /** Batches written lately: one delivered again after a commit in doubt (broker lost) is not written twice. */
    private final ProcessedMessages written = new ProcessedMessages(10_000);

    @Activate
    public ArchiveService(@Reference Counters counters, @Reference Scheduler scheduler, ArchiveConfig config) {
        this(directory(config.directory()), settings(config), counters, scheduler, config.housekeeping_seconds(),
                InstantSource.system());
    }

    ArchiveService(Path directory, FileArchive.Settings settings, Counters counters, Scheduler scheduler,
                   int housekeepingSeconds, InstantSource clock) {
        this.archive = new FileArchive(directory, settings, clock);
        this.scheduler = scheduler;
        this.archived = counters.counter("archive", "writer", "events");
        this.unreadable = counters.counter("archive", "writer", "unreadable-batches");
        this.deleted = counters.counter("archive", "retention", "files-deleted");
        this.redeliveriesSkipped = counters.counter("archive", "writer", "redeliveries-skipped");
        LOG.info("Event archive in {}: {} days, at most {} MB, writes {}", directory, settings.retention().toDays(),
                settings.maxBytes() / (1024 * 1024), settings.syncWrites() ? "forced to disk" : "flushed to the OS");
        schedule(Math.max(1, housekeepingSeconds));
    }

    private static Path directory(String configured) {
        String data = System.getProperty("karaf.data", "data");
        return configured == null || configured.isBlank() ? Paths.get(data, "yagura", "archive")
                : Paths.get(configured.replace("${karaf.data}", data));
    }

    private static FileArchive.Settings settings(ArchiveConfig config) {
        return new FileArchive.Settings(Duration.ofDays(Math.max(1, config.retention_days())),
                Math.max(1, config.max_size_mb()) * 1024 * 1024, config.sync_writes(), config.max_open_files());
    }

    /** First run one period from now; never two at once. */
    private void schedule(int periodSeconds) {
        Job job = context -> housekeeping();
        try {
            scheduler.schedule(job, scheduler.AT(new Date(System.currentTimeMillis() + periodSeconds * 1000L), -1,
                    periodSeconds).name(JOB).canRunConcurrently(false));
        } catch (SchedulerError e) {
            LOG.error("Cannot schedule {}: the event archive is not trimmed to its retention and size cap", JOB, e);
        }
    }

    void housekeeping() {
        try {
            Retention.Result r = archive.housekeeping();
            deleted.add(r.expiredFiles() + r.cappedFiles());
        } catch (RuntimeException e) {
            LOG.error("Event archive housekeeping failed: {}", e.getMessage(), e);
        }
    }

    @Deactivate
    void deactivate() {
        scheduler.unschedule(JOB);
        archive.close();
    }

    @Override
    public void configure() {
        from("amqp:queue:" + QUEUE + "?transacted=true&cacheLevelName=CACHE_CONSUMER&receiveTimeout=1000"
                + "&concurrentConsumers=1")
            .routeId("archive")
            .process(this::archive);
    }

    /** One broker message: written (and forced to disk) before the transaction commits. */
    void archive(Exchange exchange) {
        String messageId = exchange.getMessage().getHeader(ProcessedMessages.MESSAGE_ID_HEADER, String.class);
        if (written.seen(messageId)) {
            redeliveriesSkipped.increment();
            LOG.info("Event archive: batch {} delivered again after a commit in doubt; it is archived already", messageId);
            return;
        }
        List<SecurityEvent> batch;
        try {
            batch = Wire.readEvents(exchange.getMessage().getBody(byte[].class));
        } catch (Wire.WireFormatException e) {
            // the same message went to yagura.events, where correlation deals with it; retrying here cannot help
            unreadable.increment();
            LOG.warn("Event archive: a message on {} is not a batch of events and is not archived: {}", QUEUE,
                    e.getMessage());
            return;
        }
        try {
            archive.append(batch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive a batch of " + batch.size() + " events (the broker delivers "
                    + "it again): " + e.getMessage(), e);
        }
        written.processed(messageId);
        archived.add(batch.size());
    }

    @Override
    public ArchiveSearch search(ArchiveQuery query, int limit) {
        return archive.search(query, limit);
    }

    @Override
    public long replay(Optional<String> customerId, Instant from, Instant to, Consumer<SecurityEvent> consumer) {
        return archive.replay(customerId, from, to, consumer);
    }
}
