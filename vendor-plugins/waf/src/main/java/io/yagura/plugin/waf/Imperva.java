package io.yagura.plugin.waf;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.cef.CefRecord;
import io.yagura.format.net.Numbers;
import io.yagura.format.parser.Events;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Imperva's CEF records:
 * <ul>
 *   <li>SecureSphere (on-premises WAF gateway) alerts and violations sent by an action set's
 *       "System Log" action with the CEF template: {@code CEF:0|Imperva Inc.|SecureSphere|ver|alert type or
 *       violation|alert name|severity|act=${Alert.immediateAction} dst= dpt= duser= src= spt= proto= rt= cat=${Alert.alertType}
 *       cs1=policy cs1Label=Policy cs2=server group cs3=service cs4=application cs5=description};
 *       act None (or alert) is a detection only, Block... blocked;</li>
 *   <li>Cloud WAF (Incapsula) SIEM logs: {@code CEF:0|Incapsula|SIEMintegration|1|1|event name|severity|... act=REQ_...};
 *       {@code REQ_PASSED}/{@code REQ_CACHED_*} passed (web access), {@code REQ_BLOCKED*},
 *       {@code REQ_CHALLENGE*}, {@code REQ_BAD_*} and {@code REQ_DOMAIN_BLACKLISTED} stopped by the
 *       service; name "Normal" is an ordinary request, "Blocked ..."/"Accepted ..." the site's access
 *       rules (denied, or passed, with the rule in yagura.policy), any other name a threat;</li>
 *   <li>Attack Analytics incidents: {@code CEF:0|Imperva Inc|Attack Analytics|...}, a summary of many
 *       requests (attack type, CVEs, share blocked).</li>
 * </ul>
 */
final class Imperva {

    static final Observer SECURESPHERE = new Observer("Imperva", "SecureSphere", "waf");
    static final Observer CLOUD_WAF = new Observer("Imperva", "Cloud WAF", "waf");
    static final Observer ATTACK_ANALYTICS = new Observer("Imperva", "Attack Analytics", "waf");

    private Imperva() {
    }

    static boolean isImperva(CefRecord r) {
        String v = r.vendor();
        return v.startsWith("Imperva") || v.equals("Incapsula");
    }

    static ParseResult parse(Line line, CefRecord r) {
        if (r.product().equals("SIEMintegration") || r.vendor().equals("Incapsula")) {
            return cloud(line, r);
        }
        if (r.product().startsWith("Attack Analytics")) {
            return attackAnalytics(line, r);
        }
        return secureSphere(line, r);
    }

    private static ParseResult secureSphere(Line line, CefRecord r) {
        SecurityEvent e = line.newEvent(SECURESPHERE);
        Map<String, String> labelled = r.labelled();
        Instant t = Times.cef(r.get("rt"), line.context().zone());
        if (t != null) {
            e.timestamp(t);
        }
        e.set(Ecs.OBSERVER_VERSION, Events.value(r.deviceVersion()));
        endpoints(e, r);
        e.set(Ecs.USER_NAME, user(r.get("duser")));
        String name = Events.value(r.name());
        String signature = Events.value(r.signatureId());
        String type = Events.value(r.get("cat"));
        e.set(Ecs.RULE_ID, signature);
        e.set(Ecs.RULE_NAME, name != null ? name : signature);
        String cls = AttackClass.of(name, signature, type);
        e.set(Ecs.RULE_CATEGORY, cls != null ? cls : type);
        e.set(Ecs.YAGURA_POLICY, Events.value(labelled.get("Policy")));
        e.set("imperva.server_group", Events.value(labelled.get("ServerGroup")));
        e.set("imperva.service", Events.value(labelled.get("ServiceName")));
        e.set("imperva.application", Events.value(labelled.get("ApplicationName")));
        e.set(Ecs.EVENT_REASON, Events.value(labelled.get("Description")));
        e.set(Ecs.HTTP_REQUEST_METHOD, Events.value(r.get("requestMethod")));
        e.set(Ecs.URL_ORIGINAL, Events.value(r.get("request")));
        severity(e, r);
        Events.vulnerabilities(e, name, signature, labelled.get("Description"));
        String act = Events.value(r.get("act"));
        String a = act == null ? "" : act.toLowerCase(Locale.ROOT);
        if (a.contains("block") || a.contains("drop") || a.contains("reset")) {
            WafEvents.blocked(e);
        } else {
            WafEvents.alerted(e, null);
        }
        return ParseResult.parsed(e);
    }

