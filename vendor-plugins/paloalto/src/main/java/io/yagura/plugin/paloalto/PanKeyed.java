package io.yagura.plugin.paloalto;

import static io.yagura.plugin.paloalto.PanField.*;

import io.yagura.format.cef.CefRecord;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The key=value forwarding formats: the CEF formats of Palo Alto's "Common Event Format
 * Configuration Guide" (PAN-OS 6.1 to 11.x custom log formats, product {@code PAN-OS}), the CEF that
 * Cortex Data Lake / Strata Logging Service forwards (product {@code LF}), and the LEEF custom
 * format of IBM QRadar's PAN-OS integration (product {@code PAN-OS Syslog Integration}). Keys are
 * read by the names those formats give each PAN-OS field; CEF custom strings by their labels.
 */
final class PanKeyed {

    /** Subtypes of THREAT logs (PAN-OS 6.1-11.x). */
    static final Set<String> THREAT_SUBTYPES = Set.of("vulnerability", "spyware", "virus", "url", "wildfire",
            "wildfire-virus", "file", "flood", "scan", "packet", "data", "ml-virus");

    private PanKeyed() {
    }

    // ---------------------------------------------------------------- CEF

    /** CEF extension keys (and custom-field labels) of each field, in order of preference. */
    private static final Map<PanField, String[]> CEF_KEYS = keys(
            SRC, "src", DST, "dst", NATSRC, "sourceTranslatedAddress|PanOSNATSource",
            NATDST, "destinationTranslatedAddress|PanOSNATDestination", RULE, "Rule",
            SRCUSER, "suser|PanOSSourceUser", DSTUSER, "duser|PanOSDestinationUser", APP, "app|PanOSApplication",
            VSYS, "Virtual System|Virtual Sys|VirtualLocation|PanOSVirtualSystem",
            FROM_ZONE, "Source Zone|Src Zone|FromZone", TO_ZONE, "Destination Zone|Dst Zone|ToZone",
            INBOUND_IF, "deviceInboundInterface|PanOSInboundInterface", OUTBOUND_IF, "deviceOutboundInterface",
            SESSION_ID, "SessionID|PanOSSessionID", SPORT, "spt", DPORT, "dpt",
            NATSPORT, "sourceTranslatedPort|PanOSNATSourcePort", NATDPORT, "destinationTranslatedPort|PanOSNATDestinationPort",
            FLAGS, "Flags", PROTO, "proto", ACTION, "act", BYTES, "Total bytes|PanOSBytes",
            BYTES_SENT, "in", BYTES_RECEIVED, "out", PACKETS, "Packets|PacketsTotal",
            PKTS_SENT, "PanOSPacketsSent", PKTS_RECEIVED, "PanOSPacketsReceived",
            ELAPSED, "Elapsed time in seconds|SessionDuration", CATEGORY, "URL Category|URL Cat|URLCategory",
            SESSION_END_REASON, "reason|PanOSSessionEndReason", DEVICE_NAME, "dvchost|PanOSDeviceName",
            SERIAL, "deviceExternalId|PanOSDeviceSN", RECEIVE_TIME, "rt", GENERATED_TIME, "start",
            MISC, "request", DIRECTION, "Direction|DirectionOfAttack", FILE_DIGEST, "fileHash|PanOSFileHash",
            HTTP_METHOD, "requestMethod|PanOSHTTPMethod", USER_AGENT, "requestClientApplication",
            THREAT_CATEGORY, "PanOSThreatCategory", SEVERITY, "PanOSSeverity",
            OBJECT, "fname", MODULE, "Module", DESCRIPTION, "msg|PanOSDescription", HOST, "shost",
            ADMIN, "duser", CLIENT, "destinationServiceName",
            EVENT_ID, "PanOSEventID|PanOSEventIDValue", STAGE, "PanOSStage", STATUS, "PanOSEventStatus",
            PUBLIC_IP, "PanOSPublicIPv4", PUBLIC_IPV6, "PanOSPublicIPv6", ERROR, "PanOSConnectionError",
            USER, "duser|PanOSSourceUserName", NORMALIZE_USER, "NormalizeUser");

