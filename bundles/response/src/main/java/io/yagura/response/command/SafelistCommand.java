package io.yagura.response.command;

import io.yagura.api.registry.Customer;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.format.net.Network;
import io.yagura.response.ResponseSettings;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "safelist", description = "Shows, adds or removes addresses never blocked: globally or "
        + "for one customer (whose own networks are always safe).",
        detailedDescription = "The configured global safelist (etc/io.yagura.response.cfg) is shown, and changed there.\n\n"
        + "Examples:\n  yagura:safelist --customer acme\n"
        + "  yagura:safelist --customer acme --add 198.18.7.0/28 --note \"partner VPN\"\n"
        + "  yagura:safelist --global --add 192.0.2.53 --note \"SOC resolver\"\n"
        + "  yagura:safelist --customer acme --remove 198.18.7.0/28")
@Service
public class SafelistCommand extends ResponseCommand {

    @Option(name = "--customer", description = "A customer's safelist")
    String customer;

    @Option(name = "--global", description = "The global safelist (for every customer)")
    boolean global;

    @Option(name = "--add", description = "Address or CIDR network to add")
    String add;

    @Option(name = "--remove", description = "Address or CIDR network to remove")
    String remove;

    @Option(name = "--note", description = "With --add: what it is")
    String note;

    @Reference
    DeviceRegistry registry;

    @Override
    void run() {
        if (global == (customer != null)) {
            throw new IllegalArgumentException("give either --customer or --global");
        }
        String owner = global ? ResponseSettings.GLOBAL : customer;
        if (!global && registry.customer(customer).isEmpty()) {
            throw new IllegalArgumentException("no customer '" + customer + "' (yagura:customers lists them)");
        }
        ResponseSettings settings = blocks.settings();
        if (add != null) {
            String network = Network.of(add).toString(); // refuses what is no address or network, with the reason
            settings.addSafelist(new ResponseSettings.SafelistEntry(owner, network, note, operator(), Instant.now()));
            out.println(network + " added to the " + (global ? "global safelist" : "safelist of " + customer));
            return;
        }
        if (remove != null) {
            String network = Network.of(remove).toString();
            if (!settings.removeSafelist(owner, network)) {
                throw new IllegalArgumentException(network + " is not in the " + (global ? "global safelist"
                        + (blocks.configuredSafelist().isEmpty() ? "" : " stored at run time (the configured one is changed "
                        + "in etc/io.yagura.response.cfg)") : "safelist of " + customer));
            }
            out.println(network + " removed from the " + (global ? "global safelist" : "safelist of " + customer));
            return;
        }
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Network", "Source", "Note", "Added by", "Added at"}) {
            table.column(c);
        }
        if (global) {
            blocks.configuredSafelist().forEach(n -> table.addRow().addContent(n, "etc/io.yagura.response.cfg", "", "", ""));
        } else {
            Customer c = registry.customer(customer).orElseThrow();
            c.networks().forEach(n -> table.addRow().addContent(n, "customer's own network (quarantine only)", "", "", ""));
        }
        for (ResponseSettings.SafelistEntry e : settings.safelist(owner)) {
            table.addRow().addContent(e.network(), "yagura:safelist", e.note() == null ? "" : e.note(), e.addedBy(), e.addedAt());
        }
        table.print(out);
    }
}
