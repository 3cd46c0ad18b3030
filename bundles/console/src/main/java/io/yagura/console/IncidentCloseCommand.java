package io.yagura.console;

import java.time.Duration;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "incident-close", description = "Closes an incident, or marks it a false positive.",
        detailedDescription = "With --false-positive the level becomes Low; with --suppress-days N the same rule towards "
        + "the same target is also suppressed for that customer for N days. Customers who were told get an "
        + "all-clear notice when their policy asks for it.\n\nExamples:\n"
        + "  yagura:incident-close --note \"blocked at the perimeter, no compromise\" INC-20261127-000001\n"
        + "  yagura:incident-close --false-positive \"customer's own vulnerability scanner\" --suppress-days 30 "
        + "INC-20261127-000002")
@Service
public class IncidentCloseCommand extends TriageCommand {

    @Argument(index = 0, name = "id", required = true, description = "Incident id")
    String id;

    @Option(name = "--note", description = "Why it is closed")
    String note;

    @Option(name = "--false-positive", description = "Mark as false positive, with this reason")
    String falsePositive;

    @Option(name = "--suppress-days", description = "With --false-positive: suppress the same rule and target this long")
    int suppressDays;

    @Override
    void run() {
        String actor = Operator.name();
        if (falsePositive != null) {
            Instant until = suppressDays > 0 ? Instant.now().plus(Duration.ofDays(suppressDays)) : null;
            triage.falsePositive(id, falsePositive, until, actor);
            System.out.println(id + " marked false positive" + (until == null ? "" : ", suppressed until " + until));
        } else {
            triage.close(id, note, actor);
            System.out.println(id + " closed");
        }
    }
}
