package io.yagura.templates;

import java.util.Map;
import java.util.Objects;

/**
 * One template of an area.
 *
 * @param name   its name, also its file name without extension ("incident")
 * @param format TEXT (values printed as they are) or HTML (values HTML-escaped)
 * @param sample the model it is rendered with once at load, to find unknown names before a real
 *               notice needs them; it should set every value the template may use
 * @param check  checks the sample's output (null: any output)
 */
public record TemplateSpec(String name, Format format, SampleModel sample, OutputCheck check) {

    public TemplateSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("template name '" + name + "': lower-case letters, digits and '-' only");
        }
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sample, "sample");
    }

    /** How values are printed, and the file extension. */
    public enum Format {
        /** Plain text (mail, phone): values printed as they are; files {@code .ftl}. */
        TEXT(".ftl"),
        /** HTML: every value HTML-escaped unless the template says {@code ?no_esc}; files {@code .ftlh}. */
        HTML(".ftlh");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    /** The sample model of a language, built with that language's labels. */
    @FunctionalInterface
    public interface SampleModel {
        Map<String, ?> build(String language, Map<String, String> labels);
    }

    /** Checks the output of the sample; returns what is wrong, or null. */
    @FunctionalInterface
    public interface OutputCheck {
        String problem(String output);
    }
}
