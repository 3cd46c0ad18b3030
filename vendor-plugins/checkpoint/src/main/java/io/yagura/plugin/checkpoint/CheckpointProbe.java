package io.yagura.plugin.checkpoint;

import io.yagura.format.cef.Cef;

/**
 * Cheap recognition of Check Point lines from unregistered sources (no regex, no full parse, never
 * throws): the Log Exporter's syslog application name {@code CheckPoint <pid> - [} or its field list
 * with keys only Check Point writes, a CEF header with vendor "Check Point", the legacy
 * {@code Checkpoint: 3Sep2007 ...} syslog, or the quoted LEA export.
 */
final class CheckpointProbe {

    static final String CEF_VENDOR = "|Check Point|";
    /** Log Exporter keys no other vendor writes. */
    private static final String[] UNIQUE_KEYS = {"loguid:\"", "originsicname:\"", "origin_sic_name:\"",
        "__policy_id_tag:\"", "fw_subproduct:\"", "layer_uuid:\""};

    private CheckpointProbe() {
    }

    static boolean probe(String line) {
        try {
            if (line == null || line.length() < 16) {
                return false;
            }
            return cefStart(line) >= 0 || exporter(line) || legacyStart(line) >= 0 || CpReaders.isLeaExport(line);
        } catch (RuntimeException unexpected) {
            return false;
        }
    }

    /** " CheckPoint 1930 - [" (the Log Exporter's APP-NAME and PROCID), or "[key:\"" with a Check Point key. */
    static boolean exporter(String line) {
        int at = line.indexOf(" CheckPoint ");
        if (at >= 0 && at < 200) {
            int i = at + 12;
            int digits = i;
            while (i < line.length() && Character.isDigit(line.charAt(i))) {
                i++;
            }
            if (i > digits && line.startsWith(" - [", i)) {
                return true;
            }
        }
        if (CpReaders.exporterStart(line) < 0) {
            return false;
        }
        for (String k : UNIQUE_KEYS) {
            if (line.indexOf(k) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Start of a Check Point CEF record: "CEF:0|Check Point|", "CEF: 0|Check Point|", or the record
     * without its "CEF:" prefix ("0|Check Point|", as some relays strip it); -1 if none.
     */
    static int cefStart(String line) {
        int vendor = line.indexOf(CEF_VENDOR);
        if (vendor < 0 || vendor > 300) {
            return -1;
        }
        int cef = Cef.indexOfTolerant(line);
        if (cef >= 0 && cef < vendor && vendor - cef <= 8) {
            return cef;
        }
        // "0|Check Point|..." at the start of the line or after a syslog header
        if (vendor >= 1 && Character.isDigit(line.charAt(vendor - 1))
                && (vendor == 1 || line.charAt(vendor - 2) == ' ')) {
            return vendor - 1;
        }
        return -1;
    }

    /** Offset of "Checkpoint:" followed by a fw date ("3Sep2007"), or -1. */
    static int legacyStart(String line) {
        int at = line.indexOf("Checkpoint:");
        if (at < 0 || at > 200) {
            return -1;
        }
        int i = at + 11;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        int end = line.indexOf(' ', i);
        return end > i && CpReaders.fwDay(line.substring(i, end)) != null ? at : -1;
    }
}
