package io.yagura.templates.freemarker;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.InvalidReferenceException;
import freemarker.core.OutputFormat;
import freemarker.core.ParseException;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.yagura.templates.TemplateCatalogue;
import io.yagura.templates.TemplateProblem;
import io.yagura.templates.TemplateRenderException;
import io.yagura.templates.TemplateSet;
import io.yagura.templates.TemplateSource;
import io.yagura.templates.TemplateSpec;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The templates of one area, compiled with Apache FreeMarker.
 *
 * <p>For each language and template the first of these that loads is used: the operator's file
 * {@code <root>/<lang>/<area>/<name>.ftl}, the bundled file of the language, the bundled English
 * file. "Loads" means it parses, renders the template's sample model without an error (an unknown
 * name or a missing value is an error: FreeMarker is strict and we keep it so), and passes the
 * template's output check. Each file that does not is a {@link TemplateProblem}, logged at ERROR
 * with its file and line.
 */
final class FreemarkerCatalogue implements TemplateCatalogue {

    private static final Logger LOG = LoggerFactory.getLogger(FreemarkerCatalogue.class);
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    static final String LABELS = "labels.properties";

    private final TemplateSet set;
    private final Path root;
    private final Configuration textConfig = configuration(PlainTextOutputFormat.INSTANCE);
    private final Configuration htmlConfig = configuration(HTMLOutputFormat.INSTANCE);
    private volatile Loaded loaded;

    /**
     * @param root the operator's template directory (it may not exist: bundled templates only)
     */
    FreemarkerCatalogue(TemplateSet set, Path root) {
        this.set = set;
        this.root = root;
        reload();
    }

    /** The templates of one language. */
    private record Pack(Map<String, String> labels, Map<String, Template> templates) {
    }

    /** What one load found: immutable, replaced whole by the next load. */
    private record Loaded(Map<String, Pack> packs, List<TemplateSource> sources, List<TemplateProblem> problems,
                          String fingerprint) {
    }

    private static Configuration configuration(OutputFormat format) {
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        c.setOutputFormat(format);
        c.setAutoEscapingPolicy(Configuration.ENABLE_IF_DEFAULT_AUTO_ESCAPING_POLICY);
        c.setTagSyntax(Configuration.ANGLE_BRACKET_TAG_SYNTAX);
        c.setInterpolationSyntax(Configuration.DOLLAR_INTERPOLATION_SYNTAX);
        // Strict: a missing value is an error the caller sees, never a blank in the text.
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        // Templates are text for people: no Java classes, no API of the model objects, no other files.
        c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        c.setAPIBuiltinEnabled(false);
        c.setTemplateLoader(null);
        c.setLocalizedLookup(false);
        c.setObjectWrapper(new ModelWrapper());
        c.setNumberFormat("c");
        c.setBooleanFormat("c");
        c.setLocale(Locale.ROOT);
        c.setSharedVariable("bullets", ListFormat.BULLETS);
        c.setSharedVariable("numbered", ListFormat.NUMBERED);
        return c;
    }

    @Override
    public String area() {
        return set.area();
    }

    @Override
    public String render(String name, String language, Map<String, ?> model) {
        Pack pack = loaded.packs.get(resolveLanguage(language));
        Template t = pack.templates.get(name);
        if (t == null) {
            throw new IllegalArgumentException("area " + set.area() + " has no template '" + name
                    + "' that could be loaded (yagura:templates lists the problems)");
        }
        try {
            return process(t, model);
        } catch (TemplateException e) {
            throw new TemplateRenderException(problem(t.getSourceName(), e), e);
        }
    }

