package io.yagura.correlation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.Incident;
import io.yagura.api.registry.Customer;
import io.yagura.correlation.rules.RuleProblem;
import io.yagura.correlation.rules.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** etc/yagura/assets.yaml: format, problems with lines, reload, and the criticality in events and rationale. */
class AssetFileTest {

    static final String GOOD = """
            # assets per customer
            acme:
              - address: 10.20.0.0/16
                criticality: medium
                name: Server network
              - {address: 10.20.5.10, criticality: high, name: Mail server}
              - address: 2001:db8:100::/48
                criticality: LOW
            globex:
              - address: 10.20.5.10
                criticality: low
            initech:
            """;

    @TempDir
    Path dir;

    private static List<RuleProblem> problems(String text) {
        AssetFile.Load load = AssetFile.parse("assets.yaml", text);
        assertTrue(load.assets().isEmpty(), "a file with problems yields no assets");
        return load.problems();
    }

    private static void touch(Path f, String text, String time) throws Exception {
        Files.writeString(f, text);
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse(time)));
    }

    @Test
    void parsesCustomersAddressesNetworksAndNames() {
        AssetFile.Load load = AssetFile.parse("assets.yaml", GOOD);
        assertEquals(List.of(), load.problems());
        AssetCriticality a = load.assets();
        assertEquals(4, a.size(), "entries");
        assertEquals(2, a.customers(), "initech has none");
        assertEquals(new AssetCriticality.Asset(AssetCriticality.Criticality.HIGH, "Mail server"),
                a.asset("acme", "10.20.5.10").orElseThrow(), "most specific wins");
        assertEquals(AssetCriticality.Criticality.MEDIUM, a.lookup("acme", "10.20.9.9").orElseThrow());
        assertEquals(AssetCriticality.Criticality.LOW, a.lookup("acme", "2001:db8:100::7").orElseThrow(), "IPv6");
        assertEquals(AssetCriticality.Criticality.LOW, a.lookup("globex", "10.20.5.10").orElseThrow(), "per customer");
        assertTrue(a.lookup("acme", "192.0.2.1").isEmpty());
        assertTrue(a.lookup("initech", "10.20.5.10").isEmpty());
    }

    @Test
    void emptyOrCommentOnlyFileMeansNoAssetsAndNoProblem() {
        assertEquals(List.of(), AssetFile.parse("assets.yaml", "").problems());
        assertEquals(List.of(), AssetFile.parse("assets.yaml", "# nothing yet\n").problems());
    }

    @Test
    void problemsCarryFileAndLine() {
        assertEquals(List.of(new RuleProblem("assets.yaml", 4, "customer 'acme': 'mailserver' is not an IP address "
                + "or CIDR network (expected an address such as 192.0.2.1 or a network such as 10.0.0.0/8 or "
                + "2001:db8::/32; host names are never resolved)")), problems("acme:\n  - address: 10.0.0.1\n    criticality: high\n"
                + "  - address: mailserver\n    criticality: high\n"));
        RuleProblem crit = problems("acme:\n  - address: 10.0.0.1\n    criticality: vital\n").get(0);
        assertEquals(3, crit.line(), "line of the criticality");
        assertTrue(crit.message().contains("unknown criticality 'vital'"), crit.message());
        RuleProblem dup = problems("acme:\n  - {address: 10.0.0.1, criticality: high}\n"
                + "  - {address: 10.0.0.1, criticality: low}\n").get(0);
        assertEquals(3, dup.line());
        assertTrue(dup.message().contains("listed twice (first at line 2)"), dup.message());
        RuleProblem key = problems("acme:\n  - {address: 10.0.0.1, criticality: high, owner: bob}\n").get(0);
        assertTrue(key.message().contains("unknown key 'owner'"), key.message());
        RuleProblem missing = problems("acme:\n  - {address: 10.0.0.1}\n").get(0);
        assertEquals(2, missing.line());
        assertTrue(missing.message().contains("needs an address and a criticality"), missing.message());
        RuleProblem syntax = problems("acme:\n  - address: [10.0.0.1\n    criticality: high\n").get(0);
        assertTrue(syntax.message().startsWith("YAML syntax error"), syntax.message());
        assertTrue(syntax.line() >= 2, "line " + syntax.line());
        assertTrue(problems("- 10.0.0.1\n").get(0).message().contains("must map customer ids"));
        assertTrue(problems("acme: 10.0.0.1\n").get(0).message().contains("a list of assets"));
        assertTrue(problems("acme:\n  - 10.0.0.1\n").get(0).message().contains("each asset is a mapping"));
        assertTrue(problems("acme:\n  - {address: [a, b], criticality: high}\n").get(0).message()
                .contains("address must be a single value"));
        assertEquals(2, problems("acme: &a\n  - {address: 10.0.0.1, criticality: high}\nacme: *a\n").size()
                + problems("acme:\n  - {address: 10.0.0.1/40, criticality: high}\n").size(),
                "duplicate customer key and a bad prefix");
    }

    @Test
    void hostileFilesAreReportedNotFatal() {
        String bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                + "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n";
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertFalse(problems(bomb).isEmpty(), "alias bomb"));
        StringBuilder many = new StringBuilder("acme:\n");
        for (int i = 0; i < 20_000; i++) {
            many.append("  - {address: 10.").append(i / 256 % 256).append('.').append(i % 256)
                    .append(".1, criticality: high}\n");
        }
        many.append("  - {address: 10.0.0.1, criticality: high}\n");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            List<RuleProblem> p = problems(many.toString());
            assertEquals(1, p.size(), "the one repeat among 20,001 entries");
            assertEquals(20_002, p.get(0).line());
        });
        assertTrue(problems("acme:\n  - {address: '" + "9".repeat(100_000) + "', criticality: high}\n").get(0)
                .message().contains("not an IP address"), "huge address");
    }

    @Test
    void reloadKeepsThePreviousAssetsWhenTheFileBreaks() throws Exception {
        Path f = dir.resolve("assets.yaml");
        AssetFile file = AssetFile.load(f);
        assertTrue(file.current().isEmpty(), "missing file: no assets");
        assertEquals(List.of(), file.problems(), "a missing file is not a problem");
        assertFalse(file.reloadIfChanged(), "still missing");

        touch(f, "acme:\n  - {address: 10.0.0.0/8, criticality: high}\n", "2030-01-01T00:00:00Z");
        assertTrue(file.reloadIfChanged(), "created");
        AssetCriticality good = file.current();
        assertEquals(AssetCriticality.Criticality.HIGH, good.lookup("acme", "10.1.2.3").orElseThrow());
        assertFalse(file.reloadIfChanged(), "unchanged");

        touch(f, "acme:\n  - {address: 10.0.0.0/8, criticality: high}\n  - {address: nope, criticality: low}\n",
                "2030-01-01T00:01:00Z");
        assertTrue(file.reloadIfChanged(), "read, but broken");
        assertSame(good, file.current(), "previous assets stay in force");
        assertEquals(List.of(new RuleProblem("assets.yaml", 3, "customer 'acme': 'nope' is not an IP address "
                + "or CIDR network (expected an address such as 192.0.2.1 or a network such as 10.0.0.0/8 or "
                + "2001:db8::/32; host names are never resolved)")), file.problems());
        assertFalse(file.reloadIfChanged(), "a broken file is not re-read (nor re-logged) until it changes");

        touch(f, "acme:\n  - {address: 10.0.0.0/8, criticality: low}\n", "2030-01-01T00:02:00Z");
        assertTrue(file.reloadIfChanged(), "fixed");
        assertEquals(List.of(), file.problems());
        assertEquals(AssetCriticality.Criticality.LOW, file.current().lookup("acme", "10.1.2.3").orElseThrow());

        Files.delete(f);
        assertTrue(file.reloadIfChanged(), "deleted");
        assertTrue(file.current().isEmpty(), "deleting the file removes the assets");
    }

    @Test
    void criticalityReachesTheEventAndTheRationale() throws Exception {
        Path f = dir.resolve("assets.yaml");
        touch(f, GOOD, "2030-01-01T00:00:00Z");
        AssetFile file = AssetFile.load(f);
        TestContext ctx = new TestContext().customer(new Customer("acme", "ACME", List.of("10.0.0.0/8")));
        RuleSet rules = RuleSet.parse("r.yml", """
                title: Denied SMB
                id: denied-smb
                detection:
                  sel:
                    event.action: denied
                    destination.port: 445
                  high:
                    yagura.destination.criticality: high
                  condition: sel and high
                level: high
                """).ruleSet();
        CorrelationEngine engine = new CorrelationEngine(rules, ctx, Fixtures.clock(), EngineSettings.defaults());
        ctx.assets = file.current();
        SecurityEvent mail = deny("10.20.5.10");
        List<IncidentChange> changes = engine.process(mail);
        assertEquals("high", mail.getString("yagura.destination.criticality"), "event field");
        assertEquals(1, changes.size(), "the rule tests the criticality");
        Incident i = changes.get(0).incident();
        assertTrue(i.rationale().stream().anyMatch(s -> s.equals("Target 10.20.5.10 (Mail server) is a "
                + "high-criticality asset.")), i.rationale().toString());

        SecurityEvent other = deny("10.20.7.7");
        assertTrue(engine.process(other).isEmpty(), "medium: the rule does not fire");
        assertEquals("medium", other.getString("yagura.destination.criticality"));

        touch(f, "acme:\n  - {address: 10.20.7.7, criticality: high}\n", "2030-01-01T00:05:00Z");
        assertTrue(file.reloadIfChanged());
        ctx.assets = file.current();
        assertEquals(1, engine.process(deny("10.20.7.7")).size(), "after reload the asset is high");
    }

    @Test
    void shippedExampleFileLoadsAndItsExampleIsValid() throws Exception {
        Path shipped = Path.of("../../karaf-assembly/src/main/resources/assembly/etc/yagura/assets.yaml");
        String text = Files.readString(shipped);
        assertEquals(List.of(), AssetFile.parse("assets.yaml", text).problems(), "as shipped");
        assertTrue(AssetFile.parse("assets.yaml", text).assets().isEmpty(), "ships without assets");
        String example = text.substring(text.indexOf("# acme:")).replaceAll("(?m)^# ?", "");
        AssetFile.Load load = AssetFile.parse("assets.yaml", example);
        assertEquals(List.of(), load.problems(), "the commented example, uncommented");
        assertEquals(5, load.assets().size(), "four for acme, one for globex");
    }

    private static SecurityEvent deny(String target) {
        return Asa.parse("acme", "<164>2024-03-12T10:00:00Z fw : %ASA-4-106023: Deny tcp src outside:203.0.113.60/40000 "
                + "dst inside:" + target + "/445 by access-group \"outside_access_in\" [0x0, 0x0]");
    }
}
