package io.yagura.correlation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.RawEnvelope;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.api.registry.Customer;
import io.yagura.correlation.rules.RuleLoad;
import io.yagura.correlation.rules.RuleSet;
import io.yagura.plugin.ciscoasa.CiscoAsaParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A rough throughput figure, NOT a timing assertion: 200+ rules (the defaults, copied with other ASA
 * message ids, thresholds and names), 200,000 events built from the parsed ASA sample corpus with
 * varied addresses, ports and times, one customer, one thread. Prints events/s. The formal
 * benchmark will be a JMH harness.
 */
class ThroughputTest {

    static final int EVENTS = 200_000;
    static final int CHUNK = 20_000;
    static final Path SAMPLES = Path.of("../../vendor-plugins/cisco-asa/src/test/resources/cisco-asa-samples.log");

    @Test
    void printsEventsPerSecondWith200Rules() throws IOException {
        RuleSet rules = generatedRules(200);
        assertTrue(rules.size() >= 200, "rules: " + rules.size());
        List<SecurityEvent> templates = templates();
        assertTrue(templates.size() > 50, "templates: " + templates.size());

        TestContext ctx = new TestContext().customer(new Customer("acme", "ACME", List.of("10.0.0.0/8", "192.168.0.0/16",
                "198.51.100.0/24", "2001:db8:100::/48")));
        StringBuilder ti = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            ti.append("198.18.").append(i / 250).append('.').append(i % 250).append(",c2\n");
        }
        ti.append("203.0.113.81,c2\nmalware.example.com,malware\n");
        ctx.threatIntel = ThreatIntel.of(Map.of("feed", ti.toString()));
        Fixtures.MutableClock clock = Fixtures.clock();
        CorrelationEngine engine = new CorrelationEngine(rules, ctx, clock, EngineSettings.defaults());

        long t0 = Instant.parse("2024-03-12T08:00:00Z").toEpochMilli();
        // warm-up (not measured)
        for (SecurityEvent e : chunk(templates, 0, CHUNK, t0)) {
            engine.process(e);
        }
        long changes = 0;
        long nanos = 0;
        int done = 0;
        while (done < EVENTS) {
            List<SecurityEvent> batch = chunk(templates, CHUNK + done, CHUNK, t0);
            long start = System.nanoTime();
            for (SecurityEvent e : batch) {
                changes += engine.process(e).size();
            }
            nanos += System.nanoTime() - start;
            done += batch.size();
            if (done % 100_000 == 0) {
                engine.expire();
            }
        }
        double perSecond = done / (nanos / 1e9);
        EngineStats s = engine.stats();
        System.out.printf("Correlation throughput: %d rules (%d detection, %d correlation, %d unindexed), %,d events "
                        + "in %,d ms = %,.0f events/s on one thread; %,d incident changes, %,d rule matches, %,d correlations "
                        + "fired, %,d windows held%n", rules.size(), rules.detectionRules().size(),
                rules.correlationRules().size(), rules.unindexedRules(), done, nanos / 1_000_000, perSecond, changes,
                s.ruleMatches(), s.correlations(), engine.windowCount("acme"));
        assertEquals(EVENTS + CHUNK, s.events(), "every event processed");
    }

    /** The default rules plus copies: other ASA message ids, other thresholds, suffixed ids and names. */
    static RuleSet generatedRules(int atLeast) throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Fixtures.DEFAULT_RULES)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                defaults.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        List<String> names = new ArrayList<>();
        Matcher nm = Pattern.compile("(?m)^name: (\\S+)").matcher(String.join("\n", defaults.values()));
        while (nm.find()) {
            names.add(nm.group(1));
        }
        names.sort(Comparator.comparing(String::length).reversed());
        List<String> codes = new ArrayList<>(new TreeSet<>(CiscoAsaParser.parsedMessageIds()));
        Map<String, String> files = new LinkedHashMap<>(defaults);
        int k = 1;
        while (RuleSet.parse(files).ruleSet().size() < atLeast) {
            for (Map.Entry<String, String> f : defaults.entrySet()) {
                files.put("v" + k + "/" + f.getKey(), vary(f.getValue(), k, names, codes));
            }
            k++;
        }
        RuleLoad load = RuleSet.parse(files);
        assertEquals(List.of(), load.problems(), "generated rules load");
        return load.ruleSet();
    }

    static String vary(String text, int k, List<String> names, List<String> codes) {
        String s = text.replaceAll("(?m)^id: (\\S+)", "id: $1-v" + k);
        for (String n : names) {
            s = s.replaceAll("\\b" + Pattern.quote(n) + "\\b", n + "_v" + k);
        }
        s = s.replaceAll("(?m)^  aggregate: (\\S+)", "  aggregate: $1_v" + k);
        Matcher m = Pattern.compile("'(\\d{6})'").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int i = Math.floorMod(codes.indexOf(m.group(1)) + 37 * k, codes.size());
            m.appendReplacement(out, "'" + codes.get(i) + "'");
        }
        m.appendTail(out);
        Matcher g = Pattern.compile("gte: (\\d+)").matcher(out.toString());
        StringBuilder out2 = new StringBuilder();
        while (g.find()) {
            g.appendReplacement(out2, "gte: " + (Integer.parseInt(g.group(1)) + k));
        }
        g.appendTail(out2);
        return out2.toString();
    }

    /** Parsed events of the ASA sample corpus, with denies and built connections weighted up. */
    static List<SecurityEvent> templates() throws IOException {
        CiscoAsaParser parser = new CiscoAsaParser();
        List<SecurityEvent> out = new ArrayList<>();
        for (String line : Files.readAllLines(SAMPLES)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            ParseResult r = parser.parse(new RawEnvelope(0, "192.0.2.1", "tcp:6514", "fw-01", "acme", "cisco-asa", false,
                    line));
            if (r instanceof ParseResult.Parsed p) {
                p.events().forEach(e -> out.add(e.set("customer.id", "acme").set("device.id", "fw-01").set("yagura.plugin", "cisco-asa")));
            }
        }
        List<SecurityEvent> weighted = new ArrayList<>(out);
        for (SecurityEvent e : out) {
            String code = e.getString("event.code");
            if ("106023".equals(code) || "302013".equals(code) || "302015".equals(code) || "106100".equals(code)) {
                for (int i = 0; i < 5; i++) {
                    weighted.add(e);
                }
            }
        }
        return weighted;
    }

    /** Copies of the templates with varied source address, destination port and increasing device time. */
    static List<SecurityEvent> chunk(List<SecurityEvent> templates, int from, int n, long t0) {
        List<SecurityEvent> out = new ArrayList<>(n);
        for (int i = from; i < from + n; i++) {
            SecurityEvent tpl = templates.get(i % templates.size());
            Map<String, Object> f = new HashMap<>(tpl.fields());
            Object src = f.get("source.ip");
            if (src instanceof String ip && ip.indexOf('.') > 0) {
                f.put("source.ip", ip.substring(0, ip.lastIndexOf('.') + 1) + (i / 7 % 250 + 1));
            }
            if (f.get("destination.port") instanceof Long) {
                f.put("destination.port", (long) (i % 1024));
            }
            f.put("@timestamp", Instant.ofEpochMilli(t0 + i * 5L).toString());
            out.add(SecurityEvent.of(f));
        }
        return out;
    }
}
