package io.yagura.correlation.rules;

import static io.yagura.correlation.rules.Events.ev;
import static io.yagura.correlation.rules.Events.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Sigma value matching: plain values, wildcards and every supported modifier. */
class SigmaModifierTest {

    @Test
    void plainValueIsCaseInsensitiveEquality() {
        DetectionRule r = rule("  sel:\n    event.action: Denied\n", "sel");
        assertTrue(r.matches(ev("event.action", "denied")), "event.action denied");
        assertTrue(r.matches(ev("event.action", "DENIED")), "event.action DENIED");
        assertFalse(r.matches(ev("event.action", "denied-by-acl")), "no substring match without wildcard");
        assertFalse(r.matches(ev("source.ip", "192.0.2.1")), "absent field");
    }

    @Test
    void listOfValuesIsOr() {
        DetectionRule r = rule("  sel:\n    event.code:\n      - '420002'\n      - 420003\n", "sel");
        assertTrue(r.matches(ev("event.code", "420003")), "event.code 420003 (YAML int)");
        assertTrue(r.matches(ev("event.code", "420002")));
        assertFalse(r.matches(ev("event.code", "420001")));
    }

    @Test
    void numberValueMatchesANumericEventField() {
        DetectionRule r = rule("  sel:\n    destination.port: 445\n", "sel");
        assertTrue(r.matches(ev("destination.port", 445L)), "destination.port Long 445");
        assertTrue(r.matches(ev("destination.port", "445")), "destination.port text 445");
        assertFalse(r.matches(ev("destination.port", 4450L)));
    }

    @Test
    void fieldsOfOneSelectionAreAnded() {
        DetectionRule r = rule("  sel:\n    event.kind: alert\n    event.action: alert\n", "sel");
        assertTrue(r.matches(ev("event.kind", "alert", "event.action", "alert")));
        assertFalse(r.matches(ev("event.kind", "alert", "event.action", "dropped")));
    }

    @Test
    void listValuedEventFieldMatchesAnyElement() {
        DetectionRule r = rule("  sel:\n    event.category: intrusion_detection\n", "sel");
        assertTrue(r.matches(ev("event.category", List.of("network", "intrusion_detection"))), "event.category list");
        assertFalse(r.matches(ev("event.category", List.of("network"))));
    }

    @Test
    void wildcardsStarAndQuestionMarkAndTheirEscapes() {
        DetectionRule star = rule("  sel:\n    rule.name: 'UDP * attack'\n", "sel");
        assertTrue(star.matches(ev("rule.name", "UDP Snork attack")), "rule.name with *");
        assertTrue(star.matches(ev("rule.name", "udp bomb ATTACK")));
        assertFalse(star.matches(ev("rule.name", "TCP Snork attack")));
        DetectionRule one = rule("  sel:\n    event.code: '40000?'\n", "sel");
        assertTrue(one.matches(ev("event.code", "400007")), "? matches one character");
        assertFalse(one.matches(ev("event.code", "4000071")));
        DetectionRule escaped = rule("  sel:\n    message: 'a\\*b'\n", "sel");
        assertTrue(escaped.matches(ev("message", "a*b")), "escaped star is literal");
        assertFalse(escaped.matches(ev("message", "axxb")));
    }

    @Test
    void containsStartswithEndswith() {
        DetectionRule c = rule("  sel:\n    message|contains: 'snork'\n", "sel");
        assertTrue(c.matches(ev("message", "IPS:4051 UDP Snork attack from")), "contains, case-insensitive");
        assertFalse(c.matches(ev("message", "IPS:2003 ICMP redirect")));
        DetectionRule s = rule("  sel:\n    url.original|startswith: '/admin'\n", "sel");
        assertTrue(s.matches(ev("url.original", "/ADMIN/login.php")), "startswith");
        assertFalse(s.matches(ev("url.original", "/index.php?x=/admin")));
        DetectionRule e = rule("  sel:\n    destination.domain|endswith: '.example.net'\n", "sel");
        assertTrue(e.matches(ev("destination.domain", "c2.Example.NET")), "endswith");
        assertFalse(e.matches(ev("destination.domain", "example.net.evil.org")));
        DetectionRule w = rule("  sel:\n    message|contains: 'deny*outside'\n", "sel");
        assertTrue(w.matches(ev("message", "x Deny tcp src outside:1")), "contains with an inner wildcard");
    }

