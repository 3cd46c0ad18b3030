package io.yagura.console;

import io.yagura.api.registry.RegistryException;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Command(scope = "yagura", name = "registry-import", description = "Onboards customers and devices in bulk from a "
        + "YAML file (the format of etc/yagura-registry.yaml and of yagura:registry-export): all or nothing.",
        detailedDescription = "Entries with an existing id replace it. The whole result is validated first (ids, "
        + "CIDR networks, addresses owned by one device, devices of known customers); on the first error nothing "
        + "is changed and the error names the entry.\n\nExample:\n  yagura:registry-import /tmp/onboarding.yaml")
@Service
public class RegistryImportCommand extends RegistryCommand {

    @Argument(index = 0, name = "file", required = true, description = "YAML file with customers: and devices:")
    @Completion(FileCompleter.class)
    String file;

    @Override
    void run() throws RegistryException {
        int[] sizes = registry.importFile(Path.of(file));
        audit("registry-import", null, Path.of(file).toAbsolutePath().toString());
        System.out.println("Imported " + file + "; the registry now holds " + sizes[0] + " customer(s) and "
                + sizes[1] + " device(s)");
    }
}
