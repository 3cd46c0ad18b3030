package io.yagura.console;

import io.yagura.api.Queues;
import io.yagura.api.metrics.Counters;
import io.yagura.api.metrics.Metric;
import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.VendorPlugin;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "plugins", description = "Lists the installed vendor plugins with "
        + "their queue depth, rates and counters.",
        detailedDescription = "A plugin's queue yagura.raw.<vendor> holds lines waiting for it; a growing "
        + "depth means the plugin is absent, stopped or too slow.\n\nExample:\n  yagura:plugins")
@Service
public class PluginsCommand implements Action {

    @Reference
    List<VendorPlugin> plugins;

    @Reference
    Counters counters;

    @Reference(optional = true)
    CamelContext camel;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Vendor");
        table.column("Products");
        table.column("Types");
        table.column("Route");
        table.column("Queue").alignRight();
        table.column("Lines/s").alignRight();
        table.column("Received").alignRight();
        table.column("Parsed").alignRight();
        table.column("Ignored").alignRight();
        table.column("Rejected").alignRight();
        table.column("Events").alignRight();
        Map<String, Map<String, Long>> perPlugin = counters.snapshot().getOrDefault(Metric.SCOPE_PLUGIN, Map.of());
        for (VendorPlugin p : plugins) {
            String id = p.vendorId();
            Map<String, Long> c = perPlugin.getOrDefault(id, Map.of());
            table.addRow().addContent(
                    id,
                    p.products().stream().sorted().collect(Collectors.joining(",")),
                    p.deviceTypes().stream().map(DeviceType::ecsValue).sorted().collect(Collectors.joining(",")),
                    routeStatus("vendor-" + id),
                    QueueDepths.text(QueueDepths.depth(Queues.rawQueueOf(id))),
                    String.format(Locale.ROOT, "%.1f", counters.ratePerSecond(Metric.SCOPE_PLUGIN, id, Metric.RECEIVED)),
                    c.getOrDefault(Metric.RECEIVED, 0L),
                    c.getOrDefault(Metric.PARSED, 0L),
                    c.getOrDefault(Metric.IGNORED, 0L),
                    c.getOrDefault(Metric.REJECTED, 0L),
                    c.getOrDefault(Metric.EVENTS, 0L));
        }
        table.print(System.out);
        for (String queue : QueueDepths.rawQueues()) {
            String vendor = queue.substring(Queues.RAW_PREFIX.length());
            if (!Queues.RAW_UNKNOWN.equals(queue) && plugins.stream().noneMatch(p -> p.vendorId().equals(vendor))) {
                long depth = QueueDepths.depth(queue);
                if (depth != 0) {
                    System.out.printf("%s message(s) wait in %s: no plugin for vendor '%s' is installed%n",
                            QueueDepths.text(depth), queue, vendor);
                }
            }
        }
        System.out.printf("%s waiting in %s, %s in %s, %s in %s%n",
                QueueDepths.text(QueueDepths.depth(Queues.RAW_UNKNOWN)), Queues.RAW_UNKNOWN,
                QueueDepths.text(QueueDepths.depth(Queues.EVENTS)), Queues.EVENTS,
                QueueDepths.text(QueueDepths.depth(Queues.DEAD_LETTER)), Queues.DEAD_LETTER);
        return null;
    }

    private String routeStatus(String routeId) {
        if (camel == null) {
            return "no camel";
        }
        Route r = camel.getRoute(routeId);
        if (r == null) {
            return "absent";
        }
        return camel.getRouteController().getRouteStatus(routeId).name().toLowerCase(Locale.ROOT);
    }
}
