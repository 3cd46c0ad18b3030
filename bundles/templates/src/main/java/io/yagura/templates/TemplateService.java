package io.yagura.templates;

import java.nio.file.Path;
import java.util.List;

/**
 * Opens the template catalogue of an area and keeps every open catalogue up to date: the
 * operator's files under {@link #directory()} are read again when they change (and on
 * {@code yagura:templates --reload}).
 */
public interface TemplateService {

    /**
     * Loads the templates of {@code set}: its bundled defaults, overridden by the operator's files
     * {@code <directory>/<language>/<area>/}. Problems do not fail the call: they are logged and
     * listed by {@link TemplateCatalogue#problems()}, and the bundled default is used instead.
     * Opening an area again replaces the catalogue opened before for it.
     */
    TemplateCatalogue open(TemplateSet set);

    /** Stops reloading the catalogue of {@code area} (its owner is going away). */
    void close(String area);

    /** Every open catalogue, ordered by area. */
    List<TemplateCatalogue> catalogues();

    /** Reloads every open catalogue whose operator files changed; returns those reloaded. */
    List<TemplateCatalogue> reloadChanged();

    /** The operator's template directory, e.g. {@code etc/yagura/templates}. */
    Path directory();
}
