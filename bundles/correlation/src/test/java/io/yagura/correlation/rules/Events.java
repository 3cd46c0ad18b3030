package io.yagura.correlation.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yagura.api.event.SecurityEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers to build events and one-rule sets. */
final class Events {

    private Events() {
    }

    /** An event from alternating field names and values. */
    static SecurityEvent ev(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return SecurityEvent.of(m);
    }

    /** Compiles one detection rule from selection lines (indented two spaces) and a condition. */
    static DetectionRule rule(String selections, String condition) {
        String yaml = "title: test rule\nid: test-1\ndetection:\n" + selections + "  condition: " + condition + "\n";
        RuleLoad load = RuleSet.parse("test.yml", yaml);
        assertEquals(0, load.problems().size(), "problems: " + load.problems());
        return load.ruleSet().detectionRules().get(0);
    }

    static RuleLoad load(String yaml) {
        return RuleSet.parse("test.yml", yaml);
    }
}
