package io.yagura.agent.centre;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

@Command(scope = "yagura", name = "agent-enrol", description = "Admits a customer-site agent: prints a one-time "
        + "enrolment token and the fingerprint of the agents' CA, both to be put in the agent's etc/io.yagura.agent.cfg.",
        detailedDescription = "The token works once and expires (token.hours in etc/io.yagura.agent.centre.cfg). "
        + "Giving an enrolled agent a new token (a reinstalled host) keeps its old certificate valid until the new "
        + "one is issued.\n\nExample:\n  yagura:agent-enrol acme-tokyo acme")
@Service
public class AgentEnrolCommand implements Action {

    @Argument(index = 0, name = "name", required = true, description = "Agent name (lower case, digits, '-')")
    String name;

    @Argument(index = 1, name = "customer", required = true, description = "Customer the agent collects for")
    String customer;

    @Reference(optional = true)
    CentreAgents agents;

    @Override
    public Object execute() throws Exception {
        if (agents == null) {
            throw new CommandException(AgentsCommand.NOT_ENABLED);
        }
        AgentCentre centre = agents.centre();
        try {
            var token = centre.enrol(name, customer);
            System.out.println("Agent " + name + " of customer " + customer + ": put these in its etc/io.yagura.agent.cfg");
            System.out.println("  name = " + name);
            System.out.println("  enrol.token = " + token.value());
            System.out.println("  centre.ca.fingerprint = " + centre.caFingerprint());
            System.out.println("The token works once, until " + token.expires() + ".");
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), e);
        }
        return null;
    }
}
