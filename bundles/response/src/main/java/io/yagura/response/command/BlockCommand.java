package io.yagura.response.command;

import io.yagura.response.BlockRequest;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "block", description = "Blocks an address on a customer's firewalls (an internal host: a "
        + "quarantine request), after the safelist, cap and evidence checks.",
        detailedDescription = "Placed at once (an analyst's request is its own approval) on every firewall of the customer "
        + "whose plugin has a driver and whose device has a management endpoint, or on the --device ones. Refusals are "
        + "stored with their reason (yagura:blocks --all).\n\nExamples:\n"
        + "  yagura:block --incident INC-20261205-000001 --expires 48h 203.0.113.7\n"
        + "  yagura:block --customer acme --device acme-fw1 --reason \"brute force on VPN\" 198.51.100.0/28\n"
        + "  yagura:block --incident INC-20261205-000002 --force-spoofable --reason \"UDP flood, confirmed with ISP\" "
        + "203.0.113.9")
@Service
public class BlockCommand extends ResponseCommand {

    @Argument(index = 0, name = "address", required = true, description = "Address or CIDR network")
    String address;

    @Option(name = "--incident", description = "The incident that justifies it (its customer is used)")
    String incident;

    @Option(name = "--customer", description = "Whose firewalls (when there is no incident)")
    String customer;

    @Option(name = "--device", multiValued = true, description = "Only these firewalls (repeatable)")
    List<String> devices;

    @Option(name = "--expires", description = "How long, e.g. 90m, 24h, 7d (default: default.expiry.minutes)")
    String expires;

    @Option(name = "--reason", description = "Why, for the audit and the device comment")
    String reason;

    @Option(name = "--force-spoofable", description = "Block although the incident's evidence could be forged (audited)")
    boolean forceSpoofable;

    @Override
    void run() {
        BlockRequest r = new BlockRequest(customer, incident, address, devices, expires == null ? null : Durations.parse(expires),
                operator(), reason, forceSpoofable);
        blocks.request(r).forEach(b -> BlockText.outcome(b, out));
    }
}
