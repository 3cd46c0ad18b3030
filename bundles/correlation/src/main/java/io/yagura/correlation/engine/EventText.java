package io.yagura.correlation.engine;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import java.util.List;

/** One-line, human-readable descriptions of events for rationale sentences. */
final class EventText {

    private EventText() {
    }

    /** e.g. {@code ASA event 400032 "UDP Snork attack" (signature 4051) from 203.0.113.70 to 198.51.100.20, action alert, at 2024-03-12T10:18:00Z}. */
    static String describe(SecurityEvent e) {
        StringBuilder b = new StringBuilder();
        String product = e.getString(Ecs.OBSERVER_PRODUCT);
        if (product != null) {
            b.append(product).append(' ');
        }
        String code = e.getString(Ecs.EVENT_CODE);
        b.append(code != null ? "event " + code : "event");
        String name = e.getString(Ecs.RULE_NAME);
        if (name != null) {
            b.append(" \"").append(name).append('"');
        }
        String sig = e.getString(Ecs.RULE_ID);
        if (sig != null && !sig.equals(name)) {
            b.append(" (signature ").append(sig).append(')');
        }
        String src = first(e, Ecs.SOURCE_IP, "source.address");
        String dst = first(e, Ecs.DESTINATION_IP, "destination.address");
        if (src != null) {
            b.append(" from ").append(src);
        }
        if (dst != null) {
            b.append(" to ").append(dst);
            String port = e.getString(Ecs.DESTINATION_PORT);
            if (port != null) {
                b.append(" port ").append(port);
            }
        }
        String action = e.getString(Ecs.EVENT_ACTION);
        if (action != null) {
            b.append(", action ").append(action);
        }
        String ts = e.getString(Ecs.TIMESTAMP);
        if (ts != null) {
            b.append(", at ").append(ts);
        }
        return b.toString();
    }

    /** The first field that is set; a list-valued field gives its first element. */
    static String first(SecurityEvent e, String... fields) {
        for (String f : fields) {
            String v = value(e, f);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static String value(SecurityEvent e, String field) {
        if (field == null) {
            return null;
        }
        Object v = e.get(field);
        if (v instanceof List<?> l) {
            return l.isEmpty() || l.get(0) == null ? null : l.get(0).toString();
        }
        return v == null ? null : v.toString();
    }
}
