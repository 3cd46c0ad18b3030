package io.yagura.correlation.rules;

import io.yagura.api.event.Ecs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Second phase of loading: checks that ids and names are unique, resolves correlation references
 * (by id, then by name, across files), rejects unknown references, alias entries for rules that
 * are not referenced, and reference cycles, then builds the {@link RuleSet}.
 */
final class RuleSetBuilder {

    private RuleSetBuilder() {
    }

    static RuleSet build(List<SigmaParser.Def> parsed, List<RuleProblem> problems) {
        // 1. unique ids and names
        Map<String, SigmaParser.Def> byId = new HashMap<>();
        Map<String, SigmaParser.Def> byName = new HashMap<>();
        List<SigmaParser.Def> defs = new ArrayList<>();
        for (SigmaParser.Def d : parsed) {
            RuleMeta m = d.meta;
            SigmaParser.Def other = m.id() == null ? null : byId.get(m.id());
            if (other != null) {
                problems.add(new RuleProblem(m.file(), m.line(), "duplicate rule id '" + m.id() + "' (already defined at "
                        + other.meta.file() + ":" + other.meta.line() + "); this rule is not loaded"));
                continue;
            }
            other = m.name() == null ? null : byName.get(m.name());
            if (other != null) {
                problems.add(new RuleProblem(m.file(), m.line(), "duplicate rule name '" + m.name() + "' (already defined at "
                        + other.meta.file() + ":" + other.meta.line() + "); this rule is not loaded"));
                continue;
            }
            if (m.id() != null) {
                byId.put(m.id(), d);
            }
            if (m.name() != null) {
                byName.put(m.name(), d);
            }
            defs.add(d);
        }

        // 2. resolve correlation references; drop correlations whose references are missing or broken
        Map<SigmaParser.Def, List<SigmaParser.Def>> refs = new IdentityHashMap<>();
        Set<SigmaParser.Def> dropped = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        boolean changed = true;
        while (changed) {
            changed = false;
            for (SigmaParser.Def d : defs) {
                if (d.correlation == null || dropped.contains(d)) {
                    continue;
                }
                List<SigmaParser.Def> targets = new ArrayList<>();
                String error = null;
                int errorLine = d.meta.line();
                for (int i = 0; i < d.correlation.refs.size(); i++) {
                    String r = d.correlation.refs.get(i);
                    SigmaParser.Def t = byId.containsKey(r) ? byId.get(r) : byName.get(r);
                    if (t == null) {
                        error = "correlation references unknown rule '" + r + "' (no rule has this id or name)";
                    } else if (dropped.contains(t)) {
                        error = "correlation references rule '" + r + "', which is not loaded (see its problem)";
                    } else if (t == d) {
                        error = "correlation references itself";
                    }
                    if (error != null) {
                        errorLine = d.correlation.refLines.get(i);
                        break;
                    }
                    targets.add(t);
                }
                if (error == null) {
                    error = checkAliases(d, targets);
                    if (error != null) {
                        errorLine = d.correlation.aliasesLine;
                    }
                }
                if (error != null) {
                    problems.add(new RuleProblem(d.meta.file(), errorLine, "rule \"" + d.meta.title() + "\": " + error));
                    dropped.add(d);
                    changed = true;
                } else {
                    refs.put(d, targets);
                }
            }
        }

        // 3. cycles, and topological order of correlations (referenced ones first)
        List<SigmaParser.Def> order = new ArrayList<>();
        Map<SigmaParser.Def, Integer> state = new IdentityHashMap<>(); // 1 visiting, 2 done
        for (SigmaParser.Def d : defs) {
            if (d.correlation != null && !dropped.contains(d)) {
                visit(d, refs, state, order, dropped, problems, new ArrayList<>());
            }
        }
        order.removeIf(dropped::contains);
        // a correlation referring to a correlation dropped for a cycle is dropped too
        boolean again = true;
        while (again) {
            again = false;
            for (SigmaParser.Def d : new ArrayList<>(order)) {
                for (SigmaParser.Def t : refs.get(d)) {
                    if (dropped.contains(t) && !dropped.contains(d)) {
                        problems.add(new RuleProblem(d.meta.file(), d.meta.line(), "rule \"" + d.meta.title()
                                + "\": references rule '" + t.meta.key() + "', which is not loaded"));
                        dropped.add(d);
                        again = true;
                    }
                }
            }
            order.removeIf(dropped::contains);
        }

        // 4. who is referenced, and with generate?
        Map<SigmaParser.Def, Boolean> referenced = new IdentityHashMap<>();
        for (SigmaParser.Def c : order) {
            for (SigmaParser.Def t : refs.get(c)) {
                referenced.merge(t, c.correlation.generate, (a, b) -> a || b);
            }
        }

        // 5. build rules: detections first, then correlations in dependency order
        Map<SigmaParser.Def, Rule> built = new IdentityHashMap<>();
        List<DetectionRule> detections = new ArrayList<>();
        int ordinal = 0;
        for (SigmaParser.Def d : defs) {
            if (d.correlation == null) {
                boolean gen = !referenced.containsKey(d) || referenced.get(d);
                DetectionRule r = new DetectionRule(d.meta, d.matcher, ordinal++, gen);
                detections.add(r);
                built.put(d, r);
            }
        }
        List<CorrelationRule> correlations = new ArrayList<>();
        for (SigmaParser.Def d : order) {
            List<Rule> targets = new ArrayList<>();
            for (SigmaParser.Def t : refs.get(d)) {
                targets.add(built.get(t));
            }
            boolean gen = !referenced.containsKey(d) || referenced.get(d);
            CorrelationRule c = correlation(d, targets, ordinal++, gen);
            correlations.add(c);
            built.put(d, c);
        }

        // 6. consumers per rule ordinal
        List<List<RuleSet.Stage>> consumers = new ArrayList<>();
        for (int i = 0; i < ordinal; i++) {
            consumers.add(new ArrayList<>());
        }
        for (CorrelationRule c : correlations) {
            for (int s = 0; s < c.rules().size(); s++) {
                consumers.get(c.rules().get(s).ordinal()).add(new RuleSet.Stage(c, s));
            }
        }
        List<List<RuleSet.Stage>> frozen = new ArrayList<>();
        for (List<RuleSet.Stage> l : consumers) {
            frozen.add(List.copyOf(l));
        }
        return new RuleSet(detections, correlations, frozen);
    }

