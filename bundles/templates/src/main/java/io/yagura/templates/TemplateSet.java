package io.yagura.templates;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an area brings: its templates, their bundled defaults and how to check them.
 *
 * <p>Bundled defaults are resources of {@code defaults} (the owner's class loader):
 * {@code templates/<language>/<area>/<name>.ftl} ({@code .ftlh} for HTML) and
 * {@code templates/<language>/<area>/labels.properties}. The operator's files have the same
 * names under the template directory: {@code <dir>/<language>/<area>/<name>.ftl}.
 *
 * @param area              the area, a folder name such as "mail"
 * @param defaults          the class loader holding the bundled defaults
 * @param bundledLanguages  the bundled languages; English ("en") must be one (the fallback)
 * @param templates         the templates of the area
 * @param labelCheck        checks the labels of a language (null: any labels)
 */
public record TemplateSet(String area, ClassLoader defaults, List<String> bundledLanguages,
                          List<TemplateSpec> templates, LabelCheck labelCheck) {

    public static final String FALLBACK_LANGUAGE = "en";

    public TemplateSet {
        Objects.requireNonNull(area, "area");
        if (!area.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("area '" + area + "': lower-case letters, digits and '-' only");
        }
        Objects.requireNonNull(defaults, "defaults");
        bundledLanguages = List.copyOf(bundledLanguages);
        if (!bundledLanguages.contains(FALLBACK_LANGUAGE)) {
            throw new IllegalArgumentException("area " + area + ": English (en) must be bundled, it is the fallback");
        }
        templates = List.copyOf(templates);
    }

    /** Checks the labels of a language; returns what is wrong, or null when they can be used. */
    @FunctionalInterface
    public interface LabelCheck {
        String problem(Map<String, String> labels);
    }
}
