package io.yagura.console;

import io.yagura.api.registry.Device;
import io.yagura.api.registry.RegistryException;
import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "secret-rotate", description = "Seals every stored device secret again with the "
        + "current key (the first one in etc/yagura-secret.key or YAGURA_SECRET_KEY), in one change.",
        detailedDescription = "The step of a key rotation that re-encrypts (docs/operations.md, \"Device "
        + "secrets\"): first put the new key in front of the old one on every node, then run this once on any "
        + "node, then remove the old key everywhere.\n\nExample:\n  yagura:secret-rotate")
@Service
public class SecretRotateCommand extends RegistryCommand {

    @Override
    void run() throws RegistryException {
        List<Device> withSecrets = registry.devices().stream()
                .filter(d -> d.management() != null && !d.management().secret().isEmpty()).toList();
        if (withSecrets.isEmpty()) {
            System.out.println("No device has a secret; nothing to seal again");
            return;
        }
        // each device is written again as it is: the store seals its secret with the current key
        registry.importAll(List.of(), withSecrets);
        audit("secret-rotate", null, withSecrets.size() + " device secret(s) sealed again with the current key");
        System.out.println("Sealed the secrets of " + withSecrets.size() + " device(s) again with the current key. "
                + "The older keys can now be removed from etc/yagura-secret.key (or YAGURA_SECRET_KEY) on every node.");
    }
}
