package io.yagura.console;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Triage;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.ShellUtil;
import org.apache.karaf.shell.support.completers.StringsCompleter;

@Command(scope = "yagura", name = "incident-level", description = "Confirms an incident's level, or changes it.",
        detailedDescription = "Confirming a Critical sends its notices at once; raising to Emergency too.\n\n"
        + "Examples:\n  yagura:incident-level INC-20261127-000001 critical\n"
        + "  yagura:incident-level INC-20261127-000001 emergency")
@Service
public class IncidentLevelCommand implements Action {

    @Argument(index = 0, name = "id", required = true, description = "Incident id")
    String id;

    @Argument(index = 1, name = "level", required = true, description = "emergency, critical, warning, informational, low")
    @Completion(value = StringsCompleter.class, values = {"emergency", "critical", "warning", "informational", "low"})
    String level;

    // optional: the other yagura commands must work on a node without the incident store
    @Reference(optional = true)
    Triage triage;

    @Override
    public Object execute() {
        if (triage == null) {
            System.err.println("Incidents are not available on this node (feature yagura-incidents not installed)");
            return null;
        }
        try {
            Incident i = triage.confirm(id, Level.parse(level), ShellUtil.getCurrentUserName());
            System.out.println(i.id() + " is " + i.level().label() + " (confirmed)"
                    + (i.deadline() == null ? "" : ", customer to be told by " + i.deadline()));
        } catch (RuntimeException e) {
            System.err.println("Not changed: " + e.getMessage());
        }
        return null;
    }
}