    private static ParseResult cloud(Line line, CefRecord r) {
        String act = Events.value(r.get("act"));
        String name = Events.value(r.name());
        // without act= the request was served (the response code says how)
        String a = act == null ? "REQ_PASSED" : act.toUpperCase(Locale.ROOT);
        SecurityEvent e = line.newEvent(CLOUD_WAF);
        Instant t = Times.cef(r.get("start"), line.context().zone());
        if (t != null) {
            e.timestamp(t);
        }
        Events.address(e, Ecs.SOURCE_IP, r.get("src"));
        Events.port(e, Ecs.SOURCE_PORT, r.get("cpt"));
        if (!"0.0.0.0".equals(r.get("sip"))) {
            Events.address(e, Ecs.DESTINATION_IP, r.get("sip"));
            Long port = Numbers.number(r.get("spt"));
            if (port != null && port > 0) {
                Events.port(e, Ecs.DESTINATION_PORT, r.get("spt"));
            }
        }
        e.set(WafEvents.XFF, Events.value(r.get("xff")));
        e.set(WafEvents.REQUEST_ID, Events.value(first(r, "fileId", "fileid")));
        e.set(Ecs.URL_DOMAIN, Events.value(r.get("sourceServiceName")));
        String request = Events.value(r.get("request"));
        String query = Events.value(r.get("qstr"));
        e.set(Ecs.URL_ORIGINAL, request == null ? null : query == null ? request : request + "?" + query);
        String method = Events.value(first(r, "requestMethod", "requestmethod"));
        e.set(Ecs.HTTP_REQUEST_METHOD, method == null ? null : method.toUpperCase(Locale.ROOT));
        Long status = Numbers.number(r.get("cn1"));
        e.set(Ecs.HTTP_RESPONSE_STATUS_CODE, status != null && status > 0 ? status : null);
        e.set(Ecs.USER_AGENT_ORIGINAL, Events.value(r.get("requestClientApplication")));
        e.set(Ecs.HTTP_REQUEST_REFERRER, Events.value(r.get("ref")));
        String app = Events.value(r.get("app"));
        e.set(Ecs.NETWORK_PROTOCOL, app == null ? null : app.toLowerCase(Locale.ROOT));
        e.set("imperva.site_id", Events.value(r.get("siteid")));
        e.set("imperva.request_result", act);
        e.set(Ecs.YAGURA_POLICY, trimList(r.labelled().get("Rule name")));
        severity(e, r);
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        // "Blocked country", "Blocked IP", "Accepted country": the site's access rules, not threats
        boolean acl = lower.startsWith("blocked ") || lower.startsWith("accepted ");
        boolean threat = name != null && !lower.equals("normal") && !acl;
        if (acl) {
            WafEvents.setIfAbsent(e, Ecs.YAGURA_POLICY, name);
        }
        if (a.startsWith("REQ_BLOCKED") || a.startsWith("REQ_CHALLENGE") || a.startsWith("REQ_BAD_")
                || a.equals("REQ_DOMAIN_BLACKLISTED")) {
            if (acl) {
                Events.verdict(e, Ecs.ACTION_DENIED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_WEB);
                Events.types(e, Ecs.TYPE_ACCESS, Ecs.TYPE_DENIED);
            } else {
                WafEvents.blocked(e);
            }
        } else if (a.startsWith("REQ_PASSED") || a.startsWith("REQ_CACHED")) {
            if (threat) {
                WafEvents.alerted(e, status);
            } else {
                WafEvents.passed(e);
            }
        } else {
            return ParseResult.ignored("Imperva Cloud WAF request not served for a service reason (" + reason(a) + ")");
        }
        if (threat) {
            e.set(Ecs.RULE_NAME, name);
            e.set(Ecs.RULE_CATEGORY, AttackClass.of(name));
            Events.vulnerabilities(e, name);
        }
        return ParseResult.parsed(e);
    }

