package io.yagura.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockState;
import io.yagura.api.response.BlockStore;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The automatic path, from an announcement on yagura.incidents.response to blocks (the route only hands over body and header). */
class IncidentReactionTest {

    Platform platform;
    BlockService service;
    IncidentReaction reaction;

    @BeforeEach
    void setUp() throws Exception {
        platform = new Platform();
        service = platform.service();
        reaction = new IncidentReaction(service, platform.incidents);
    }

    private List<Block> blocksOf(Incident i) {
        return platform.blocks.list(new BlockStore.Filter(null, null, i.id(), null, 0));
    }

    @Test
    void anEmergencyOfAnAutoEmergencyCustomerIsBlockedAtOnce() {
        service.setPolicy("acme", ResponsePolicy.AUTO_EMERGENCY, "alice");
        Incident i = platform.incident(Level.EMERGENCY, List.of("203.0.113.7"), Platform.established("203.0.113.7"));
        reaction.react(i.id(), "OPENED");
        List<Block> blocks = blocksOf(i);
        assertEquals(1, blocks.size());
        assertEquals(BlockState.ACTIVE, blocks.get(0).state());
        assertEquals("auto", blocks.get(0).requestedBy());
        assertEquals(blocks.get(0).id(), platform.firewall.holds("acme-fw1").get("203.0.113.7"));
        reaction.react(i.id(), "CONFIRMED");
        assertEquals(1, blocksOf(i).size(), "announced again: no second request");
    }

    @Test
    void underTheDefaultPolicyTheRequestWaitsForAnAnalyst() {
        Incident i = platform.incident(Level.EMERGENCY, List.of("203.0.113.7"), Platform.established("203.0.113.7"));
        reaction.react(i.id(), "OPENED");
        assertEquals(List.of(BlockState.PENDING_APPROVAL), blocksOf(i).stream().map(Block::state).toList());
        assertTrue(platform.firewall.holds("acme-fw1").isEmpty());
    }

    @Test
    void aCriticalWaitsAndIsPlacedWhenRaisedToEmergencyUnderAutoEmergency() {
        service.setPolicy("acme", ResponsePolicy.AUTO_EMERGENCY, "alice");
        Incident critical = platform.incident(Level.CRITICAL, List.of("203.0.113.7"), Platform.established("203.0.113.7"));
        reaction.react(critical.id(), "OPENED");
        assertEquals(BlockState.PENDING_APPROVAL, blocksOf(critical).get(0).state());
        platform.incidents.update(critical.toBuilder().proposedLevel(Level.EMERGENCY).build());
        reaction.react(critical.id(), "LEVEL_RAISED");
        assertEquals(List.of(BlockState.ACTIVE), blocksOf(critical).stream().map(Block::state).toList());
    }

    @Test
    void otherChangesLevelsAndPoliciesAskForNothing() {
        Incident warning = platform.incident(Level.WARNING, List.of("203.0.113.7"), Platform.established("203.0.113.7"));
        reaction.react(warning.id(), "OPENED");
        Incident emergency = platform.incident(Level.EMERGENCY, List.of("203.0.113.8"), Platform.established("203.0.113.8"));
        reaction.react(emergency.id(), "ANNOTATED");
        reaction.react(emergency.id(), "NO_SUCH_CHANGE");
        reaction.react("INC-unknown", "OPENED");
        service.setPolicy("acme", ResponsePolicy.OFF, "alice");
        reaction.react(emergency.id(), "OPENED");
        assertEquals(List.of(), platform.blocks.list(new BlockStore.Filter(null, null, null, null, 0)));
    }

    @Test
    void anAttackerSeenOnlyInUdpIsRefusedWithTheReason() {
        service.setPolicy("acme", ResponsePolicy.AUTO_EMERGENCY, "alice");
        Incident i = platform.incident(Level.EMERGENCY, List.of("203.0.113.7"),
                Platform.event("203.0.113.7", "udp", "allowed", "connection", "start"));
        reaction.react(i.id(), "OPENED");
        Block b = blocksOf(i).get(0);
        assertEquals(BlockState.REFUSED, b.state());
        assertTrue(b.deviceAnswer().startsWith("spoofable evidence"), b.deviceAnswer());
    }
}
