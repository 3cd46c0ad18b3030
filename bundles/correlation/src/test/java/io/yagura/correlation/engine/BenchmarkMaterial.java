package io.yagura.correlation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yagura.api.event.RawEnvelope;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
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

/**
 * The material of {@link CorrelationBenchmark}: 200+ rules (the defaults, copied with other ASA
 * message ids, thresholds and names) and events built from the parsed ASA samples with varied
 * addresses, ports and times. Speed is measured by the JMH benchmark, not by a unit test.
 */
final class BenchmarkMaterial {

    static final Path SAMPLES = Path.of("../../vendor-plugins/cisco-asa/src/test/resources/samples/cisco-asa.log");

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
