package io.yagura.notify.mail;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Subjects and bodies of mail notices, rendered from template files an operator can edit.
 *
 * <p>Each language is a directory with {@code incident.txt}, {@code all-clear.txt},
 * {@code digest.txt}, {@code digest-item.txt} and {@code labels.properties}. The bundle
 * carries {@code en} and {@code ja}; a directory given to {@link #load(Path)} may replace any
 * of these files ({@code <dir>/<language>/<file>}) or add a language (files it lacks come
 * from the bundled English ones; labels are merged key by key).
 *
 * <p>Template format: optional {@code #} comment lines at the top, then (except in
 * {@code digest-item.txt}) a line {@code Subject: ...} and an empty line, then the body.
 * Placeholders are {@code {{name}}} or {@code {{name|filter}}}; filters are {@code bullets}
 * (one "- item" per line), {@code numbered} ("1. item") and {@code upper}. Lists without a
 * filter are joined with ", ". Empty values print the label {@code none}. There is no other
 * syntax and nothing is evaluated: an unknown placeholder or filter is refused when the
 * templates are loaded, with its file and line.
 */
public final class MailTemplates {

    public static final String INCIDENT = "incident";
    public static final String ALL_CLEAR = "all-clear";
    public static final String DIGEST = "digest";
    public static final String DIGEST_ITEM = "digest-item";
    public static final String LABELS = "labels.properties";
    public static final List<String> BUNDLED_LANGUAGES = List.of("en", "ja");
    public static final String DEFAULT_LANGUAGE = "en";

    private static final List<String> KINDS = List.of(INCIDENT, ALL_CLEAR, DIGEST, DIGEST_ITEM);
    private static final List<String> FILTERS = List.of("bullets", "numbered", "upper");
    private static final Pattern SLOT = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9.]*)\\s*(?:\\|\\s*([A-Za-z]+)\\s*)?");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    /** Placeholders of one incident (incident, all-clear and digest-item templates). */
    public static final Set<String> INCIDENT_PLACEHOLDERS = Collections.unmodifiableSet(new TreeSet<>(List.of(
            "incident.id", "incident.title", "incident.category", "incident.status", "incident.detected",
            "incident.firstSeen", "incident.lastSeen", "incident.events", "customer.id", "customer.name",
            "level", "level.code", "deadline", "attackers", "targets", "analysis", "countermeasures",
            "references", "rationale", "rules", "notice.id", "notice.created")));

    /** Placeholders of the digest template; each incident is rendered with digest-item.txt into digest.items. */
    public static final Set<String> DIGEST_PLACEHOLDERS = Collections.unmodifiableSet(new TreeSet<>(List.of(
            "customer.id", "customer.name", "digest.date", "digest.count", "digest.summary", "digest.items",
            "notice.id", "notice.created")));

    private final Map<String, Pack> packs;

    private MailTemplates(Map<String, Pack> packs) {
        this.packs = packs;
    }

    /** The bundled templates only. */
    public static MailTemplates bundled() throws TemplateException {
        return load(null);
    }

    /**
     * Loads the bundled templates, overridden by the files in {@code overrideDir} when it
     * exists, and checks every template.
     *
     * @throws TemplateException naming the file (and line) of the first problem
     */
    public static MailTemplates load(Path overrideDir) throws TemplateException {
        Set<String> languages = new TreeSet<>(BUNDLED_LANGUAGES);
        if (overrideDir != null && Files.isDirectory(overrideDir)) {
            try (Stream<Path> s = Files.list(overrideDir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    String name = p.getFileName().toString();
                    if (Files.isDirectory(p) && LANGUAGE.matcher(name).matches()) {
                        languages.add(name);
                    }
                }
            } catch (IOException e) {
                throw new TemplateException(overrideDir.toString(), "cannot list the template directory", e);
            }
        } else {
            overrideDir = null;
        }
        Map<String, Pack> packs = new LinkedHashMap<>();
        for (String lang : languages) {
            packs.put(lang, loadPack(lang, overrideDir));
        }
        return new MailTemplates(packs);
    }

    /** Languages that can be rendered. */
    public Set<String> languages() {
        return Collections.unmodifiableSet(packs.keySet());
    }

    /** The language used for {@code requested}: itself, its primary part ("ja" for "ja-JP"), or English. */
    public String resolveLanguage(String requested) {
        if (requested != null) {
            String r = requested.trim().replace('_', '-');
            for (String candidate : List.of(r, r.toLowerCase(Locale.ROOT), r.split("-")[0].toLowerCase(Locale.ROOT))) {
                if (packs.containsKey(candidate)) {
                    return candidate;
                }
            }
        }
        return DEFAULT_LANGUAGE;
    }

    /** The label of a level in a language, e.g. "緊急" for EMERGENCY in ja. */
    public String levelLabel(String language, Level level) {
        return pack(language).labels.get("level." + level.name());
    }

    /** An incident notice in the notification's language. */
    public RenderedMail incident(Incident incident, Notification notice, String customerName) {
        return renderIncident(INCIDENT, incident, notice, customerName);
    }

    /** An all-clear notice (the incident was closed as harmless) in the notification's language. */
    public RenderedMail allClear(Incident incident, Notification notice, String customerName) {
        return renderIncident(ALL_CLEAR, incident, notice, customerName);
    }

    /** A digest of several incidents of one customer in the notification's language. */
    public RenderedMail digest(Notification notice, String customerName, LocalDate date, List<Incident> incidents) {
        Pack p = pack(notice.language());
        StringBuilder items = new StringBuilder();
        Map<Level, Integer> counts = new EnumMap<>(Level.class);
        for (Incident i : incidents) {
            Map<String, Object> v = incidentValues(p, i, i.level(), i.deadline(), customerName);
            v.put("notice.id", notice.id());
            v.put("notice.created", p.time(notice.createdAt()));
            String item = p.templates.get(DIGEST_ITEM).body.render(v, p);
            items.append(item.endsWith("\n") ? item : item + "\n");
            counts.merge(i.level(), 1, Integer::sum);
        }
        List<String> summary = new ArrayList<>();
        counts.forEach((level, n) -> summary.add(p.labels.get("level." + level.name()) + ": " + n));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("customer.id", notice.customerId());
        v.put("customer.name", customerName != null ? customerName : notice.customerId());
        v.put("digest.date", date.toString());
        v.put("digest.count", String.valueOf(incidents.size()));
        v.put("digest.summary", summary);
        v.put("digest.items", incidents.isEmpty() ? p.labels.get("digest.empty") : stripTrailingNewlines(items));
        v.put("notice.id", notice.id());
        v.put("notice.created", p.time(notice.createdAt()));
        Template t = p.templates.get(DIGEST);
        return new RenderedMail(oneLine(t.subject.render(v, p)), finish(t.body.render(v, p)), p.language);
    }

    private RenderedMail renderIncident(String kind, Incident incident, Notification notice, String customerName) {
        Pack p = pack(notice.language());
        Level level = notice.level() != null ? notice.level() : incident.level();
        Instant deadline = notice.deadline() != null ? notice.deadline() : incident.deadline();
        Map<String, Object> v = incidentValues(p, incident, level, deadline, customerName);
        v.put("notice.id", notice.id());
        v.put("notice.created", p.time(notice.createdAt()));
        Template t = p.templates.get(kind);
        return new RenderedMail(oneLine(t.subject.render(v, p)), finish(t.body.render(v, p)), p.language);
    }

    private Pack pack(String language) {
        return packs.get(resolveLanguage(language));
    }

    private static Map<String, Object> incidentValues(Pack p, Incident i, Level level, Instant deadline,
                                                      String customerName) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("incident.id", i.id());
        v.put("incident.title", i.title());
        v.put("incident.category", i.category() == null ? null
                : p.labels.getOrDefault("category." + i.category(), i.category()));
        v.put("incident.status", i.status() == null ? null
                : p.labels.getOrDefault("status." + i.status().name(), i.status().name()));
        v.put("incident.detected", p.time(i.detectedAt()));
        v.put("incident.firstSeen", p.time(i.firstSeen()));
        v.put("incident.lastSeen", p.time(i.lastSeen()));
        v.put("incident.events", String.valueOf(i.eventCount()));
        v.put("customer.id", i.customerId());
        v.put("customer.name", customerName != null && !customerName.isBlank() ? customerName : i.customerId());
        v.put("level", level == null ? null : p.labels.get("level." + level.name()));
        v.put("level.code", level == null ? null : level.name());
        v.put("deadline", deadline == null ? p.labels.get("deadline.none") : p.time(deadline));
        v.put("attackers", i.attackers());
        v.put("targets", i.targets());
        v.put("analysis", i.analysis());
        v.put("countermeasures", i.countermeasures());
        v.put("references", i.references());
        v.put("rationale", i.rationale());
        v.put("rules", i.rules());
        return v;
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ").replaceAll(" {2,}", " ").trim();
    }

    private static String finish(String body) {
        return stripTrailingNewlines(new StringBuilder(body.replace("\r\n", "\n").replace('\r', '\n'))) + "\n";
    }

    private static String stripTrailingNewlines(CharSequence s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == ' ')) {
            end--;
        }
        return s.subSequence(0, end).toString();
    }

    // ---------------------------------------------------------------- loading

    private static Pack loadPack(String lang, Path overrideDir) throws TemplateException {
        Map<String, String> labels = new TreeMap<>();
        mergeLabels(labels, bundledSource("en", LABELS));
        if (!"en".equals(lang)) {
            mergeLabels(labels, bundledSource(lang, LABELS));
        }
        Source override = overrideDir == null ? null : fileSource(overrideDir.resolve(lang).resolve(LABELS));
        mergeLabels(labels, override);
        String labelsFile = override != null ? override.name : "bundle:templates/" + lang + "/" + LABELS;
        for (Level l : Level.values()) {
            require(labels, "level." + l.name(), labelsFile);
        }
        for (IncidentStatus s : IncidentStatus.values()) {
            labels.putIfAbsent("status." + s.name(), s.name());
        }
        require(labels, "none", labelsFile);
        require(labels, "deadline.none", labelsFile);
        require(labels, "digest.empty", labelsFile);
        ZoneId zone;
        DateTimeFormatter format;
        try {
            zone = ZoneId.of(require(labels, "time.zone", labelsFile));
        } catch (DateTimeException e) {
            throw new TemplateException(labelsFile, 0, "time.zone: " + e.getMessage());
        }
        try {
            format = DateTimeFormatter.ofPattern(require(labels, "time.pattern", labelsFile),
                    Locale.forLanguageTag(lang));
            format.format(Instant.EPOCH.atZone(zone));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new TemplateException(labelsFile, 0, "time.pattern: " + e.getMessage());
        }

        if (overrideDir != null) {
            checkNoStrayFiles(overrideDir.resolve(lang));
        }
        Map<String, Template> templates = new LinkedHashMap<>();
        for (String kind : KINDS) {
            String file = kind + ".txt";
            Source src = overrideDir == null ? null : fileSource(overrideDir.resolve(lang).resolve(file));
            if (src == null) {
                src = bundledSource(lang, file);
            }
            if (src == null) {
                src = bundledSource(DEFAULT_LANGUAGE, file);
            }
            if (src == null) {
                throw new TemplateException("bundle:templates/" + DEFAULT_LANGUAGE + "/" + file, 0, "missing");
            }
            templates.put(kind, parse(kind, src));
        }
        return new Pack(lang, Collections.unmodifiableMap(labels), zone, format, templates);
    }

    private static void checkNoStrayFiles(Path dir) throws TemplateException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                boolean known = n.equals(LABELS) || KINDS.stream().anyMatch(k -> n.equals(k + ".txt"));
                if (!known && (n.endsWith(".txt") || n.endsWith(".properties"))) {
                    throw new TemplateException(p.toString(), 0, "unknown template file (expected "
                            + String.join(".txt, ", KINDS) + ".txt or " + LABELS + ")");
                }
            }
        } catch (IOException e) {
            throw new TemplateException(dir.toString(), "cannot list the template directory", e);
        }
    }

    private static String require(Map<String, String> labels, String key, String file) throws TemplateException {
        String v = labels.get(key);
        if (v == null) {
            throw new TemplateException(file, 0, "label '" + key + "' is missing");
        }
        return v;
    }

    private static void mergeLabels(Map<String, String> labels, Source src) throws TemplateException {
        if (src == null) {
            return;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(src.text));
        } catch (IOException | IllegalArgumentException e) {
            throw new TemplateException(src.name, "cannot read labels: " + e.getMessage(), e);
        }
        for (String k : p.stringPropertyNames()) {
            labels.put(k, p.getProperty(k));
        }
    }

    private record Source(String name, String text) {
    }

    private static Source bundledSource(String lang, String file) throws TemplateException {
        String name = "templates/" + lang + "/" + file;
        try (InputStream in = MailTemplates.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                return null;
            }
            return new Source("bundle:" + name, decode(in.readAllBytes(), "bundle:" + name));
        } catch (IOException e) {
            throw new TemplateException("bundle:" + name, "cannot read", e);
        }
    }

    private static Source fileSource(Path file) throws TemplateException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return new Source(file.toString(), decode(Files.readAllBytes(file), file.toString()));
        } catch (IOException e) {
            throw new TemplateException(file.toString(), "cannot read", e);
        }
    }

    private static String decode(byte[] bytes, String name) throws TemplateException {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw new TemplateException(name, 0, "not UTF-8 text");
        }
    }

    // ---------------------------------------------------------------- parsing

    private static Template parse(String kind, Source src) throws TemplateException {
        String[] lines = src.text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        Set<String> allowed = DIGEST.equals(kind) ? DIGEST_PLACEHOLDERS : INCIDENT_PLACEHOLDERS;
        int i = 0;
        while (i < lines.length && lines[i].startsWith("#")) {
            i++;
        }
        Compiled subject = null;
        if (!DIGEST_ITEM.equals(kind)) {
            if (i >= lines.length || !lines[i].regionMatches(true, 0, "Subject:", 0, 8)) {
                throw new TemplateException(src.name, Math.min(i + 1, lines.length),
                        "expected the line 'Subject: ...' (after the # comments)");
            }
            subject = compile(lines[i].substring(8).trim(), i + 1, src.name, allowed);
            i++;
            if (i < lines.length && !lines[i].isBlank()) {
                throw new TemplateException(src.name, i + 1, "expected an empty line after the Subject line");
            }
            i++;
        }
        List<Part> body = new ArrayList<>();
        for (int n = i; n < lines.length; n++) {
            body.addAll(compile(lines[n] + (n < lines.length - 1 ? "\n" : ""), n + 1, src.name, allowed).parts);
        }
        return new Template(src.name, subject, new Compiled(body));
    }

    private static Compiled compile(String line, int lineNo, String file, Set<String> allowed)
            throws TemplateException {
        List<Part> parts = new ArrayList<>();
        int pos = 0;
        while (true) {
            int open = line.indexOf("{{", pos);
            if (open < 0) {
                parts.add(new Part(line.substring(pos), null, null));
                break;
            }
            int close = line.indexOf("}}", open + 2);
            if (close < 0) {
                throw new TemplateException(file, lineNo, "'{{' without '}}' on the same line");
            }
            parts.add(new Part(line.substring(pos, open), null, null));
            String inner = line.substring(open + 2, close);
            Matcher m = SLOT.matcher(inner);
            if (!m.matches()) {
                throw new TemplateException(file, lineNo, "bad placeholder '{{" + inner + "}}'");
            }
            String name = m.group(1);
            String filter = m.group(2);
            if (!allowed.contains(name)) {
                throw new TemplateException(file, lineNo, "unknown placeholder '{{" + inner.trim()
                        + "}}' (known: " + String.join(", ", allowed) + ")");
            }
            if (filter != null && !FILTERS.contains(filter)) {
                throw new TemplateException(file, lineNo, "unknown filter '" + filter + "' in '{{" + inner.trim()
                        + "}}' (known: " + String.join(", ", FILTERS) + ")");
            }
            parts.add(new Part(null, name, filter));
            pos = close + 2;
        }
        return new Compiled(parts);
    }

    // ---------------------------------------------------------------- model

    private record Template(String source, Compiled subject, Compiled body) {
    }

    private record Part(String literal, String name, String filter) {
    }

    private record Compiled(List<Part> parts) {
        String render(Map<String, Object> values, Pack p) {
            StringBuilder sb = new StringBuilder();
            for (Part part : parts) {
                if (part.literal != null) {
                    sb.append(part.literal);
                } else {
                    sb.append(format(values.get(part.name), part.filter, p.labels.get("none")));
                }
            }
            return sb.toString();
        }
    }

    private static String format(Object value, String filter, String none) {
        List<String> items;
        if (value instanceof List<?> list) {
            items = new ArrayList<>();
            for (Object o : list) {
                if (o != null && !o.toString().isBlank()) {
                    items.add(o.toString().trim());
                }
            }
        } else if (value == null || value.toString().isBlank()) {
            items = List.of();
        } else {
            String s = value.toString().strip();
            items = filter == null || "upper".equals(filter) ? List.of(s)
                    : s.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
        if (items.isEmpty()) {
            return none;
        }
        if (filter == null) {
            return String.join(", ", items);
        }
        return switch (filter) {
            case "upper" -> String.join(", ", items).toUpperCase(Locale.ROOT);
            case "bullets" -> {
                StringBuilder sb = new StringBuilder();
                for (String s : items) {
                    sb.append(sb.length() == 0 ? "" : "\n").append("- ").append(s);
                }
                yield sb.toString();
            }
            case "numbered" -> {
                StringBuilder sb = new StringBuilder();
                for (int n = 0; n < items.size(); n++) {
                    sb.append(n == 0 ? "" : "\n").append(n + 1).append(". ").append(items.get(n));
                }
                yield sb.toString();
            }
            default -> throw new IllegalStateException(filter);
        };
    }

    private static final class Pack {
        final String language;
        final Map<String, String> labels;
        final ZoneId zone;
        final DateTimeFormatter format;
        final Map<String, Template> templates;

        Pack(String language, Map<String, String> labels, ZoneId zone, DateTimeFormatter format,
             Map<String, Template> templates) {
            this.language = language;
            this.labels = labels;
            this.zone = zone;
            this.format = format;
            this.templates = templates;
        }

        String time(Instant t) {
            return t == null ? null : format.format(t.atZone(zone));
        }
    }
}
