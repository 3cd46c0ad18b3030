package io.yagura.advisory.command;

import io.yagura.advisory.AdvisoryService;
import io.yagura.advisory.Delivery;
import io.yagura.advisory.Recipient;
import io.yagura.api.advisory.Advisory;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "advisory-send", description = "Sends an advisory by mail to its recipients (each in "
        + "their language) and publishes it on their portal; --dry-run only lists the recipients.",
        detailedDescription = "An advisory is sent once. Examples:\n  yagura:advisory-send --dry-run ADV-1a2b3c4d\n"
        + "  yagura:advisory-send ADV-1a2b3c4d")
@Service
public class AdvisorySendCommand implements Action {

    @Argument(index = 0, name = "id", required = true, description = "Advisory id")
    String id;

    @Option(name = "--dry-run", description = "List the recipients; send nothing")
    boolean dryRun;

    @Reference
    AdvisoryService service;

    @Reference(optional = true)
    Session session;

    @Override
    public Object execute() throws CommandException {
        Advisory a = service.store().find(id).orElse(null);
        if (a == null) {
            throw new CommandException("No advisory '" + id + "' (yagura:advisories lists them)");
        }
        ShellTable table = new ShellTable();
        table.column("Customer");
        table.column("Channel");
        table.column("Recipient");
        table.column("Lang");
        if (dryRun) {
            List<Recipient> recipients = service.recipients(a);
            recipients.forEach(r -> table.addRow().addContent(r.customerId(), r.channel(), r.address(), r.language()));
            table.print(System.out);
            System.out.println(recipients.size() + " recipients; nothing sent (dry run)");
            return null;
        }
        List<Delivery> out;
        try {
            out = service.send(id, AdvisoriesCommand.operator(session));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandException("Not sent: " + e.getMessage(), e);
        }
        AdvisoriesCommand.deliveries(table, out);
        table.print(System.out);
        long failed = out.stream().filter(d -> d.outcome().equals(Delivery.FAILED)).count();
        System.out.println(out.size() + " recipients, " + failed + " failed");
        return null;
    }
}
