package io.yagura.console;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Notification;
import io.yagura.api.incident.Triage;
import io.yagura.api.notify.Acknowledgements;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockStore;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "incident", description = "Shows one incident: level and rationale, evidence, "
        + "notices with their delivery, and the audit trail.",
        detailedDescription = "Example:\n  yagura:incident INC-20261127-000001")
@Service
public class IncidentCommand extends TriageCommand {

    @Argument(index = 0, name = "id", required = true, description = "Incident id")
    String id;

    /** Emergency response, when installed: the blocks placed for this incident. */
    @Reference(optional = true)
    BlockStore blocks;

    /** The customer's acknowledgement (phone digit, portal, an analyst who reached them), when known. */
    @Reference(optional = true)
    Acknowledgements acknowledgements;

    @Override
    void run() {
        Triage.Dossier d = triage.show(id);
        Incident i = d.incident();
        System.out.println(i.id() + "  " + i.title());
        System.out.println("  customer      " + i.customerId());
        System.out.println("  level         " + i.level().label() + (i.confirmedLevel() == null
                ? " (proposed, not confirmed)" : " (confirmed; proposed " + i.proposedLevel().label() + ")"));
        System.out.println("  status        " + IncidentsCommand.status(i));
        System.out.println("  category      " + i.category());
        System.out.println("  attackers     " + String.join(", ", i.attackers()));
        System.out.println("  targets       " + String.join(", ", i.targets()));
        System.out.println("  rules         " + String.join(", ", i.rules()));
        System.out.println("  events        " + i.eventCount() + " (first " + i.firstSeen() + ", last " + i.lastSeen() + ")");
        System.out.println("  detected      " + i.detectedAt());
        System.out.println("  deadline      " + (i.deadline() == null ? "none" : i.deadline() + "  "
                + IncidentsCommand.clock(i, Instant.now())));
        if (acknowledgements != null) {
            System.out.println("  acknowledged  " + acknowledgements.find(i.id()).map(IncidentReachedCommand::describe)
                    .orElse("not yet"));
        }
        System.out.println("  rationale");
        i.rationale().forEach(r -> System.out.println("    - " + r));
        System.out.println("  analysis      " + (i.analysis() == null ? "" : i.analysis()));
        System.out.println("  countermeasures " + (i.countermeasures() == null ? "" : i.countermeasures()));
        System.out.println("  references    " + String.join(", ", i.references()));
        System.out.println("Evidence (" + d.evidence().size() + " kept):");
        for (SecurityEvent e : d.evidence()) {
            System.out.println("  " + e.getString(Ecs.TIMESTAMP) + "  " + e.getString(Ecs.EVENT_ORIGINAL));
        }
        System.out.println("Notices:");
        for (Notification n : d.notifications()) {
            System.out.println("  " + n.id() + "  " + n.kind() + " " + n.channel() + " to " + n.address() + "  " + n.status()
                    + (n.deliveredAt() == null ? "" : " at " + n.deliveredAt())
                    + (n.deadlineMet() == null ? "" : n.deadlineMet() ? "  deadline met" : "  DEADLINE MISSED"));
        }
        if (blocks != null) {
            java.util.List<Block> placed = blocks.list(new BlockStore.Filter(null, null, i.id(), null, 100));
            System.out.println("Blocks:" + (placed.isEmpty() ? " none" : ""));
            for (Block b : placed) {
                System.out.println("  " + b.id() + "  " + (b.quarantine() ? "quarantine " : "") + b.address() + " on "
                        + b.deviceId() + "  " + b.state().name().toLowerCase()
                        + (b.placedAt() == null ? "" : "  placed " + b.placedAt())
                        + (b.expiresAt() == null ? "" : "  expires " + b.expiresAt())
                        + "  by " + b.requestedBy());
            }
        }
        System.out.println("Audit:");
        for (AuditEntry a : d.audit()) {
            System.out.println("  " + a.at() + "  " + a.actor() + "  " + a.action() + (a.detail() == null ? "" : "  " + a.detail()));
        }
    }

    @Override
    String failurePrefix() {
        return "";
    }
}
