package io.yagura.templates;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The templates of one area (e.g. "mail") in every language, ready to render. */
public interface TemplateCatalogue {

    /** The area, also the folder of its templates in each language folder. */
    String area();

    /**
     * Renders template {@code name} in {@code language} (resolved by {@link #resolveLanguage}) with
     * the values of {@code model} (strings, numbers, booleans, lists, maps and {@link TextItems}).
     *
     * @throws TemplateRenderException when a value the template needs is missing, naming file and line
     * @throws IllegalArgumentException when the catalogue has no template of that name
     */
    String render(String name, String language, Map<String, ?> model);

    /** The labels of a language: the bundled English ones, overridden by the language's, then by the operator's. */
    Map<String, String> labels(String language);

    /** The languages that can be rendered: the bundled ones and those the operator added. */
    Set<String> languages();

    /** The language used for {@code requested}: itself, its primary part ("ja" for "ja-JP"), or English. */
    String resolveLanguage(String requested);

    /** Where each template of each language comes from, as loaded last. */
    List<TemplateSource> sources();

    /** The problems found when the templates were loaded last (empty when all is well). */
    List<TemplateProblem> problems();

    /** Reads every template again now. */
    void reload();
}
