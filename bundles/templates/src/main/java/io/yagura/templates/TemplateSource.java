package io.yagura.templates;

/**
 * Where one template of one language comes from.
 *
 * @param file     the operator's file, or {@code bundle:templates/...} for a bundled default
 * @param override whether it is the operator's file
 */
public record TemplateSource(String area, String name, String language, String file, boolean override) {
}
