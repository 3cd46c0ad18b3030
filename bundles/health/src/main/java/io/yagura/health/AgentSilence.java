package io.yagura.health;

import io.yagura.api.agent.AgentDirectory;
import io.yagura.api.agent.AgentDirectory.AgentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A silent customer-site agent is a fault of its customer, like a device whose logs stop: every
 * device behind it goes quiet at once, and one incident (category device-silence, "device"
 * {@code agent:<name>}) says why, instead of one per device. It is closed when the agent is heard
 * from again. The agents' centre decides who is silent (its silence threshold).
 */
final class AgentSilence {

    static final String DEVICE_PREFIX = "agent:";

    private final FaultIncidents incidents;
    /** agent name → its open incident */
    private final Map<String, String> open = new HashMap<>();

    AgentSilence(FaultIncidents incidents) {
        this.incidents = incidents;
    }

    /** One check: opens the incident of each newly silent agent, closes those of agents heard from again. */
    synchronized void check(List<AgentStatus> agents, Instant now) {
        for (AgentStatus a : agents) {
            String device = DEVICE_PREFIX + a.name();
            String incident = open.get(a.name());
            if (incident == null) {
                incident = incidents.findOpen(Fault.Kind.SILENCE, a.customerId(), device).orElse(null);
            }
            if (a.silent() && incident == null) {
                Instant since = a.lastSeen() != null ? a.lastSeen() : now;
                open.put(a.name(), incidents.open(new Fault(Fault.Kind.SILENCE, device, a.customerId(), null, since, null,
                        since, "customer-site agent " + a.name() + " is not connected to the centre and has sent "
                        + "nothing since " + (a.lastSeen() == null ? "the centre started" : a.lastSeen())
                        + "; the devices that log through it are not seen", Duration.between(since, now)), now));
            } else if (a.silent()) {
                open.put(a.name(), incident);
            } else if (incident != null) {
                incidents.recovered(incident, "Agent " + a.name() + " is connected again"
                        + (a.lastSeen() == null ? "" : " (last seen " + a.lastSeen() + ")")
                        + "; its buffered lines are delivered in order.");
                open.remove(a.name());
            }
        }
    }

    /** For tests and the console: agent names with an open incident. */
    synchronized Map<String, String> openIncidents() {
        return new HashMap<>(open);
    }

    static List<AgentStatus> of(AgentDirectory directory) {
        return directory == null ? List.of() : directory.agents();
    }
}
