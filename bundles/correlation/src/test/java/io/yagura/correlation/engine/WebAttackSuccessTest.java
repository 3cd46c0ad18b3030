package io.yagura.correlation.engine;

import static io.yagura.correlation.engine.WebTraffic.ATTACKER;
import static io.yagura.correlation.engine.WebTraffic.SERVER;
import static io.yagura.correlation.engine.WebTraffic.alert;
import static io.yagura.correlation.engine.WebTraffic.request;
import static io.yagura.correlation.engine.WebTraffic.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.registry.Customer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped rules on web stories: proof of success raises the attack's incident, look-alikes do not. */
class WebAttackSuccessTest {

    private final TestContext ctx = new TestContext().customer(new Customer("acme", "ACME",
            List.of("10.0.0.0/8", "198.51.100.0/24")));
    private final Fixtures.MutableClock clock = Fixtures.clock();
    private final CorrelationEngine engine = new CorrelationEngine(Fixtures.defaultRules(), ctx, clock,
            EngineSettings.defaults());

    private void replay(SecurityEvent... events) {
        for (SecurityEvent e : events) {
            clock.set(java.time.Instant.parse(e.getString("@timestamp")));
            for (IncidentChange c : engine.process(e)) {
                ctx.store.put(c.incident().id(), c.incident());
            }
        }
    }

    private Incident only() {
        assertEquals(1, ctx.store.size(), "one story, one incident: " + ctx.store.values());
        return ctx.store.values().iterator().next();
    }

    @Test
    void booleanInferenceRaisesTheInjectionIncidentToEmergencyAndSaysWhy() {
        String url = "/news.php?id=7%27%20AND%20ASCII(SUBSTRING(password,1,1))>77--";
        replay(alert(ATTACKER, url, "sql-injection", 200, 0));
        assertEquals(Level.CRITICAL, only().proposedLevel(), "an injection answered normally: success likely");
        for (int i = 0; i < 6; i++) {
            replay(request(ATTACKER, url, 200, i % 2 == 0 ? 8120 : 412, 5 + i));
        }
        Incident i = only();
        assertEquals(Level.EMERGENCY, i.proposedLevel());
        assertEquals(List.of(ATTACKER), i.attackers());
        assertEquals(List.of(SERVER), i.targets());
        String rationale = String.join(" ", i.rationale());
        assertTrue(rationale.contains("web_attack_success") || rationale.contains("Web attack proven successful"), rationale);
        assertTrue(rationale.contains("exactly two sizes") && rationale.contains("/news.php"), rationale);
    }

    @Test
    void dataSentToTheAttackerAfterTheAttackIsExfiltration() {
        replay(alert(ATTACKER, "/shop/item?id=1 UNION SELECT username,password FROM users", "sql-injection", 200, 0),
                session(SERVER, ATTACKER, 64_000_000, 21_000, 0, 610));
        Incident i = only();
        assertEquals(Level.EMERGENCY, i.proposedLevel());
        assertTrue(String.join(" ", i.rationale()).contains("64,000,000 bytes"), i.rationale().toString());
    }

    @Test
    void lookAlikesLeaveTheAttackCritical() {
        replay(alert(ATTACKER, "/search?q=%3Cscript%3E", "xss", 200, 0));
        long[] sizes = {5200, 18_400, 412, 9300, 31_000, 7700, 412, 14_100};
        for (int i = 0; i < sizes.length; i++) {
            replay(request(ATTACKER, "/search?q=shoes" + i, 200, sizes[i], 5 + i));
        }
        replay(session("192.0.2.170", SERVER, 700, 650_000_000, 80_000, 60),
                session(SERVER, "192.0.2.80", 500, 300_000_000, 60_000, 120));
        assertEquals(Level.CRITICAL, only().proposedLevel());
    }
}
