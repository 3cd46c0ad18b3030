package io.yagura.console;

import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.registry.RegistryException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "device-remove", description = "Removes a device from the registry.",
        detailedDescription = "Its later lines are treated as coming from an unknown source.\n\n"
        + "Example:\n  yagura:device-remove acme-fw1")
@Service
public class DeviceRemoveCommand implements Action {

    @Argument(index = 0, name = "id", required = true, description = "Device id")
    @Completion(Completers.DeviceIds.class)
    String id;

    @Reference
    DeviceRegistry registry;

    @Override
    public Object execute() {
        try {
            if (registry.removeDevice(id)) {
                System.out.println("Device " + id + " removed");
            } else {
                System.err.println("No device with id " + id + " (yagura:devices lists them)");
            }
        } catch (RegistryException e) {
            System.err.println("Device not removed: " + e.getMessage());
        }
        return null;
    }
}
