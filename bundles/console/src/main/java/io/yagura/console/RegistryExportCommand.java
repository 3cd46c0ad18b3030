package io.yagura.console;

import io.yagura.api.registry.RegistryException;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Command(scope = "yagura", name = "registry-export", description = "Writes the whole registry (customers with "
        + "contacts and policy, devices) to a YAML file that yagura:registry-import reads back.",
        detailedDescription = "For backups, for editing many entries at once, and for moving customers to another "
        + "installation. Device secrets are written sealed with this installation's key (etc/yagura-secret.key or "
        + "YAGURA_SECRET_KEY), never in clear: only an installation with the same key imports them.\n\n"
        + "Example:\n  yagura:registry-export /tmp/registry.yaml")
@Service
public class RegistryExportCommand extends RegistryCommand {

    @Argument(index = 0, name = "file", required = true, description = "File to write (replaced if it exists)")
    @Completion(FileCompleter.class)
    String file;

    @Override
    void run() throws RegistryException {
        registry.exportFile(Path.of(file));
        System.out.println("Wrote " + registry.customers().size() + " customer(s) and " + registry.devices().size()
                + " device(s) to " + Path.of(file).toAbsolutePath());
    }
}