    private static ParseResult attackAnalytics(Line line, CefRecord r) {
        SecurityEvent e = line.newEvent(ATTACK_ANALYTICS);
        Map<String, String> labelled = r.labelled();
        Instant t = Times.cef(r.get("start"), line.context().zone());
        if (t != null) {
            e.timestamp(t);
        }
        Events.address(e, Ecs.SOURCE_IP, r.get("src"));
        e.set(Ecs.URL_DOMAIN, Events.value(r.get("dhost")));
        e.set(Ecs.USER_AGENT_ORIGINAL, Events.value(r.get("requestClientApplication")));
        String name = Events.value(r.name());
        e.set(Ecs.RULE_NAME, name);
        String type = Events.value(labelled.get("ImpervaAAAttackType"));
        String cls = AttackClass.of(type, name);
        e.set(Ecs.RULE_CATEGORY, cls != null ? cls : type);
        e.set(Ecs.EVENT_REASON, Events.value(r.get("msg")));
        e.set("imperva.events", Numbers.number(labelled.get("ImpervaAANumberOfEvents")));
        Long blocked = Numbers.number(labelled.get("ImpervaAAPercentBlocked"));
        e.set("imperva.percent_blocked", blocked);
        Events.vulnerabilities(e, labelled.get("ImpervaAACves"), name);
        e.set(Ecs.YAGURA_VENDOR_SEVERITY, Events.value(r.severity()));
        e.set(Ecs.LOG_LEVEL, Events.value(r.severity()) == null ? null : r.severity().trim().toLowerCase(Locale.ROOT));
        if (blocked != null && blocked == 100) {
            WafEvents.blocked(e);
        } else {
            WafEvents.alerted(e, null);
        }
        return ParseResult.parsed(e);
    }

    private static void endpoints(SecurityEvent e, CefRecord r) {
        Events.address(e, Ecs.SOURCE_IP, r.get("src"));
        Events.port(e, Ecs.SOURCE_PORT, r.get("spt"));
        Events.address(e, Ecs.DESTINATION_IP, r.get("dst"));
        Events.port(e, Ecs.DESTINATION_PORT, r.get("dpt"));
        Events.transport(e, Events.value(r.get("proto")));
    }

    /** Severity 0-10 or a word (High, Medium, Low, Informational). */
    private static void severity(SecurityEvent e, CefRecord r) {
        String written = Events.value(r.severity());
        if (written == null) {
            return;
        }
        Integer n = r.severityNumber();
        e.set(Ecs.EVENT_SEVERITY, n == null ? null : n.longValue());
        e.set(Ecs.YAGURA_VENDOR_SEVERITY, written);
        if (!Numbers.isDigits(written) && !written.startsWith("-")) {
            e.set(Ecs.LOG_LEVEL, written.toLowerCase(Locale.ROOT));
        }
    }

    /** A user name, unless the template placeholder was left unresolved (${Alert.username}). */
    private static String user(String u) {
        String v = Events.value(u);
        return v == null || v.startsWith("${") ? null : v;
    }

    /** "Block Malicious User,High Risk Resources," → without the trailing comma. */
    private static String trimList(String s) {
        String v = Events.value(s);
        while (v != null && v.endsWith(",")) {
            v = Events.value(v.substring(0, v.length() - 1));
        }
        return v;
    }

    private static String reason(String act) {
        return act.length() > 48 ? act.substring(0, 48) : act;
    }

    private static String first(CefRecord r, String... keys) {
        for (String k : keys) {
            if (r.get(k) != null) {
                return r.get(k);
            }
        }
        return null;
    }
}
