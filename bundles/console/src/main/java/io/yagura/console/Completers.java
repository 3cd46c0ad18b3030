package io.yagura.console;

import io.yagura.api.plugin.VendorPlugin;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import java.util.List;
import java.util.stream.Stream;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Tab completion for ids the operator would otherwise have to look up. */
public final class Completers {

    private Completers() {
    }

    /** Completes the current word from these values. */
    static int completeFrom(Stream<String> values, Session session, CommandLine line, List<String> candidates) {
        StringsCompleter strings = new StringsCompleter();
        values.forEach(strings.getStrings()::add);
        return strings.complete(session, line, candidates);
    }

    @Service
    public static class DeviceIds implements Completer {
        @Reference
        DeviceRegistry registry;

        @Override
        public int complete(Session session, CommandLine line, List<String> candidates) {
            return completeFrom(registry.devices().stream().map(Device::id), session, line, candidates);
        }
    }

    @Service
    public static class CustomerIds implements Completer {
        @Reference
        DeviceRegistry registry;

        @Override
        public int complete(Session session, CommandLine line, List<String> candidates) {
            return completeFrom(registry.customers().stream().map(Customer::id), session, line, candidates);
        }
    }

    @Service
    public static class VendorIds implements Completer {
        @Reference
        List<VendorPlugin> plugins;

        @Override
        public int complete(Session session, CommandLine line, List<String> candidates) {
            return completeFrom(plugins.stream().map(VendorPlugin::vendorId), session, line, candidates);
        }
    }
}