    @Test
    void containsAllRequiresEveryValue() {
        DetectionRule r = rule("  sel:\n    message|contains|all:\n      - union\n      - select\n", "sel");
        assertTrue(r.matches(ev("message", "id=1 UNION SELECT password")), "both present");
        assertFalse(r.matches(ev("message", "id=1 union all")), "one missing");
        DetectionRule cats = rule("  sel:\n    event.category|all:\n      - network\n      - malware\n", "sel");
        assertTrue(cats.matches(ev("event.category", List.of("network", "malware"))), "all over a list field");
        assertFalse(cats.matches(ev("event.category", List.of("network"))));
    }

    @Test
    void regexIsUnanchoredAndCaseSensitiveUnlessI() {
        DetectionRule r = rule("  sel:\n    message|re: 'Deny \\w+ src outside'\n", "sel");
        assertTrue(r.matches(ev("message", "%ASA: Deny tcp src outside:203.0.113.1/1")), "re finds");
        assertFalse(r.matches(ev("message", "deny tcp src outside")), "re is case-sensitive");
        DetectionRule i = rule("  sel:\n    message|re|i: '^deny'\n", "sel");
        assertTrue(i.matches(ev("message", "DENY tcp")), "re|i");
    }

    @Test
    void cidrMatchesIpv4AndIpv6Networks() {
        DetectionRule r = rule("  sel:\n    source.ip|cidr:\n      - 203.0.113.0/24\n      - 2001:db8::/32\n", "sel");
        assertTrue(r.matches(ev("source.ip", "203.0.113.77")), "inside 203.0.113.0/24");
        assertTrue(r.matches(ev("source.ip", "2001:db8:1::25")), "inside 2001:db8::/32");
        assertTrue(r.matches(ev("source.ip", "::ffff:203.0.113.5")), "IPv4-mapped IPv6");
        assertFalse(r.matches(ev("source.ip", "198.51.100.1")));
        assertFalse(r.matches(ev("source.ip", "2001:db9::1")));
        assertFalse(r.matches(ev("source.ip", "not-an-ip")));
    }

    @Test
    void numericComparisons() {
        assertTrue(rule("  sel:\n    destination.port|gt: 1023\n", "sel").matches(ev("destination.port", 1024L)), "gt");
        assertFalse(rule("  sel:\n    destination.port|gt: 1023\n", "sel").matches(ev("destination.port", 1023L)));
        assertTrue(rule("  sel:\n    destination.port|gte: 1023\n", "sel").matches(ev("destination.port", 1023L)), "gte");
        assertTrue(rule("  sel:\n    destination.port|lt: 1024\n", "sel").matches(ev("destination.port", "80")), "lt on text");
        assertFalse(rule("  sel:\n    destination.port|lt: 1024\n", "sel").matches(ev("destination.port", 1024L)));
        assertTrue(rule("  sel:\n    network.bytes|lte: 10.5\n", "sel").matches(ev("network.bytes", 10L)), "lte");
        assertFalse(rule("  sel:\n    network.bytes|lte: 10\n", "sel").matches(ev("network.bytes", "ten")),
                "not a number never matches");
    }

    @Test
    void nullMatchesAnAbsentField() {
        DetectionRule r = rule("  sel:\n    event.action: logon-failed\n  nosrc:\n    source.ip: null\n", "sel and not nosrc");
        assertTrue(r.matches(ev("event.action", "logon-failed", "source.ip", "203.0.113.98")), "source.ip set");
        assertFalse(r.matches(ev("event.action", "logon-failed")), "source.ip absent");
        DetectionRule orNull = rule("  sel:\n    user.name:\n      - null\n      - root\n", "sel");
        assertTrue(orNull.matches(ev("x", "y")), "null in a list: absent");
        assertTrue(orNull.matches(ev("user.name", "root")));
        assertFalse(orNull.matches(ev("user.name", "alice")));
    }

    @Test
    void existsAndCased() {
        DetectionRule ex = rule("  sel:\n    rule.id|exists: true\n", "sel");
        assertTrue(ex.matches(ev("rule.id", "4051")), "exists true");
        assertFalse(ex.matches(ev("rule.name", "x")));
        DetectionRule notEx = rule("  sel:\n    rule.id|exists: false\n", "sel");
        assertTrue(notEx.matches(ev("rule.name", "x")), "exists false");
        DetectionRule cased = rule("  sel:\n    user.name|cased: Root\n", "sel");
        assertTrue(cased.matches(ev("user.name", "Root")), "cased equal");
        assertFalse(cased.matches(ev("user.name", "root")), "cased differs");
    }

