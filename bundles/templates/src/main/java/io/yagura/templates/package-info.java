/**
 * Templates for every channel that writes to people (mail, phone text, portal pages, reports,
 * advisories): a {@link io.yagura.templates.TemplateCatalogue} per area renders named templates
 * in a language from a model, with the bundled defaults overridden by operator files, and keeps
 * the list of the problems found when the templates were loaded. Obtained from the
 * {@link io.yagura.templates.TemplateService}.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package io.yagura.templates;
