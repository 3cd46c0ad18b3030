package io.yagura.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yagura.api.health.DeviceHealth;
import io.yagura.api.health.DeviceHealthView;
import io.yagura.api.health.HealthSettings;
import io.yagura.api.health.HealthStore;
import io.yagura.api.health.HealthTransition;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "health", description = "Shows each device's health: state, last answer, last log, "
        + "open fault incident; with --device its history of state changes.",
        detailedDescription = "States: UP, RETRYING (a probe failed, retried), FAULT (an incident is open), SILENT (its "
        + "logs stopped), ICMP-UNAVAILABLE (this node cannot ping), UNKNOWN (not probed yet).\n\nExamples:\n"
        + "  yagura:health\n  yagura:health --customer acme\n  yagura:health --device acme-fw1\n  yagura:health --json")
@Service
public class HealthCommand implements Action {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(name = "--customer", description = "Only this customer's devices")
    String customer;

    @Option(name = "--device", description = "Only this device, with its history")
    String device;

    @Option(name = "-n", description = "History entries shown with --device (default 20)")
    int limit = 20;

    @Option(name = "--json", description = "One JSON object per device and line, for scripts")
    boolean json;

    @Reference(optional = true)
    DeviceHealthView health;

    /** The device's own settings (yagura:health-set), shown with --device. */
    @Reference(optional = true)
    HealthStore settings;

    @Override
    public Object execute() throws CommandException {
        if (health == null) {
            throw new CommandException("Device health is not watched on this node (feature yagura-health)");
        }
        print(health, System.out);
        return null;
    }

    void print(DeviceHealthView view, PrintStream out) throws CommandException {
        List<DeviceHealth> states;
        if (device != null) {
            DeviceHealth one = view.state(device).orElse(null);
            if (one == null) {
                throw new CommandException("No device '" + device + "' (yagura:devices lists them)");
            }
            states = List.of(one);
        } else {
            states = view.states(customer);
        }
        if (json) {
            for (DeviceHealth h : states) {
                out.println(toJson(h, device == null ? null : view.history(h.deviceId(), limit)));
            }
            return;
        }
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Device", "Customer", "State", "Since", "Last answer", "Last log", "Incident",
                "Detail"}) {
            table.column(c);
        }
        for (DeviceHealth h : states) {
            table.addRow().addContent(h.deviceId(), h.customerId(), h.state().label(), h.since(), nz(h.lastAnswer()),
                    nz(h.lastLog()), nz(h.incidentId()), nz(h.detail()));
        }
        table.print(out);
        out.println("ICMP: " + view.icmpMethod());
        if (device != null && settings != null) {
            out.println("Settings: " + settings.settings(device).map(HealthCommand::overrides)
                    .filter(s -> !s.isEmpty()).orElse("the defaults of etc/io.yagura.health.cfg"));
        }
        if (device != null) {
            out.println();
            out.println("History of " + device + " (newest first):");
            ShellTable history = new ShellTable();
            history.column("At");
            history.column("From");
            history.column("To");
            history.column("Why");
            for (HealthTransition t : view.history(device, limit)) {
                history.addRow().addContent(t.at(), t.from().label(), t.to().label(), nz(t.reason()));
            }
            history.print(out);
        }
    }

    private static Object nz(Object o) {
        return o == null ? "-" : o;
    }

    static String toJson(DeviceHealth h, List<HealthTransition> history) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", h.deviceId());
        m.put("customer", h.customerId());
        m.put("state", h.state().label());
        m.put("since", text(h.since()));
        m.put("lastCheck", text(h.lastCheck()));
        m.put("lastAnswer", text(h.lastAnswer()));
        m.put("lastLog", text(h.lastLog()));
        m.put("firstFailure", text(h.firstFailure()));
        m.put("incident", h.incidentId());
        m.put("detail", h.detail());
        m.put("learnedGap", text(h.learnedGap()));
        if (history != null) {
            m.put("history", history.stream().map(t -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("at", text(t.at()));
                e.put("from", t.from().label());
                e.put("to", t.to().label());
                e.put("reason", t.reason());
                return e;
            }).toList());
        }
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The settings a device has of its own, e.g. "tcp/22, retries 4, fault after PT5M"; empty: none. */
    static String overrides(HealthSettings s) {
        List<String> out = new java.util.ArrayList<>();
        add(out, "address ", s.address());
        add(out, "ICMP ", s.ping() == null ? null : s.ping() ? "on" : "off");
        add(out, "tcp/", s.tcpPort());
        add(out, "interval ", s.interval());
        add(out, "retries ", s.retries());
        add(out, "retry gap ", s.retryGap());
        add(out, "fault after ", s.faultAfter());
        add(out, "silence after ", s.silenceThreshold());
        add(out, "upstream ", s.upstream());
        return String.join(", ", out) + (out.isEmpty() ? "" : " (the rest: defaults)");
    }

    private static void add(List<String> out, String label, Object value) {
        if (value != null) {
            out.add(label + value);
        }
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
