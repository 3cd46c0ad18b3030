package io.yagura.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.NotificationPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daily digest: what it lists, who gets it, and that it is made once. */
class DigestSchedulerTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
    /** 27 Nov 00:00 JST and 28 Nov 00:00 JST. */
    private static final Instant DAY_START = Instant.parse("2026-11-26T15:00:00Z");
    private static final Instant DAY_END = Instant.parse("2026-11-27T15:00:00Z");
    /** 28 Nov 08:00 JST. */
    private static final Instant DUE = Instant.parse("2026-11-27T23:00:00Z");

    private final Fakes.MemoryStore store = new Fakes.MemoryStore();
    private final Fakes.MutableClock clock = new Fakes.MutableClock(DUE);

    private static Customer acme(boolean dailyDigest) {
        return new Customer("acme", "ACME", List.of(), List.of(
                new Contact("Night desk", "soc@acme.example", null, 2, List.of("mail"), List.of("emergency"), "en", null),
                new Contact("Sato", "sato@acme.example", null, 1, List.of("mail"), List.of(), "ja", null),
                new Contact("Reports", "reports@acme.example", null, 3, List.of("mail", "portal"), List.of("warning"),
                        "en", null),
                new Contact("Phone only", null, "+81-3-0000-0001", 4, List.of("phone"), List.of(), "ja", null),
                new Contact("Sato again", "SATO@acme.example", null, 5, List.of("mail"), List.of(), "en", null)),
                new NotificationPolicy(true, 15, dailyDigest, true));
    }

    private static Customer beta() {
        return new Customer("beta", "Beta", List.of(), List.of(
                new Contact("Ito", "ito@beta.example", null, 1, List.of("mail"), List.of(), "en", null)),
                new NotificationPolicy(true, 15, false, true));
    }

    private DigestScheduler scheduler(Customer... customers) {
        NotificationDispatcher.Config c = Fakes.config(Map.of());
        return new DigestScheduler(Fakes.registry(customers), new DigestNotices(store, clock),
                DigestSchedule.parse(c.digest_time(), c.digest_zone(), c.digest_catchUpDays()), clock);
    }

    private void incident(String id, String customer, Level level, Instant detected) {
        store.put(Fakes.incident(id, customer, level, IncidentStatus.NEW, detected, null));
    }

    /** The day's Warning and Informational incidents of acme, and others that must stay out. */
    private void aDayOfIncidents() {
        incident("W-EVE", "acme", Level.WARNING, DAY_START.minusSeconds(1));
        incident("W-1", "acme", Level.WARNING, DAY_START);
        incident("I-1", "acme", Level.INFORMATIONAL, DAY_START.plus(Duration.ofHours(12)));
        incident("C-1", "acme", Level.CRITICAL, DAY_START.plus(Duration.ofHours(10)));
        incident("L-1", "acme", Level.LOW, DAY_START.plus(Duration.ofHours(11)));
        incident("W-2", "acme", Level.WARNING, DAY_END.minusSeconds(1));
        incident("W-NEXT", "acme", Level.WARNING, DAY_END);
        incident("W-BETA", "beta", Level.WARNING, DAY_START.plus(Duration.ofHours(1)));
    }

    @Test
    void oneDigestPerMailAddressListsTheDaysWarningAndInformationalIncidents() {
        aDayOfIncidents();

        List<Notification> made = scheduler(acme(true), beta()).tick();

        assertEquals(List.of("sato@acme.example", "reports@acme.example"), made.stream().map(Notification::address)
                .toList(), "default levels and 'warning' get it, in escalation order, each address once; not the "
                + "night desk (emergency only) nor a phone-only contact; beta has no digest policy");
        assertEquals(List.of("ja", "en"), made.stream().map(Notification::language).toList());
        for (Notification n : made) {
            assertEquals("digest", n.kind());
            assertEquals("mail", n.channel());
            assertEquals("acme", n.customerId());
            assertEquals("W-1", n.incidentId(), "kept with the day's first incident");
            assertEquals("pending", n.status());
            assertNull(n.level(), "a digest has no level of its own");
            assertNull(n.deadline(), "nor a deadline");
            assertEquals(DUE, n.createdAt());
            assertEquals(n, store.notices.get(n.id()), "stored before it is handed to the channel");
            assertTrue(n.id().startsWith("DIG-20261127-"), n.id());
        }
        List<AuditEntry> audit = store.audit("digest");
        assertEquals(List.of("date=2026-11-27 incidents=W-1,I-1,W-2 to=sato@acme.example",
                "date=2026-11-27 incidents=W-1,I-1,W-2 to=reports@acme.example"),
                audit.stream().map(AuditEntry::detail).toList(), "what each digest lists, oldest first");
        assertEquals(made.stream().map(Notification::id).toList(), audit.stream().map(AuditEntry::subject).toList(),
                "the record is found by the notice id");
    }

    @Test
    void aDigestIsMadeOnceAcrossTicksRestartsAndNodes() {
        aDayOfIncidents();
        DigestScheduler node = scheduler(acme(true));
        assertEquals(2, node.tick().size());

        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), node.tick(), "next tick");
        assertEquals(List.of(), scheduler(acme(true)).tick(), "restarted node, or another node, looking back");
        assertEquals(2, store.notices.size());
        assertEquals(2, store.audit("digest").size(), "no second record");
    }

    @Test
    void aDigestAlreadySentIsRecognisedEvenWhenItsFirstIncidentLeftTheList() {
        aDayOfIncidents();
        assertEquals(2, scheduler(acme(true)).tick().size());
        // An analyst raised the first incident of the day to Critical after the digest went out.
        store.put(Fakes.incident("W-1", "acme", Level.CRITICAL, IncidentStatus.NOTIFIED, DAY_START, null));

        assertEquals(List.of(), scheduler(acme(true)).tick(), "the restarted node finds the digests on I-1's notices");
        assertEquals(2, store.notices.size());
    }

    @Test
    void nothingIsMadeBeforeTheDigestTimeAndTheNextDayAtIt() {
        aDayOfIncidents();
        DigestScheduler node = scheduler(acme(true));
        assertEquals(2, node.tick().size());
        incident("W-28", "acme", Level.WARNING, DAY_END.plus(Duration.ofHours(3)));

        clock.set(DUE.plus(Duration.ofDays(1)).minusSeconds(1));
        assertEquals(List.of(), node.tick(), "29 Nov 07:59:59");
        clock.set(DUE.plus(Duration.ofDays(1)));
        List<Notification> next = node.tick();
        assertEquals(2, next.size(), "29 Nov 08:00: the digest of the 28th");
        assertTrue(next.stream().allMatch(n -> n.id().startsWith("DIG-20261128-") && n.incidentId().equals("W-NEXT")),
                next.toString());
        assertEquals("date=2026-11-28 incidents=W-NEXT,W-28 to=sato@acme.example",
                store.audit("digest").get(2).detail());
    }

    @Test
    void aDigestMissedWhileTheNodeWasDownIsMadeAfterStart() {
        aDayOfIncidents();
        clock.set(DUE.plus(Duration.ofHours(2).plusMinutes(30)));

        List<Notification> made = scheduler(acme(true)).tick();

        assertEquals(2, made.size(), "started at 10:30: the 08:00 digest is made now");
        assertTrue(made.stream().allMatch(n -> n.id().startsWith("DIG-20261127-")), made.toString());
    }

    @Test
    void anEmptyDaySendsNothing() {
        incident("W-EVE", "acme", Level.WARNING, DAY_START.minusSeconds(1));
        incident("C-1", "acme", Level.CRITICAL, DAY_START.plusSeconds(60));

        assertEquals(List.of(), scheduler(acme(true)).tick());
        assertEquals(Map.of(), store.notices);
        assertEquals(List.of(), store.audit);
    }

    @Test
    void customersWhosePolicyWantsNoDigestGetNone() {
        aDayOfIncidents();

        assertEquals(List.of(), scheduler(acme(false), beta()).tick());
        assertEquals(Map.of(), store.notices);
    }

    @Test
    void losingTheRaceToAnotherNodeIsNotAnError() {
        aDayOfIncidents();
        Fakes.MemoryStore racing = new Fakes.MemoryStore() {
            @Override
            public Notification createDigest(Notification n, Digest digest) {
                super.createDigest(n, digest); // the other node, a moment earlier
                return super.createDigest(n, digest);
            }
        };
        racing.incidents.putAll(store.incidents);
        DigestScheduler node = new DigestScheduler(Fakes.registry(acme(true)), new DigestNotices(racing, clock),
                DigestSchedule.parse("08:00", "Asia/Tokyo", 1), clock);

        assertEquals(List.of(), node.tick(), "the other node sends them");
        assertEquals(2, racing.notices.size());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), node.tick(), "and the day counts as done here");
    }

    @Test
    void aStoreFailureIsTriedAgainAfterAFewMinutes() {
        aDayOfIncidents();
        boolean[] down = {true};
        int[] lists = {0};
        Fakes.MemoryStore flaky = new Fakes.MemoryStore() {
            @Override
            public List<io.yagura.api.incident.Incident> list(Filter f) {
                lists[0]++;
                if (down[0]) {
                    throw new IllegalStateException("database unreachable");
                }
                return super.list(f);
            }
        };
        flaky.incidents.putAll(store.incidents);
        DigestScheduler node = new DigestScheduler(Fakes.registry(acme(true)), new DigestNotices(flaky, clock),
                DigestSchedule.parse("08:00", "Asia/Tokyo", 1), clock);

        assertEquals(List.of(), node.tick(), "failed");
        int afterFailure = lists[0];
        down[0] = false;
        clock.advance(DigestScheduler.RETRY.minusSeconds(1));
        assertEquals(List.of(), node.tick(), "not before the retry delay");
        assertEquals(afterFailure, lists[0], "the store is left alone meanwhile");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, node.tick().size(), "made on the retry");
    }

    @Test
    void theNoticeIdDependsOnCustomerAddressAndDayOnlyAndFitsTheStore() {
        String id = DigestNotices.id("acme", DAY, "Sato@ACME.example");
        assertEquals(id, DigestNotices.id("acme", DAY, "sato@acme.example"), "address case does not matter");
        assertNotEquals(id, DigestNotices.id("acme", DAY.plusDays(1), "sato@acme.example"));
        assertNotEquals(id, DigestNotices.id("acme2", DAY, "sato@acme.example"));
        assertNotEquals(id, DigestNotices.id("acme", DAY, "reports@acme.example"));
        String longest = DigestNotices.id("c".repeat(64), DAY, "a".repeat(300) + "@example.com");
        assertTrue(longest.length() <= 40, "notification.id is varchar(40): " + longest);
    }
}