    /** A CEF record whose header names Palo Alto Networks, as a {@link PanRecord}. */
    static PanRecord fromCef(CefRecord cef) {
        PanRecord r = new PanRecord(PanRecord.Format.CEF);
        boolean cortex = "LF".equalsIgnoreCase(cef.product().trim());
        if (!cortex) {
            r.softwareVersion = blankToNull(cef.deviceVersion());
        }
        // The header names the log type in the Signature ID or the Name field, and the subtype (or
        // the threat) in the other: PAN-OS writes |$subtype|$type| (TRAFFIC, URL, WildFire, SYSTEM),
        // |$threatid|$type| (THREAT since 9.0) or |$result|$type| (CONFIG); Cortex |$type|$subtype|.
        String sig = cef.signatureId() == null ? "" : cef.signatureId().trim();
        String name = cef.name() == null ? "" : cef.name().trim();
        String type;
        String other;
        if (PanCsv.TYPES.contains(name.toUpperCase(Locale.ROOT))) {
            type = name;
            other = sig;
        } else {
            type = sig;
            other = name;
        }
        type = type.toUpperCase(Locale.ROOT);
        r.put(TYPE, type);
        Map<String, String> fields = new LinkedHashMap<>(cef.extension());
        cef.labelled().forEach(fields::putIfAbsent);
        for (Map.Entry<PanField, String[]> e : CEF_KEYS.entrySet()) {
            for (String k : e.getValue()) {
                String v = fields.get(k);
                if (v != null && !v.isBlank()) {
                    r.put(e.getKey(), v);
                    break;
                }
            }
        }
        if (r.get(SRC) == null) {
            r.put(SRC, fields.get("Source IPv6 Address"));
            r.put(SRC, fields.get("IPv6 Source Address"));
        }
        if (r.get(DST) == null) {
            r.put(DST, fields.get("Destination IPv6 Address"));
        }
        String dtz = fields.get("dtz");
        if (dtz != null && !dtz.isBlank()) {
            try {
                r.zone = java.time.ZoneId.of(dtz.trim());
            } catch (java.time.DateTimeException unknownZone) {
                r.zone = null;
            }
        }
        String cat = fields.get("cat");
        switch (type) {
            case "THREAT" -> {
                String lowerOther = other.toLowerCase(Locale.ROOT);
                if (THREAT_SUBTYPES.contains(lowerOther)) {
                    r.put(SUBTYPE, lowerOther);
                    r.put(THREAT_ID, fields.get("PanOSThreatID"));
                    r.put(THREAT_ID, cat);
                } else {
                    r.put(THREAT_ID, fields.get("PanOSThreatID"));
                    r.put(THREAT_ID, other);
                    r.put(SUBTYPE, cat);
                }
                if (cortex) {
                    r.put(MISC, fields.get("filePath"));
                    r.put(MISC, fields.get("PanOSURL"));
                }
                r.put(SEVERITY_NUMBER, cef.severity());
            }
            case "SYSTEM" -> {
                r.put(SUBTYPE, other);
                r.put(EVENT_ID, cat);
                r.put(SEVERITY_NUMBER, cef.severity());
            }
            case "CONFIG" -> {
                r.put(RESULT, other);
                r.put(CMD, fields.get("act"));
                r.put(PATH, fields.get("msg"));
            }
            case "CORRELATION" -> {
                r.put(SUBTYPE, other);
                r.put(SEVERITY_NUMBER, cef.severity());
            }
            case "AUTH", "AUTHENTICATION" -> {
                r.put(SUBTYPE, other);
                r.put(AUTH_EVENT, fields.get("PanOSEventType"));
            }
            default -> r.put(SUBTYPE, other);
        }
        return r;
    }

    // ---------------------------------------------------------------- LEEF

    /** LEEF attribute names of each field: IBM QRadar's PAN-OS format first, then common variants. */
    private static final Map<PanField, String[]> LEEF_KEYS = keys(
            TYPE, "cat|Type", SUBTYPE, "Subtype|SubType", SERIAL, "SerialNumber|DeviceSN",
            RECEIVE_TIME, "devTime", GENERATED_TIME, "devTimeFormat",
            HIGH_RES_TIME, "TimeGeneratedHighResolution", SRC, "src", DST, "dst", NATSRC, "srcPostNAT",
            NATDST, "dstPostNAT", RULE, "RuleName|Rule", SRCUSER, "SourceUser|usrName", DSTUSER, "DestinationUser",
            APP, "Application", VSYS, "VirtualSystem|VirtualLocation", FROM_ZONE, "SourceZone|FromZone",
            TO_ZONE, "DestinationZone|ToZone", INBOUND_IF, "IngressInterface|InboundInterface",
            OUTBOUND_IF, "EgressInterface|OutboundInterface", SESSION_ID, "SessionID", SPORT, "srcPort",
            DPORT, "dstPort", NATSPORT, "srcPostNATPort", NATDPORT, "dstPostNATPort", FLAGS, "Flags",
            PROTO, "proto", ACTION, "action|Action", BYTES, "totalBytes|Bytes", BYTES_SENT, "srcBytes",
            BYTES_RECEIVED, "dstBytes", PACKETS, "totalPackets", PKTS_SENT, "srcPackets",
            PKTS_RECEIVED, "dstPackets", ELAPSED, "ElapsedTime|SessionDuration", CATEGORY, "URLCategory",
            SESSION_END_REASON, "SessionEndReason", DEVICE_NAME, "DeviceName", MISC, "Miscellaneous|FileName|URL",
            THREAT_ID, "ThreatID|threatid", SEVERITY, "Severity|VendorSeverity", SEVERITY_NUMBER, "sev",
            DIRECTION, "Direction|DirectionOfAttack", FILE_DIGEST, "FileDigest|FileHash",
            USER_AGENT, "UserAgent", HTTP_METHOD, "RequestMethod|HTTPMethod", THREAT_CATEGORY, "ThreatCategory",
            OBJECT, "Filename", MODULE, "Module", DESCRIPTION, "msg", EVENT_ID, "EventID",
            HOST, "src", ADMIN, "usrName|Admin", CLIENT, "client", RESULT, "Result", PATH, "ConfigurationPath",
            CMD, "Command|msg");

