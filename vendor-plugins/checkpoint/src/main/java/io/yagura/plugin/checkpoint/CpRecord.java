package io.yagura.plugin.checkpoint;

import io.yagura.format.parser.Events;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Check Point log record, whatever format carried it, with the field names of the Log Exporter
 * ("Log Fields" of the Check Point Logging and Monitoring guide / sk144192): action, src, dst,
 * s_port, service, proto, product, rule_name, protection_name... CEF and the legacy exports are
 * translated to those names, so the mapping to events is written once.
 */
final class CpRecord {

    enum Format { LOG_EXPORTER, CEF, LEGACY_SYSLOG, LEA_EXPORT }

    final Format format;
    final Map<String, String> fields = new LinkedHashMap<>();
    /** Time the record states (its "time"/"rt" field or its date and time), else null. */
    Instant time;
    /** Host the record names in its own header (RFC 5424 HOSTNAME of a header the syslog reader did not see). */
    String host;

    CpRecord(Format format) {
        this.format = format;
    }

    /** Keeps the first value of a repeated key (Log Exporter repeats layer fields per policy layer). */
    void put(String key, String value) {
        if (key != null && value != null) {
            fields.putIfAbsent(key, value);
        }
    }

    /** The field trimmed, null when absent or one of the "no value" words. */
    String get(String key) {
        return Events.value(fields.get(key));
    }

    /** The first present of several fields. */
    String first(String... keys) {
        for (String k : keys) {
            String v = get(k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
