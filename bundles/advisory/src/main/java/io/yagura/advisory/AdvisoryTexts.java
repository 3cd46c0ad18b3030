package io.yagura.advisory;

import io.yagura.api.advisory.Advisory;
import io.yagura.templates.MailText;
import io.yagura.templates.TemplateCatalogue;
import io.yagura.templates.TemplateSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Advisory mails from the template area "advisory" ({@code templates/<lang>/advisory/} in this
 * bundle, overridden by {@code etc/yagura/templates/<lang>/advisory/}): {@code mail.ftl} prints
 * "Subject: ...", an empty line and the body; {@code labels.properties} names the severities.
 */
public final class AdvisoryTexts {

    public static final String AREA = "advisory";
    static final String MAIL = "mail";

    public static final TemplateSet SET = new TemplateSet(AREA, AdvisoryTexts.class.getClassLoader(), List.of("en", "ja"),
            List.of(MailText.template(MAIL, AdvisoryTexts::sample)),
            AdvisoryTexts::checkLabels);

    private final TemplateCatalogue catalogue;

    public AdvisoryTexts(TemplateCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The language a contact's mail is written in: its own, or English when the catalogue has no such language. */
    String language(String requested) {
        return catalogue.resolveLanguage(requested);
    }

    /** Subject and body of the mail to one contact. */
    MailText mail(String language, Advisory a, String customerName, String contactName) {
        return MailText.split(catalogue.render(MAIL, language, model(a, catalogue.labels(language), customerName,
                contactName, language)));
    }

    private static Map<String, Object> model(Advisory a, Map<String, String> labels, String customerName,
                                             String contactName, String language) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", a.id());
        m.put("severity", labels.getOrDefault("severity." + a.severity(), a.severity()));
        List<String> affected = new ArrayList<>(a.vendors());
        affected.addAll(a.products());
        m.put("affected", affected.isEmpty() ? labels.get("affected.all") : String.join(", ", affected));
        m.put("title", a.title().getOrDefault(language, a.title().get("en")));
        m.put("body", a.body().getOrDefault(language, a.body().get("en")));
        m.put("customer", Map.of("name", customerName));
        m.put("contact", Map.of("name", contactName));
        return m;
    }

    private static Map<String, ?> sample(String language, Map<String, String> labels) {
        Advisory a = new Advisory("ADV-SAMPLE", "high", List.of("cisco-asa"), List.of(), Map.of("en", "t", "ja", "t"),
                Map.of("en", "b", "ja", "b"), Instant.EPOCH, "sample", null);
        return model(a, labels, "Sample", "Sample", language);
    }

    static String checkLabels(Map<String, String> labels) {
        for (String s : AdvisoryService.SEVERITIES) {
            if (!labels.containsKey("severity." + s)) {
                return "missing label severity." + s;
            }
        }
        return labels.containsKey("affected.all") ? null : "missing label affected.all";
    }
}
