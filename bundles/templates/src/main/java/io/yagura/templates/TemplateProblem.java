package io.yagura.templates;

/**
 * A template or label file that could not be used, and why.
 *
 * @param file   the file (a path, or {@code bundle:templates/...} for a bundled default)
 * @param line   1-based line, or 0 when the problem is not about one line
 * @param column 1-based column, or 0
 */
public record TemplateProblem(String file, int line, int column, String message) {

    /** {@code file:line:column: message}, as compilers print it. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + (line > 0 && column > 0 ? ":" + column : "") + ": " + message;
    }
}
