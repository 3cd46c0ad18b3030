package io.yagura.console;

import io.yagura.api.incident.Incident;
import io.yagura.api.notify.Acknowledgements;
import io.yagura.api.notify.Acknowledgements.Acknowledgement;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

@Command(scope = "yagura", name = "incident-reached", description = "Records that the SOC reached the customer about "
        + "an incident outside the platform (a call from the SOC's own phone, in person): the customer's "
        + "acknowledgement, which stops the phone escalation on every node, as a digit pressed or the portal's button do.",
        detailedDescription = "Example:\n  yagura:incident-reached --note \"Tanaka (CISO) called back, isolating the "
        + "server\" INC-20261127-000001\nThe first acknowledgement of an incident counts; a later one is refused and the "
        + "first is shown. Mail notices already due still go: they are the written record.")
@Service
public class IncidentReachedCommand extends TriageCommand {

    @Argument(index = 0, name = "id", required = true, description = "Incident id")
    String id;

    @Option(name = "--note", description = "Whom the SOC reached, how, and what was agreed")
    String note;

    @Reference(optional = true)
    Acknowledgements acknowledgements;

    @Override
    void run() throws CommandException {
        if (acknowledgements == null) {
            throw new CommandException("Acknowledgements are not available on this node (feature yagura-store not installed)");
        }
        Incident incident = triage.show(id).incident();
        Optional<Acknowledgement> earlier = acknowledgements.find(incident.id());
        if (earlier.isPresent()) {
            throw new CommandException(incident.id() + " was already acknowledged " + describe(earlier.get()));
        }
        // the store audits it (customer-acknowledged, by the operator, on analyst) and keeps the first
        // one if another channel or node acknowledged in between
        Acknowledgement first = acknowledgements.acknowledge(incident.id(), incident.customerId(), Operator.name(),
                "analyst", note == null ? "" : note.strip());
        System.out.println(incident.id() + " acknowledged " + describe(first) + "; the phone escalation stops");
    }

    @Override
    String failurePrefix() {
        return "Not acknowledged: ";
    }

    static String describe(Acknowledgement a) {
        return "by " + a.by() + " (" + a.channel() + ") at " + a.at() + (a.detail() == null || a.detail().isBlank()
                ? "" : ": " + a.detail());
    }
}
