package io.yagura.archive;

import static io.yagura.archive.ArchiveFixtures.T0;
import static io.yagura.archive.ArchiveFixtures.deny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.archive.ArchiveQuery;
import io.yagura.metrics.CountersService;
import io.yagura.wire.ProcessedMessages;
import io.yagura.wire.Wire;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.karaf.scheduler.core.QuartzScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component: broker messages in, housekeeping job "yagura-archive-housekeeping" on the real Karaf Scheduler. */
class ArchiveServiceTest {

    @TempDir
    Path dir;

    final QuartzScheduler quartz = new QuartzScheduler(quartz());
    final CountersService counters = new CountersService();
    final ArchiveFixtures.TestClock clock = new ArchiveFixtures.TestClock(T0);
    final DefaultCamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        quartz.deactivate();
        camel.close();
    }

    ArchiveService service(Semaphore runs) {
        return new ArchiveService(dir, new FileArchive.Settings(Duration.ofDays(1), 1L << 30, true, 16), counters, quartz,
                1, clock) {
            @Override
            void housekeeping() {
                super.housekeeping();
                runs.release();
            }
        };
    }

    Exchange message(byte[] body) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    @Test
    void aBatchIsArchivedAndAMessageThatIsNoBatchIsCountedNotRetried() {
        ArchiveService service = service(new Semaphore(0));
        try {
            service.archive(message(Wire.writeEvents(List.of(deny("acme", T0, "192.0.2.1", "10.0.0.5"),
                    deny("acme", T0.plusSeconds(1), "192.0.2.2", "10.0.0.5")))));
            service.archive(message("not a batch".getBytes(StandardCharsets.UTF_8)));

            assertEquals(2, service.search(ArchiveQuery.customer("acme"), 10).events().size());
            assertEquals(2L, counters.snapshot().get("archive").get("writer").get("events"));
            assertEquals(1L, counters.snapshot().get("archive").get("writer").get("unreadable-batches"));
        } finally {
            service.deactivate();
        }
        UncheckedIOException closed = assertThrows(UncheckedIOException.class, () -> service.archive(message(
                Wire.writeEvents(List.of(deny("acme", T0, "192.0.2.3", "10.0.0.5"))))),
                "after deactivation the batch is rolled back for redelivery, not lost");
        assertTrue(closed.getMessage().contains("the event archive is closed"), closed.getMessage());
    }

    @Test
    void aBatchDeliveredAgainAfterACommitInDoubtIsNotArchivedTwice() {
        ArchiveService service = service(new Semaphore(0));
        try {
            byte[] batch = Wire.writeEvents(List.of(deny("acme", T0, "192.0.2.1", "10.0.0.5")));
            service.archive(message(batch, "ID:a-1"));
            service.archive(message(batch, "ID:a-1")); // the broker lost the commit and delivers it again
            service.archive(message(batch, "ID:a-2")); // another message with the same events is archived
            service.archive(message(batch, null)); // no id: never taken for a redelivery

            assertEquals(3, service.search(ArchiveQuery.customer("acme"), 10).events().size());
            assertEquals(1L, counters.snapshot().get("archive").get("writer").get("redeliveries-skipped"));
        } finally {
            service.deactivate();
        }
    }

    Exchange message(byte[] body, String jmsMessageId) {
        Exchange exchange = message(body);
        exchange.getMessage().setHeader(ProcessedMessages.MESSAGE_ID_HEADER, jmsMessageId);
        return exchange;
    }

    @Test
    void housekeepingRunsOnTheKarafSchedulerUntilDeactivatedAndDeletesExpiredHours() throws Exception {
        Semaphore runs = new Semaphore(0);
        ArchiveService service = service(runs);
        try {
            assertTrue(quartz.getJobs().containsKey(ArchiveService.JOB), quartz.getJobs().keySet()::toString);
            service.archive(message(Wire.writeEvents(List.of(deny("acme", T0, "192.0.2.1", "10.0.0.5")))));
            clock.set(Instant.parse("2026-11-28T11:05:01Z")); // the 10 o'clock hour ended a day and 5 minutes ago
            runs.drainPermits();
            assertTrue(runs.tryAcquire(2, 10, TimeUnit.SECONDS), "two runs (one wholly after the clock moved): the file finished, then deleted");
            assertEquals(0, service.search(ArchiveQuery.allCustomers(), 10).events().size());
            try (var files = Files.walk(dir)) {
                assertEquals(0, files.filter(Files::isRegularFile).count());
            }
            assertTrue(counters.snapshot().get("archive").get("retention").get("files-deleted") >= 1);
        } finally {
            service.deactivate();
        }
        assertFalse(quartz.getJobs().containsKey(ArchiveService.JOB), "removed on deactivate");
    }

    private static Properties quartz() {
        Properties p = new Properties();
        p.put("org.quartz.threadPool.threadCount", "2");
        return p;
    }
}
