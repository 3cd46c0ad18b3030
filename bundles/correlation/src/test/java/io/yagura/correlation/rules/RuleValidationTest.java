package io.yagura.correlation.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A broken rule is reported with file, line and message; the other rules still load. */
class RuleValidationTest {

    static final String GOOD_1 = """
            title: Good one
            id: good-1
            detection:
              sel:
                event.code: '420002'
              condition: sel
            level: high
            """;
    static final String GOOD_2 = """
            title: Good two
            id: good-2
            detection:
              sel:
                event.code: '434002'
              condition: sel
            """;

    static RuleProblem single(RuleLoad load) {
        assertEquals(1, load.problems().size(), "problems: " + load.problems());
        return load.problems().get(0);
    }

    @Test
    void brokenRuleBetweenGoodOnesIsReportedWithFileAndLine() {
        String broken = """
                title: Broken
                id: broken-1
                detection:
                  sel:
                    event.code|sortof: '1'
                  condition: sel
                """;
        RuleLoad load = RuleSet.parse("asa.yml", GOOD_1 + "---\n" + broken + "---\n" + GOOD_2);
        RuleProblem p = single(load);
        assertEquals("asa.yml", p.file(), "file");
        assertEquals(13, p.line(), "line: GOOD_1 has 7 lines, the separator 1, the key is on line 5 of the document");
        assertTrue(p.message().contains("rule \"Broken\": selection 'sel': 'event.code|sortof': unsupported modifier 'sortof'"),
                p.message());
        assertEquals(List.of("good-1", "good-2"), load.ruleSet().all().stream().map(Rule::key).toList(), "others loaded");
    }

    @Test
    void yamlSyntaxErrorInOneDocumentKeepsTheOthers() {
        String bad = "title: Bad\nid: bad\ndetection:\n  sel: [unclosed\n  condition: sel\n";
        RuleLoad load = RuleSet.parse("x.yml", GOOD_1 + "---\n" + bad + "---\n" + GOOD_2);
        RuleProblem p = single(load);
        assertTrue(p.message().startsWith("YAML syntax error"), p.message());
        assertTrue(p.line() >= 12 && p.line() <= 15, "line inside the broken document: " + p.line());
        assertEquals(2, load.ruleSet().size());
    }

    @Test
    void missingPartsAreReported() {
        assertTrue(single(RuleSet.parse("a.yml", "id: x\ndetection:\n  s:\n    a: 1\n  condition: s\n")).message()
                .contains("missing 'title'"));
        assertTrue(single(RuleSet.parse("a.yml", "title: t\ndetection:\n  s:\n    a: 1\n  condition: s\n")).message()
                .contains("needs an id"));
        assertTrue(single(RuleSet.parse("a.yml", "title: t\nid: x\n")).message().contains("needs a detection section"));
        assertTrue(single(RuleSet.parse("a.yml", "title: t\nid: x\ndetection:\n  s:\n    a: 1\n")).message()
                .contains("no condition"));
        assertTrue(single(RuleSet.parse("a.yml", "- just\n- a list\n")).message().contains("must be a YAML mapping"));
    }

    @Test
    void badLevelStatusAndYaguraAttributesAreReportedOnTheirLine() {
        String base = "title: t\nid: x\ndetection:\n  s:\n    a: 1\n  condition: s\n";
        RuleProblem level = single(RuleSet.parse("a.yml", base + "level: severe\n"));
        assertEquals(7, level.line());
        assertTrue(level.message().contains("unknown level 'severe'"), level.message());
        RuleProblem status = single(RuleSet.parse("a.yml", base + "status: beta\n"));
        assertTrue(status.message().contains("unknown status 'beta'"), status.message());
        RuleProblem y = single(RuleSet.parse("a.yml", base + "yagura:\n  levle: emergency\n"));
        assertEquals(8, y.line());
        assertTrue(y.message().contains("unknown yagura attribute 'levle'"), y.message());
        RuleProblem yl = single(RuleSet.parse("a.yml", base + "yagura:\n  level: severe\n"));
        assertTrue(yl.message().contains("yagura.level"), yl.message());
        RuleProblem yo = single(RuleSet.parse("a.yml", base + "yagura:\n  outcome: maybe\n"));
        assertTrue(yo.message().contains("unknown outcome 'maybe'"), yo.message());
        RuleProblem dup = single(RuleSet.parse("a.yml", base + "level: high\nlevel: low\n"));
        assertTrue(dup.message().contains("duplicate key 'level'"), dup.message());
    }

    @Test
    void yaguraAttributesAreRead() {
        RuleLoad load = RuleSet.parse("a.yml", GOOD_1 + "yagura:\n  level: emergency\n  category: malware\n"
                + "  outcome: success\n  attacker: destination.ip\n  target: source.ip\n  aggregate: c2\n"
                + "  explain: Why.\ntags:\n  - attack.t1071\nfalsepositives:\n  - none\n");
        assertEquals(0, load.problems().size(), load.problems().toString());
        RuleMeta m = load.ruleSet().detectionRules().get(0).meta();
        assertEquals(io.yagura.api.incident.Level.EMERGENCY, m.yagura().level());
        assertEquals(Outcome.SUCCESS, m.yagura().outcome());
        assertEquals("malware", m.yagura().category());
        assertEquals("destination.ip", m.yagura().attacker());
        assertEquals("c2", load.ruleSet().detectionRules().get(0).aggregationId());
        assertEquals(List.of("attack.t1071"), m.tags());
        assertEquals("high", m.level());
        assertEquals(1, m.line());
    }

