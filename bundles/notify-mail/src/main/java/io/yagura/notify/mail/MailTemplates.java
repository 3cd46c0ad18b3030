package io.yagura.notify.mail;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.templates.MailText;
import io.yagura.templates.TemplateCatalogue;
import io.yagura.templates.TemplateProblem;
import io.yagura.templates.TemplateSet;
import io.yagura.templates.TemplateSpec;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Subjects and bodies of mail notices, rendered from the templates of the area "mail"
 * ({@code templates/<lang>/mail/} in this bundle, overridden by
 * {@code etc/yagura/templates/<lang>/mail/}; see docs/templates.md).
 *
 * <p>A mail template prints {@code Subject: ...}, an empty line, and the body. The subject is
 * made one line; the body ends with one line break. {@code digest-item} prints one incident of
 * the daily digest, and has no subject.
 */
public final class MailTemplates {

    public static final String AREA = "mail";
    public static final String INCIDENT = "incident";
    public static final String ALL_CLEAR = "all-clear";
    public static final String DIGEST = "digest";
    public static final String DIGEST_ITEM = "digest-item";
    /** Kind of the notice that tells the customer an attacker's address was blocked on its firewall. */
    public static final String BLOCK_PLACED = "block-placed";
    public static final String LABELS = "labels.properties";
    static final List<String> KINDS = List.of(INCIDENT, ALL_CLEAR, DIGEST, DIGEST_ITEM, BLOCK_PLACED);

    /** The mail area: its templates, checked against a sample incident and digest in each language. */
    public static final TemplateSet SET = new TemplateSet(AREA, MailTemplates.class.getClassLoader(),
            List.of("en", "ja"), List.of(
                    MailText.template(INCIDENT, MailTemplates::sampleIncident),
                    MailText.template(ALL_CLEAR, MailTemplates::sampleIncident),
                    MailText.template(DIGEST, MailTemplates::sampleDigest),
                    MailText.template(BLOCK_PLACED, MailTemplates::sampleBlockPlaced),
                    new TemplateSpec(DIGEST_ITEM, TemplateSpec.Format.TEXT, MailTemplates::sampleIncident, null)),
            MailTemplates::checkLabels);

    private final TemplateCatalogue catalogue;

    /** @param catalogue the catalogue opened with {@link #SET}; it reloads itself when files change */
    public MailTemplates(TemplateCatalogue catalogue) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    /** The problems found when the mail templates were loaded last (their files are not used). */
    public List<TemplateProblem> problems() {
        return catalogue.problems();
    }

    /** Languages that can be rendered. */
    public Set<String> languages() {
        return catalogue.languages();
    }

    /** The language used for {@code requested}: itself, its primary part ("ja" for "ja-JP"), or English. */
    public String resolveLanguage(String requested) {
        return catalogue.resolveLanguage(requested);
    }

    /** The label of a level in a language, e.g. "緊急" for EMERGENCY in ja. */
    public String levelLabel(String language, Level level) {
        return model(language).levelLabel(level);
    }

    /** An incident notice in the notification's language. */
    public RenderedMail incident(Incident incident, Notification notice, String customerName) {
        return renderIncident(INCIDENT, incident, notice, customerName);
    }

    /** An all-clear notice (the incident was closed as harmless) in the notification's language. */
    public RenderedMail allClear(Incident incident, Notification notice, String customerName) {
        return renderIncident(ALL_CLEAR, incident, notice, customerName);
    }

    /** Tells that addresses of the incident were blocked; {@code blocks} are its active blocks. */
    public RenderedMail blockPlaced(Incident incident, Notification notice, String customerName,
                                    List<io.yagura.api.response.Block> blocks) {
        String lang = resolveLanguage(notice.language());
        Level level = notice.level() != null ? notice.level() : incident.level();
        return mail(BLOCK_PLACED, lang, model(lang).blockPlaced(incident, level, customerName, notice, blocks));
    }

