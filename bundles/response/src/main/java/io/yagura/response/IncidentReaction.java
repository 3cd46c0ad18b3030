package io.yagura.response;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentChanges.Change;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockState;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automatic path: an incident opened, raised or confirmed at Emergency or Critical asks for
 * blocks of its attackers. Whether they are placed at once or wait for an analyst is the
 * customer's policy ({@link BlockService}); a customer with blocking off gets no request. An
 * attacker with a live block of the incident is not asked again, but a request that waited
 * because the incident was only Critical is placed when the incident becomes Emergency under
 * the policy auto-emergency.
 */
final class IncidentReaction {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentReaction.class);
    private static final Set<Change> TRIGGERS = Set.of(Change.OPENED, Change.LEVEL_RAISED, Change.CONFIRMED);

    private final BlockService blocks;
    private final IncidentStore incidents;

    IncidentReaction(BlockService blocks, IncidentStore incidents) {
        this.blocks = blocks;
        this.incidents = incidents;
    }

    /** One announcement from yagura.incidents.response. */
    void react(String incidentId, String change) {
        Change c;
        try {
            c = Change.valueOf(change == null ? "" : change);
        } catch (IllegalArgumentException e) {
            LOG.warn("Announcement of incident {} with unknown change '{}' ignored", incidentId, change);
            return;
        }
        if (!TRIGGERS.contains(c)) {
            return;
        }
        Incident i = incidents.find(incidentId).orElse(null);
        if (i == null) {
            LOG.warn("Announcement for unknown incident {} ignored", incidentId);
            return;
        }
        if (i.level() != Level.EMERGENCY && i.level() != Level.CRITICAL) {
            return;
        }
        ResponsePolicy policy = blocks.policyOf(i.customerId());
        if (policy == ResponsePolicy.OFF) {
            LOG.debug("Incident {}: blocking is off for {}", i.id(), i.customerId());
            return;
        }
        List<Block> live = blocks.liveBlocksOf(i.id());
        for (String attacker : i.attackers()) {
            List<Block> mine = live.stream().filter(b -> b.address().equals(attacker)).toList();
            try {
                if (mine.isEmpty()) {
                    blocks.request(new BlockRequest(i.customerId(), i.id(), attacker, List.of(), null, BlockRequest.AUTO,
                            "incident " + i.id() + " (" + i.level().label() + "): " + i.title(), false));
                } else if (policy == ResponsePolicy.AUTO_EMERGENCY && i.level() == Level.EMERGENCY) {
                    approveWaiting(mine);
                }
            } catch (RuntimeException e) {
                LOG.error("Incident {}: automatic block of {} failed: {}", i.id(), attacker, e.getMessage(), e);
            }
        }
    }

    /** Requests of the automatic path that waited for the level; never quarantines, which stay an analyst's call. */
    private void approveWaiting(List<Block> blocksOfAttacker) {
        for (Block b : blocksOfAttacker) {
            if (b.state() == BlockState.PENDING_APPROVAL && !b.quarantine() && BlockRequest.AUTO.equals(b.requestedBy())) {
                blocks.approve(b.id(), BlockRequest.AUTO);
            }
        }
    }
}
