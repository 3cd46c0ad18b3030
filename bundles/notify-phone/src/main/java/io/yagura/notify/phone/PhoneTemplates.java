package io.yagura.notify.phone;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.templates.TemplateCatalogue;
import io.yagura.templates.TemplateSet;
import io.yagura.templates.TemplateSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the phone says, rendered from the templates of the area "phone"
 * ({@code templates/<lang>/phone/} in this bundle, overridden by
 * {@code etc/yagura/templates/<lang>/phone/}; see docs/phone.md):
 * <ul>
 *   <li>{@code notice}: level, customer, attacker, target, what to do (spoken twice);</li>
 *   <li>{@code prompt}: "press 1 to acknowledge";</li>
 *   <li>{@code thanks}: after the digit;</li>
 *   <li>{@code test}: the test call of {@code yagura:call-test}.</li>
 * </ul>
 * Every value is already in speakable form (readings, spelled addresses). A Japanese template
 * must be in kana: the load check refuses kanji, which espeak-ng's Japanese voice cannot read.
 */
public final class PhoneTemplates {

    public static final String AREA = "phone";
    static final String NOTICE = "notice";
    static final String PROMPT = "prompt";
    static final String THANKS = "thanks";
    static final String TEST = "test";
    private static final int MAX_ADDRESSES = 3;
    private static final Pattern KANJI = Pattern.compile(".*[\\p{IsHan}].*", Pattern.DOTALL);

    public static final TemplateSet SET = new TemplateSet(AREA, PhoneTemplates.class.getClassLoader(),
            List.of("en", "ja"), List.of(
                    spoken(NOTICE), spoken(PROMPT), spoken(THANKS), spoken(TEST)),
            PhoneTemplates::checkLabels);

    private final TemplateCatalogue catalogue;
    private final Readings readings;

    public PhoneTemplates(TemplateCatalogue catalogue, Readings readings) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.readings = Objects.requireNonNull(readings, "readings");
    }

    private static TemplateSpec spoken(String name) {
        return new TemplateSpec(name, TemplateSpec.Format.TEXT, PhoneTemplates::sample,
                out -> KANJI.matcher(out).matches()
                        ? "kanji in the spoken text: espeak-ng's Japanese voice reads kana only" : null);
    }

    /** The text a call speaks, in the resolved language. */
    public record Spoken(String language, String notice, String prompt, String thanks) {
    }

    /**
     * The notice of an incident for one contact.
     *
     * @param customerName the customer's display name (null when the registry does not know it)
     * @param contactName  the contact's name (null when unknown)
     */
    public Spoken notice(Incident incident, Level level, String language, String customerName, String contactName,
                         char digit) {
        String lang = catalogue.resolveLanguage(language);
        Map<String, String> labels = catalogue.labels(lang);
        Map<String, Object> m = new HashMap<>();
        m.put("level", labels.getOrDefault("level." + level.name(), level.label()));
        m.put("customer", readings.customer(lang, incident.customerId(), customerName, labels.get("customer.generic")));
        m.put("contact", readings.contact(lang, incident.customerId(), contactName, labels.get("contact.generic")));
        m.put("attackers", addresses(incident.attackers(), lang, labels));
        m.put("targets", addresses(incident.targets(), lang, labels));
        m.put("action", action(incident, level, lang, labels));
        m.put("digit", Spelling.spell(String.valueOf(digit), lang));
        return new Spoken(lang, catalogue.render(NOTICE, lang, m), catalogue.render(PROMPT, lang, m),
                catalogue.render(THANKS, lang, m));
    }

    /** The test call's text. */
    public Spoken test(String language, char digit) {
        String lang = catalogue.resolveLanguage(language);
        Map<String, Object> m = Map.of("digit", Spelling.spell(String.valueOf(digit), lang));
        return new Spoken(lang, catalogue.render(TEST, lang, m), catalogue.render(PROMPT, lang, m),
                catalogue.render(THANKS, lang, m));
    }

    /** The analyst's countermeasures when the voice can read them, else the level's standard advice. */
    private static String action(Incident i, Level level, String lang, Map<String, String> labels) {
        String c = i.countermeasures();
        if (c != null && !c.isBlank() && (!"ja".equals(lang) || Readings.speakableJapanese(c))) {
            return c.trim();
        }
        return labels.getOrDefault("action." + level.name(), labels.get("action.default"));
    }

    private static String addresses(List<String> list, String lang, Map<String, String> labels) {
        if (list.isEmpty()) {
            return labels.get("none");
        }
        List<String> spoken = new ArrayList<>();
        for (String a : list.subList(0, Math.min(MAX_ADDRESSES, list.size()))) {
            spoken.add(Spelling.spell(a, lang));
        }
        String out = String.join(labels.get("and"), spoken);
        return list.size() > MAX_ADDRESSES ? out + labels.get("and.more") : out;
    }

    static String checkLabels(Map<String, String> labels) {
        List<String> required = new ArrayList<>();
        for (Level l : Level.values()) {
            required.add("level." + l.name());
        }
        required.addAll(List.of("customer.generic", "contact.generic", "none", "and", "and.more", "action.default"));
        for (String key : required) {
            if (labels.get(key) == null) {
                return "label '" + key + "' is missing";
            }
        }
        return null;
    }

    private static Map<String, ?> sample(String language, Map<String, String> labels) {
        return Map.of("level", "level", "customer", "customer", "contact", "contact", "attackers", "attackers",
                "targets", "targets", "action", "action", "digit", "1");
    }
}
