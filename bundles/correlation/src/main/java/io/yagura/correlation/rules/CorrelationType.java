package io.yagura.correlation.rules;

import java.util.Locale;

/** The four Sigma correlation types. */
public enum CorrelationType {
    EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED;

    public static CorrelationType parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "event_count" -> EVENT_COUNT;
            case "value_count" -> VALUE_COUNT;
            case "temporal" -> TEMPORAL;
            case "temporal_ordered" -> TEMPORAL_ORDERED;
            default -> throw new IllegalArgumentException("unknown correlation type '" + text
                    + "' (event_count, value_count, temporal, temporal_ordered)");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
