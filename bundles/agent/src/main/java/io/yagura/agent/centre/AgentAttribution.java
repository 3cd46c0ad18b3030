package io.yagura.agent.centre;

import io.yagura.api.Queues;
import io.yagura.api.event.DeadLetter;
import io.yagura.api.event.RawEnvelope;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import java.util.Optional;

/**
 * Where a line an agent forwarded goes at the centre. The agent attributes nothing (it has no
 * registry); the centre attributes by the line's source address, but only to a device of the
 * agent's own customer: an agent cannot feed another customer's devices, whatever its lines say.
 * Pure logic, no broker.
 */
public final class AgentAttribution {

    /** A line's destination queue and what is sent there (an envelope, or a dead letter). */
    public record Routed(String queue, RawEnvelope envelope, DeadLetter deadLetter) {
    }

    private final DeviceRegistry registry;

    public AgentAttribution(DeviceRegistry registry) {
        this.registry = registry;
    }

    public Routed route(AgentRecord agent, RawEnvelope line) {
        // The listener names the agent, so yagura:tail and dead letters show which site a line came through.
        String listener = "agent:" + agent.name() + "/" + line.listener();
        Optional<Device> device = registry.deviceBySource(line.source());
        if (device.isPresent() && !device.get().customer().equals(agent.customer())) {
            RawEnvelope e = new RawEnvelope(line.receivedAt(), line.source(), listener, null, agent.customer(), null,
                    false, line.raw());
            return new Routed(Queues.DEAD_LETTER, null, new DeadLetter("agent", "agent " + agent.name()
                    + " of customer " + agent.customer() + " forwarded a line from " + line.source()
                    + ", the address of device " + device.get().id() + " of another customer", null, e));
        }
        if (device.isPresent()) {
            Device d = device.get();
            return new Routed(Queues.rawQueueOf(d.vendor()), new RawEnvelope(line.receivedAt(), line.source(), listener,
                    d.id(), d.customer(), d.vendor(), false, line.raw()), null);
        }
        // Not registered (yet): kept with the agent's customer for yagura:unknown-replay.
        return new Routed(Queues.RAW_UNKNOWN, new RawEnvelope(line.receivedAt(), line.source(), listener, null,
                agent.customer(), null, false, line.raw()), null);
    }
}
