package io.yagura.plugin.fortinet;

import io.yagura.format.cef.CefRecord;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * FortiGate's CEF records ("config log syslogd setting / set format cef", FortiOS 5.6-7.x, and
 * FortiAnalyzer's CEF forwarding) turned back into FortiOS log field names, so that one mapping
 * reads both formats. Fortinet's CEF mapping ("FortiOS CEF support", Log Message Reference)
 * puts the standard fields in ArcSight keys (src, spt, act, deviceInboundInterface, request...)
 * and every other FortiOS field in a custom key: {@code FTNTFGT<field>} (FortiOS 6.0.3 and
 * later), {@code FortinetFortiGate<field>} (6.0.0-6.0.2), {@code ad.<field>} (FortiAnalyzer) or
 * the bare field name (FortiAnalyzer 7.x). Older 5.x releases also used labelled {@code csN}/{@code cnN}.
 */
final class FortinetCef {

    /** ArcSight extension key → FortiOS field. */
    private static final Map<String, String> STANDARD = Map.ofEntries(
            Map.entry("src", "srcip"), Map.entry("dst", "dstip"), Map.entry("spt", "srcport"), Map.entry("dpt", "dstport"),
            Map.entry("c6a2", "srcip6"), Map.entry("c6a3", "dstip6"),
            Map.entry("act", "action"), Map.entry("outcome", "status"), Map.entry("proto", "proto"),
            Map.entry("app", "service"), Map.entry("deviceInboundInterface", "srcintf"),
            Map.entry("deviceOutboundInterface", "dstintf"), Map.entry("externalId", "sessionid"),
            Map.entry("deviceExternalId", "devid"), Map.entry("dvchost", "devname"), Map.entry("duser", "user"),
            Map.entry("suser", "srcuser"), Map.entry("sproc", "ui"), Map.entry("shost", "srcname"),
            Map.entry("dhost", "hostname"), Map.entry("request", "url"), Map.entry("requestClientApplication", "agent"),
            Map.entry("requestContext", "catdesc"), Map.entry("requestMethod", "httpmethod"),
            Map.entry("fname", "filename"), Map.entry("fsize", "filesize"),
            Map.entry("sourceTranslatedAddress", "transip"), Map.entry("sourceTranslatedPort", "transport"),
            Map.entry("destinationTranslatedAddress", "tranip"), Map.entry("destinationTranslatedPort", "tranport"),
            Map.entry("in", "rcvdbyte"), Map.entry("out", "sentbyte"), Map.entry("cnt", "count"),
            Map.entry("deviceSeverity", "level"), Map.entry("msg", "msg"), Map.entry("reason", "reason"),
            Map.entry("start", "cefstart"), Map.entry("rt", "cefrt"));

    /** Labels of FortiOS 5.x csN/cnN keys → FortiOS field. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("policy id", "policyid"), Map.entry("virus", "virus"), Map.entry("reference", "ref"),
            Map.entry("duration", "duration"), Map.entry("packets sent", "sentpkt"),
            Map.entry("packets received", "rcvdpkt"), Map.entry("attack", "attack"), Map.entry("attack id", "attackid"),
            Map.entry("user", "user"), Map.entry("group", "group"), Map.entry("url", "url"));

    private static final String[] PREFIXES = {"FTNTFGT", "FortinetFortiGate", "ad."};

    private FortinetCef() {
    }

    /** The record's fields under FortiOS names; type/subtype from {@code cat} or the header's Name. */
    static Map<String, String> fields(CefRecord r) {
        Map<String, String> out = new HashMap<>(r.extension().size() * 2);
        // Custom (prefixed) keys first: they carry FortiOS's own names and win over the mapped ones.
        for (Map.Entry<String, String> x : r.extension().entrySet()) {
            String key = x.getKey();
            for (String p : PREFIXES) {
                if (key.length() > p.length() && key.startsWith(p)) {
                    out.putIfAbsent(key.substring(p.length()), unquote(x.getValue()));
                    break;
                }
            }
        }
        for (Map.Entry<String, String> x : r.extension().entrySet()) {
            String key = x.getKey();
            String mapped = STANDARD.get(key);
            if (mapped != null) {
                out.putIfAbsent(mapped, unquote(x.getValue()));
            } else if ("cat".equals(key)) {
                category(out, x.getValue());
            } else if ("deviceDirection".equals(key)) {
                out.putIfAbsent("direction", "0".equals(x.getValue()) ? "incoming"
                        : "1".equals(x.getValue()) ? "outgoing" : null);
            } else if (!isLabelled(key) && key.indexOf('.') < 0 && !key.startsWith("FTNTFGT")
                    && !key.startsWith("FortinetFortiGate")) {
                out.putIfAbsent(key, unquote(x.getValue())); // FortiAnalyzer 7.x: bare FortiOS names
            }
        }
        for (Map.Entry<String, String> l : r.labelled().entrySet()) {
            String mapped = LABELS.get(l.getKey().toLowerCase(Locale.ROOT));
            if (mapped != null) {
                out.putIfAbsent(mapped, l.getValue());
            }
        }
        if (!out.containsKey("type")) {
            category(out, firstWord(r.name()));
        }
        if (!out.containsKey("logid") && r.signatureId() != null && r.signatureId().length() == 10) {
            out.put("logid", r.signatureId());
        }
        out.values().removeIf(v -> v == null);
        return out;
    }

    /** {@code cat=traffic:forward}: type and subtype (FortiAnalyzer writes only the type). */
    private static void category(Map<String, String> out, String cat) {
        if (cat == null || cat.isEmpty()) {
            return;
        }
        int colon = cat.indexOf(':');
        if (colon < 0) {
            out.putIfAbsent("type", cat);
        } else {
            out.putIfAbsent("type", cat.substring(0, colon));
            out.putIfAbsent("subtype", cat.substring(colon + 1));
        }
    }

    private static boolean isLabelled(String key) {
        // cs1..cs6, cn1..cn3, their labels, and the other csN-style ArcSight keys
        return key.length() <= 8 && (key.startsWith("cs") || key.startsWith("cn") || key.startsWith("cfp")
                || key.startsWith("c6a")) || key.endsWith("Label");
    }

    private static String firstWord(String name) {
        if (name == null) {
            return null;
        }
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }

    /** FortiAnalyzer quotes some values ({@code tz="+0200"}). */
    private static String unquote(String v) {
        if (v != null && v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
