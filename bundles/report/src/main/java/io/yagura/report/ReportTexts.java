package io.yagura.report;

import io.yagura.api.incident.Level;
import io.yagura.templates.MailText;
import io.yagura.templates.TemplateCatalogue;
import io.yagura.templates.TemplateSet;
import io.yagura.templates.TemplateSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's words, from the template area "report" ({@code templates/<lang>/report/} in this
 * bundle, overridden by {@code etc/yagura/templates/<lang>/report/}): {@code labels.properties}
 * (headings, column names, level names), {@code summary.ftl} (the first paragraph) and
 * {@code mail.ftl} (the mail that carries the PDF: "Subject: ...", an empty line, the body).
 */
public final class ReportTexts {

    public static final String AREA = "report";
    static final String SUMMARY = "summary";
    static final String MAIL = "mail";
    static final List<String> REQUIRED = List.of("title", "customer", "period", "made", "footer", "section.summary",
            "section.levels", "section.categories", "section.origin", "section.daily", "section.attackers",
            "section.targets", "section.rules", "section.sla", "section.breaches", "section.blocks",
            "section.availability", "col.level", "col.incidents", "col.category", "col.origin", "col.address",
            "col.rule", "col.incident", "col.channel", "col.deadline", "col.delivered", "col.device", "col.product",
            "col.availability", "col.down", "col.faults", "col.item", "col.value", "col.total", "origin.inbound",
            "origin.internal", "origin.none", "sla.notices", "sla.met", "sla.breached", "sla.pending", "sla.median",
            "sla.longest", "delivered.never", "blocks.placed", "blocks.quarantines", "blocks.notPlaced", "blocks.top",
            "none");

    /** The report area, each template checked with a sample in each language. */
    public static final TemplateSet SET = new TemplateSet(AREA, ReportTexts.class.getClassLoader(), List.of("en", "ja"),
            List.of(new TemplateSpec(SUMMARY, TemplateSpec.Format.TEXT, ReportTexts::sample, null),
                    MailText.template(MAIL, ReportTexts::sample)),
            ReportTexts::checkLabels);

    private final TemplateCatalogue catalogue;

    public ReportTexts(TemplateCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    String language(String requested) {
        return catalogue.resolveLanguage(requested);
    }

    Map<String, String> labels(String language) {
        return catalogue.labels(language);
    }

    String summary(String language, MonthFacts facts) {
        return catalogue.render(SUMMARY, language, model(facts, null, null)).strip();
    }

    /** Subject and body of the mail to a contact in {@code language} carrying the report. */
    MailText mail(String language, MonthFacts facts, String fileName, String reportLanguage) {
        return MailText.split(catalogue.render(MAIL, language, model(facts, fileName, reportLanguage)));
    }

    private static Map<String, Object> model(MonthFacts f, String fileName, String reportLanguage) {
        Map<String, Object> m = new HashMap<>();
        m.put("month", f.month().toString());
        m.put("customer", Map.of("id", f.customerId(), "name", f.customerName()));
        m.put("incidents", f.incidents());
        m.put("emergency", f.byLevel().get(Level.EMERGENCY));
        m.put("critical", f.byLevel().get(Level.CRITICAL));
        m.put("breaches", f.sla().breached());
        m.put("blocks", f.blocks().placed());
        m.put("report", Map.of("file", fileName == null ? "" : fileName,
                "language", reportLanguage == null ? "" : reportLanguage));
        return m;
    }

    private static Map<String, ?> sample(String language, Map<String, String> labels) {
        Map<Level, Integer> levels = new java.util.EnumMap<>(Level.class);
        for (Level l : Level.values()) {
            levels.put(l, 1);
        }
        MonthFacts f = new MonthFacts("sample", "Sample", java.time.YearMonth.of(2026, 1), java.time.ZoneOffset.UTC,
                java.time.Instant.EPOCH, java.time.Instant.EPOCH, 5, levels, Map.of(), Map.of(), 1, 1, 1, List.of(),
                List.of(), List.of(), new int[31], new MonthFacts.Sla(1, 1, 0, 0, null, null, List.of()),
                new MonthFacts.Blocks(1, 0, 0, List.of()), List.of());
        return model(f, "sample.pdf", language);
    }

    static String checkLabels(Map<String, String> labels) {
        for (Level l : Level.values()) {
            if (!labels.containsKey("level." + l.name())) {
                return "missing label level." + l.name();
            }
        }
        for (String key : REQUIRED) {
            if (!labels.containsKey(key)) {
                return "missing label " + key;
            }
        }
        return null;
    }
}
