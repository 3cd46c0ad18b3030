package io.yagura.response.command;

import io.yagura.api.registry.Customer;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.response.ResponsePolicy;
import io.yagura.response.ResponseSettings;
import java.util.Comparator;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "block-policy", description = "Shows or sets customers' blocking policy: off, approval "
        + "(the default: automatic blocks wait for an analyst) or auto-emergency (placed at once on Emergency incidents).",
        detailedDescription = "Examples:\n  yagura:block-policy\n  yagura:block-policy acme\n"
        + "  yagura:block-policy acme auto-emergency")
@Service
public class BlockPolicyCommand extends ResponseCommand {

    @Argument(index = 0, name = "customer", description = "A customer (all when omitted)")
    String customer;

    @Argument(index = 1, name = "policy", description = "off, approval or auto-emergency: sets it")
    String policy;

    @Reference
    DeviceRegistry registry;

    @Override
    void run() {
        if (policy != null) {
            ResponsePolicy p = ResponsePolicy.parse(policy);
            blocks.setPolicy(customer, p, operator());
            out.println(customer + ": " + p.label());
            return;
        }
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Customer", "Policy", "Set by", "Set at"}) {
            table.column(c);
        }
        registry.customers().stream().sorted(Comparator.comparing(Customer::id))
                .filter(c -> customer == null || c.id().equals(customer)).forEach(c -> {
                    ResponseSettings.PolicyEntry e = blocks.settings().policy(c.id()).orElse(null);
                    table.addRow().addContent(c.id(), blocks.policyOf(c.id()).label() + (e == null ? " (default)" : ""),
                            e == null ? "" : e.changedBy(), e == null ? "" : e.changedAt());
                });
        if (customer != null && registry.customer(customer).isEmpty()) {
            throw new IllegalArgumentException("no customer '" + customer + "' (yagura:customers lists them)");
        }
        table.print(out);
    }
}
