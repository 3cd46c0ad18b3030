package io.yagura.correlation.rules;

import io.yagura.api.incident.Level;
import io.yagura.format.net.NetworkTable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one rule file: splits it into YAML documents (so that a syntax error in one document
 * does not hide the others), composes each into a node tree that keeps line numbers, and turns
 * each document into a {@link Def}: a compiled detection rule, or a correlation rule whose
 * references are resolved later across all files ({@link RuleSetBuilder}). Every problem is
 * reported with the file and the 1-based line of the offending node; a rule with a problem is
 * left out.
 */
final class SigmaParser {

    static final Set<String> STATUSES = Set.of("stable", "test", "experimental", "deprecated", "unsupported");
    static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");
    static final Set<String> YAGURA_KEYS = Set.of("level", "category", "outcome", "attacker", "target", "aggregate",
            "explain", "per", "absorbs", "stories");
    static final String SUPPORTED_MODIFIERS = "contains, startswith, endswith, all, re (with i, m, s), cidr, gt, gte, "
            + "lt, lte, exists, fieldref, cased, windash, base64, base64offset, utf16le, utf16be, utf16, wide";
    private static final Set<String> STRING_OPS = Set.of("contains", "startswith", "endswith");
    private static final Pattern TIMESPAN = Pattern.compile("(\\d{1,9})([smhdw])");

    /** One rule document, parsed: its metadata, and either its compiled detection or its correlation. */
    static final class Def {
        RuleMeta meta;
        /** The compiled detection (with the logsource); null for a correlation. */
        Matchers.EventPredicate matcher;
        /** The correlation section; null for a detection. */
        CorrelationDef correlation;
    }

    /** A correlation section as written; {@link RuleSetBuilder} resolves its rules and aliases. */
    static final class CorrelationDef {
        CorrelationType type;
        final List<String> refs = new ArrayList<>();
        final List<Integer> refLines = new ArrayList<>();
        final List<String> groupBy = new ArrayList<>();
        final Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        int aliasesLine;
        long timespanMillis;
        String timespanText;
        CountCondition condition;
        String valueField;
        boolean generate;
        String fingerprint;
    }

    private final String file;
    private final List<RuleProblem> problems;
    private int offset;

