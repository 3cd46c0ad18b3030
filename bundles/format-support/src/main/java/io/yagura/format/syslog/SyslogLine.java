package io.yagura.format.syslog;

import java.time.Instant;

/**
 * A syslog line split into its header and message, as far as the header could be read.
 *
 * @param priority  PRI value (facility * 8 + severity), or -1 when the line had none
 * @param timestamp device time from the header, or null when there was none or it was unreadable
 * @param hostname  hostname or address from the header, or null
 * @param appName   RFC 5424 APP-NAME or RFC 3164 TAG, or null
 * @param format    which header form was recognised
 * @param message   the rest of the line after the header (never null)
 * @param structuredData RFC 5424 STRUCTURED-DATA as written ({@code [id k="v"]...}), or null when
 *                  the line had none; read it with {@code io.yagura.format.sd.StructuredData}
 * @param msgId     RFC 5424 MSGID (Juniper puts the event name there, e.g. RT_FLOW_SESSION_CREATE), or null
 */
public record SyslogLine(int priority, Instant timestamp, String hostname, String appName,
                         Format format, String message, String structuredData, String msgId) {

    /** A line without RFC 5424 structured data. */
    public SyslogLine(int priority, Instant timestamp, String hostname, String appName, Format format,
                      String message) {
        this(priority, timestamp, hostname, appName, format, message, null, null);
    }

    public enum Format {
        /** RFC 5424: {@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG}. */
        RFC5424,
        /** RFC 3164 or a vendor variant of it (year in the date, ISO date, no host). */
        RFC3164,
        /** No header at all: the message alone, as some devices send it. */
        NONE
    }

    public int severity() {
        return priority < 0 ? -1 : priority & 7;
    }

    public int facility() {
        return priority < 0 ? -1 : priority >> 3;
    }
}
