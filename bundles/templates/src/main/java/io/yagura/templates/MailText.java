package io.yagura.templates;

import java.util.Objects;

/**
 * A rendered mail template, split: every mail template of every area (mail notices, reports,
 * advisories) prints the line {@code Subject: ...}, an empty line, and the body.
 *
 * @param subject one line: line breaks, tabs and runs of spaces made one space, trimmed
 * @param body    the body, ending with exactly one line break
 */
public record MailText(String subject, String body) {

    /** The first line of a mail template starts with it (in any case, as mail headers go). */
    public static final String SUBJECT = "Subject:";

    /** The load check of a mail template: its output must start with {@value #SUBJECT}. */
    public static final TemplateSpec.OutputCheck STARTS_WITH_SUBJECT = out -> startsWithSubject(out) ? null
            : "the mail must start with the line 'Subject: ...' (after the <#-- comments -->)";

    /** A mail template of an area: plain text, checked at load with {@link #STARTS_WITH_SUBJECT}. */
    public static TemplateSpec template(String name, TemplateSpec.SampleModel sample) {
        return new TemplateSpec(name, TemplateSpec.Format.TEXT, sample, STARTS_WITH_SUBJECT);
    }

    public MailText {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }

    /**
     * Splits a rendered mail template (which {@link #STARTS_WITH_SUBJECT} accepted at load): the
     * subject from its first line, the body from the rest with the empty line after the subject
     * and the trailing line breaks and spaces dropped. Any line break (CR LF, CR) counts as LF.
     */
    public static MailText split(String rendered) {
        String text = rendered.replace("\r\n", "\n").replace('\r', '\n');
        int end = text.indexOf('\n');
        String subject = (end < 0 ? text : text.substring(0, end)).substring(SUBJECT.length());
        String body = end < 0 ? "" : text.substring(end + 1);
        if (body.startsWith("\n")) {
            body = body.substring(1); // the empty line between subject and body
        }
        return new MailText(oneLine(subject), stripTrailingNewlines(body) + "\n");
    }

    private static boolean startsWithSubject(String text) {
        return text.regionMatches(true, 0, SUBJECT, 0, SUBJECT.length());
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ").replaceAll(" {2,}", " ").trim();
    }

    /** Without its trailing line breaks and spaces; public for the lists a template joins into a body. */
    public static String stripTrailingNewlines(CharSequence s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == ' ')) {
            end--;
        }
        return s.subSequence(0, end).toString();
    }
}
