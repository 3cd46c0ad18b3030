package io.yagura.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.agent.AgentDirectory.AgentStatus;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.IncidentChanges;
import io.yagura.api.incident.Level;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A silent customer-site agent is one Critical device-silence incident of its customer, closed when it is back. */
class AgentSilenceTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void aSilentAgentOpensOneIncidentWhichClosesWhenTheAgentIsBack() throws Exception {
        Platform p = new Platform();
        AgentSilence silence = new AgentSilence(p.faultIncidents());
        AgentStatus heard = new AgentStatus("acme-tokyo", "acme", true, T0, false);
        AgentStatus silent = new AgentStatus("acme-tokyo", "acme", false, T0, true);

        silence.check(List.of(heard), T0);
        assertTrue(silence.openIncidents().isEmpty(), "a connected agent is no fault");

        silence.check(List.of(silent), T0.plusSeconds(1200));
        silence.check(List.of(silent), T0.plusSeconds(1260));
        String id = silence.openIncidents().get("acme-tokyo");
        Incident i = p.incidents.find(id).orElseThrow();
        assertEquals(Level.CRITICAL, i.level());
        assertEquals("device-silence", i.category());
        assertEquals("acme", i.customerId());
        assertTrue(i.title().contains("agent:acme-tokyo"), i.title());
        assertTrue(i.rationale().stream().anyMatch(r -> r.contains("customer-site agent acme-tokyo")), i.rationale().toString());
        assertEquals(1, p.announced.stream().filter(a -> a.change() == IncidentChanges.Change.OPENED).count(),
                "one incident however many checks find it silent");

        // a restarted health service finds the open incident instead of opening another
        AgentSilence restarted = new AgentSilence(p.faultIncidents());
        restarted.check(List.of(silent), T0.plusSeconds(1320));
        assertEquals(id, restarted.openIncidents().get("acme-tokyo"));

        restarted.check(List.of(new AgentStatus("acme-tokyo", "acme", true, T0.plusSeconds(1400), false)),
                T0.plusSeconds(1400));
        assertEquals(IncidentStatus.CLOSED, p.incidents.find(id).orElseThrow().status(), "closed when it is back");
        assertTrue(restarted.openIncidents().isEmpty());
    }
}
