package io.yagura.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestScheduleTest {

    private static final LocalDate NOV27 = LocalDate.of(2026, 11, 27);
    private final DigestSchedule tokyo = DigestSchedule.parse("08:00", "Asia/Tokyo", 1);

    @Test
    void aDayIsTheCalendarDayInTheZoneAndIsDueAtTheTimeNextDay() {
        assertEquals(Instant.parse("2026-11-26T15:00:00Z"), tokyo.start(NOV27), "27 Nov 00:00 JST");
        assertEquals(Instant.parse("2026-11-27T15:00:00Z"), tokyo.end(NOV27), "28 Nov 00:00 JST");
        assertEquals(Instant.parse("2026-11-27T23:00:00Z"), tokyo.dueAt(NOV27), "28 Nov 08:00 JST");
    }

    @Test
    void theLatestDueDayChangesAtTheDigestTime() {
        Instant due = tokyo.dueAt(NOV27);
        assertEquals(List.of(NOV27.minusDays(1)), tokyo.dueDays(due.minusSeconds(1), null), "just before 08:00");
        assertEquals(List.of(NOV27), tokyo.dueDays(due, null), "at 08:00");
        assertEquals(List.of(NOV27), tokyo.dueDays(due.plus(Duration.ofHours(20)), null), "until 08:00 next day");
    }

    @Test
    void daysDoneAreNotDueAgainAndCatchUpLooksBackAtMostCatchUpDays() {
        Instant due = tokyo.dueAt(NOV27);
        assertEquals(List.of(), tokyo.dueDays(due, NOV27), "done");
        assertEquals(List.of(NOV27), tokyo.dueDays(due, NOV27.minusDays(1)), "the next one");
        assertEquals(List.of(NOV27), tokyo.dueDays(due, NOV27.minusDays(5)), "one day of catch-up by default");

        DigestSchedule three = DigestSchedule.parse("08:00", "Asia/Tokyo", 3);
        assertEquals(List.of(NOV27.minusDays(2), NOV27.minusDays(1), NOV27), three.dueDays(due, null),
                "after start: three days, oldest first");
        assertEquals(List.of(NOV27), three.dueDays(due, NOV27.minusDays(1)), "only what is not done");
    }

    @Test
    void aDayWithASummerTimeChangeIsStillOneCalendarDay() {
        DigestSchedule berlin = DigestSchedule.parse("07:30", "Europe/Berlin", 1);
        LocalDate change = LocalDate.of(2026, 3, 29);
        assertEquals(Duration.ofHours(23), Duration.between(berlin.start(change), berlin.end(change)));
        assertEquals(Instant.parse("2026-03-30T05:30:00Z"), berlin.dueAt(change), "07:30 CEST");
    }

    @Test
    void badSettingsAreRefusedWithTheKeyNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DigestSchedule.parse("8 am", "Asia/Tokyo", 1))
                .getMessage().startsWith("digest.time"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DigestSchedule.parse("08:00", "Tokio", 1))
                .getMessage().startsWith("digest.zone"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DigestSchedule.parse("08:00", "UTC", 0))
                .getMessage().startsWith("digest.catchUpDays"));
    }
}
