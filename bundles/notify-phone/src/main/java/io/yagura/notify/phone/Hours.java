package io.yagura.notify.phone;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A contact's calling hours, e.g. "09:00-18:00 Asia/Tokyo" (an overnight range such as "22:00-06:00 UTC" works). */
record Hours(LocalTime from, LocalTime to, ZoneId zone) {

    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*(\\S+)?\\s*");

    /**
     * @return null for "always" (empty)
     * @throws IllegalArgumentException naming the expected form
     */
    static Hours parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("hours '" + text + "': HH:MM-HH:MM ZONE expected, e.g. 09:00-18:00 Asia/Tokyo");
        }
        try {
            return new Hours(LocalTime.parse(pad(m.group(1))), LocalTime.parse(pad(m.group(2))),
                    m.group(3) == null ? ZoneId.of("UTC") : ZoneId.of(m.group(3)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("hours '" + text + "': " + e.getMessage());
        }
    }

    private static String pad(String hhmm) {
        return hhmm.length() == 4 ? "0" + hhmm : hhmm;
    }

    boolean contains(Instant at) {
        LocalTime t = ZonedDateTime.ofInstant(at, zone).toLocalTime();
        if (from.isBefore(to)) {
            return !t.isBefore(from) && t.isBefore(to);
        }
        return !t.isBefore(from) || t.isBefore(to); // overnight
    }

    @Override
    public String toString() {
        return from + "-" + to + " " + zone;
    }
}
