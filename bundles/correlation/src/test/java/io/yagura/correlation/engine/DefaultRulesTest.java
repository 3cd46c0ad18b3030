package io.yagura.correlation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.correlation.rules.CorrelationRule;
import io.yagura.correlation.rules.CorrelationType;
import io.yagura.correlation.rules.Rule;
import io.yagura.correlation.rules.RuleSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped rules load cleanly, are documented, and are indexed. */
class DefaultRulesTest {

    @Test
    void defaultRulesLoadAndAreDocumented() {
        RuleSet rules = Fixtures.defaultRules();
        assertTrue(rules.size() >= 20, "rules: " + rules.size());
        for (Rule r : rules.all()) {
            assertNotNull(r.meta().id(), "id of " + r.title());
            assertNotNull(r.meta().name(), "name of " + r.title());
            assertNotNull(r.meta().description(), "description of " + r.title());
            assertFalse(r.meta().tags().isEmpty(), "tags of " + r.title());
        }
        Set<String> names = rules.all().stream().map(r -> r.meta().name()).collect(Collectors.toSet());
        for (String expected : Set.of("asa_ips_signature", "asa_ips_module_block", "asa_sfr_drop", "asa_threat_detection_rate",
                "asa_botnet_dropped", "asa_botnet_monitored", "asa_botnet_monitored_c2", "port_sweep", "host_sweep",
                "bruteforce_logon", "ids_attack_then_callback", "c2_after_infection", "c2_contact")) {
            assertTrue(names.contains(expected), "default rule " + expected);
        }
        CorrelationRule callback = (CorrelationRule) rules.find("ids_attack_then_callback").orElseThrow();
        assertEquals(CorrelationType.TEMPORAL_ORDERED, callback.type());
        assertEquals("source.ip", callback.groupField(1, 0), "victim alias for the allowed connection");
        assertEquals("destination.ip", callback.groupField(1, 1), "attacker alias for the allowed connection");
        assertFalse(rules.find("ids_attack").orElseThrow().generates(), "building block");
        assertTrue(rules.find("asa_ips_signature").orElseThrow().generates());
    }

    @Test
    void everyDefaultDetectionRuleIsIndexed() {
        RuleSet rules = Fixtures.defaultRules();
        assertEquals(0, rules.unindexedRules(), "unindexed rules; index fields " + rules.indexedFields());
        assertTrue(rules.indexedFields().containsKey("event.code"), rules.indexedFields().toString());
    }
}
