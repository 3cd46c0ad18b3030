package io.yagura.portal.web;

import io.yagura.api.advisory.Advisory;
import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.health.DeviceHealth;
import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Notification;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.NotificationPolicy;
import io.yagura.api.report.MonthlyReport;
import io.yagura.api.response.Block;
import io.yagura.portal.account.PortalUser;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What pages and the JSON API show of each object: plain maps of strings, numbers, booleans and
 * lists, never null (strict templates refuse missing values; "" stands for none), so that a page
 * and its JSON twin cannot drift apart.
 */
public final class Views {

    private Views() {
    }

    public static Map<String, Object> user(PortalUser u) {
        return map("name", u.name(), "role", u.role().name().toLowerCase(java.util.Locale.ROOT),
                "customer", s(u.customerId()), "soc", u.isSoc(), "mail", s(u.mail()), "language", u.language(),
                "locked", u.disabled() || u.lockedUntil() != null, "hasPassword", u.hasPassword());
    }

    public static Map<String, Object> incident(Incident i, Instant now) {
        long left = i.deadline() == null ? 0 : i.deadline().getEpochSecond() - now.getEpochSecond();
        return map("id", i.id(), "customer", i.customerId(), "level", i.level().label(),
                "levelCode", i.level().name().toLowerCase(java.util.Locale.ROOT), "status", i.status().name(),
                "category", s(i.category()), "title", s(i.title()), "attackers", i.attackers(),
                "targets", i.targets(), "deadline", t(i.deadline()), "hasDeadline", i.deadline() != null,
                "secondsLeft", left, "detected", t(i.detectedAt()), "firstSeen", t(i.firstSeen()),
                "lastSeen", t(i.lastSeen()), "events", i.eventCount(), "version", i.version());
    }

    /** The incident with what its page shows beyond the list. */
    public static Map<String, Object> incidentDetail(Incident i, Instant now) {
        Map<String, Object> m = incident(i, now);
        m.put("rationale", i.rationale());
        m.put("analysis", s(i.analysis()));
        m.put("countermeasures", s(i.countermeasures()));
        m.put("references", i.references());
        m.put("rules", i.rules());
        return m;
    }

    public static Map<String, Object> notice(Notification n) {
        return map("id", n.id(), "channel", s(n.channel()), "kind", s(n.kind()), "address", s(n.address()),
                "status", s(n.status()), "created", t(n.createdAt()), "delivered", t(n.deliveredAt()),
                "deadlineMet", n.deadlineMet() == null ? "" : n.deadlineMet().toString());
    }

    /** One piece of evidence: when, from where to where, what the device said. */
    public static Map<String, Object> evidence(SecurityEvent e) {
        return map("at", s(e.getString(Ecs.TIMESTAMP)), "source", endpoint(e, Ecs.SOURCE_IP, Ecs.SOURCE_PORT),
                "destination", endpoint(e, Ecs.DESTINATION_IP, Ecs.DESTINATION_PORT),
                "action", s(e.getString(Ecs.EVENT_ACTION)), "rule", s(e.getString(Ecs.RULE_NAME)),
                "message", s(e.has(Ecs.MESSAGE) ? e.getString(Ecs.MESSAGE) : e.getString(Ecs.EVENT_ORIGINAL)));
    }

    private static String endpoint(SecurityEvent e, String ip, String port) {
        String address = s(e.getString(ip));
        return e.has(port) && !address.isEmpty() ? address + ":" + e.getString(port) : address;
    }

    public static Map<String, Object> block(Block b) {
        return map("id", s(b.id()), "device", b.deviceId() == null ? "-" : b.deviceId(), "address", s(b.address()), "state", b.state().name(),
                "placed", t(b.placedAt()), "expires", t(b.expiresAt()), "ended", t(b.endedAt()));
    }

    public static Map<String, Object> comment(AuditEntry a) {
        return map("at", t(a.at()), "by", a.actor(), "action", a.action(), "text", s(a.detail()));
    }

    public static Map<String, Object> device(Device d, Optional<DeviceHealth> h) {
        return map("id", d.id(), "customer", d.customer(), "vendor", d.vendor(), "product", s(d.product()),
                "addresses", d.addresses(), "state", h.map(x -> x.state().name()).orElse("UNKNOWN"),
                "since", h.map(x -> t(x.since())).orElse(""), "detail", h.map(x -> s(x.detail())).orElse(""));
    }

    public static Map<String, Object> report(MonthlyReport r) {
        return map("id", r.id(), "month", r.month().toString(), "language", r.language(),
                "created", t(r.createdAt()), "size", r.sizeBytes());
    }

    public static Map<String, Object> advisory(Advisory a, String lang) {
        return map("id", a.id(), "severity", a.severity(), "title", pick(a.title(), lang), "body", pick(a.body(), lang),
                "vendors", a.vendors(), "products", a.products(), "sent", t(a.sentAt()));
    }

    public static Map<String, Object> contact(Contact c) {
        return map("order", c.order(), "name", s(c.name()), "email", s(c.email()), "phone", s(c.phone()),
                "language", c.language(), "channels", c.channels(), "levels", c.levels(), "hours", s(c.hours()));
    }

    public static Map<String, Object> policy(NotificationPolicy p) {
        return map("criticalAutoSend", p.criticalAutoSend(), "criticalMinutes", p.criticalMinutes(),
                "dailyDigest", p.dailyDigest(), "allClear", p.allClear());
    }

    private static String pick(Map<String, String> byLanguage, String lang) {
        String v = byLanguage.get(lang);
        return v != null ? v : byLanguage.getOrDefault("en", byLanguage.values().stream().findFirst().orElse(""));
    }

    static String s(String v) {
        return v == null ? "" : v;
    }

    static String t(Instant i) {
        return i == null ? "" : i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** An ordered map from key, value pairs. */
    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Map<String, Object>> incidents(List<Incident> list, Instant now) {
        return list.stream().map(i -> incident(i, now)).toList();
    }
}
