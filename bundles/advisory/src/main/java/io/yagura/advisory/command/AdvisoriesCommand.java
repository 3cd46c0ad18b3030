package io.yagura.advisory.command;

import io.yagura.advisory.Delivery;
import io.yagura.advisory.JdbcAdvisoryStore;
import io.yagura.api.advisory.Advisory;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "advisories", description = "Lists the advisories; with an id, its delivery to "
        + "each recipient.", detailedDescription = "Examples:\n  yagura:advisories\n  yagura:advisories ADV-1a2b3c4d")
@Service
public class AdvisoriesCommand implements Action {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    @Argument(index = 0, name = "id", required = false, description = "Advisory id")
    String id;

    @Reference
    JdbcAdvisoryStore store;

    @Override
    public Object execute() throws CommandException {
        ShellTable table = new ShellTable();
        if (id != null) {
            if (store.find(id).isEmpty()) {
                throw new CommandException("No advisory '" + id + "'");
            }
            table.column("Customer");
            table.column("Channel");
            table.column("Recipient");
            table.column("Lang");
            deliveries(table, store.deliveries(id));
            table.print(System.out);
            return null;
        }
        table.column("Id");
        table.column("Severity");
        table.column("Affected");
        table.column("Title (en)");
        table.column("Written");
        table.column("Sent");
        table.column("Failed").alignRight();
        for (Advisory a : store.list()) {
            List<Delivery> d = store.deliveries(a.id());
            String affected = String.join(",", a.vendors()) + (a.products().isEmpty() ? "" : " " + a.products());
            table.addRow().addContent(a.id(), a.severity(), affected.isBlank() ? "all" : affected, a.title().get("en"),
                    TIME.format(a.createdAt()) + " " + a.createdBy(), a.sentAt() == null ? "draft" : TIME.format(a.sentAt()),
                    d.stream().filter(x -> x.outcome().equals(Delivery.FAILED)).count());
        }
        table.print(System.out);
        return null;
    }

    /** Who is at the console, for the advisory's audit columns: "console:karaf". */
    static String operator(org.apache.karaf.shell.api.console.Session session) {
        return "console:" + (session == null ? "?" : String.valueOf(session.get("USER")));
    }

    /** Adds the outcome columns and one row per delivery to a table that has Customer, Channel, Recipient, Lang. */
    static void deliveries(ShellTable table, List<Delivery> deliveries) {
        table.column("Outcome");
        table.column("Tries").alignRight();
        table.column("Answer");
        table.column("At");
        for (Delivery d : deliveries) {
            table.addRow().addContent(d.customerId(), d.channel(), d.recipient(), d.language(), d.outcome(), d.attempts(),
                    d.answer() == null ? "" : d.answer(), TIME.format(d.at()));
        }
    }
}