    private static String checkAliases(SigmaParser.Def d, List<SigmaParser.Def> targets) {
        for (Map.Entry<String, Map<String, String>> a : d.correlation.aliases.entrySet()) {
            for (String ruleRef : a.getValue().keySet()) {
                boolean known = d.correlation.refs.contains(ruleRef);
                for (SigmaParser.Def t : targets) {
                    known |= ruleRef.equals(t.meta.name()) || ruleRef.equals(t.meta.id());
                }
                if (!known) {
                    return "alias '" + a.getKey() + "' names rule '" + ruleRef + "', which is not in correlation.rules";
                }
            }
        }
        return null;
    }

    private static void visit(SigmaParser.Def d, Map<SigmaParser.Def, List<SigmaParser.Def>> refs,
                              Map<SigmaParser.Def, Integer> state, List<SigmaParser.Def> order,
                              Set<SigmaParser.Def> dropped, List<RuleProblem> problems, List<SigmaParser.Def> path) {
        Integer s = state.get(d);
        if (s != null) {
            if (s == 1 && !dropped.contains(d)) {
                List<String> cycle = new ArrayList<>();
                for (int i = path.indexOf(d); i < path.size(); i++) {
                    cycle.add(path.get(i).meta.key());
                }
                cycle.add(d.meta.key());
                for (int i = path.indexOf(d); i < path.size(); i++) {
                    SigmaParser.Def c = path.get(i);
                    if (dropped.add(c)) {
                        problems.add(new RuleProblem(c.meta.file(), c.meta.line(), "rule \"" + c.meta.title()
                                + "\": correlation references form a cycle: " + String.join(" -> ", cycle)));
                    }
                }
            }
            return;
        }
        state.put(d, 1);
        path.add(d);
        for (SigmaParser.Def t : refs.getOrDefault(d, List.of())) {
            if (t.correlation != null) {
                visit(t, refs, state, order, dropped, problems, path);
            }
        }
        path.remove(path.size() - 1);
        state.put(d, 2);
        order.add(d);
    }

