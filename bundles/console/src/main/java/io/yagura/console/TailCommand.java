package io.yagura.console;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.EventTail;
import io.yagura.api.event.SecurityEvent;
import io.yagura.wire.Wire;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "tail", description = "Shows the last normalized events produced on this node.",
        detailedDescription = "Examples:\n  yagura:tail\n  yagura:tail -n 50\n  yagura:tail --json -n 1\n"
        + "  yagura:tail --vendor cisco-asa")
@Service
public class TailCommand implements Action {

    @Option(name = "-n", aliases = "--lines", description = "How many events (default 20)")
    int lines = 20;

    @Option(name = "--json", description = "Print each event whole, as one JSON line")
    boolean json;

    @Option(name = "--vendor", description = "Only events parsed by this plugin")
    String vendor;

    @Reference
    EventTail tail;

    @Override
    public Object execute() {
        List<SecurityEvent> events = tail.last(vendor == null ? lines : Integer.MAX_VALUE);
        if (vendor != null) {
            events = events.stream().filter(e -> vendor.equals(e.getString(Ecs.YAGURA_PLUGIN))).toList();
            events = events.subList(Math.max(0, events.size() - lines), events.size());
        }
        if (json) {
            events.forEach(e -> System.out.println(Wire.toJson(e)));
            return null;
        }
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Time", "Customer", "Device", "Code", "Action", "Outcome", "Source", "Destination",
                "Proto", "Rule/Policy"}) {
            table.column(c);
        }
        for (SecurityEvent e : events) {
            table.addRow().addContent(
                    nz(e.getString(Ecs.TIMESTAMP)),
                    nz(e.getString(Ecs.CUSTOMER_ID)),
                    nz(e.getString(Ecs.DEVICE_ID)),
                    nz(e.getString(Ecs.EVENT_CODE)),
                    nz(e.getString(Ecs.EVENT_ACTION)),
                    nz(e.getString(Ecs.EVENT_OUTCOME)),
                    endpoint(e.getString(Ecs.SOURCE_IP), e.getString(Ecs.SOURCE_PORT)),
                    endpoint(e.getString(Ecs.DESTINATION_IP), e.getString(Ecs.DESTINATION_PORT)),
                    nz(e.getString(Ecs.NETWORK_TRANSPORT)),
                    rule(e));
        }
        table.print(System.out);
        return null;
    }

    /** The signature that fired, or else the firewall policy (ACL, rule) that decided. */
    private static String rule(SecurityEvent e) {
        String id = e.getString(Ecs.RULE_ID);
        String name = e.getString(Ecs.RULE_NAME);
        if (id == null && name == null) {
            return nz(e.getString(Ecs.YAGURA_POLICY));
        }
        if (id == null) {
            return name;
        }
        return name == null ? id : id + " " + name;
    }

    private static String endpoint(String ip, String port) {
        if (ip == null) {
            return "";
        }
        String host = ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
        return port == null ? host : host + ":" + port;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
