package io.yagura.notify.mail;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.templates.TextItems;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The values a mail template sees, in the labels of one language. Every value prints something:
 * an empty one prints the label {@code none} ({@link TextItems}), so a template never prints a
 * silent blank; lists print joined with ", " and can be listed with {@code bullets(...)}.
 *
 * <p>Names of the incident templates: {@code incident.id, .title, .category, .status, .detected,
 * .firstSeen, .lastSeen, .events}, {@code customer.id, .name}, {@code level.label, .code},
 * {@code deadline}, {@code attackers}, {@code targets}, {@code analysis}, {@code countermeasures},
 * {@code references}, {@code rationale}, {@code rules}, {@code notice.id, .created}. Of the digest:
 * {@code customer.*}, {@code digest.date, .count, .summary, .items}, {@code notice.*}.
 */
final class MailModel {

    private final Map<String, String> labels;
    private final String none;
    private final DateTimeFormatter time;

    /** @param labels the labels of the language, already checked by {@link MailTemplates#checkLabels} */
    MailModel(String language, Map<String, String> labels) {
        this.labels = labels;
        this.none = labels.get("none");
        this.time = DateTimeFormatter.ofPattern(labels.get("time.pattern"), Locale.forLanguageTag(language))
                .withZone(ZoneId.of(labels.get("time.zone")));
    }

    String levelLabel(Level level) {
        return labels.get("level." + level.name());
    }

    /** The model of an incident notice, an all-clear notice or one digest item. */
    Map<String, Object> incident(Incident i, Level level, Instant deadline, String customerName, Notification notice) {
        Map<String, Object> m = new HashMap<>();
        m.put("incident", Map.of(
                        "id", text(i.id()),
                        "title", text(i.title()),
                        "category", text(i.category() == null ? null
                                : labels.getOrDefault("category." + i.category(), i.category())),
                        "status", text(i.status() == null ? null
                                : labels.getOrDefault("status." + i.status().name(), i.status().name())),
                        "detected", text(time(i.detectedAt())),
                        "firstSeen", text(time(i.firstSeen())),
                        "lastSeen", text(time(i.lastSeen())),
                        "events", text(String.valueOf(i.eventCount()))));
        m.put("customer", customer(i.customerId(), customerName));
        m.put("level", Map.of("label", text(level == null ? null : levelLabel(level)),
                "code", text(level == null ? null : level.name())));
        m.put("deadline", text(deadline == null ? labels.get("deadline.none") : time(deadline)));
        m.put("attackers", list(i.attackers()));
        m.put("targets", list(i.targets()));
        m.put("analysis", text(i.analysis()));
        m.put("countermeasures", text(i.countermeasures()));
        m.put("references", list(i.references()));
        m.put("rationale", list(i.rationale()));
        m.put("rules", list(i.rules()));
        m.put("notice", notice(notice));
        return m;
    }

    /**
     * The model of a block-placed notice: the incident's, and {@code blocks}, one map per active
     * block of the incident (address, device, placed, expires, reference = Yagura's block id).
     */
    Map<String, Object> blockPlaced(Incident i, Level level, String customerName, Notification notice,
                                    List<io.yagura.api.response.Block> blocks) {
        Map<String, Object> m = incident(i, level, null, customerName, notice);
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (io.yagura.api.response.Block b : blocks) {
            items.add(Map.of("address", text(b.address()), "device", text(b.deviceId()),
                    "placed", text(time(b.placedAt())), "expires", text(time(b.expiresAt())),
                    "reference", text(b.id())));
        }
        m.put("blocks", items);
        return m;
    }

    /** The model of a digest whose items are already rendered (or empty: the label digest.empty). */
    Map<String, Object> digest(Notification notice, String customerName, LocalDate date, int count,
                               List<String> summary, String items) {
        return Map.of(
                "customer", customer(notice.customerId(), customerName),
                "digest", Map.of("date", text(date.toString()), "count", text(String.valueOf(count)),
                        "summary", list(summary),
                        "items", text(count == 0 ? labels.get("digest.empty") : items)),
                "notice", notice(notice));
    }

    private Map<String, Object> customer(String id, String name) {
        return Map.of("id", text(id), "name", text(name != null && !name.isBlank() ? name : id));
    }

    private Map<String, Object> notice(Notification n) {
        return Map.of("id", text(n.id()), "created", text(time(n.createdAt())));
    }

    private String time(Instant t) {
        return t == null ? null : time.format(t);
    }

    private TextItems text(String s) {
        return TextItems.lines(s, none);
    }

    private TextItems list(List<String> values) {
        return TextItems.of(values, none);
    }
}
