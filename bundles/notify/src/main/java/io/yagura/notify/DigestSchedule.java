package io.yagura.notify;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The calendar of the daily digest. The digest of day D holds the incidents detected from D
 * 00:00 to D+1 00:00 in {@code zone} (the day the templates print as {@code digest.date}) and
 * is due at {@code time} on D+1. Calendar days rather than "since the last run": a customer
 * reads "incidents of 27 November" and gets exactly those, whenever the mail goes out.
 *
 * @param catchUpDays how many due days a node looks at (1: only the latest), so a node that
 *                    was down at the digest time sends the missed digest when it starts
 */
record DigestSchedule(LocalTime time, ZoneId zone, int catchUpDays) {

    DigestSchedule {
        if (catchUpDays < 1) {
            throw new IllegalArgumentException("digest.catchUpDays must be 1 or more, not " + catchUpDays);
        }
    }

    /** From the configuration's text; the message names the key that is wrong. */
    static DigestSchedule parse(String time, String zone, int catchUpDays) {
        LocalTime t;
        try {
            t = LocalTime.parse(time.trim());
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("digest.time must be HH:mm (e.g. 08:00), not '" + time + "'", e);
        }
        ZoneId z;
        try {
            z = ZoneId.of(zone.trim());
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("digest.zone must be a time zone id (e.g. Asia/Tokyo), not '" + zone
                    + "'", e);
        }
        return new DigestSchedule(t, z, catchUpDays);
    }

    /** First instant of the day (the start of day, also when midnight falls into a DST gap). */
    Instant start(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** End of the day, exclusive. */
    Instant end(LocalDate day) {
        return start(day.plusDays(1));
    }

    /** When the digest of {@code day} is due. */
    Instant dueAt(LocalDate day) {
        return ZonedDateTime.of(day.plusDays(1), time, zone).toInstant();
    }

    /**
     * The days whose digest is due at {@code now} and not done yet, oldest first: at most
     * {@code catchUpDays}, all after {@code doneThrough} (null: nothing done yet in this run).
     */
    List<LocalDate> dueDays(Instant now, LocalDate doneThrough) {
        LocalDate latest = now.atZone(zone).toLocalDate().minusDays(1);
        if (now.isBefore(dueAt(latest))) {
            latest = latest.minusDays(1);
        }
        LocalDate first = latest.minusDays(catchUpDays - 1L);
        if (doneThrough != null && !doneThrough.isBefore(first)) {
            first = doneThrough.plusDays(1);
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(latest); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }
}
