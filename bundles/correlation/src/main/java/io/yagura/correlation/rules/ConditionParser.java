package io.yagura.correlation.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses a Sigma condition into a predicate over the named search identifiers.
 *
 * <pre>
 * expr    := or
 * or      := and ( "or" and )*
 * and     := not ( "and" not )*
 * not     := "not" not | primary
 * primary := "(" expr ")" | ("1" | "any" | "all") "of" ( pattern | "them" ) | identifier
 * </pre>
 * Precedence: not binds tighter than and, and tighter than or. Keywords are case-insensitive,
 * identifiers case-sensitive; a pattern may use {@code *} as a wildcard ("selection_*"); "them"
 * means every identifier not starting with an underscore. The obsolete aggregation syntax
 * ({@code | count() > 5}) is rejected: use a correlation rule.
 */
final class ConditionParser {

    /** A condition that cannot be compiled; {@code getMessage()} says why. */
    static final class ConditionException extends Exception {
        private static final long serialVersionUID = 1L;

        ConditionException(String message) {
            super(message);
        }
    }

    private final List<String> tokens;
    private final Map<String, Matchers.EventPredicate> selections;
    private final String text;
    private int pos;

    private ConditionParser(String text, List<String> tokens, Map<String, Matchers.EventPredicate> selections) {
        this.text = text;
        this.tokens = tokens;
        this.selections = selections;
    }

    static Matchers.EventPredicate parse(String condition, Map<String, Matchers.EventPredicate> selections)
            throws ConditionException {
        if (condition.indexOf('|') >= 0) {
            throw new ConditionException("aggregation expressions ('|' in the condition) are obsolete in Sigma and "
                    + "not supported: write a correlation rule (event_count, value_count, ...) instead");
        }
        List<String> tokens = tokenize(condition);
        if (tokens.isEmpty()) {
            throw new ConditionException("empty condition");
        }
        ConditionParser p = new ConditionParser(condition, tokens, selections);
        Matchers.EventPredicate result = p.or();
        if (p.pos < tokens.size()) {
            throw new ConditionException("unexpected '" + tokens.get(p.pos) + "' in condition '" + condition + "'");
        }
        return result;
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != '(' && s.charAt(j) != ')') {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean peekIs(String keyword) {
        String t = peek();
        return t != null && t.equalsIgnoreCase(keyword);
    }

    private Matchers.EventPredicate or() throws ConditionException {
        List<Matchers.EventPredicate> parts = new ArrayList<>();
        parts.add(and());
        while (peekIs("or")) {
            pos++;
            parts.add(and());
        }
        return Matchers.or(parts);
    }

    private Matchers.EventPredicate and() throws ConditionException {
        List<Matchers.EventPredicate> parts = new ArrayList<>();
        parts.add(not());
        while (peekIs("and")) {
            pos++;
            parts.add(not());
        }
        return Matchers.and(parts);
    }

    private Matchers.EventPredicate not() throws ConditionException {
        if (peekIs("not")) {
            pos++;
            return Matchers.not(not());
        }
        return primary();
    }

    private Matchers.EventPredicate primary() throws ConditionException {
        String t = peek();
        if (t == null) {
            throw new ConditionException("condition '" + text + "' ends too early");
        }
        if (t.equals("(")) {
            pos++;
            Matchers.EventPredicate inner = or();
            if (!")".equals(peek())) {
                throw new ConditionException("missing ')' in condition '" + text + "'");
            }
            pos++;
            return inner;
        }
        if (t.equals(")")) {
            throw new ConditionException("unexpected ')' in condition '" + text + "'");
        }
        if (isKeyword(t) && !t.equals("1") && !t.equalsIgnoreCase("all") && !t.equalsIgnoreCase("any")) {
            throw new ConditionException("unexpected '" + t + "' in condition '" + text + "'");
        }
        if ((t.equals("1") || t.equalsIgnoreCase("all") || t.equalsIgnoreCase("any"))
                && pos + 1 < tokens.size() && tokens.get(pos + 1).equalsIgnoreCase("of")) {
            boolean all = t.equalsIgnoreCase("all");
            pos += 2;
            String target = peek();
            if (target == null || target.equals("(") || target.equals(")")) {
                throw new ConditionException("'" + t + " of' needs a search identifier pattern or 'them' in condition '"
                        + text + "'");
            }
            pos++;
            List<Matchers.EventPredicate> picked = new ArrayList<>();
            if (target.equalsIgnoreCase("them")) {
                selections.forEach((name, p) -> {
                    if (!name.startsWith("_")) {
                        picked.add(p);
                    }
                });
            } else {
                Pattern glob = globPattern(target);
                selections.forEach((name, p) -> {
                    if (glob.matcher(name).matches()) {
                        picked.add(p);
                    }
                });
            }
            if (picked.isEmpty()) {
                throw new ConditionException("'" + t + " of " + target + "' matches no search identifier (defined: "
                        + String.join(", ", selections.keySet()) + ")");
            }
            return all ? Matchers.and(picked) : Matchers.or(picked);
        }
        pos++;
        Matchers.EventPredicate p = selections.get(t);
        if (p == null) {
            throw new ConditionException("unknown search identifier '" + t + "' in condition (defined: "
                    + String.join(", ", selections.keySet()) + ")");
        }
        return p;
    }

    private static boolean isKeyword(String t) {
        return t.equalsIgnoreCase("and") || t.equalsIgnoreCase("or") || t.equalsIgnoreCase("not")
                || t.equalsIgnoreCase("of") || t.equalsIgnoreCase("them") || t.equals("1")
                || t.equalsIgnoreCase("all") || t.equalsIgnoreCase("any");
    }

    private static Pattern globPattern(String glob) {
        StringBuilder rx = new StringBuilder();
        String[] parts = glob.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                rx.append(".*");
            }
            rx.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(rx.toString());
    }
}
