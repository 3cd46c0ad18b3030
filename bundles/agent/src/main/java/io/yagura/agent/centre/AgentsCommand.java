package io.yagura.agent.centre;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "agents", description = "Lists the customer-site agents: state, connection, "
        + "last seen, lines waiting at the centre.",
        detailedDescription = "State: PENDING (token issued, not used), ENROLLED, REVOKED. An enrolled agent neither "
        + "connected nor heard from for silence.minutes is marked SILENT and logged at ERROR.\n\nExample:\n  yagura:agents")
@Service
public class AgentsCommand implements Action {

    /** The refusal of every agent command on a node that is not an agent centre. */
    static final String NOT_ENABLED = "Agents are not enabled on this node (etc/io.yagura.agent.centre.cfg, "
            + "feature yagura-agent-centre)";

    @Reference(optional = true)
    CentreAgents agents;

    @Override
    public Object execute() throws CommandException {
        if (agents == null) {
            throw new CommandException(NOT_ENABLED);
        }
        ShellTable table = new ShellTable();
        table.column("Agent");
        table.column("Customer");
        table.column("State");
        table.column("Link");
        table.column("Last seen");
        table.column("Backlog").alignRight();
        table.column("Enrolled");
        for (AgentCentre.Status s : agents.centre().status()) {
            AgentRecord a = s.agent();
            String link = s.silent() ? "SILENT" : s.connected() ? "connected" : "-";
            table.addRow().addContent(a.name(), a.customer(), a.state(), link, time(s.lastSeen()), s.backlog(),
                    time(a.enrolledAt()));
        }
        table.print(System.out);
        return null;
    }

    private static String time(Instant t) {
        return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
