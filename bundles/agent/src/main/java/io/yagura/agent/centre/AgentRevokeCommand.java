package io.yagura.agent.centre;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

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
            System.err.println("Agents are not enabled on this node (etc/io.yagura.agent.centre.cfg, feature yagura-agent-centre)");
            return null;
        }
        if (agents.centre().revoke(name)) {
            System.out.println("Agent " + name + " revoked.");
        } else {
            System.err.println("No agent " + name + " (yagura:agents lists them)");
        }
        return null;
    }
}
