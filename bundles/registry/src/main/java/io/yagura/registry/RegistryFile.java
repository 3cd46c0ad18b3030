package io.yagura.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.RegistryException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the registry YAML file (etc/yagura-registry.yaml). */
final class RegistryFile {

    /** The file's shape: two lists. */
    static final class Content {
        public List<Customer> customers = new ArrayList<>();
        public List<Device> devices = new ArrayList<>();
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(SerializationFeature.INDENT_OUTPUT, true);

    private RegistryFile() {
    }

    static Content read(Path file) throws RegistryException {
        if (!Files.exists(file)) {
            return new Content();
        }
        try {
            Content c = YAML.readValue(file.toFile(), Content.class);
            if (c == null) {
                return new Content();
            }
            if (c.customers == null) {
                c.customers = new ArrayList<>();
            }
            if (c.devices == null) {
                c.devices = new ArrayList<>();
            }
            return c;
        } catch (IOException e) {
            throw new RegistryException(file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"), e);
        }
    }

    /** Writes atomically, so a crash never leaves a half-written registry. */
    static void write(Path file, Content content) throws RegistryException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            String header = "# Yagura registry: customers and their monitored devices.\n"
                    + "# Edited by the yagura:customer-add / yagura:device-add / yagura:device-remove commands;\n"
                    + "# hand edits are picked up within seconds.\n";
            Files.writeString(tmp, header + YAML.writeValueAsString(content));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new RegistryException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