    /**
     * A LEEF record: {@code LEEF:1.0|Palo Alto Networks|PAN-OS Syslog Integration|<version>|<event id>|}
     * then attributes separated by the 2.0 delimiter, by tab, or (as QRadar's PAN-OS format writes
     * LEEF 1.0) by '|'. {@code text} starts at "LEEF:"; null when the header is incomplete.
     */
    static PanRecord fromLeef(String text) {
        int[] bars = new int[6];
        int found = 0;
        for (int i = 0; i < text.length() && found < 6; i++) {
            if (text.charAt(i) == '|') {
                bars[found++] = i;
            }
        }
        if (found < 5) {
            return null;
        }
        String version = text.substring(5, bars[0]).trim();
        String productVersion = text.substring(bars[2] + 1, bars[3]);
        String eventId = text.substring(bars[3] + 1, bars[4]);
        int attrStart = bars[4] + 1;
        char delimiter;
        if (version.startsWith("2")) {
            delimiter = '\t';
            if (found == 6 && bars[5] - attrStart <= 6) {
                Character d = delimiter(text.substring(attrStart, bars[5]));
                if (d != null) {
                    delimiter = d;
                    attrStart = bars[5] + 1;
                } else if (bars[5] == attrStart) {
                    attrStart++;
                }
            }
        } else if (version.startsWith("1")) {
            delimiter = text.indexOf('\t', attrStart) >= 0 ? '\t' : '|';
        } else {
            return null;
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        int start = attrStart;
        int n = text.length();
        while (start < n && attrs.size() < 512) {
            int end = text.indexOf(delimiter, start);
            if (end < 0) {
                end = n;
            }
            int eq = text.indexOf('=', start);
            if (eq > start && eq < end) {
                attrs.putIfAbsent(text.substring(start, eq).trim(), text.substring(eq + 1, end));
            }
            start = end + 1;
        }
        PanRecord r = new PanRecord(PanRecord.Format.LEEF);
        r.softwareVersion = blankToNull(productVersion);
        for (Map.Entry<PanField, String[]> e : LEEF_KEYS.entrySet()) {
            for (String k : e.getValue()) {
                String v = attrs.get(k);
                if (v != null && !v.isBlank()) {
                    r.put(e.getKey(), v);
                    break;
                }
            }
        }
        // the header's event id is the action (TRAFFIC), the threat (THREAT), the event (SYSTEM)
        // or the result (CONFIG) in QRadar's format
        switch (r.type()) {
            case "TRAFFIC" -> r.put(ACTION, eventId);
            case "THREAT" -> r.put(THREAT_ID, eventId);
            case "SYSTEM" -> r.put(EVENT_ID, eventId);
            case "CONFIG" -> r.put(RESULT, eventId);
            default -> { }
        }
        return r;
    }

    private static Character delimiter(String field) {
        String f = field.trim();
        if (f.length() == 1) {
            return f.charAt(0);
        }
        String hex = f.startsWith("0x") || f.startsWith("0X") ? f.substring(2)
                : f.startsWith("x") || f.startsWith("X") ? f.substring(1) : null;
        if (hex != null && !hex.isEmpty() && hex.length() <= 4) {
            try {
                return (char) Integer.parseInt(hex, 16);
            } catch (NumberFormatException notHex) {
                return null;
            }
        }
        return null;
    }

    private static Map<PanField, String[]> keys(Object... pairs) {
        Map<PanField, String[]> m = new java.util.EnumMap<>(PanField.class);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((PanField) pairs[i], ((String) pairs[i + 1]).split("\\|"));
        }
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
