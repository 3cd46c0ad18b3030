package io.yagura.correlation.rules;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.format.net.NetworkTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The compiled form of Sigma detections: predicates over one {@link SecurityEvent}, built once at
 * load time (patterns compiled, values lower-cased, CIDR tables built), evaluated without
 * allocation on the common paths. Each predicate can also state an index {@link Constraint}: a field
 * whose value must be one of a few constants for the predicate to hold.
 */
final class Matchers {

    private Matchers() {
    }

    /** Something true or false of one event. */
    interface EventPredicate {
        boolean test(SecurityEvent e);

        /** Every known necessary condition "field ∈ values" (values lower-cased); empty when none. */
        default List<Constraint> constraints() {
            return List.of();
        }

        /** The most selective of {@link #constraints()}, or null. */
        default Constraint constraint() {
            Constraint best = null;
            for (Constraint c : constraints()) {
                best = better(best, c);
            }
            return best;
        }
    }

    /** "field must equal one of values" (case-insensitive); used to index rules. */
    record Constraint(String field, Set<String> values) {
    }

    static final EventPredicate TRUE = e -> true;

    // ------------------------------------------------------------------ boolean structure

    static EventPredicate and(List<EventPredicate> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return new And(parts.toArray(new EventPredicate[0]));
    }

    static EventPredicate or(List<EventPredicate> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return new Or(parts.toArray(new EventPredicate[0]));
    }

    static EventPredicate not(EventPredicate p) {
        return new Not(p);
    }

    static final class And implements EventPredicate {
        final EventPredicate[] parts;

        And(EventPredicate[] parts) {
            this.parts = parts;
        }

