package io.yagura.registry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.NotificationPolicy;
import io.yagura.api.registry.RegistryException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** The registry's YAML format: the seed file etc/yagura-registry.yaml, bulk imports and exports. */
final class RegistryYaml {

    /** The file's shape: two lists. */
    static final class Content {
        public List<Customer> customers = new ArrayList<>();
        public List<Device> devices = new ArrayList<>();
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(SerializationFeature.INDENT_OUTPUT, true)
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("yagura-registry")
                    .addDeserializer(NotificationPolicy.class, new PolicyReader()));

    /**
     * A policy written in part ({@code policy: {criticalMinutes: 30}}) keeps the defaults
     * for the rest, instead of Java's false and 0.
     */
    private static final class PolicyReader extends StdDeserializer<NotificationPolicy> {
        private static final long serialVersionUID = 1L;
        private static final List<String> KEYS = List.of("criticalAutoSend", "criticalMinutes", "dailyDigest",
                "allClear");

        PolicyReader() {
            super(NotificationPolicy.class);
        }

        @Override
        public NotificationPolicy deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonNode n = p.readValueAsTree();
            for (java.util.Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!KEYS.contains(key)) {
                    throw ctx.weirdKeyException(NotificationPolicy.class, key, "policy keys are " + KEYS);
                }
            }
            NotificationPolicy d = NotificationPolicy.defaults();
            return new NotificationPolicy(n.path("criticalAutoSend").asBoolean(d.criticalAutoSend()),
                    n.path("criticalMinutes").asInt(d.criticalMinutes()),
                    n.path("dailyDigest").asBoolean(d.dailyDigest()),
                    n.path("allClear").asBoolean(d.allClear()));
        }
    }

    private RegistryYaml() {
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
            throw new RegistryException(problem(file, e), e);
        }
    }

    /** "file, line 7: what is wrong" for the operator, without Jackson's stack of references. */
    private static String problem(Path file, IOException e) {
        if (e instanceof JsonProcessingException jp && jp.getLocation() != null) {
            StringBuilder where = new StringBuilder();
            if (e instanceof JsonMappingException jm) {
                // the entry, e.g. customers[3].contacts[0].emial: the line alone can point past the entry
                for (JsonMappingException.Reference r : jm.getPath()) {
                    if (r.getFieldName() != null) {
                        where.append(where.length() == 0 ? "" : ".").append(r.getFieldName());
                    } else if (r.getIndex() >= 0) {
                        where.append('[').append(r.getIndex()).append(']');
                    }
                }
            }
            return file + ", line " + jp.getLocation().getLineNr() + (where.length() == 0 ? "" : " (" + where + ")")
                    + ": " + jp.getOriginalMessage().lines().findFirst().orElse("unreadable");
        }
        return file + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable");
    }

    /** Writes atomically, so a crash never leaves a half-written registry. */
    static void write(Path file, Content content) throws RegistryException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            String header = "# Yagura registry export: customers (networks, contacts, notification policy) and\n"
                    + "# their devices. Load it back, after editing or on another installation, with\n"
                    + "#   yagura:registry-import <this file>\n";
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
