package io.yagura.notify.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts the operator's mail templates of the first template engine ({@code {{name|filter}}}
 * in {@code <dir>/<lang>/incident.txt} and the other kinds, labels in
 * {@code <dir>/<lang>/labels.properties}) to FreeMarker files of the mail area
 * ({@code <dir>/<lang>/mail/incident.ftl}, {@code <dir>/<lang>/mail/labels.properties}), once, at
 * start. The old file is kept as {@code <name>.bak}; each conversion is one INFO line.
 *
 * <p>The old syntax maps one to one: {@code {{x}}} → {@code ${x}}, {@code {{x|upper}}} →
 * {@code ${x?upper_case}}, {@code {{x|bullets}}} → {@code ${bullets(x)}}, {@code {{x|numbered}}} →
 * {@code ${numbered(x)}}, {@code {{level}}} → {@code ${level.label}}, leading {@code #} lines →
 * FreeMarker comments; text that FreeMarker would read as its own syntax ({@code ${}, {@code <#},
 * {@code <@}) is escaped. A name the old engine did not know is converted as it is, and the
 * strict load check then reports it with its file and line.
 */
final class OldTemplateConversion {

    private static final Logger LOG = LoggerFactory.getLogger(OldTemplateConversion.class);
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final Pattern SLOT = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9.]*)\\s*(?:\\|\\s*([A-Za-z]+)\\s*)?}}");
    /** FreeMarker syntax that may stand in an old template's plain text, and how to print it literally. */
    private static final Pattern FREEMARKER_SYNTAX = Pattern.compile("\\$\\{|</?[#@]");
    private static final Map<String, String> RENAMED = Map.of("level", "level.label");

    private OldTemplateConversion() {
    }

    /** Converts every old-syntax mail file under {@code dir}; returns the files written. */
    static List<Path> convertAll(Path dir) {
        List<Path> written = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return written;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path langDir : s.filter(Files::isDirectory)
                    .filter(p -> LANGUAGE.matcher(p.getFileName().toString()).matches()).sorted().toList()) {
                for (String kind : MailTemplates.KINDS) {
                    convertFile(langDir.resolve(kind + ".txt"), langDir.resolve(MailTemplates.AREA)
                            .resolve(kind + ".ftl"), true, written);
                }
                convertFile(langDir.resolve(MailTemplates.LABELS), langDir.resolve(MailTemplates.AREA)
                        .resolve(MailTemplates.LABELS), false, written);
            }
        } catch (IOException e) {
            LOG.error("Old mail templates in {} could not be converted: {}", dir, e.toString());
        }
        return written;
    }

    private static void convertFile(Path old, Path target, boolean template, List<Path> written) {
        if (!Files.isRegularFile(old)) {
            return;
        }
        if (Files.exists(target)) {
            LOG.warn("Old-syntax mail template {} is not used: {} exists and is used (delete or rename the old one)",
                    old, target);
            return;
        }
        try {
            String text = Files.readString(old, StandardCharsets.UTF_8);
            Files.createDirectories(target.getParent());
            Files.writeString(target, template ? convert(text) : text, StandardCharsets.UTF_8);
            Path backup = old.resolveSibling(old.getFileName() + ".bak");
            Files.move(old, backup, StandardCopyOption.REPLACE_EXISTING);
            LOG.info("Converted the old-syntax mail template {} to {} (the old file is kept as {})", old, target,
                    backup.getFileName());
            written.add(target);
        } catch (IOException | RuntimeException e) {
            LOG.error("Old-syntax mail template {} could not be converted, the bundled template is used: {}", old,
                    e.toString());
        }
    }

    /** The FreeMarker text of an old-syntax template. */
    static String convert(String old) {
        String[] lines = old.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < lines.length && lines[i].startsWith("#")) {
            out.append("<#-- ").append(lines[i].substring(1).strip().replace("-->", "-- >")).append(" -->\n");
            i++;
        }
        for (; i < lines.length; i++) {
            out.append(convertLine(lines[i], i + 1)).append(i < lines.length - 1 ? "\n" : "");
        }
        return out.toString();
    }

    private static String convertLine(String line, int lineNumber) {
        StringBuilder out = new StringBuilder();
        Matcher m = SLOT.matcher(line);
        int pos = 0;
        while (m.find()) {
            out.append(literal(line.substring(pos, m.start()), lineNumber));
            String name = RENAMED.getOrDefault(m.group(1), m.group(1));
            String filter = m.group(2);
            out.append(filter == null ? "${" + name + "}"
                    : switch (filter) {
                        case "upper" -> "${" + name + "?upper_case}";
                        case "bullets", "numbered" -> "${" + filter + "(" + name + ")}";
                        default -> "${" + name + "?" + filter + "}"; // unknown: FreeMarker's check names it
                    });
            pos = m.end();
        }
        return out.append(literal(line.substring(pos), lineNumber)).toString();
    }

    /** Plain text with FreeMarker's own syntax printed literally; a "{{" left is a placeholder the old engine refused. */
    private static String literal(String text, int lineNumber) {
        if (text.contains("{{")) {
            throw new IllegalArgumentException("line " + lineNumber + ": bad placeholder (the old engine refused it too): "
                    + text.substring(text.indexOf("{{")).strip());
        }
        return FREEMARKER_SYNTAX.matcher(text).replaceAll(r -> Matcher.quoteReplacement(
                "${\"" + r.group().charAt(0) + "\"}" + r.group().substring(1)));
    }
}
