package io.yagura.correlation.rules;

import io.yagura.api.event.SecurityEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the detection rules worth evaluating for an event. Each rule is filed under the one field
 * it requires to equal one of a few constants (its {@link Matchers.Constraint}, chosen by
 * {@link Matchers#rank}: event.code, rule.id, rule.ruleset, rule.name, other fields, then
 * event.action, event.category, yagura.plugin, event.kind); an event looks up its own values of
 * the indexed fields and evaluates only the rules found there plus the few rules without a
 * constraint. With 200 rules an event typically evaluates a handful.
 */
final class RuleIndex {

    private final String[] fields;
    private final List<Map<String, DetectionRule[]>> byValue;
    private final DetectionRule[] unindexed;

    RuleIndex(List<DetectionRule> rules) {
        Map<String, Map<String, List<DetectionRule>>> index = new LinkedHashMap<>();
        List<DetectionRule> rest = new ArrayList<>();
        for (DetectionRule r : rules) {
            Matchers.Constraint c = r.matcher().constraint();
            if (c == null) {
                rest.add(r);
                continue;
            }
            Map<String, List<DetectionRule>> m = index.computeIfAbsent(c.field(), f -> new HashMap<>());
            for (String v : c.values()) {
                m.computeIfAbsent(v, x -> new ArrayList<>()).add(r);
            }
        }
        this.fields = index.keySet().toArray(new String[0]);
        this.byValue = new ArrayList<>();
        for (Map<String, List<DetectionRule>> m : index.values()) {
            Map<String, DetectionRule[]> frozen = new HashMap<>();
            m.forEach((k, v) -> frozen.put(k, v.toArray(new DetectionRule[0])));
            byValue.add(frozen);
        }
        this.unindexed = rest.toArray(new DetectionRule[0]);
    }

    int unindexedCount() {
        return unindexed.length;
    }

    Map<String, Integer> indexedFields() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i++) {
            out.put(fields[i], byValue.get(i).size());
        }
        return out;
    }

    List<DetectionRule> match(SecurityEvent e) {
        List<DetectionRule> out = null;
        for (int i = 0; i < fields.length; i++) {
            Object v = e.get(fields[i]);
            if (v == null) {
                continue;
            }
            Map<String, DetectionRule[]> m = byValue.get(i);
            if (v instanceof List<?> list) {
                for (Object o : list) {
                    if (o != null) {
                        out = evaluate(m.get(key(o)), e, out, true);
                    }
                }
            } else {
                out = evaluate(m.get(key(v)), e, out, false);
            }
        }
        out = evaluate(unindexed, e, out, false);
        if (out == null) {
            return List.of();
        }
        if (out.size() > 1) {
            out.sort((a, b) -> Integer.compare(a.ordinal(), b.ordinal()));
        }
        return out;
    }

    private static String key(Object v) {
        return (v instanceof String s ? s : String.valueOf(v)).toLowerCase(Locale.ROOT);
    }

    private static List<DetectionRule> evaluate(DetectionRule[] rules, SecurityEvent e, List<DetectionRule> out,
                                                boolean dedupe) {
        if (rules == null) {
            return out;
        }
        for (DetectionRule r : rules) {
            if (dedupe && out != null && out.contains(r)) {
                continue;
            }
            if (r.matches(e)) {
                if (out == null) {
                    out = new ArrayList<>(4);
                }
                out.add(r);
            }
        }
        return out;
    }
}
