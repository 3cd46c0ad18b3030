package io.yagura.correlation.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.RawEnvelope;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.plugin.ParseResult;
import io.yagura.api.registry.Customer;
import io.yagura.plugin.ciscoasa.CiscoAsaParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared corpus of real ASA lines (public sources, none of them a successful attack)
 * replayed through the parser and the default rules, with what an analyst would say about
 * the incidents it opens: nothing reaches Emergency, blocked traffic stays at Warning at
 * most, informational signatures and greylisted addresses stay Informational. Runs when CI
 * provides the corpus ({@code yagura.shared.samples}).
 */
class SharedCorpusVerdictsTest {

    @Test
    void analystVerdictsOverTheSharedAsaCorpus() throws Exception {
        String dir = System.getProperty("yagura.shared.samples");
        Path corpus = dir == null || dir.isBlank() ? null : Path.of(dir).resolve("cisco-asa.log");
        assumeTrue(corpus != null && Files.isRegularFile(corpus), "shared corpus not present");

        TestContext ctx = new TestContext().customer(new Customer("acme", "ACME",
                List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")));
        CorrelationEngine engine = new CorrelationEngine(Fixtures.defaultRules(), ctx, Fixtures.clock(),
                EngineSettings.defaults());
        CiscoAsaParser parser = new CiscoAsaParser();
        Map<String, Incident> incidents = new LinkedHashMap<>();
        Map<String, List<SecurityEvent>> evidence = new LinkedHashMap<>();
        for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            ParseResult r = parser.parse(new RawEnvelope(Fixtures.NOW.toEpochMilli(), "192.0.2.1", "tcp:5514", "fw",
                    "acme", "cisco-asa", false, line));
            if (!(r instanceof ParseResult.Parsed p)) {
                continue;
            }
            for (SecurityEvent e : p.events()) {
                e.set("customer.id", "acme").set("device.id", "fw").set("yagura.plugin", "cisco-asa"); // the plugin route's stamp
                for (IncidentChange c : engine.process(e)) {
                    ctx.store.put(c.incident().id(), c.incident());
                    incidents.put(c.incident().id(), c.incident());
                    evidence.computeIfAbsent(c.incident().id(), k -> new ArrayList<>()).add(e);
                }
            }
        }
        assertFalse(incidents.isEmpty(), "the corpus has IPS, botnet filter and threat detection lines");
        for (Incident i : incidents.values()) {
            String what = i.level() + " " + i.title() + " " + i.rationale();
            assertTrue(i.level() != Level.EMERGENCY, "no success evidence in the corpus: " + what);
            List<SecurityEvent> seen = evidence.get(i.id());
            boolean onlyBlocked = seen.stream().allMatch(e -> List.of("dropped", "denied", "reset")
                    .contains(e.getString(Ecs.EVENT_ACTION)));
            if (onlyBlocked) {
                assertFalse(i.level().isMoreSevereThan(Level.WARNING), "blocked only: at most Warning: " + what);
            }
            boolean informationalOnly = seen.stream().allMatch(e -> String.valueOf(e.get(Ecs.EVENT_TYPE)).contains("info")
                    || String.valueOf(e.getString(Ecs.EVENT_CODE)).startsWith("3382"));
            if (informationalOnly) {
                assertTrue(i.level() == Level.INFORMATIONAL, "informational signature or greylist only: " + what);
            }
        }
    }
}
