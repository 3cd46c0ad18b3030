package io.yagura.console;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

@Command(scope = "yagura", name = "incident-note", description = "Adds the analysis, recommended countermeasures "
        + "and references that the customer's notice carries.",
        detailedDescription = "Example:\n  yagura:incident-note --analysis \"Exploit of CVE-2024-3400 succeeded\" "
        + "--countermeasures \"Block 203.0.113.7; patch PAN-OS\" --reference https://nvd.nist.gov/vuln/detail/CVE-2024-3400 "
        + "INC-20261127-000001")
@Service
public class IncidentNoteCommand extends TriageCommand {

    @Argument(index = 0, name = "id", required = true, description = "Incident id")
    String id;

    @Option(name = "--analysis", description = "What happened, for the customer")
    String analysis;

    @Option(name = "--countermeasures", description = "What the customer should do")
    String countermeasures;

    @Option(name = "--reference", multiValued = true, description = "A reference (URL, advisory); repeat as needed")
    List<String> references;

    @Override
    void run() throws CommandException {
        if (analysis == null && countermeasures == null && references == null) {
            throw new CommandException("Nothing to add: give --analysis, --countermeasures or --reference");
        }
        triage.annotate(id, analysis, countermeasures, references, Operator.name());
        System.out.println(id + " updated");
    }
}
