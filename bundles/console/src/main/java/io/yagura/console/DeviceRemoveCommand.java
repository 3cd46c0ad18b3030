package io.yagura.console;

import io.yagura.api.registry.RegistryException;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

@Command(scope = "yagura", name = "device-remove", description = "Removes a device from the registry.",
        detailedDescription = "Its later lines are treated as coming from an unknown source.\n\n"
        + "Example:\n  yagura:device-remove acme-fw1")
@Service
public class DeviceRemoveCommand extends RegistryCommand {

    @Argument(index = 0, name = "id", required = true, description = "Device id")
    @Completion(Completers.DeviceIds.class)
    String id;

    @Override
    void run() throws RegistryException, CommandException {
        if (registry.removeDevice(id)) {
            audit("device-remove", id, null);
            System.out.println("Device " + id + " removed");
        } else {
            throw new CommandException("No device with id " + id + " (yagura:devices lists them)");
        }
    }
}