    private static CorrelationRule correlation(SigmaParser.Def d, List<Rule> targets, int ordinal, boolean generates) {
        SigmaParser.CorrelationDef c = d.correlation;
        int stages = targets.size();
        int groups = c.groupBy.size();
        String[][] groupFields = new String[stages][groups];
        String[] valueFields = new String[stages];
        for (int s = 0; s < stages; s++) {
            Rule t = targets.get(s);
            String ref = c.refs.get(s);
            for (int g = 0; g < groups; g++) {
                groupFields[s][g] = resolve(c.aliases, c.groupBy.get(g), t, ref);
            }
            valueFields[s] = c.valueField == null ? null : resolve(c.aliases, c.valueField, t, ref);
        }
        CountCondition cond = c.condition;
        if (cond == null) {
            // temporal, temporal_ordered: all referenced rules
            cond = new CountCondition(null, (long) stages, null, null, null);
        }
        YaguraAttributes y = d.meta.yagura();
        Rule first = targets.get(0);
        int attackerGroup = roleGroup(c, groupFields, y.attacker(), defaultRoleField(first, true));
        String attackerField = attackerGroup < 0 ? y.attacker() : null;
        int targetGroup = roleGroup(c, groupFields, y.target(), defaultRoleField(first, false));
        String targetField = targetGroup < 0 ? y.target() : null;
        String stateKey = d.meta.key() + "#" + Integer.toHexString(c.fingerprint.hashCode());
        return new CorrelationRule(d.meta, c.type, targets, c.groupBy, freeze(c.aliases), c.timespanMillis,
                c.timespanText, cond, c.valueField, c.generate, ordinal, generates, stateKey, groupFields,
                valueFields, attackerGroup, attackerField, targetGroup, targetField);
    }

    private static String resolve(Map<String, Map<String, String>> aliases, String name, Rule t, String ref) {
        Map<String, String> a = aliases.get(name);
        if (a == null) {
            return name;
        }
        String f = a.get(ref);
        if (f == null && t.meta().name() != null) {
            f = a.get(t.meta().name());
        }
        if (f == null && t.meta().id() != null) {
            f = a.get(t.meta().id());
        }
        return f == null ? name : f;
    }

    /** Field of a referenced rule's events that holds the attacker (or target) address. */
    private static String defaultRoleField(Rule r, boolean attacker) {
        YaguraAttributes y = r.meta().yagura();
        if (attacker) {
            return y.attacker() != null ? y.attacker() : Ecs.SOURCE_IP;
        }
        return y.target() != null ? y.target() : Ecs.DESTINATION_IP;
    }

    /**
     * Index of the group-by entry holding a role: the one named by the rule's yagura attribute, else
     * the one that resolves, for the first referenced rule, to that rule's attacker/target field.
     */
    private static int roleGroup(SigmaParser.CorrelationDef c, String[][] groupFields, String stated,
                                 String defaultField) {
        if (stated != null) {
            return c.groupBy.indexOf(stated);
        }
        for (int g = 0; g < c.groupBy.size(); g++) {
            if (groupFields[0][g].equals(defaultField)) {
                return g;
            }
        }
        return -1;
    }

    private static Map<String, Map<String, String>> freeze(Map<String, Map<String, String>> aliases) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        aliases.forEach((k, v) -> out.put(k, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        return java.util.Collections.unmodifiableMap(out);
    }
}
