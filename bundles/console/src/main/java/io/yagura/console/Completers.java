package io.yagura.console;

import io.yagura.api.plugin.VendorPlugin;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import java.util.List;
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

    @Service
    public static class DeviceIds implements Completer {
        @Reference
        DeviceRegistry registry;

        @Override
        public int complete(Session session, CommandLine line, List<String> candidates) {
            StringsCompleter s = new StringsCompleter();
            registry.devices().stream().map(Device::id).forEach(s.getStrings()::add);
            return s.complete(session, line, candidates);
        }
    }

    @Service
    public static class CustomerIds implements Completer {
        @Reference
        DeviceRegistry registry;

        @Override
        public int complete(Session session, CommandLine line, List<String> candidates) {
            StringsCompleter s = new StringsCompleter();
            registry.customers().stream().map(Customer::id).forEach(s.getStrings()::add);
            return s.complete(session, line, candidates);
        }
    }

    @Service
    public static class VendorIds implements Completer {
        @Reference
        List<VendorPlugin> plugins;

        @Override
        public int complete(Session session, CommandLine line, List<String> candidates) {
            StringsCompleter s = new StringsCompleter();
            plugins.stream().map(VendorPlugin::vendorId).forEach(s.getStrings()::add);
            return s.complete(session, line, candidates);
        }
    }
}
