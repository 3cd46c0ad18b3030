package io.yagura.plugin.mcafeensp;

/**
 * Cheap recognition of McAfee / Trellix Network Security Platform lines from unregistered sources:
 * no regex, no full parse, never throws. The Network Security Manager sends every notification
 * with the name of its forwarder as the syslog tag ({@code SyslogAlertForwarder:},
 * {@code SyslogAuditLogForwarder:}, {@code SyslogFaultForwarder:}, {@code SyslogACLLogForwarder:}),
 * a marker no other product writes. Lines whose tag a collector removed are recognised by the
 * field names of the message formats NSP's integrations document (Splunk add-on:
 * {@code attack_name=} with {@code alert_type=}, {@code acl_action=} with {@code sensor_name=},
 * {@code audit_action=} with {@code audit_result=}, {@code fault_name=} with {@code fault_source=}).
 */
final class McafeeNspProbe {

    private static final int WINDOW = 256;
    private static final String[][] KEY_PAIRS = {
        {"attack_name=", "alert_type="}, {"acl_action=", "sensor_name="}, {"audit_action=", "audit_result="},
        {"fault_name=", "fault_source="}};

    private McafeeNspProbe() {
    }

    static boolean probe(String line) {
        if (line == null || line.length() < 12) {
            return false;
        }
        if (McafeeNspParser.findTag(line) != null) {
            return true;
        }
        for (String[] pair : KEY_PAIRS) {
            int a = line.indexOf(pair[0]);
            if (a >= 0 && isKeyStart(line, a) && line.indexOf(pair[1]) > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isKeyStart(String line, int at) {
        return at == 0 || line.charAt(at - 1) == ' ' || line.charAt(at - 1) == '|' || line.charAt(at - 1) == ',';
    }

    /** How far into the line the forwarder tag may start (after a syslog header). */
    static int window() {
        return WINDOW;
    }
}
