package io.yagura.agent.node;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "agent-status", description = "On an agent: enrolment, link to the centre, and how "
        + "full the disk buffer is.", detailedDescription = "Example:\n  yagura:agent-status")
@Service
public class AgentStatusCommand implements Action {

    @Reference(optional = true)
    AgentNode agent;

    @Override
    public Object execute() {
        if (agent == null) {
            System.out.println("This node is not an agent (no etc/io.yagura.agent.cfg)");
            return null;
        }
        BufferWatch buffer = agent.buffer();
        int percent = buffer.check();
        System.out.println("Enrolled:  " + (agent.enrolled() ? "yes" : "no"));
        System.out.println("Link:      " + (agent.connected() ? "connected" : "not connected"));
        if (agent.lastFailure() != null) {
            System.out.println("Not started: " + agent.lastFailure());
        }
        System.out.println("Buffer:    " + percent + "% full, " + buffer.waiting() + " messages waiting"
                + (buffer.alarmed() ? " (ALARM)" : ""));
        return null;
    }
}
