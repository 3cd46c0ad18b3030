package io.yagura.correlation.house;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Replay time: follows the events' device time, never backwards. */
public final class ReplayClock extends Clock {

    private Instant now = Instant.EPOCH;

    /** Moves to the event's {@code @timestamp} when it is later; an unreadable time keeps the clock where it is. */
    public void advanceTo(String timestamp) {
        if (timestamp == null) {
            return;
        }
        try {
            Instant t = Instant.parse(timestamp);
            if (t.isAfter(now)) {
                now = t;
            }
        } catch (DateTimeParseException unreadable) {
            // the engine itself falls back to the clock for such an event
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