    @Test
    void emptyStringMatchesOnlyEmpty() {
        DetectionRule r = rule("  sel:\n    user.name: ''\n", "sel");
        assertTrue(r.matches(ev("user.name", "")));
        assertFalse(r.matches(ev("user.name", "x")));
        assertFalse(r.matches(ev("x", "y")), "absent is not empty");
    }

    @Test
    void logsourceProductAndCategoryFilterEvents() {
        RuleLoad load = Events.load("title: t\nid: t\nlogsource:\n  product: cisco\n  category: firewall\n"
                + "detection:\n  sel:\n    event.action: denied\n  condition: sel\n");
        DetectionRule r = load.ruleSet().detectionRules().get(0);
        assertTrue(r.matches(ev("event.action", "denied", "yagura.plugin", "cisco-asa", "observer.type", "firewall")),
                "product cisco matches plugin cisco-asa, category firewall matches observer.type");
        assertFalse(r.matches(ev("event.action", "denied", "yagura.plugin", "fortinet", "observer.type", "firewall")));
        assertFalse(r.matches(ev("event.action", "denied", "yagura.plugin", "cisco-asa", "observer.type", "waf")));
    }

    @Test
    void unsupportedModifierIsAProblemWithItsLine() {
        RuleLoad load = Events.load("title: t\nid: t\ndetection:\n  sel:\n    message|expand|contains: x\n"
                + "  condition: sel\n");
        assertEquals(0, load.ruleSet().size());
        assertEquals(1, load.problems().size());
        RuleProblem p = load.problems().get(0);
        assertEquals("test.yml", p.file(), "file");
        assertEquals(5, p.line(), "line of the field key");
        assertTrue(p.message().contains("unsupported modifier 'expand'"), p.message());
    }

    /** A host that answers itself (source = destination: a spoofed LAND packet), written with fieldref. */
    @Test
    void fieldrefComparesTwoFieldsOfTheSameEvent() {
        DetectionRule land = rule("  sel:\n    source.ip|fieldref: destination.ip\n", "sel");
        assertTrue(land.matches(ev("source.ip", "192.0.2.7", "destination.ip", "192.0.2.7")));
        assertFalse(land.matches(ev("source.ip", "192.0.2.7", "destination.ip", "192.0.2.8")));
        assertFalse(land.matches(ev("source.ip", "192.0.2.7")), "the referenced field is absent");
        DetectionRule user = rule("  sel:\n    user.name|fieldref: user.target.name\n", "sel");
        assertTrue(user.matches(ev("user.name", "Admin", "user.target.name", "admin")), "case-insensitive by default");
        DetectionRule cased = rule("  sel:\n    user.name|fieldref|cased: user.target.name\n", "sel");
        assertFalse(cased.matches(ev("user.name", "Admin", "user.target.name", "admin")), "|cased");
        DetectionRule any = rule("  sel:\n    source.ip|fieldref:\n      - destination.ip\n      - source.nat.ip\n", "sel");
        assertTrue(any.matches(ev("source.ip", "10.0.0.1", "destination.ip", "10.0.0.2", "source.nat.ip", "10.0.0.1")));
        DetectionRule every = rule("  sel:\n    source.ip|fieldref|all:\n      - destination.ip\n      - source.nat.ip\n",
                "sel");
        assertFalse(every.matches(ev("source.ip", "10.0.0.1", "destination.ip", "10.0.0.2", "source.nat.ip", "10.0.0.1")));
        RuleLoad combined = Events.load("title: t\nid: t\ndetection:\n  sel:\n    source.ip|fieldref|contains: x\n"
                + "  condition: sel\n");
        assertTrue(combined.problems().get(0).message().contains("cannot be combined"), combined.problems().toString());
    }

    @Test
    void invalidRegexAndCidrAndNumberAreProblems() {
        RuleLoad re = Events.load("title: t\nid: t\ndetection:\n  sel:\n    message|re: '(unclosed'\n  condition: sel\n");
        assertTrue(re.problems().get(0).message().contains("invalid regular expression"), re.problems().toString());
        RuleLoad cidr = Events.load("title: t\nid: t\ndetection:\n  sel:\n    source.ip|cidr: 10.0.0.0/33\n  condition: sel\n");
        assertTrue(cidr.problems().get(0).message().contains("prefix length 33"), cidr.problems().toString());
        RuleLoad num = Events.load("title: t\nid: t\ndetection:\n  sel:\n    destination.port|gt: many\n  condition: sel\n");
        assertTrue(num.problems().get(0).message().contains("needs a number"), num.problems().toString());
        assertEquals(5, num.problems().get(0).line(), "line of the value");
    }
}
