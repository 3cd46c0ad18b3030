package io.yagura.console;

import io.yagura.api.incident.Suppression;
import java.time.Duration;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "suppress", description = "Lists a customer's suppressions, adds one, or removes one.",
        detailedDescription = "Events a suppression matches are counted but open no incident.\n\nExamples:\n"
        + "  yagura:suppress acme\n"
        + "  yagura:suppress --rule asa-ips-signature-alert --target 10.0.0.5 --days 30 "
        + "--reason \"vulnerability scanner\" acme\n  yagura:suppress --remove SUP-1a2b3c4d acme")
@Service
public class SuppressionsCommand extends TriageCommand {

    @Argument(index = 0, name = "customer", required = true, description = "Customer id")
    @Completion(Completers.CustomerIds.class)
    String customer;

    @Option(name = "--rule", description = "Rule or vendor signature id")
    String rule;

    @Option(name = "--source", description = "Source address or CIDR")
    String source;

    @Option(name = "--target", description = "Target address or CIDR")
    String target;

    @Option(name = "--days", description = "Expiry in days (default 30)")
    int days = 30;

    @Option(name = "--reason", description = "Why (kept for audit)")
    String reason;

    @Option(name = "--remove", description = "Remove the suppression with this id")
    String remove;

    @Override
    void run() throws CommandException {
        String actor = Operator.name();
        if (remove != null) {
            if (!triage.unsuppress(remove, actor)) {
                throw new CommandException("No suppression " + remove);
            }
            System.out.println(remove + " removed");
            return;
        }
        if (rule != null || source != null || target != null) {
            Suppression s = triage.suppress(new Suppression(null, customer, rule, source, target,
                    Instant.now().plus(Duration.ofDays(days)), reason, actor, null), actor);
            System.out.println("Suppression " + s.id() + " added until " + s.expiresAt());
            return;
        }
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Id", "Rule", "Source", "Target", "Expires", "By", "Suppressed", "Reason"}) {
            table.column(c);
        }
        for (Suppression s : triage.suppressions(customer)) {
            table.addRow().addContent(s.id(), nz(s.rule()), nz(s.source()), nz(s.target()), s.expiresAt(), s.createdBy(),
                    triage.suppressedCount(s.id()), s.reason());
        }
        table.print(System.out);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
