package io.yagura.console;

import io.yagura.api.incident.Suppression;
import io.yagura.api.incident.Triage;
import java.time.Duration;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.ShellUtil;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "suppress", description = "Lists a customer's suppressions, adds one, or removes one.",
        detailedDescription = "Events a suppression matches are counted but open no incident.\n\nExamples:\n"
        + "  yagura:suppress acme\n"
        + "  yagura:suppress --rule asa-ips-signature-alert --target 10.0.0.5 --days 30 "
        + "--reason \"vulnerability scanner\" acme\n  yagura:suppress --remove SUP-1a2b3c4d acme")
@Service
public class SuppressionsCommand implements Action {

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

    // optional: the other yagura commands must work on a node without the incident store
    @Reference(optional = true)
    Triage triage;

    @Override
    public Object execute() {
        if (triage == null) {
            System.err.println("Incidents are not available on this node (feature yagura-incidents not installed)");
            return null;
        }
        String actor = ShellUtil.getCurrentUserName();
        try {
            if (remove != null) {
                System.out.println(triage.unsuppress(remove, actor) ? remove + " removed" : "No suppression " + remove);
                return null;
            }
            if (rule != null || source != null || target != null) {
                Suppression s = triage.suppress(new Suppression(null, customer, rule, source, target,
                        Instant.now().plus(Duration.ofDays(days)), reason, actor, null), actor);
                System.out.println("Suppression " + s.id() + " added until " + s.expiresAt());
                return null;
            }
        } catch (RuntimeException e) {
            System.err.println("Not changed: " + e.getMessage());
            return null;
        }
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Id", "Rule", "Source", "Target", "Expires", "By", "Reason"}) {
            table.column(c);
        }
        for (Suppression s : triage.suppressions(customer)) {
            table.addRow().addContent(s.id(), nz(s.rule()), nz(s.source()), nz(s.target()), s.expiresAt(), s.createdBy(),
                    s.reason());
        }
        table.print(System.out);
        return null;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
