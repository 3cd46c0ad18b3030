package io.yagura.correlation.rules;

import static io.yagura.correlation.rules.Events.ev;
import static io.yagura.correlation.rules.Events.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.SecurityEvent;
import org.junit.jupiter.api.Test;

/** Condition expressions: and/or/not precedence, parentheses, quantifiers, keywords. */
class ConditionGrammarTest {

    static final String ABC = "  a:\n    f.a: 1\n  b:\n    f.b: 1\n  c:\n    f.c: 1\n";

    static SecurityEvent only(String... fields) {
        Object[] kv = new Object[fields.length * 2];
        for (int i = 0; i < fields.length; i++) {
            kv[2 * i] = fields[i];
            kv[2 * i + 1] = "1";
        }
        return ev(kv);
    }

    @Test
    void andBindsTighterThanOr() {
        DetectionRule r = rule(ABC, "a or b and c");
        assertTrue(r.matches(only("f.a")), "a alone satisfies a or (b and c)");
        assertFalse(r.matches(only("f.b")), "b alone does not");
        assertTrue(r.matches(only("f.b", "f.c")));
    }

    @Test
    void notBindsTighterThanAnd() {
        DetectionRule r = rule(ABC, "not a and b");
        assertTrue(r.matches(only("f.b")), "(not a) and b");
        assertFalse(r.matches(only("f.a", "f.b")));
        assertFalse(r.matches(only()), "not (a and b) would be true here");
    }

    @Test
    void parenthesesOverridePrecedence() {
        DetectionRule r = rule(ABC, "(a or b) and c");
        assertFalse(r.matches(only("f.a")), "a alone is not enough");
        assertTrue(r.matches(only("f.a", "f.c")));
        assertTrue(r.matches(only("f.b", "f.c")));
        DetectionRule nested = rule(ABC, "not (a or (b and not c))");
        assertTrue(nested.matches(only("f.b", "f.c")));
        assertFalse(nested.matches(only("f.b")));
        assertTrue(nested.matches(only()));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        DetectionRule r = rule(ABC, "a AND NOT b");
        assertTrue(r.matches(only("f.a")));
    }

    @Test
    void oneOfAndAllOfPatterns() {
        String sels = "  sel_a:\n    f.a: 1\n  sel_b:\n    f.b: 1\n  other:\n    f.c: 1\n";
        DetectionRule one = rule(sels, "1 of sel_*");
        assertTrue(one.matches(only("f.b")), "1 of sel_*");
        assertFalse(one.matches(only("f.c")), "other is not sel_*");
        DetectionRule all = rule(sels, "all of sel_*");
        assertFalse(all.matches(only("f.a")));
        assertTrue(all.matches(only("f.a", "f.b")), "all of sel_*");
        DetectionRule any = rule(sels, "any of sel_* and other");
        assertTrue(any.matches(only("f.a", "f.c")), "'any of' is '1 of'");
    }

    @Test
    void themExcludesUnderscoreIdentifiers() {
        String sels = "  a:\n    f.a: 1\n  b:\n    f.b: 1\n  _helper:\n    f.h: 1\n";
        DetectionRule one = rule(sels, "1 of them");
        assertTrue(one.matches(only("f.a")));
        assertFalse(one.matches(only("f.h")), "_helper not in them");
        DetectionRule all = rule(sels, "all of them");
        assertTrue(all.matches(only("f.a", "f.b")), "all of them without _helper");
        DetectionRule explicit = rule(sels, "all of them and _helper");
        assertFalse(explicit.matches(only("f.a", "f.b")));
    }

    @Test
    void listOfMapsIsOrAndKeywordsSearchMessageAndOriginal() {
        DetectionRule maps = rule("  sel:\n    - f.a: 1\n      f.b: 1\n    - f.c: 1\n", "sel");
        assertTrue(maps.matches(only("f.a", "f.b")), "first map");
        assertTrue(maps.matches(only("f.c")), "second map");
        assertFalse(maps.matches(only("f.a")));
        DetectionRule kw = rule("  keywords:\n    - 'snork'\n    - 'land attack'\n", "keywords");
        assertTrue(kw.matches(ev("message", "IPS:4051 UDP SNORK attack")), "keyword in message");
        assertTrue(kw.matches(ev("event.original", "%ASA-2-106017: Deny IP due to Land Attack from")),
                "keyword in event.original");
        assertFalse(kw.matches(ev("rule.name", "snork")), "other fields are not searched");
    }

    @Test
    void conditionListIsOr() {
        DetectionRule r = rule(ABC, "\n    - a and b\n    - c");
        assertTrue(r.matches(only("f.c")));
        assertTrue(r.matches(only("f.a", "f.b")));
        assertFalse(r.matches(only("f.a")));
    }

    @Test
    void conditionErrorsNameTheProblem() {
        assertProblem("a and d", "unknown search identifier 'd'");
        assertProblem("(a or b", "missing ')'");
        assertProblem("a or b)", "unexpected ')'");
        assertProblem("a and", "ends too early");
        assertProblem("1 of x_*", "matches no search identifier");
        assertProblem("a | count() > 5", "aggregation expressions");
        assertProblem("a b", "unexpected 'b'");
    }

    private static void assertProblem(String condition, String expected) {
        RuleLoad load = Events.load("title: t\nid: t\ndetection:\n" + ABC + "  condition: " + condition + "\n");
        assertEquals(1, load.problems().size(), condition + " -> " + load.problems());
        assertTrue(load.problems().get(0).message().contains(expected), load.problems().get(0).message());
        assertEquals(10, load.problems().get(0).line(), "line of the condition");
        assertEquals(0, load.ruleSet().size());
    }
}