    private static String process(Template t, Map<String, ?> model) throws TemplateException {
        StringWriter out = new StringWriter();
        try {
            t.process(model, out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write to a string", e);
        }
        return out.toString();
    }

    @Override
    public Map<String, String> labels(String language) {
        return loaded.packs.get(resolveLanguage(language)).labels;
    }

    @Override
    public Set<String> languages() {
        return loaded.packs.keySet();
    }

    @Override
    public String resolveLanguage(String requested) {
        Map<String, Pack> packs = loaded.packs;
        if (requested != null && !requested.isBlank()) {
            String r = requested.trim().replace('_', '-');
            for (String candidate : List.of(r, r.toLowerCase(Locale.ROOT), r.split("-")[0].toLowerCase(Locale.ROOT))) {
                if (packs.containsKey(candidate)) {
                    return candidate;
                }
            }
        }
        return TemplateSet.FALLBACK_LANGUAGE;
    }

    @Override
    public List<TemplateSource> sources() {
        return loaded.sources;
    }

    @Override
    public List<TemplateProblem> problems() {
        return loaded.problems;
    }

    /** Whether the operator's files of this area changed since they were loaded. */
    boolean changed() {
        return !fingerprint().equals(loaded.fingerprint);
    }

    @Override
    public synchronized void reload() {
        String fingerprint = fingerprint();
        List<TemplateProblem> problems = new ArrayList<>();
        List<TemplateSource> sources = new ArrayList<>();
        Map<String, Pack> packs = new LinkedHashMap<>();
        for (String lang : languagesOnDisk(problems)) {
            Map<String, String> labels = loadLabels(lang, problems);
            Map<String, Template> templates = new LinkedHashMap<>();
            for (TemplateSpec spec : set.templates()) {
                Template t = loadTemplate(lang, spec, labels, problems);
                if (t != null) {
                    templates.put(spec.name(), t);
                    String file = t.getSourceName();
                    sources.add(new TemplateSource(set.area(), spec.name(), lang, file, !file.startsWith("bundle:")));
                }
            }
            checkStrayFiles(lang, problems);
            packs.put(lang, new Pack(Collections.unmodifiableMap(labels), templates));
        }
        loaded = new Loaded(Collections.unmodifiableMap(packs), List.copyOf(sources), List.copyOf(problems),
                fingerprint);
        LOG.info("Templates of {} loaded: languages {}, {} operator file(s), {} problem(s)", set.area(), packs.keySet(),
                sources.stream().filter(TemplateSource::override).count(), problems.size());
    }

    private Set<String> languagesOnDisk(List<TemplateProblem> problems) {
        Set<String> languages = new TreeSet<>(set.bundledLanguages());
        if (root != null && Files.isDirectory(root)) {
            try (Stream<Path> s = Files.list(root)) {
                s.filter(p -> LANGUAGE.matcher(p.getFileName().toString()).matches())
                        .filter(p -> Files.isDirectory(p.resolve(set.area())))
                        .forEach(p -> languages.add(p.getFileName().toString()));
            } catch (IOException e) {
                report(problems, new TemplateProblem(root.toString(), 0, 0, "cannot list the directory: " + e));
            }
        }
        return languages;
    }

    // ------------------------------------------------------------------ labels

    /** Bundled English labels, overridden by the bundled labels of the language, then by the operator's. */
    private Map<String, String> loadLabels(String lang, List<TemplateProblem> problems) {
        Map<String, String> labels = new TreeMap<>();
        for (String bundledLang : lang.equals(TemplateSet.FALLBACK_LANGUAGE) ? List.of(lang)
                : List.of(TemplateSet.FALLBACK_LANGUAGE, lang)) {
            String path = bundledPath(bundledLang, LABELS);
            try {
                SourceText bundled = SourceText.bundled(set.defaults(), path);
                if (bundled != null) {
                    labels.putAll(properties(bundled));
                }
            } catch (IOException | IllegalArgumentException e) {
                report(problems, new TemplateProblem(SourceText.BUNDLE + path, 0, 0, "cannot read: " + e.getMessage()));
            }
        }
        String bundledProblem = checkLabels(labels);
        if (bundledProblem != null) {
            report(problems, new TemplateProblem(SourceText.BUNDLE + bundledPath(lang, LABELS), 0, 0, bundledProblem));
        }
        Path file = overrideDir(lang).resolve(LABELS);
        if (root == null || !Files.isRegularFile(file)) {
            return labels;
        }
        try {
            Map<String, String> merged = new TreeMap<>(labels);
            merged.putAll(properties(SourceText.file(file)));
            String problem = checkLabels(merged);
            if (problem == null) {
                return merged;
            }
            report(problems, new TemplateProblem(file.toString(), 0, 0, problem + "; the bundled labels are used"));
        } catch (IOException | IllegalArgumentException e) {
            report(problems, new TemplateProblem(file.toString(), 0, 0, "cannot read: " + e.getMessage()
                    + "; the bundled labels are used"));
        }
        return labels;
    }

    private String checkLabels(Map<String, String> labels) {
        return set.labelCheck() == null ? null : set.labelCheck().problem(Collections.unmodifiableMap(labels));
    }

    private static Map<String, String> properties(SourceText source) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(source.text()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a string", e);
        }
        Map<String, String> map = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            map.put(k, p.getProperty(k));
        }
        return map;
    }

    // ------------------------------------------------------------------ templates

    private Template loadTemplate(String lang, TemplateSpec spec, Map<String, String> labels,
                                  List<TemplateProblem> problems) {
        String fileName = spec.name() + spec.format().extension();
        List<String> tried = new ArrayList<>();
        for (Candidate candidate : candidates(lang, fileName)) {
            SourceText source;
            try {
                source = candidate.read();
            } catch (IOException e) {
                report(problems, new TemplateProblem(candidate.name(), 0, 0, "cannot read: " + e.getMessage()));
                tried.add(candidate.name());
                continue;
            }
            if (source == null) {
                continue;
            }
            TemplateProblem problem = check(spec, lang, labels, source);
            if (problem == null) {
                if (!tried.isEmpty()) {
                    LOG.error("Template {} {} ({}): {} is used instead of {}", set.area(), spec.name(), lang,
                            source.name(), tried);
                }
                return compileUnchecked(spec, source);
            }
            report(problems, problem);
            tried.add(source.name());
        }
        if (tried.isEmpty()) {
            report(problems, new TemplateProblem(SourceText.BUNDLE + bundledPath(TemplateSet.FALLBACK_LANGUAGE,
                    fileName), 0, 0, "missing: the bundle has no " + fileName + " for " + set.area()));
        }
        return null;
    }

    /** Where a template may come from, in order of precedence. */
    private List<Candidate> candidates(String lang, String fileName) {
        List<Candidate> c = new ArrayList<>();
        if (root != null) {
            Path file = overrideDir(lang).resolve(fileName);
            c.add(new Candidate(file.toString(), () -> Files.isRegularFile(file) ? SourceText.file(file) : null));
        }
        for (String bundledLang : lang.equals(TemplateSet.FALLBACK_LANGUAGE) ? List.of(lang)
                : List.of(lang, TemplateSet.FALLBACK_LANGUAGE)) {
            String path = bundledPath(bundledLang, fileName);
            c.add(new Candidate(SourceText.BUNDLE + path, () -> SourceText.bundled(set.defaults(), path)));
        }
        return c;
    }

    private record Candidate(String name, Reader reader) {
        SourceText read() throws IOException {
            return reader.read();
        }
    }

    @FunctionalInterface
    private interface Reader {
        SourceText read() throws IOException;
    }

    /** Parses the template and renders its sample: the problem found, or null. */
    private TemplateProblem check(TemplateSpec spec, String lang, Map<String, String> labels, SourceText source) {
        Template t;
        try {
            t = compile(spec, source);
        } catch (ParseException e) {
            return new TemplateProblem(source.name(), e.getLineNumber(), e.getColumnNumber(), oneLine(e.getEditorMessage()));
        } catch (IOException e) {
            return new TemplateProblem(source.name(), 0, 0, "cannot read: " + e.getMessage());
        }
        String output;
        try {
            output = process(t, spec.sample().build(lang, Collections.unmodifiableMap(labels)));
        } catch (TemplateException e) {
            return problem(source.name(), e);
        }
        String problem = spec.check() == null ? null : spec.check().problem(output);
        return problem == null ? null : new TemplateProblem(source.name(), 0, 0, problem);
    }

    private Template compile(TemplateSpec spec, SourceText source) throws IOException {
        Configuration c = spec.format() == TemplateSpec.Format.HTML ? htmlConfig : textConfig;
        return new Template(source.name(), source.name(), new StringReader(source.text()), c);
    }

    private Template compileUnchecked(TemplateSpec spec, SourceText source) {
        try {
            return compile(spec, source);
        } catch (IOException e) {
            throw new IllegalStateException(source.name() + " parsed a moment ago", e);
        }
    }

    /** A render error as a problem: an unknown name or missing value says which one. */
    static TemplateProblem problem(String file, TemplateException e) {
        String message;
        if (e instanceof InvalidReferenceException && e.getBlamedExpressionString() != null) {
            message = "unknown name or no value: ${" + e.getBlamedExpressionString() + "}";
        } else {
            String full = e.getMessageWithoutStackTop();
            int tip = full.indexOf("\n\n----");
            message = oneLine(tip > 0 ? full.substring(0, tip) : full);
        }
        return new TemplateProblem(file, e.getLineNumber() == null ? 0 : e.getLineNumber(),
                e.getColumnNumber() == null ? 0 : e.getColumnNumber(), message);
    }

    /** A message on one line, at most 300 characters (FreeMarker lists every token it expected). */
    private static String oneLine(String message) {
        String s = message.strip().replaceAll("\\s*\\n\\s*", " ");
        return s.length() <= 300 ? s : s.substring(0, 299) + "…";
    }

    /** A file in the operator's folder that no template reads: most likely a misspelt name. */
    private void checkStrayFiles(String lang, List<TemplateProblem> problems) {
        Path dir = overrideDir(lang);
        if (root == null || !Files.isDirectory(dir)) {
            return;
        }
        List<String> known = new ArrayList<>();
        known.add(LABELS);
        set.templates().forEach(s -> known.add(s.name() + s.format().extension()));
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !known.contains(n) && !n.endsWith(".bak") && !n.startsWith("."))
                    .sorted().forEach(n -> report(problems, new TemplateProblem(dir.resolve(n).toString(), 0, 0,
                            "unknown file, not used (expected one of " + String.join(", ", known) + ")")));
        } catch (IOException e) {
            report(problems, new TemplateProblem(dir.toString(), 0, 0, "cannot list the directory: " + e));
        }
    }

    private void report(List<TemplateProblem> problems, TemplateProblem p) {
        problems.add(p);
        LOG.error("Template problem: {}", p);
    }

    private Path overrideDir(String lang) {
        return root.resolve(lang).resolve(set.area());
    }

    private String bundledPath(String lang, String fileName) {
        return "templates/" + lang + "/" + set.area() + "/" + fileName;
    }

    /** Names, sizes and modification times of the operator's files of this area. */
    private String fingerprint() {
        if (root == null || !Files.isDirectory(root)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> langs = Files.list(root)) {
            for (Path dir : langs.map(p -> p.resolve(set.area())).filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.sorted().toList()) {
                        sb.append(f).append('|').append(Files.size(f)).append('|')
                                .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            // A directory that cannot be read now changed: the reload reports why.
            return "unreadable " + e;
        }
        return sb.toString();
    }
}
