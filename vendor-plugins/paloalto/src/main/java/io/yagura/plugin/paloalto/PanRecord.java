package io.yagura.plugin.paloalto;

import io.yagura.format.parser.Events;

/**
 * One PAN-OS log entry, whatever format carried it: its fields by {@link PanField}, plus the
 * software version the line states (CEF/LEEF headers) and the wire format.
 */
final class PanRecord {

    enum Format { CSV, CEF, LEEF }

    final Format format;
    private final String[] values = new String[PanField.ALL.length];
    /** PAN-OS version written in a CEF/LEEF header ("6.1.3", "11.1.6-h14"), else null. */
    String softwareVersion;
    /** Zone the record states for its times (Cortex CEF "dtz"), else null. */
    java.time.ZoneId zone;
    /** Number of CSV columns (0 for keyed formats). */
    int columns;

    PanRecord(Format format) {
        this.format = format;
    }

    void put(PanField f, String value) {
        if (value != null && values[f.ordinal()] == null) {
            values[f.ordinal()] = value;
        }
    }

    void replace(PanField f, String value) {
        values[f.ordinal()] = value;
    }

    /** The field as written, trimmed; null when absent, blank or one of PAN-OS's "no value" words. */
    String get(PanField f) {
        return Events.value(values[f.ordinal()]);
    }

    /** The field as written (trimmed), keeping "none", "N/A" and the like. */
    String raw(PanField f) {
        String v = values[f.ordinal()];
        return v == null ? null : v.trim();
    }

    String type() {
        String t = get(PanField.TYPE);
        return t == null ? "" : t.toUpperCase(java.util.Locale.ROOT);
    }

    String subtype() {
        String s = get(PanField.SUBTYPE);
        return s == null ? "" : s.toLowerCase(java.util.Locale.ROOT);
    }
}
