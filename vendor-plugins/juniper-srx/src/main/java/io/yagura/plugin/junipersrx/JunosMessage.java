package io.yagura.plugin.junipersrx;

import java.time.Instant;
import java.util.Map;

/**
 * One Junos log message located in a line, whatever its envelope: the event name (the RFC 5424
 * MSGID, or the tag of the BSD form: {@code RT_FLOW_SESSION_CREATE}), the process that wrote it
 * ({@code RT_FLOW}, {@code mgd}), its structured-data parameters when it has them, and its free
 * text.
 *
 * @param name       event name as logged (with its {@code _LS} / {@code _MT} suffix), never null
 * @param process    process or RFC 5424 APP-NAME ({@code RT_IDS}, {@code mgd}), or null
 * @param sd         the structured-data parameters ({@code source-address} → value), or null when the
 *                   message is the plain (BSD) form
 * @param text       the message text after the event name (plain form) or after the structured
 *                   data; never null
 * @param deviceHost the device's host name when the line was relayed and the relay's header is the
 *                   outer one ({@code relay junos-ids: 2017-... srx1 RT_IDS - ...}), else null
 * @param deviceTime the device's time from an inner header, else null
 */
record JunosMessage(String name, String process, Map<String, String> sd, String text, String deviceHost,
                    Instant deviceTime) {

    /** The name without the logical-system ({@code _LS}) and multi-thread ({@code _MT}) suffixes. */
    String baseName() {
        String n = name;
        if (n.endsWith("_LS")) {
            n = n.substring(0, n.length() - 3);
        }
        if (n.endsWith("_MT")) {
            n = n.substring(0, n.length() - 3);
        }
        return n;
    }
}
