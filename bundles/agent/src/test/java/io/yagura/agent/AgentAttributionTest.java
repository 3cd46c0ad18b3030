package io.yagura.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.agent.centre.AgentAttribution;
import io.yagura.agent.centre.AgentRecord;
import io.yagura.agent.node.AgentDevices;
import io.yagura.api.event.RawEnvelope;
import io.yagura.api.registry.Device;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentAttributionTest {

    private static final Device ACME_FW = new Device("acme-fw1", "acme", "cisco-asa", "ASA", List.of("10.0.0.1"), "9.16",
            ZoneId.of("Asia/Tokyo"), null);
    private static final Device GLOBEX_FW = new Device("globex-fw1", "globex", "paloalto", "PA-3220",
            List.of("10.9.9.9"), "10.1", ZoneId.of("UTC"), null);

    private final AgentAttribution attribution = new AgentAttribution(new AgentDevices() {
        @Override
        public Optional<Device> deviceBySource(String source) {
            return Optional.ofNullable(switch (source) {
                case "10.0.0.1" -> ACME_FW;
                case "10.9.9.9" -> GLOBEX_FW;
                default -> null;
            });
        }
    });
    private final AgentRecord acmeAgent = new AgentRecord("acme-tokyo", "acme", AgentRecord.State.ENROLLED, null, null,
            "SHA256:00", Instant.now(), null);

    private static RawEnvelope line(String source) {
        return new RawEnvelope(1L, source, "udp:5514", null, null, null, false, "<164>%ASA-4-106023: Deny tcp");
    }

    @Test
    void aLineFromADeviceOfTheAgentsCustomerGoesToItsVendorsQueue() {
        AgentAttribution.Routed r = attribution.route(acmeAgent, line("10.0.0.1"));
        assertEquals("yagura.raw.cisco-asa", r.queue());
        assertEquals("acme-fw1", r.envelope().deviceId());
        assertEquals("acme", r.envelope().customerId());
        assertEquals("agent:acme-tokyo/udp:5514", r.envelope().listener());
    }

    @Test
    void aLineFromAnotherCustomersDeviceAddressIsDeadLetteredNotAttributed() {
        AgentAttribution.Routed r = attribution.route(acmeAgent, line("10.9.9.9"));
        assertEquals("yagura.deadletter", r.queue());
        assertNull(r.envelope());
        assertTrue(r.deadLetter().reason().contains("globex-fw1 of another customer"), r.deadLetter().reason());
        assertEquals("acme", r.deadLetter().envelope().customerId());
    }

    @Test
    void aLineFromAnUnregisteredAddressWaitsAsUnknownWithTheAgentsCustomer() {
        AgentAttribution.Routed r = attribution.route(acmeAgent, line("10.0.0.77"));
        assertEquals("yagura.raw.unknown", r.queue());
        assertEquals("acme", r.envelope().customerId());
        assertNull(r.envelope().deviceId());
    }
}
