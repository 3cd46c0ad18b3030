package io.yagura.notify.phone;

import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Notification;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "calls", description = "Lists the phone calls made for an incident (number, time, "
        + "SIP answer, audio played, digits), or, without an incident, the phone notices still pending.",
        detailedDescription = "Examples:\n  yagura:calls\n  yagura:calls INC-20261205-0001")
@Service
public class CallsCommand implements Action {

    @Argument(index = 0, name = "INCIDENT", description = "The incident; none: every pending phone notice")
    String incident;

    @Reference
    IncidentStore store;

    @Reference(optional = true)
    PhoneChannelComponent channel;

    @Override
    public Object execute() throws CommandException {
        print(System.out);
        return null;
    }

    void print(PrintStream out) throws CommandException {
        List<Notification> notices = new ArrayList<>();
        if (incident == null) {
            notices.addAll(store.pendingNotifications(PhoneChannel.CHANNEL, 200));
            if (channel != null) {
                out.println("SIP: " + channel.registration() + "; escalations under way: " + channel.escalating());
            } else {
                out.println("The phone channel is not active on this node (feature yagura-notify-phone)");
            }
        } else {
            if (store.find(incident).isEmpty()) {
                throw new CommandException("No incident '" + incident + "' (yagura:incidents lists them)");
            }
            store.notifications(incident).stream().filter(n -> PhoneChannel.CHANNEL.equals(n.channel()))
                    .forEach(notices::add);
        }
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Incident", "Notice", "Number", "Status", "#", "At", "Outcome", "Call"}) {
            table.column(c);
        }
        for (Notification n : notices) {
            List<DeliveryAttempt> attempts = store.attempts(n.id());
            if (attempts.isEmpty()) {
                table.addRow().addContent(n.incidentId(), n.id(), n.address(), n.status(), "", "", "", "not called yet");
            }
            for (DeliveryAttempt a : attempts) {
                table.addRow().addContent(n.incidentId(), n.id(), n.address(), n.status(), a.attempt(), a.at(),
                        a.outcome(), a.answer());
            }
        }
        table.print(out);
    }
}
