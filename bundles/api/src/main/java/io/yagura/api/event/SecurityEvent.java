package io.yagura.api.event;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One normalized event: a flat map keyed by ECS dotted field names ({@link Ecs}).
 * A flat map keeps the wire format and exports one-to-one with ECS and lets a plugin set
 * a vendor field Yagura has no constant for without an API change.
 *
 * <p>Values are String, Long, Integer, Boolean or List&lt;String&gt; (event.category).
 * Not thread-safe; an event is built by one parser and then only read.
 */
public final class SecurityEvent {

    /** Version of the event schema documented in docs/architecture.md. */
    public static final String SCHEMA_VERSION = "1.0.0";

    private final Map<String, Object> fields;

    public SecurityEvent() {
        this.fields = new LinkedHashMap<>();
        fields.put(Ecs.YAGURA_SCHEMA, SCHEMA_VERSION);
    }

    /** Wraps fields read back from the wire. */
    public static SecurityEvent of(Map<String, Object> fields) {
        SecurityEvent e = new SecurityEvent();
        e.fields.putAll(fields);
        return e;
    }

    /** Sets a field; a null value removes it, so parsers need no null checks. */
    public SecurityEvent set(String field, Object value) {
        Objects.requireNonNull(field, "field");
        if (value == null) {
            fields.remove(field);
        } else {
            fields.put(field, value);
        }
        return this;
    }

    /** Sets a port or count field from text; ignores text that is not a number. */
    public SecurityEvent setNumber(String field, String digits) {
        if (digits != null && !digits.isEmpty()) {
            try {
                set(field, Long.parseLong(digits.trim()));
            } catch (NumberFormatException notANumber) {
                // the raw line keeps the text; the typed field stays unset
            }
        }
        return this;
    }

    public SecurityEvent timestamp(Instant deviceTime) {
        return set(Ecs.TIMESTAMP, deviceTime == null ? null : deviceTime.toString());
    }

    public SecurityEvent categories(String... categories) {
        return set(Ecs.EVENT_CATEGORY, List.of(categories));
    }

    public Object get(String field) {
        return fields.get(field);
    }

    public String getString(String field) {
        Object v = fields.get(field);
        return v == null ? null : v.toString();
    }

    public Long getLong(String field) {
        Object v = fields.get(field);
        if (v instanceof Number n) {
            return n.longValue();
        }
        return v == null ? null : Long.valueOf(v.toString());
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    /** Read-only view, in insertion order. */
    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
