package io.yagura.console;

import io.yagura.api.event.RawEnvelope;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.wire.Wire;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.FileCompleter;

/**
 * Runs a file of log lines through an installed plugin's parser, without touching the queues:
 * an integrator checks a customer's real logs before go-live.
 */
@Command(scope = "yagura", name = "parse", description = "Parses a file of log lines with an installed vendor plugin "
        + "and prints each normalized event, or why the line was ignored or rejected.",
        detailedDescription = "Nothing is sent to correlation. Examples:\n"
        + "  yagura:parse --vendor paloalto /tmp/pa-sample.log\n"
        + "  yagura:parse --vendor juniper-srx --device acme-srx1 /tmp/srx.log   (the device's zone and version)\n"
        + "  yagura:parse --vendor fortinet --summary /var/log/remote/fg.log")
@Service
public class ParseCommand implements Action {

    @Option(name = "--vendor", required = true, description = "Vendor id of an installed plugin (see yagura:plugins)")
    String vendor;

    @Option(name = "--device", description = "Read the lines as this registered device's (its clock zone and version)")
    String device;

    @Option(name = "--summary", description = "Only count parsed, ignored and rejected lines, with the reasons")
    boolean summary;

    @Argument(index = 0, name = "file", required = true, description = "File with one log line per line")
    @Completion(FileCompleter.class)
    String file;

    @Reference
    List<VendorPlugin> plugins;

    @Reference(optional = true)
    DeviceRegistry registry;

    @Override
    public Object execute() throws Exception {
        Optional<VendorPlugin> plugin = plugins.stream().filter(p -> p.vendorId().equals(vendor)).findFirst();
        if (plugin.isEmpty()) {
            throw new CommandException("No installed plugin '" + vendor + "'; installed: "
                    + plugins.stream().map(VendorPlugin::vendorId).sorted().toList());
        }
        ParseContext context = ParseContext.DEFAULT;
        if (device != null) {
            Optional<Device> d = registry == null ? Optional.empty() : registry.device(device);
            if (d.isEmpty()) {
                throw new CommandException("No registered device '" + device + "' (see yagura:devices)");
            }
            context = new ParseContext(d.get().zone(), d.get().productVersion());
        }
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new CommandException("Cannot read " + path.toAbsolutePath());
        }
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            run(plugin.get(), context, in, System.out, summary);
        }
        return null;
    }

    /** Parses every line of {@code in} and prints the outcome; returns {parsed, ignored, rejected}. */
    static int[] run(VendorPlugin plugin, ParseContext context, BufferedReader in, PrintStream out, boolean summaryOnly)
            throws java.io.IOException {
        int[] counts = new int[3];
        java.util.Map<String, Integer> reasons = new java.util.TreeMap<>();
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            RawEnvelope envelope = new RawEnvelope(System.currentTimeMillis(), "file", "yagura:parse", null, null,
                    plugin.vendorId(), false, line);
            ParseResult r;
            try {
                r = plugin.parser().parse(envelope, context);
            } catch (RuntimeException bug) {
                r = ParseResult.rejected("parser failed: " + bug);
            }
            if (r instanceof ParseResult.Parsed p) {
                counts[0]++;
                if (!summaryOnly) {
                    p.events().forEach(e -> out.println(Wire.toJson(e)));
                }
            } else if (r instanceof ParseResult.Ignored i) {
                counts[1]++;
                reasons.merge("ignored: " + i.reason(), 1, Integer::sum);
                if (!summaryOnly) {
                    out.println("line " + number + " ignored: " + i.reason());
                }
            } else if (r instanceof ParseResult.Rejected j) {
                counts[2]++;
                reasons.merge("rejected: " + j.reason(), 1, Integer::sum);
                if (!summaryOnly) {
                    out.println("line " + number + " REJECTED: " + j.reason());
                }
            }
        }
        out.println(counts[0] + " parsed, " + counts[1] + " ignored, " + counts[2] + " rejected (" + number + " lines)");
        if (summaryOnly) {
            reasons.forEach((reason, n) -> out.println("  " + n + " x " + reason));
        }
        return counts;
    }
}
