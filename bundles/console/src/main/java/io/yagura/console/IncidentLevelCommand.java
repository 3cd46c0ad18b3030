package io.yagura.console;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

@Command(scope = "yagura", name = "incident-level", description = "Confirms an incident's level, or changes it.",
        detailedDescription = "Confirming a Critical sends its notices at once; raising to Emergency too.\n\n"
        + "Examples:\n  yagura:incident-level INC-20261127-000001 critical\n"
        + "  yagura:incident-level INC-20261127-000001 emergency")
@Service
public class IncidentLevelCommand extends TriageCommand {

    @Argument(index = 0, name = "id", required = true, description = "Incident id")
    String id;

    @Argument(index = 1, name = "level", required = true, description = "emergency, critical, warning, informational, low")
    @Completion(value = StringsCompleter.class, values = {"emergency", "critical", "warning", "informational", "low"})
    String level;

    @Override
    void run() {
        Incident i = triage.confirm(id, Level.parse(level), Operator.name());
        System.out.println(i.id() + " is " + i.level().label() + " (confirmed)"
                + (i.deadline() == null ? "" : ", customer to be told by " + i.deadline()));
    }
}