    SigmaParser(String file, List<RuleProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    private static Yaml yaml() {
        LoaderOptions o = new LoaderOptions();
        o.setAllowDuplicateKeys(false);
        o.setMaxAliasesForCollections(20);
        o.setAllowRecursiveKeys(false);
        o.setNestingDepthLimit(40);
        o.setCodePointLimit(4 * 1024 * 1024);
        return new Yaml(o);
    }

    /** Parses all documents of one file. */
    List<Def> parseFile(String text) {
        List<Def> defs = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        int start = 0;
        for (int i = 0; i <= lines.length; i++) {
            boolean separator = i < lines.length && isDocumentMarker(lines[i]);
            if (i == lines.length || separator) {
                if (hasContent(lines, start, i)) {
                    StringBuilder chunk = new StringBuilder();
                    for (int k = start; k < i; k++) {
                        chunk.append(lines[k]).append('\n');
                    }
                    Def d = parseDocument(chunk.toString(), start);
                    if (d != null) {
                        defs.add(d);
                    }
                }
                start = i + 1;
            }
        }
        return defs;
    }

    private static boolean isDocumentMarker(String line) {
        if (!(line.startsWith("---") || line.startsWith("..."))) {
            return false;
        }
        String rest = line.substring(3).trim();
        return rest.isEmpty() || rest.startsWith("#");
    }

    private static boolean hasContent(String[] lines, int from, int to) {
        for (int k = from; k < to; k++) {
            String t = lines[k].trim();
            if (!t.isEmpty() && !t.startsWith("#") && !t.startsWith("%")) {
                return true;
            }
        }
        return false;
    }

    private Def parseDocument(String chunk, int lineOffset) {
        this.offset = lineOffset;
        Node root;
        try {
            root = yaml().compose(new StringReader(chunk));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = m == null ? lineOffset + 1 : m.getLine() + 1 + lineOffset;
            String msg = (e.getContext() == null ? "" : e.getContext() + "; ") + e.getProblem();
            problems.add(new RuleProblem(file, line, "YAML syntax error: " + msg));
            return null;
        } catch (YAMLException e) {
            problems.add(new RuleProblem(file, lineOffset + 1, "YAML error: " + e.getMessage()));
            return null;
        }
        if (root == null) {
            return null;
        }
        if (!(root instanceof MappingNode map)) {
            problem(root, "a rule document must be a YAML mapping (title:, detection: ...), found a "
                    + kind(root));
            return null;
        }
        int before = problems.size();
        Def d = new Def();
        Map<String, NodeTuple> keys = keys(map, "rule");
        String title = string(keys, "title", true);
        String prefix = title == null ? "" : "rule \"" + title + "\": ";
        int startProblems = problems.size();
        if (title != null && title.length() > 256) {
            problem(keys.get("title").getValueNode(), prefix + "title longer than 256 characters");
        }
        String id = string(keys, "id", false);
        String name = string(keys, "name", false);
        if (id == null && name == null && problems.size() == startProblems) {
            problem(map, prefix + "a rule needs an id (a UUID is recommended) or a name");
        }
        String status = string(keys, "status", false);
        if (status != null && !STATUSES.contains(status)) {
            problem(keys.get("status").getValueNode(), prefix + "unknown status '" + status + "' (" + String.join(", ",
                    List.of("stable", "test", "experimental", "deprecated", "unsupported")) + ")");
        }
        String level = string(keys, "level", false);
        if (level != null && !LEVELS.contains(level)) {
            problem(keys.get("level").getValueNode(), prefix + "unknown level '" + level
                    + "' (informational, low, medium, high, critical)");
        }
        Map<String, String> logsource = new LinkedHashMap<>();
        NodeTuple ls = keys.get("logsource");
        if (ls != null) {
            if (ls.getValueNode() instanceof MappingNode lm) {
                keys(lm, "logsource").forEach((k, t) -> {
                    String v = scalar(t.getValueNode());
                    if (v == null) {
                        problem(t.getValueNode(), "logsource." + k + " must be a single value");
                    } else {
                        logsource.put(k, v);
                    }
                });
            } else {
                problem(ls.getValueNode(), prefix + "logsource must be a mapping (product, category, service)");
            }
        }
        YaguraAttributes yagura = yagura(keys.get("yagura"), prefix);
        List<String> tags = strings(keys, "tags");
        List<String> fps = strings(keys, "falsepositives");
        List<String> refs = strings(keys, "references");
        String description = string(keys, "description", false);
        String author = string(keys, "author", false);
        d.meta = new RuleMeta(id, name, title, description, status, level, tags, fps, refs, author, logsource,
                yagura, file, map.getStartMark().getLine() + 1 + offset);

        NodeTuple det = keys.get("detection");
        NodeTuple corr = keys.get("correlation");
        if (det != null && corr != null) {
            problem(corr.getKeyNode(), prefix + "a rule has either detection or correlation, not both");
        } else if (det != null) {
            Matchers.EventPredicate detection = detection(det.getValueNode(), prefix);
            if (detection != null) {
                Matchers.EventPredicate source = logsource(logsource);
                d.matcher = source == null ? detection : Matchers.and(List.of(detection, source));
            }
        } else if (corr != null) {
            d.correlation = new CorrelationDef();
            correlation(d.correlation, corr.getValueNode(), keys.get("generate"), prefix);
        } else {
            problem(map, prefix + "a rule needs a detection section (or a correlation section)");
        }
        return problems.size() > before ? null : d;
    }

    // ------------------------------------------------------------------ metadata helpers

    private Map<String, NodeTuple> keys(MappingNode map, String what) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String k = scalar(t.getKeyNode());
            if (k == null) {
                problem(t.getKeyNode(), "keys of " + what + " must be plain text");
                continue;
            }
            if (out.putIfAbsent(k, t) != null) {
                problem(t.getKeyNode(), "duplicate key '" + k + "' in " + what + " (first at line "
                        + line(out.get(k).getKeyNode()) + ")");
            }
        }
        return out;
    }

    private String string(Map<String, NodeTuple> keys, String key, boolean required) {
        NodeTuple t = keys.get(key);
        if (t == null) {
            if (required) {
                problems.add(new RuleProblem(file, offset + 1, "missing '" + key + "'"));
            }
            return null;
        }
        Node v = t.getValueNode();
        String s = scalar(v);
        if (s == null || isNull(v)) {
            if (required || !isNull(v)) {
                problem(v, "'" + key + "' must be a single text value");
            }
            return null;
        }
        s = s.trim();
        if (s.isEmpty() && required) {
            problem(v, "'" + key + "' is empty");
            return null;
        }
        return s.isEmpty() ? null : s;
    }

    private List<String> strings(Map<String, NodeTuple> keys, String key) {
        NodeTuple t = keys.get(key);
        List<String> out = new ArrayList<>();
        if (t == null || isNull(t.getValueNode())) {
            return out;
        }
        Node v = t.getValueNode();
        if (v instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                String s = scalar(item);
                if (s == null) {
                    problem(item, "'" + key + "' entries must be text");
                } else if (!isNull(item)) {
                    out.add(s);
                }
            }
        } else if (scalar(v) != null) {
            out.add(scalar(v));
        } else {
            problem(v, "'" + key + "' must be a list of text values");
        }
        return out;
    }

    private YaguraAttributes yagura(NodeTuple t, String prefix) {
        if (t == null) {
            return YaguraAttributes.NONE;
        }
        if (!(t.getValueNode() instanceof MappingNode m)) {
            problem(t.getValueNode(), prefix + "yagura must be a mapping (level, category, outcome, attacker, target, "
                    + "aggregate, explain)");
            return YaguraAttributes.NONE;
        }
        Map<String, NodeTuple> k = keys(m, "yagura");
        for (Map.Entry<String, NodeTuple> e : k.entrySet()) {
            if (!YAGURA_KEYS.contains(e.getKey())) {
                problem(e.getValue().getKeyNode(), prefix + "unknown yagura attribute '" + e.getKey() + "' (known: "
                        + "level, category, outcome, attacker, target, aggregate, explain, per, absorbs, stories)");
            }
        }
        Level level = null;
        String lv = string(k, "level", false);
        if (lv != null) {
            try {
                level = Level.parse(lv);
            } catch (IllegalArgumentException bad) {
                problem(k.get("level").getValueNode(), prefix + "yagura.level: " + bad.getMessage());
            }
        }
        Outcome outcome = null;
        String oc = string(k, "outcome", false);
        if (oc != null) {
            try {
                outcome = Outcome.parse(oc);
            } catch (IllegalArgumentException bad) {
                problem(k.get("outcome").getValueNode(), prefix + "yagura.outcome: " + bad.getMessage());
            }
        }
        String per = string(k, "per", false);
        if (per != null && !per.equals(YaguraAttributes.PER_ATTACKER) && !per.equals("attacker-and-target")) {
            problem(k.get("per").getValueNode(), prefix + "yagura.per must be attacker or attacker-and-target, not '"
                    + per + "'");
            per = null;
        }
        return new YaguraAttributes(level, string(k, "category", false), outcome, string(k, "attacker", false),
                string(k, "target", false), string(k, "aggregate", false), string(k, "explain", false), per,
                k.containsKey("absorbs") ? strings(k, "absorbs") : List.of());
    }

    private static Matchers.EventPredicate logsource(Map<String, String> ls) {
        String product = ls.get("product");
        String category = ls.get("category");
        String service = ls.get("service");
        if (product == null && category == null && service == null) {
            return null;
        }
        return new Matchers.Logsource(product, category, service);
    }

    // ------------------------------------------------------------------ detection

    private Matchers.EventPredicate detection(Node node, String prefix) {
        if (!(node instanceof MappingNode map)) {
            problem(node, prefix + "detection must be a mapping of search identifiers and a condition");
            return null;
        }
        int before = problems.size();
        Map<String, Matchers.EventPredicate> selections = new LinkedHashMap<>();
        Node condition = null;
        for (Map.Entry<String, NodeTuple> e : keys(map, "detection").entrySet()) {
            String name = e.getKey();
            Node value = e.getValue().getValueNode();
            if (name.equals("condition")) {
                condition = value;
            } else if (name.equals("timeframe")) {
                problem(e.getValue().getKeyNode(), prefix + "detection.timeframe is not supported: use a correlation "
                        + "rule with a timespan");
            } else {
                Matchers.EventPredicate p = selection(name, value, prefix);
                if (p != null) {
                    selections.put(name, p);
                }
            }
        }
        if (condition == null) {
            problem(map, prefix + "detection has no condition");
            return null;
        }
        if (problems.size() > before) {
            return null;
        }
        List<String> conditions = new ArrayList<>();
        if (condition instanceof SequenceNode seq) {
            for (Node c : seq.getValue()) {
                conditions.add(scalar(c));
            }
        } else {
            conditions.add(scalar(condition));
        }
        List<Matchers.EventPredicate> alternatives = new ArrayList<>();
        for (String c : conditions) {
            if (c == null || isNull(condition)) {
                problem(condition, prefix + "condition must be text (e.g. 'selection and not filter')");
                return null;
            }
            try {
                alternatives.add(ConditionParser.parse(c, selections));
            } catch (ConditionParser.ConditionException bad) {
                problem(condition, prefix + bad.getMessage());
                return null;
            }
        }
        return Matchers.or(alternatives);
    }

    private Matchers.EventPredicate selection(String name, Node value, String prefix) {
        String where = prefix + "selection '" + name + "': ";
        if (value instanceof MappingNode map) {
            return fieldMap(map, where);
        }
        if (value instanceof SequenceNode seq) {
            if (seq.getValue().isEmpty()) {
                problem(seq, where + "empty list");
                return null;
            }
            boolean maps = seq.getValue().stream().allMatch(n -> n instanceof MappingNode);
            boolean scalars = seq.getValue().stream().allMatch(n -> n instanceof ScalarNode);
            if (maps) {
                List<Matchers.EventPredicate> alternatives = new ArrayList<>();
                for (Node n : seq.getValue()) {
                    Matchers.EventPredicate p = fieldMap((MappingNode) n, where);
                    if (p == null) {
                        return null;
                    }
                    alternatives.add(p);
                }
                return Matchers.or(alternatives);
            }
            if (scalars) {
                List<Matchers.StringValue> keywords = new ArrayList<>();
                for (Node n : seq.getValue()) {
                    if (isNull(n)) {
                        problem(n, where + "a keyword cannot be null");
                        return null;
                    }
                    Matchers.StringValue k = keyword(n, where);
                    if (k == null) {
                        return null;
                    }
                    keywords.add(k);
                }
                return new Matchers.Keywords(keywords);
            }
            problem(seq, where + "a list must hold either field maps (alternatives) or keywords, not both");
            return null;
        }
        if (value instanceof ScalarNode && !isNull(value)) {
            Matchers.StringValue k = keyword(value, where);
            return k == null ? null : new Matchers.Keywords(List.of(k));
        }
        problem(value, where + "must be a map of fields, a list of maps, or a list of keywords");
        return null;
    }

    private Matchers.StringValue keyword(Node n, String where) {
        try {
            return Matchers.StringValue.compile(scalar(n), true, true, false);
        } catch (IllegalArgumentException bad) {
            problem(n, where + "keyword: " + bad.getMessage());
            return null;
        }
    }

    private Matchers.EventPredicate fieldMap(MappingNode map, String where) {
        if (map.getValue().isEmpty()) {
            problem(map, where + "empty map");
            return null;
        }
        List<Matchers.EventPredicate> parts = new ArrayList<>();
        int before = problems.size();
        for (Map.Entry<String, NodeTuple> e : keys(map, "selection").entrySet()) {
            Matchers.EventPredicate p = field(e.getKey(), e.getValue(), where);
            if (p != null) {
                parts.add(p);
            }
        }
        return problems.size() > before ? null : Matchers.and(parts);
    }

    private Matchers.EventPredicate field(String key, NodeTuple tuple, String where) {
        Node keyNode = tuple.getKeyNode();
        Node valueNode = tuple.getValueNode();
        String[] parts = key.split("\\|", -1);
        String field = parts[0].trim();
        if (field.isEmpty()) {
            problem(keyNode, where + "'" + key + "': a field name is required before modifiers (keyword modifiers "
                    + "are not supported)");
            return null;
        }
        boolean all = false;
        boolean cased = false;
        String op = null;
        int reFlags = 0;
        Transform tf = new Transform();
        for (int i = 1; i < parts.length; i++) {
            String m = parts[i].trim().toLowerCase(Locale.ROOT);
            switch (m) {
                case "all" -> all = true;
                case "cased" -> cased = true;
                case "windash", "utf16le", "utf16be", "utf16", "wide", "base64", "base64offset" -> {
                    String wrong = tf.add(m, op);
                    if (wrong != null) {
                        problem(keyNode, where + "'" + key + "': " + wrong);
                        return null;
                    }
                }
                case "contains", "startswith", "endswith", "re", "cidr", "gt", "gte", "lt", "lte", "exists",
                     "fieldref" -> {
                    if (op != null) {
                        problem(keyNode, where + "'" + key + "': modifiers '" + op + "' and '" + m
                                + "' cannot be combined");
                        return null;
                    }
                    op = m;
                }
                case "i", "m", "s" -> {
                    if (!"re".equals(op)) {
                        problem(keyNode, where + "'" + key + "': modifier '" + m + "' is only valid after 're'");
                        return null;
                    }
                    reFlags |= m.equals("i") ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE
                            : m.equals("m") ? Pattern.MULTILINE : Pattern.DOTALL;
                }
                default -> {
                    problem(keyNode, where + "'" + key + "': unsupported modifier '" + m + "' (supported: "
                            + SUPPORTED_MODIFIERS + ")");
                    return null;
                }
            }
        }
        String wrong = tf.check(op);
        if (wrong != null) {
            problem(keyNode, where + "'" + key + "': " + wrong);
            return null;
        }
        List<Node> values = new ArrayList<>();
        if (valueNode instanceof SequenceNode seq) {
            values.addAll(seq.getValue());
            if (values.isEmpty()) {
                problem(valueNode, where + "'" + key + "': empty value list");
                return null;
            }
        } else {
            values.add(valueNode);
        }
        for (Node v : values) {
            if (!(v instanceof ScalarNode)) {
                problem(v, where + "'" + key + "': values must be single values or a list of them, not a " + kind(v));
                return null;
            }
        }
        if ("exists".equals(op)) {
            String v = scalar(values.get(0));
            if (values.size() != 1 || !(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) {
                problem(valueNode, where + "'" + key + "': exists takes true or false");
                return null;
            }
            return new Matchers.Exists(field, Boolean.parseBoolean(v.toLowerCase(Locale.ROOT)));
        }
        if ("fieldref".equals(op)) {
            if (tf.first != null) {
                problem(keyNode, where + "'" + key + "': 'fieldref' compares two fields as they are and cannot be "
                        + "combined with '" + tf.first + "'");
                return null;
            }
            List<String> refs = new ArrayList<>();
            for (Node v : values) {
                String ref = isNull(v) ? null : scalar(v).trim();
                if (ref == null || ref.isEmpty()) {
                    problem(v, where + "'" + key + "': fieldref takes the name of another field");
                    return null;
                }
                refs.add(ref);
            }
            return new Matchers.FieldRef(field, refs, all, cased);
        }
        List<Matchers.ValueMatcher> matchers = new ArrayList<>();
        boolean absent = false;
        NetworkTable.Builder<Boolean> cidrs = null;
        for (Node v : values) {
            if (isNull(v)) {
                if (op != null || tf.first != null) {
                    problem(v, where + "'" + key + "': null cannot be used with modifier '"
                            + (op != null ? op : tf.first) + "'");
                    return null;
                }
                absent = true;
                continue;
            }
            String text = scalar(v);
            if (op == null || STRING_OPS.contains(op)) {
                Matchers.ValueMatcher sv = stringValue(v, text, op, cased, tf, where + "'" + key + "': ");
                if (sv == null) {
                    return null;
                }
                matchers.add(sv);
                continue;
            }
            switch (op) {
                case "re" -> {
                    try {
                        matchers.add(new Matchers.RegexValue(Pattern.compile(text, reFlags)));
                    } catch (PatternSyntaxException bad) {
                        problem(v, where + "'" + key + "': invalid regular expression: "
                                + bad.getDescription() + " near index " + bad.getIndex());
                        return null;
                    }
                }
                case "cidr" -> {
                    try {
                        if (all) {
                            matchers.add(new Matchers.CidrValue(
                                    NetworkTable.<Boolean>builder().add(text, Boolean.TRUE).build()));
                        } else {
                            if (cidrs == null) {
                                cidrs = NetworkTable.builder();
                            }
                            cidrs.add(text, Boolean.TRUE);
                        }
                    } catch (IllegalArgumentException bad) {
                        problem(v, where + "'" + key + "': " + bad.getMessage());
                        return null;
                    }
                }
                default -> { // gt gte lt lte
                    try {
                        matchers.add(new Matchers.NumericValue(op, Double.parseDouble(text.trim())));
                    } catch (NumberFormatException bad) {
                        problem(v, where + "'" + key + "': '" + op + "' needs a number, found '" + text + "'");
                        return null;
                    }
                }
            }
        }
        if (cidrs != null) {
            matchers.add(new Matchers.CidrValue(cidrs.build()));
        }
        return new Matchers.FieldCondition(field, matchers, all, absent);
    }

    /**
     * The transformation modifiers of one field, in the order Sigma applies them: {@code windash}
     * (on the text), then one of {@code utf16le/wide/utf16be/utf16} (text to bytes), then
     * {@code base64} or {@code base64offset} (bytes to text); contains/startswith/endswith last.
     */
    private static final class Transform {
        String first;
        boolean windash;
        String encoding;
        String base64;

        /** Records one modifier; returns a problem when it is out of order or repeated. */
        String add(String m, String op) {
            if (first == null) {
                first = m;
            }
            if (m.equals("windash")) {
                if (windash || encoding != null || base64 != null) {
                    return "'windash' must come once, before any encoding modifier";
                }
                windash = true;
            } else if (m.startsWith("base64")) {
                if (base64 != null) {
                    return "modifiers '" + base64 + "' and '" + m + "' cannot be combined";
                }
                if (op != null && STRING_OPS.contains(op)) {
                    return "'" + op + "' must come after '" + m + "' (wildcards cannot be base64-encoded)";
                }
                base64 = m;
            } else {
                if (encoding != null) {
                    return "modifiers '" + encoding + "' and '" + m + "' cannot be combined";
                }
                if (base64 != null) {
                    return "'" + m + "' must come before '" + base64 + "' (the text is encoded, then base64-encoded)";
                }
                encoding = m;
            }
            return null;
        }

        /** Problems of the whole chain, once all modifiers are known. */
        String check(String op) {
            if (first == null) {
                return null;
            }
            if (op != null && !STRING_OPS.contains(op)) {
                return "modifier '" + op + "' cannot be combined with '" + first + "' (only contains, startswith, "
                        + "endswith can)";
            }
            if (encoding != null && base64 == null) {
                return "'" + encoding + "' must be followed by 'base64' or 'base64offset' (Sigma matches the "
                        + "encoded bytes in their base64 form)";
            }
            if (windash && base64 != null) {
                return "'windash' cannot be combined with '" + base64 + "' (not supported)";
            }
            return null;
        }
    }

    /** A string value with its modifiers: plain, contains, startswith, endswith; windash; encodings. */
    private Matchers.ValueMatcher stringValue(Node v, String text, String op, boolean cased, Transform tf,
                                              String where) {
        boolean lead = "contains".equals(op) || "endswith".equals(op);
        boolean trail = "contains".equals(op) || "startswith".equals(op);
        try {
            if (tf.base64 == null) {
                return Matchers.StringValue.compile(text, lead, trail, cased, tf.windash);
            }
            String literal = EncodedValues.literal(text);
            if (literal == null) {
                problem(v, where + "'" + tf.base64 + "' cannot encode wildcards (* or ?): escape them (\\*) or "
                        + "drop the modifier");
                return null;
            }
            if (literal.isEmpty()) {
                problem(v, where + "'" + tf.base64 + "' needs a non-empty value");
                return null;
            }
            byte[] bytes = EncodedValues.bytes(literal, tf.encoding);
            List<String> forms = tf.base64.equals("base64") ? List.of(EncodedValues.base64(bytes))
                    : EncodedValues.base64Offsets(bytes);
            // base64 text is case-significant: always matched as written; base64 has no * ? or \ to escape
            Matchers.ValueMatcher[] out = new Matchers.ValueMatcher[forms.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = Matchers.StringValue.compile(forms.get(i), lead, trail, true);
            }
            return out.length == 1 ? out[0] : new Matchers.AnyOf(out);
        } catch (IllegalArgumentException tooComplex) {
            problem(v, where + tooComplex.getMessage());
            return null;
        }
    }

    // ------------------------------------------------------------------ correlation

    private void correlation(CorrelationDef c, Node node, NodeTuple topGenerate, String prefix) {
        if (!(node instanceof MappingNode map)) {
            problem(node, prefix + "correlation must be a mapping (type, rules, group-by, timespan, condition)");
            return;
        }
        Map<String, NodeTuple> k = keys(map, "correlation");
        for (Map.Entry<String, NodeTuple> e : k.entrySet()) {
            if (!Set.of("type", "rules", "group-by", "timespan", "condition", "aliases", "generate").contains(e.getKey())) {
                problem(e.getValue().getKeyNode(), prefix + "unknown correlation attribute '" + e.getKey()
                        + "' (type, rules, group-by, timespan, condition, aliases, generate)");
            }
        }
        String type = string(k, "type", false);
        if (type == null) {
            problem(map, prefix + "correlation.type is missing (event_count, value_count, temporal, temporal_ordered)");
            return;
        }
        try {
            c.type = CorrelationType.parse(type);
        } catch (IllegalArgumentException bad) {
            problem(k.get("type").getValueNode(), prefix + bad.getMessage());
            return;
        }
        NodeTuple rules = k.get("rules");
        if (rules == null) {
            problem(map, prefix + "correlation.rules is missing (ids or names of the rules to correlate)");
        } else {
            Node rn = rules.getValueNode();
            List<Node> items = rn instanceof SequenceNode seq ? seq.getValue() : List.of(rn);
            for (Node item : items) {
                String ref = scalar(item);
                if (ref == null || isNull(item) || ref.isBlank()) {
                    problem(item, prefix + "correlation.rules entries must be rule ids or names");
                } else if (c.refs.contains(ref.trim())) {
                    problem(item, prefix + "rule '" + ref + "' is listed twice in correlation.rules");
                } else {
                    c.refs.add(ref.trim());
                    c.refLines.add(line(item));
                }
            }
            if (c.refs.isEmpty()) {
                problem(rn, prefix + "correlation.rules is empty");
            }
        }
        NodeTuple gb = k.get("group-by");
        if (gb != null && !isNull(gb.getValueNode())) {
            Node gn = gb.getValueNode();
            List<Node> items = gn instanceof SequenceNode seq ? seq.getValue() : List.of(gn);
            for (Node item : items) {
                String f = scalar(item);
                if (f == null || isNull(item) || f.isBlank()) {
                    problem(item, prefix + "group-by entries must be field or alias names");
                } else {
                    c.groupBy.add(f.trim());
                }
            }
        }
        String ts = string(k, "timespan", false);
        if (ts == null) {
            problem(map, prefix + "correlation.timespan is missing (e.g. 5m; units s, m, h, d)");
        } else {
            Matcher m = TIMESPAN.matcher(ts);
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                problem(k.get("timespan").getValueNode(), prefix + "timespan '" + ts
                        + "' is not a number followed by s, m, h or d (e.g. 90m)");
            } else {
                long n = Long.parseLong(m.group(1));
                long unit = switch (m.group(2)) {
                    case "s" -> 1_000L;
                    case "m" -> 60_000L;
                    case "h" -> 3_600_000L;
                    case "d" -> 86_400_000L;
                    default -> 7 * 86_400_000L;
                };
                c.timespanMillis = n * unit;
                c.timespanText = ts;
            }
        }
        NodeTuple cond = k.get("condition");
        if (cond != null) {
            condition(c, cond.getValueNode(), prefix);
        }
        if (c.type == CorrelationType.EVENT_COUNT || c.type == CorrelationType.VALUE_COUNT) {
            if (cond == null) {
                problem(map, prefix + c.type.label() + " needs a condition (e.g. gte: 10)");
            } else if (c.condition != null && !c.condition.hasLowerBound()) {
                problem(cond.getValueNode(), prefix + "condition with only lt/lte (\"fewer than N\") is not "
                        + "supported: it can only be decided when a timespan ends, and the engine decides when an "
                        + "event arrives (where it would hold at the first event); give gt, gte or eq, or a range "
                        + "such as {gt: 100, lte: 200}");
            }
            if (c.type == CorrelationType.VALUE_COUNT && cond != null && c.valueField == null) {
                problem(cond.getValueNode(), prefix + "value_count needs condition.field (the field whose distinct "
                        + "values are counted)");
            }
        } else if (c.refs.size() < 2 && rules != null) {
            problem(rules.getValueNode(), prefix + c.type.label() + " needs at least two rules");
        }
        NodeTuple al = k.get("aliases");
        if (al != null) {
            c.aliasesLine = line(al.getKeyNode());
            if (!(al.getValueNode() instanceof MappingNode am)) {
                problem(al.getValueNode(), prefix + "aliases must map alias names to {rule name: field}");
            } else {
                keys(am, "aliases").forEach((alias, t) -> {
                    if (!(t.getValueNode() instanceof MappingNode fm)) {
                        problem(t.getValueNode(), prefix + "alias '" + alias + "' must map rule names to fields");
                        return;
                    }
                    Map<String, String> fields = new LinkedHashMap<>();
                    keys(fm, "alias " + alias).forEach((rule, ft) -> {
                        String f = scalar(ft.getValueNode());
                        if (f == null || isNull(ft.getValueNode())) {
                            problem(ft.getValueNode(), prefix + "alias '" + alias + "': field for rule '" + rule
                                    + "' must be a field name");
                        } else {
                            fields.put(rule, f.trim());
                        }
                    });
                    c.aliases.put(alias, fields);
                });
            }
        }
        NodeTuple gen = k.get("generate") != null ? k.get("generate") : topGenerate;
        if (gen != null) {
            String g = scalar(gen.getValueNode());
            if (g == null || !(g.equalsIgnoreCase("true") || g.equalsIgnoreCase("false"))) {
                problem(gen.getValueNode(), prefix + "generate must be true or false");
            } else {
                c.generate = Boolean.parseBoolean(g.toLowerCase(Locale.ROOT));
            }
        }
        c.fingerprint = c.type + "|" + c.refs + "|" + c.groupBy + "|" + c.timespanMillis + "|" + c.condition + "|"
                + c.valueField + "|" + c.aliases;
    }

    private void condition(CorrelationDef c, Node node, String prefix) {
        if (!(node instanceof MappingNode map)) {
            problem(node, prefix + "correlation.condition must be a mapping like {gte: 10}");
            return;
        }
        Long gt = null;
        Long gte = null;
        Long lt = null;
        Long lte = null;
        Long eq = null;
        for (Map.Entry<String, NodeTuple> e : keys(map, "condition").entrySet()) {
            Node v = e.getValue().getValueNode();
            String text = scalar(v);
            if (e.getKey().equals("field")) {
                if (text == null || isNull(v)) {
                    problem(v, prefix + "condition.field must be a field name");
                } else {
                    c.valueField = text.trim();
                }
                continue;
            }
            Long n = null;
            try {
                n = text == null ? null : Long.parseLong(text.trim());
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            if (n == null || n < 0) {
                problem(v, prefix + "condition." + e.getKey() + " must be a non-negative whole number");
                continue;
            }
            switch (e.getKey()) {
                case "gt" -> gt = n;
                case "gte" -> gte = n;
                case "lt" -> lt = n;
                case "lte" -> lte = n;
                case "eq" -> eq = n;
                default -> problem(e.getValue().getKeyNode(), prefix + "unknown condition '" + e.getKey()
                        + "' (gt, gte, lt, lte, eq, field)");
            }
        }
        if (gt == null && gte == null && lt == null && lte == null && eq == null) {
            if (c.type == CorrelationType.EVENT_COUNT || c.type == CorrelationType.VALUE_COUNT) {
                problem(map, prefix + "condition needs one of gt, gte, lt, lte, eq");
            }
            return;
        }
        c.condition = new CountCondition(gt, gte, lt, lte, eq);
    }

    // ------------------------------------------------------------------ node helpers

    private int line(Node n) {
        return n.getStartMark().getLine() + 1 + offset;
    }

    private void problem(Node n, String message) {
        problems.add(new RuleProblem(file, line(n), message));
    }

    private static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    private static String kind(Node n) {
        return n instanceof MappingNode ? "mapping" : n instanceof SequenceNode ? "list" : "single value";
    }
}
