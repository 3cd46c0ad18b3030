package io.yagura.agent.centre;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

@Command(scope = "yagura", name = "agent-revoke", description = "Revokes an agent: its certificate is refused from "
        + "now on and its connection is dropped; lines it had already delivered are still processed.",
        detailedDescription = "To admit the host again, give it a new name with yagura:agent-enrol.\n\n"
        + "Example:\n  yagura:agent-revoke acme-tokyo")
@Service
public class AgentRevokeCommand implements Action {

    @Argument(index = 0, name = "name", required = true, description = "Agent name")
    String name;

    @Reference(optional = true)
    CentreAgents agents;

    @Override
    public Object execute() throws Exception {
        if (agents == null) {
            throw new CommandException(AgentsCommand.NOT_ENABLED);
        }
        if (!agents.centre().revoke(name)) {
            throw new CommandException("No agent " + name + " (yagura:agents lists them)");
        }
        System.out.println("Agent " + name + " revoked.");
        return null;
    }
}