    @Test
    void duplicateIdIsReportedAndTheFirstKept() {
        RuleLoad load = RuleSet.parse(Map.of("a.yml", GOOD_1, "b.yml", GOOD_1.replace("Good one", "Copy")));
        RuleProblem p = single(load);
        assertTrue(p.message().contains("duplicate rule id 'good-1'"), p.message());
        assertEquals(1, load.ruleSet().size());
    }

    @Test
    void correlationProblems() {
        RuleProblem unknown = single(RuleSet.parse("c.yml", GOOD_1 + "---\n" + """
                title: Many
                id: many
                correlation:
                  type: event_count
                  rules:
                    - good-1
                    - nope
                  group-by: [source.ip]
                  timespan: 5m
                  condition: {gte: 3}
                """));
        assertEquals(15, unknown.line(), "line of the unknown reference");
        assertTrue(unknown.message().contains("unknown rule 'nope'"), unknown.message());

        assertTrue(single(RuleSet.parse("c.yml", GOOD_1 + "---\ntitle: M\nid: m\ncorrelation:\n  type: value_count\n"
                + "  rules: [good-1]\n  group-by: [source.ip]\n  timespan: 5m\n  condition: {gte: 3}\n"))
                .message().contains("needs condition.field"));
        assertTrue(single(RuleSet.parse("c.yml", GOOD_1 + "---\ntitle: M\nid: m\ncorrelation:\n  type: event_count\n"
                + "  rules: [good-1]\n  timespan: 5m\n  condition: {lt: 3}\n")).message().contains("only lt/lte"));
        assertTrue(single(RuleSet.parse("c.yml", GOOD_1 + "---\ntitle: M\nid: m\ncorrelation:\n  type: event_count\n"
                + "  rules: [good-1]\n  timespan: 5 minutes\n  condition: {gte: 3}\n")).message().contains("timespan"));
        assertTrue(single(RuleSet.parse("c.yml", GOOD_1 + "---\ntitle: M\nid: m\ncorrelation:\n  type: sequence\n"
                + "  rules: [good-1]\n  timespan: 5m\n")).message().contains("unknown correlation type 'sequence'"));
        assertTrue(single(RuleSet.parse("c.yml", GOOD_1 + "---\ntitle: M\nid: m\ncorrelation:\n  type: temporal\n"
                + "  rules: [good-1]\n  timespan: 5m\n")).message().contains("at least two rules"));
        assertTrue(single(RuleSet.parse("c.yml", GOOD_1 + GOOD_2.replace("title: Good two\nid: good-2\n", "---\ntitle: G2\nid: good-2\n")
                + "---\ntitle: M\nid: m\ncorrelation:\n  type: temporal\n  rules: [good-1, good-2]\n  timespan: 5m\n"
                + "  group-by: [h]\n  aliases:\n    h:\n      good-3: source.ip\n")).message()
                .contains("alias 'h' names rule 'good-3'"));
    }

    @Test
    void correlationCycleIsRejected() {
        RuleLoad load = RuleSet.parse("c.yml", GOOD_1 + "---\n"
                + "title: A\nid: ca\ncorrelation:\n  type: temporal\n  rules: [good-1, cb]\n  timespan: 5m\n---\n"
                + "title: B\nid: cb\ncorrelation:\n  type: temporal\n  rules: [good-1, ca]\n  timespan: 5m\n");
        assertEquals(2, load.problems().size(), load.problems().toString());
        assertTrue(load.problems().get(0).message().contains("cycle"), load.problems().toString());
        assertEquals(1, load.ruleSet().size(), "only the detection rule");
    }

    @Test
    void correlationAgainstABrokenRuleIsDroppedToo() {
        RuleLoad load = RuleSet.parse("c.yml", "title: B\nid: b\ndetection:\n  s:\n    x|nope: 1\n  condition: s\n---\n"
                + "title: M\nid: m\ncorrelation:\n  type: event_count\n  rules: [b]\n  timespan: 5m\n  condition: {gte: 2}\n");
        assertEquals(2, load.problems().size(), load.problems().toString());
        assertTrue(load.problems().get(1).message().contains("unknown rule 'b'"), load.problems().toString());
    }

    @Test
    void referencesResolveByIdOrNameAcrossFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("base.yml", GOOD_1.replace("id: good-1", "id: good-1\nname: drop_seen"));
        files.put("corr.yml", "title: M\nid: m\ncorrelation:\n  type: event_count\n  rules: [drop_seen]\n"
                + "  group-by: [source.ip]\n  timespan: 5m\n  condition: {gte: 2}\n");
        RuleLoad load = RuleSet.parse(files);
        assertEquals(0, load.problems().size(), load.problems().toString());
        CorrelationRule c = load.ruleSet().correlationRules().get(0);
        assertEquals("good-1", c.rules().get(0).key());
        assertTrue(!load.ruleSet().find("drop_seen").orElseThrow().generates(), "referenced, generate false: no own incidents");
        assertTrue(c.generates());
        assertEquals(0, c.attackerGroup(), "group-by source.ip is the attacker");
        assertNotNull(load.ruleSet().find("m").orElse(null));
    }
}