        @Override
        public boolean test(SecurityEvent e) {
            for (EventPredicate p : parts) {
                if (!p.test(e)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public List<Constraint> constraints() {
            // each part's necessary conditions are necessary for the conjunction
            List<Constraint> all = new ArrayList<>();
            for (EventPredicate p : parts) {
                all.addAll(p.constraints());
            }
            return all;
        }
    }

    static final class Or implements EventPredicate {
        final EventPredicate[] parts;

        Or(EventPredicate[] parts) {
            this.parts = parts;
        }

        @Override
        public boolean test(SecurityEvent e) {
            for (EventPredicate p : parts) {
                if (p.test(e)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public List<Constraint> constraints() {
            // a field constrained in every alternative is constrained by the disjunction, with the union of
            // the values (per alternative the narrowest of its constraints on that field)
            Map<String, Set<String>> common = null;
            for (EventPredicate p : parts) {
                Map<String, Set<String>> mine = new LinkedHashMap<>();
                for (Constraint c : p.constraints()) {
                    Set<String> prev = mine.get(c.field());
                    if (prev == null || c.values().size() < prev.size()) {
                        mine.put(c.field(), c.values());
                    }
                }
                if (common == null) {
                    common = new LinkedHashMap<>();
                    for (Map.Entry<String, Set<String>> e : mine.entrySet()) {
                        common.put(e.getKey(), new HashSet<>(e.getValue()));
                    }
                } else {
                    common.keySet().retainAll(mine.keySet());
                    for (Map.Entry<String, Set<String>> e : common.entrySet()) {
                        e.getValue().addAll(mine.get(e.getKey()));
                    }
                }
                if (common.isEmpty()) {
                    return List.of();
                }
            }
            List<Constraint> out = new ArrayList<>();
            if (common != null) {
                common.forEach((f, v) -> out.add(new Constraint(f, Set.copyOf(v))));
            }
            return out;
        }
    }

    static final class Not implements EventPredicate {
        final EventPredicate inner;

        Not(EventPredicate inner) {
            this.inner = inner;
        }

        @Override
        public boolean test(SecurityEvent e) {
            return !inner.test(e);
        }
    }

    /** Index preference: lower is more selective. Fields that nearly every event has come last. */
    static int rank(String field) {
        switch (field) {
            case Ecs.EVENT_CODE:
                return 0;
            case Ecs.RULE_ID:
                return 1;
            case Ecs.RULE_RULESET:
                return 2;
            case Ecs.RULE_NAME:
                return 3;
            case Ecs.EVENT_ACTION:
                return 5;
            case Ecs.EVENT_CATEGORY:
                return 6;
            case Ecs.YAGURA_PLUGIN:
                return 7;
            case Ecs.EVENT_KIND:
            case Ecs.EVENT_OUTCOME:
            case Ecs.NETWORK_DIRECTION:
            case Ecs.NETWORK_TRANSPORT:
                return 8;
            default:
                if (field.startsWith("observer.") || field.equals(Ecs.CUSTOMER_ID) || field.equals(Ecs.DEVICE_ID)) {
                    return 8;
                }
                return 4;
        }
    }

    static Constraint better(Constraint a, Constraint b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int ra = rank(a.field());
        int rb = rank(b.field());
        if (ra != rb) {
            return ra < rb ? a : b;
        }
        return b.values().size() < a.values().size() ? b : a;
    }

    // ------------------------------------------------------------------ field conditions

    /** One value test on one scalar (String, Number, Boolean). */
    interface ValueMatcher {
        boolean matches(Object value);

        /** The lower-cased constant when this is a plain case-insensitive equality, else null. */
        default String plainValue() {
            return null;
        }
    }

    /**
     * {@code field|modifiers: values}: any value matches (or all with {@code |all}); list-valued event
     * fields (event.category) match when one element does. A null among the values matches an absent
     * field.
     */
    static final class FieldCondition implements EventPredicate {
        final String field;
        final ValueMatcher[] matchers;
        final boolean all;
        final boolean matchesAbsent;

        FieldCondition(String field, List<ValueMatcher> matchers, boolean all, boolean matchesAbsent) {
            this.field = field;
            this.matchers = matchers.toArray(new ValueMatcher[0]);
            this.all = all;
            this.matchesAbsent = matchesAbsent;
        }

        @Override
        public boolean test(SecurityEvent e) {
            Object v = e.get(field);
            if (v == null) {
                return matchesAbsent && (!all || matchers.length == 0);
            }
            if (all) {
                for (ValueMatcher m : matchers) {
                    if (!one(m, v)) {
                        return false;
                    }
                }
                return matchers.length > 0;
            }
            for (ValueMatcher m : matchers) {
                if (one(m, v)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean one(ValueMatcher m, Object v) {
            if (v instanceof List<?> list) {
                for (Object o : list) {
                    if (o != null && m.matches(o)) {
                        return true;
                    }
                }
                return false;
            }
            return m.matches(v);
        }

        @Override
        public List<Constraint> constraints() {
            if (matchesAbsent || matchers.length == 0) {
                return List.of();
            }
            Set<String> values = new HashSet<>();
            for (ValueMatcher m : matchers) {
                String p = m.plainValue();
                if (p == null) {
                    return List.of();
                }
                values.add(p);
                if (all) {
                    break; // with |all every value must be present: any one of them is necessary
                }
            }
            return List.of(new Constraint(field, Set.copyOf(values)));
        }
    }

    /** {@code field|exists: true|false}. */
    static final class Exists implements EventPredicate {
        final String field;
        final boolean expected;

        Exists(String field, boolean expected) {
            this.field = field;
            this.expected = expected;
        }

        @Override
        public boolean test(SecurityEvent e) {
            return e.has(field) == expected;
        }
    }

    /**
     * {@code field|fieldref: other} — the field's value equals the value of another field of the same
     * event (case-insensitive unless {@code |cased}); with several references any one (with
     * {@code |all} every one). An absent field on either side does not match.
     */
    static final class FieldRef implements EventPredicate {
        final String field;
        final List<String> references;
        final boolean all;
        final boolean cased;

        FieldRef(String field, List<String> references, boolean all, boolean cased) {
            this.field = field;
            this.references = List.copyOf(references);
            this.all = all;
            this.cased = cased;
        }

        @Override
        public boolean test(SecurityEvent e) {
            Object v = e.get(field);
            if (v == null) {
                return false;
            }
            for (String ref : references) {
                boolean equal = equal(v, e.get(ref));
                if (all && !equal) {
                    return false;
                }
                if (!all && equal) {
                    return true;
                }
            }
            return all;
        }

        private boolean equal(Object a, Object b) {
            if (b == null) {
                return false;
            }
            if (a instanceof List<?> list) {
                return list.stream().anyMatch(x -> x != null && equal(x, b));
            }
            if (b instanceof List<?> list) {
                return list.stream().anyMatch(y -> y != null && equal(a, y));
            }
            return cased ? text(a).equals(text(b)) : text(a).equalsIgnoreCase(text(b));
        }
    }

    static String text(Object v) {
        return v instanceof String s ? s : String.valueOf(v);
    }

    /** Sigma string matching with wildcards, case-insensitive unless {@code |cased}. */
    static final class StringValue implements ValueMatcher {
        enum Kind { EQUALS, CONTAINS, STARTS, ENDS, GLOB }

        final Kind kind;
        final String literal;
        final Pattern glob;
        final boolean cased;

        private StringValue(Kind kind, String literal, Pattern glob, boolean cased) {
            this.kind = kind;
            this.literal = literal;
            this.glob = glob;
            this.cased = cased;
        }

        /** Longest sequence of wildcards, escapes and dash positions a value may compile to (regex depth). */
        static final int MAX_TOKENS = 512;
        /** A {@code |windash} position: any of - / and the dashes U+2013, U+2014, U+2015. */
        static final Object DASH = new Object() {
            @Override
            public String toString() {
                return "[-/\u2013\u2014\u2015]";
            }
        };
        private static final Pattern WINDASH = Pattern.compile("(?<!\\w)[-/](?=\\w)", Pattern.UNICODE_CHARACTER_CLASS);

        /**
         * A Sigma value as literal runs (String) and wildcards (Character {@code *} or {@code ?}):
         * {@code \*}, {@code \?} and {@code \\} are the literal characters, any other backslash is literal.
         */
        static List<Object> tokenize(String sigma) {
            List<Object> tokens = new ArrayList<>();
            StringBuilder run = new StringBuilder();
            for (int i = 0; i < sigma.length(); i++) {
                char c = sigma.charAt(i);
                if (c == '\\' && i + 1 < sigma.length()
                        && (sigma.charAt(i + 1) == '*' || sigma.charAt(i + 1) == '?' || sigma.charAt(i + 1) == '\\')) {
                    run.append(sigma.charAt(++i));
                } else if (c == '*' || c == '?') {
                    if (run.length() > 0) {
                        tokens.add(run.toString());
                        run.setLength(0);
                    }
                    tokens.add(c);
                } else {
                    run.append(c);
                }
            }
            if (run.length() > 0) {
                tokens.add(run.toString());
            }
            return tokens;
        }

        static StringValue compile(String sigma, boolean leadingStar, boolean trailingStar, boolean cased) {
            return compile(sigma, leadingStar, trailingStar, cased, false);
        }

        /**
         * Compiles a Sigma value. {@code *} and {@code ?} are wildcards, {@code \*}, {@code \?} and
         * {@code \\} their literal forms; {@code contains/startswith/endswith} add the implied stars.
         * With {@code windash}, a - or / that starts a word (not preceded by a letter or digit, followed by
         * one) matches any of - / – — ―, as Sigma's windash modifier expands it.
         *
         * @throws IllegalArgumentException when the value has more than {@link #MAX_TOKENS} wildcards or
         *         dash positions
         */
        static StringValue compile(String sigma, boolean leadingStar, boolean trailingStar, boolean cased,
                                   boolean windash) {
            List<Object> tokens = new ArrayList<>(); // String literal runs, Character '*' / '?', DASH
            if (leadingStar) {
                tokens.add('*');
            }
            for (Object o : tokenize(sigma)) {
                if (windash && o instanceof String lit) {
                    splitDashes(lit, tokens);
                } else {
                    tokens.add(o);
                }
            }
            if (trailingStar) {
                tokens.add('*');
            }
            // collapse runs of '*'
            List<Object> t = new ArrayList<>();
            for (Object o : tokens) {
                if (o.equals('*') && !t.isEmpty() && t.get(t.size() - 1).equals('*')) {
                    continue;
                }
                t.add(o);
            }
            boolean lead = !t.isEmpty() && t.get(0).equals('*');
            boolean trail = t.size() > 1 && t.get(t.size() - 1).equals('*');
            if (t.size() > MAX_TOKENS) {
                throw new IllegalArgumentException("value has more than " + MAX_TOKENS
                        + " wildcards, escapes or dash positions");
            }
            List<Object> middle = t.subList(lead ? 1 : 0, t.size() - (trail ? 1 : 0));
            if (middle.isEmpty()) {
                // "*" alone matches anything; "" matches the empty string
                return lead ? new StringValue(Kind.CONTAINS, "", null, cased) : new StringValue(Kind.EQUALS, "", null, cased);
            }
            if (middle.size() == 1 && middle.get(0) instanceof String lit) {
                String l = cased ? lit : lit.toLowerCase(Locale.ROOT);
                Kind k = lead && trail ? Kind.CONTAINS : lead ? Kind.ENDS : trail ? Kind.STARTS : Kind.EQUALS;
                return new StringValue(k, l, null, cased);
            }
            StringBuilder rx = new StringBuilder();
            for (Object o : t) {
                if (o instanceof String lit) {
                    rx.append(Pattern.quote(lit));
                } else if (o.equals('*')) {
                    rx.append(".*");
                } else if (o == DASH) {
                    rx.append(DASH);
                } else {
                    rx.append('.');
                }
            }
            int flags = Pattern.DOTALL | (cased ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            return new StringValue(Kind.GLOB, null, Pattern.compile(rx.toString(), flags), cased);
        }

        private static void splitDashes(String lit, List<Object> tokens) {
            java.util.regex.Matcher m = WINDASH.matcher(lit);
            int from = 0;
            while (m.find()) {
                if (m.start() > from) {
                    tokens.add(lit.substring(from, m.start()));
                }
                tokens.add(DASH);
                from = m.end();
            }
            if (from < lit.length()) {
                tokens.add(lit.substring(from));
            }
        }

        @Override
        public boolean matches(Object value) {
            String s = text(value);
            switch (kind) {
                case EQUALS:
                    return cased ? s.equals(literal) : s.equalsIgnoreCase(literal);
                case CONTAINS:
                    return cased ? s.contains(literal) : containsIgnoreCase(s, literal);
                case STARTS:
                    return s.regionMatches(!cased, 0, literal, 0, literal.length());
                case ENDS:
                    return s.length() >= literal.length()
                            && s.regionMatches(!cased, s.length() - literal.length(), literal, 0, literal.length());
                default:
                    return glob.matcher(s).matches();
            }
        }

        @Override
        public String plainValue() {
            return kind == Kind.EQUALS && !cased ? literal : null;
        }
    }

    static boolean containsIgnoreCase(String haystack, String needle) {
        int n = needle.length();
        if (n == 0) {
            return true;
        }
        int last = haystack.length() - n;
        char first = needle.charAt(0);
        char firstUpper = Character.toUpperCase(first);
        for (int i = 0; i <= last; i++) {
            char c = haystack.charAt(i);
            if ((c == first || Character.toLowerCase(c) == first || Character.toUpperCase(c) == firstUpper)
                    && haystack.regionMatches(true, i, needle, 0, n)) {
                return true;
            }
        }
        return false;
    }

    /** Several forms of one value (e.g. the three of {@code |base64offset}): any of them matches. */
    record AnyOf(ValueMatcher[] forms) implements ValueMatcher {
        @Override
        public boolean matches(Object value) {
            for (ValueMatcher m : forms) {
                if (m.matches(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code |re} (unanchored, Java regex syntax; flags from {@code |re|i}, {@code |re|m}, {@code |re|s}). */
    record RegexValue(Pattern pattern) implements ValueMatcher {
        @Override
        public boolean matches(Object value) {
            return pattern.matcher(text(value)).find();
        }
    }

    /** {@code |cidr}: the value is an IPv4/IPv6 address inside one of the networks. */
    record CidrValue(NetworkTable<Boolean> networks) implements ValueMatcher {
        @Override
        public boolean matches(Object value) {
            return networks.contains(text(value));
        }
    }

    /** {@code |gt |gte |lt |lte}: numeric comparison; a non-numeric value never matches. */
    record NumericValue(String op, double bound) implements ValueMatcher {
        @Override
        public boolean matches(Object value) {
            double v;
            if (value instanceof Number n) {
                v = n.doubleValue();
            } else {
                try {
                    v = Double.parseDouble(text(value).trim());
                } catch (NumberFormatException notANumber) {
                    return false;
                }
            }
            return switch (op) {
                case "gt" -> v > bound;
                case "gte" -> v >= bound;
                case "lt" -> v < bound;
                default -> v <= bound;
            };
        }
    }

    // ------------------------------------------------------------------ keywords and logsource

    /** Fields that Sigma keywords are searched in: the message text and the raw line. */
    static final String[] KEYWORD_FIELDS = {Ecs.MESSAGE, Ecs.EVENT_ORIGINAL};

    /** A keyword list: any keyword (a contains-match, wildcards allowed) in message or event.original. */
    static final class Keywords implements EventPredicate {
        final StringValue[] keywords;

        Keywords(Collection<StringValue> keywords) {
            this.keywords = keywords.toArray(new StringValue[0]);
        }

        @Override
        public boolean test(SecurityEvent e) {
            for (String f : KEYWORD_FIELDS) {
                Object v = e.get(f);
                if (v != null) {
                    for (StringValue k : keywords) {
                        if (k.matches(v)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }

    /**
     * Sigma logsource over Yagura events: {@code product} equals yagura.plugin, observer.product or
     * observer.vendor (case-insensitive; "cisco" also matches plugin "cisco-asa"); {@code category}
     * is one of event.category or equals observer.type; {@code service} equals event.dataset when the
     * event has one.
     */
    static final class Logsource implements EventPredicate {
        final String product;
        final String category;
        final String service;

        Logsource(String product, String category, String service) {
            this.product = product;
            this.category = category;
            this.service = service;
        }

        @Override
        public boolean test(SecurityEvent e) {
            if (product != null) {
                String plugin = e.getString(Ecs.YAGURA_PLUGIN);
                boolean ok = product.equalsIgnoreCase(plugin)
                        || (plugin != null && plugin.length() > product.length()
                            && plugin.charAt(product.length()) == '-'
                            && plugin.regionMatches(true, 0, product, 0, product.length()))
                        || product.equalsIgnoreCase(e.getString(Ecs.OBSERVER_PRODUCT))
                        || product.equalsIgnoreCase(e.getString(Ecs.OBSERVER_VENDOR));
                if (!ok) {
                    return false;
                }
            }
            if (category != null) {
                boolean ok = category.equalsIgnoreCase(e.getString(Ecs.OBSERVER_TYPE));
                if (!ok && e.get(Ecs.EVENT_CATEGORY) instanceof List<?> cats) {
                    for (Object c : cats) {
                        if (c != null && category.equalsIgnoreCase(c.toString())) {
                            ok = true;
                            break;
                        }
                    }
                } else if (!ok) {
                    ok = category.equalsIgnoreCase(e.getString(Ecs.EVENT_CATEGORY));
                }
                if (!ok) {
                    return false;
                }
            }
            if (service != null) {
                String ds = e.getString("event.dataset");
                return ds == null || service.equalsIgnoreCase(ds);
            }
            return true;
        }
    }
}