    /** A digest of several incidents of one customer in the notification's language. */
    public RenderedMail digest(Notification notice, String customerName, LocalDate date, List<Incident> incidents) {
        String lang = resolveLanguage(notice.language());
        MailModel model = model(lang);
        StringBuilder items = new StringBuilder();
        Map<Level, Integer> counts = new EnumMap<>(Level.class);
        for (Incident i : incidents) {
            String item = catalogue.render(DIGEST_ITEM, lang,
                    model.incident(i, i.level(), i.deadline(), customerName, notice));
            items.append(item.endsWith("\n") ? item : item + "\n");
            counts.merge(i.level(), 1, Integer::sum);
        }
        List<String> summary = new ArrayList<>();
        counts.forEach((level, n) -> summary.add(model.levelLabel(level) + ": " + n));
        return mail(DIGEST, lang, model.digest(notice, customerName, date, incidents.size(), summary,
                MailText.stripTrailingNewlines(items)));
    }

    private RenderedMail renderIncident(String kind, Incident incident, Notification notice, String customerName) {
        String lang = resolveLanguage(notice.language());
        Level level = notice.level() != null ? notice.level() : incident.level();
        Instant deadline = notice.deadline() != null ? notice.deadline() : incident.deadline();
        return mail(kind, lang, model(lang).incident(incident, level, deadline, customerName, notice));
    }

    private MailModel model(String language) {
        String lang = resolveLanguage(language);
        return new MailModel(lang, catalogue.labels(lang));
    }

    /** Renders a mail template and splits its "Subject:" line from the body. */
    private RenderedMail mail(String kind, String lang, Map<String, Object> model) {
        MailText text = MailText.split(catalogue.render(kind, lang, model));
        return new RenderedMail(text.subject(), text.body(), lang);
    }

    // ---------------------------------------------------------------- load checks

    /** What is wrong with the labels of a language (null: nothing): every level, the texts and the time format. */
    static String checkLabels(Map<String, String> labels) {
        List<String> required = new ArrayList<>();
        for (Level l : Level.values()) {
            required.add("level." + l.name());
        }
        required.addAll(List.of("none", "deadline.none", "digest.empty", "time.zone", "time.pattern"));
        for (String key : required) {
            if (labels.get(key) == null) {
                return "label '" + key + "' is missing";
            }
        }
        try {
            DateTimeFormatter.ofPattern(labels.get("time.pattern")).format(Instant.EPOCH.atZone(
                    ZoneId.of(labels.get("time.zone"))));
        } catch (IllegalArgumentException | DateTimeException e) {
            return "time.zone or time.pattern: " + e.getMessage();
        }
        return null;
    }

    /** An incident with every value set, so that the load check reaches every name a template may use. */
    private static final Incident SAMPLE = Incident.builder().id("INC-SAMPLE").customerId("sample")
            .key("sample").proposedLevel(Level.CRITICAL).status(IncidentStatus.NEW).category("intrusion")
            .title("Sample").attackers(List.of("203.0.113.1")).targets(List.of("192.0.2.1"))
            .rules(List.of("sample-rule")).rationale(List.of("sample reason")).eventCount(1)
            .firstSeen(Instant.EPOCH).lastSeen(Instant.EPOCH).detectedAt(Instant.EPOCH)
            .deadline(Instant.EPOCH).analysis("analysis").countermeasures("countermeasures")
            .references(List.of("https://example.com/")).version(1).build();

    private static Notification sampleNotice(String language) {
        return new Notification("N-SAMPLE", SAMPLE.id(), SAMPLE.customerId(), INCIDENT, AREA, "soc@example.com",
                language, Level.CRITICAL, Instant.EPOCH, "pending", Instant.EPOCH, null, null);
    }

    private static Map<String, ?> sampleIncident(String language, Map<String, String> labels) {
        return new MailModel(language, labels).incident(SAMPLE, SAMPLE.level(), SAMPLE.deadline(), "Sample",
                sampleNotice(language));
    }

    private static Map<String, ?> sampleBlockPlaced(String language, Map<String, String> labels) {
        io.yagura.api.response.Block block = new io.yagura.api.response.Block("BLK-SAMPLE", "sample", "sample-fw",
                "203.0.113.1", false, SAMPLE.id(), io.yagura.api.response.BlockState.ACTIVE, "auto", "sample",
                Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null, "ok", 1);
        return new MailModel(language, labels).blockPlaced(SAMPLE, SAMPLE.level(), "Sample", sampleNotice(language),
                List.of(block));
    }

    private static Map<String, ?> sampleDigest(String language, Map<String, String> labels) {
        return new MailModel(language, labels).digest(sampleNotice(language), "Sample", LocalDate.EPOCH, 1,
                List.of("sample: 1"), "item");
    }
}
