package io.yagura.format.parser;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.RawEnvelope;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseContext;
import io.yagura.format.syslog.SyslogLine;
import java.time.Instant;

/**
 * A line that passed {@link GuardedParser}'s checks, with its syslog header read.
 *
 * @param envelope the line as received
 * @param context  the device's zone and version
 * @param text     the line without its line end
 * @param header   the syslog header; {@code header.message()} is the vendor's part
 */
public record Line(RawEnvelope envelope, ParseContext context, String text, SyslogLine header) {

    /** The vendor's part of the line, after the syslog header. */
    public String body() {
        return header.message();
    }

    /** Device time from the header, or the receive time when the header has none. */
    public Instant deviceTime() {
        return header.timestamp() != null ? header.timestamp() : Instant.ofEpochMilli(envelope.receivedAt());
    }

    /**
     * A new event with what every event of this line shares: @timestamp (device time),
     * event.kind event, the observer, the syslog priority and host.
     */
    public SecurityEvent newEvent(Observer observer) {
        SecurityEvent e = new SecurityEvent();
        e.timestamp(deviceTime());
        e.set(Ecs.EVENT_KIND, Ecs.KIND_EVENT);
        e.set(Ecs.OBSERVER_VENDOR, observer.vendor());
        e.set(Ecs.OBSERVER_PRODUCT, observer.product());
        e.set(Ecs.OBSERVER_TYPE, observer.type());
        if (header.priority() >= 0) {
            e.set(Ecs.LOG_SYSLOG_PRIORITY, (long) header.priority());
        }
        if (header.hostname() != null) {
            e.set(Ecs.OBSERVER_HOSTNAME, header.hostname());
            e.set(Ecs.LOG_SYSLOG_HOSTNAME, header.hostname());
        }
        return e;
    }
}
