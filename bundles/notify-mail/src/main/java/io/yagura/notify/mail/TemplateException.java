package io.yagura.notify.mail;

/** A template or label file that cannot be used, with the file and line at fault. */
public class TemplateException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    public TemplateException(String file, int line, String message) {
        super(file + (line > 0 ? ":" + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    public TemplateException(String file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
        this.line = 0;
    }

    /** The file (a path, or {@code bundle:templates/...} for a bundled default). */
    public String file() {
        return file;
    }

    /** 1-based line, or 0 when not about one line. */
    public int line() {
        return line;
    }
}
