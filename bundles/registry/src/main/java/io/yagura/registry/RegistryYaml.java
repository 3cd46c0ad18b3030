package io.yagura.registry;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.api.registry.NotificationPolicy;
import io.yagura.api.registry.RegistryException;
import io.yagura.api.registry.Secret;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The registry's YAML format: the seed file etc/yagura-registry.yaml, bulk imports and exports.
 *
 * <p>A device's management secret is read either in clear ({@code secret: "..."}, for
 * onboarding) or sealed ({@code secret: {sealed: "<base64>"}}, as exports write it, opened with
 * this installation's key); it is never written in clear, and never quoted in an error.
 */
final class RegistryYaml {

    /** Opens a sealed secret read from a file (the repository's key). */
    @FunctionalInterface
    interface Unsealer {
        Secret unseal(String deviceId, String sealed) throws RegistryException;
    }

    private static final String UNSEALER = "yagura.unsealer";
    private static final String SEALED = "yagura.sealed";

    /** The file's shape: two lists. */
    static final class Content {
        public List<Customer> customers = new ArrayList<>();
        public List<Device> devices = new ArrayList<>();
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(SerializationFeature.INDENT_OUTPUT, true)
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("yagura-registry")
                    .addDeserializer(NotificationPolicy.class, new PolicyReader())
                    .addDeserializer(Device.class, new DeviceReader())
                    .addSerializer(Device.class, new DeviceWriter()));

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

    /**
     * A device, read key by key so that an unknown key is reported at its own line with its
     * path ({@code devices[2].management.pasword}), like every other entry of the file.
     */
    private static final class DeviceReader extends StdDeserializer<Device> {
        private static final long serialVersionUID = 1L;
        private static final List<String> KEYS = List.of("id", "customer", "vendor", "product", "productVersion",
                "timeZone", "addresses", "management");
        private static final List<String> MANAGEMENT_KEYS = List.of("url", "username", "secret", "pollSeconds",
                "trustStore");

        DeviceReader() {
            super(Device.class);
        }

        /** The management entry as written, its secret possibly still sealed. */
        private static final class Management {
            String url;
            String username;
            Secret secret = Secret.NONE;
            String sealed;
            JsonLocation sealedAt;
            Duration poll;
            String trustStore;
        }

        @Override
        public Device deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String id = null;
            String customer = null;
            String vendor = null;
            String product = null;
            String version = null;
            ZoneId zone = null;
            List<String> addresses = null;
            Management m = null;
            for (String key = firstField(p, Device.class, "a device"); key != null; key = p.nextFieldName()) {
                if (!KEYS.contains(key)) {
                    throw unknown(p, Device.class, key, KEYS);
                }
                p.nextToken();
                try {
                    switch (key) {
                        case "id" -> id = text(p, key);
                        case "customer" -> customer = text(p, key);
                        case "vendor" -> vendor = text(p, key);
                        case "product" -> product = text(p, key);
                        case "productVersion" -> version = text(p, key);
                        case "timeZone" -> zone = zone(p);
                        case "addresses" -> addresses = p.currentToken() == JsonToken.VALUE_NULL ? null
                                : ctx.readValue(p, ctx.getTypeFactory().constructCollectionType(List.class,
                                        String.class));
                        case "management" -> m = management(p);
                        default -> throw new IllegalStateException(key);
                    }
                } catch (JsonMappingException e) {
                    throw JsonMappingException.wrapWithPath(e, Device.class, key);
                }
            }
            ManagementEndpoint endpoint = null;
            if (m != null) {
                Secret secret = m.secret;
                if (m.sealed != null && id != null) {
                    secret = unseal(p, ctx, id, m);
                }
                endpoint = new ManagementEndpoint(m.url, m.username, secret, m.poll, m.trustStore);
            }
            return new Device(id, customer, vendor, product, addresses, version, zone, endpoint);
        }

        private static Secret unseal(JsonParser p, DeserializationContext ctx, String id, Management m)
                throws JsonMappingException {
            Unsealer unsealer = (Unsealer) ctx.getAttribute(UNSEALER);
            try {
                if (unsealer == null) {
                    throw new RegistryException("device '" + id + "': a sealed secret is opened by the registry only");
                }
                return unsealer.unseal(id, m.sealed);
            } catch (RegistryException e) {
                JsonMappingException jm = new JsonMappingException(p, e.getMessage(), m.sealedAt);
                jm.prependPath(new JsonMappingException.Reference(ManagementEndpoint.class, "secret"));
                jm.prependPath(new JsonMappingException.Reference(Device.class, "management"));
                throw jm;
            }
        }

        private static ZoneId zone(JsonParser p) throws IOException {
            String text = text(p, "timeZone");
            try {
                return DeviceRules.zone(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(p, e.getMessage(), text, ZoneId.class);
            }
        }

        private static Management management(JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            Management m = new Management();
            for (String key = firstField(p, ManagementEndpoint.class, "management"); key != null;
                 key = p.nextFieldName()) {
                if (!MANAGEMENT_KEYS.contains(key)) {
                    throw unknown(p, ManagementEndpoint.class, key, MANAGEMENT_KEYS);
                }
                p.nextToken();
                try {
                    switch (key) {
                        case "url" -> m.url = text(p, key);
                        case "username" -> m.username = text(p, key);
                        case "secret" -> secret(p, m);
                        case "pollSeconds" -> m.poll = seconds(p);
                        case "trustStore" -> m.trustStore = text(p, key);
                        default -> throw new IllegalStateException(key);
                    }
                } catch (JsonMappingException e) {
                    throw JsonMappingException.wrapWithPath(e, ManagementEndpoint.class, key);
                }
            }
            return m;
        }

        /** {@code secret: text} or {@code secret: {sealed: base64}}; errors never quote the value. */
        private static void secret(JsonParser p, Management m) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return;
            }
            if (t.isScalarValue()) {
                m.secret = Secret.of(p.getText());
                return;
            }
            if (t != JsonToken.START_OBJECT) {
                throw MismatchedInputException.from(p, Secret.class,
                        "secret must be text, or {sealed: ...} as registry-export writes it");
            }
            for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                if (!key.equals("sealed")) {
                    throw unknown(p, Secret.class, key, List.of("sealed"));
                }
                p.nextToken();
                if (!p.currentToken().isScalarValue()) {
                    throw JsonMappingException.wrapWithPath(MismatchedInputException.from(p, Secret.class,
                            "sealed must be the base64 text registry-export wrote"), Secret.class, key);
                }
                m.sealedAt = p.currentTokenLocation();
                m.sealed = p.getText();
            }
        }

        private static Duration seconds(JsonParser p) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return Duration.ofSeconds(p.getLongValue());
            }
            if (t == JsonToken.VALUE_STRING && p.getText().strip().matches("\\d{1,9}")) {
                return Duration.ofSeconds(Long.parseLong(p.getText().strip()));
            }
            throw InvalidFormatException.from(p, "pollSeconds must be a whole number of seconds ("
                    + DeviceRules.MIN_POLL.toSeconds() + ".." + DeviceRules.MAX_POLL.toSeconds() + ")", p.getText(),
                    Integer.class);
        }

        /** A scalar as written (a version 10.10 stays "10.10", not the number 10.1). */
        private static String text(JsonParser p, String key) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            if (t.isScalarValue()) {
                return p.getText();
            }
            throw MismatchedInputException.from(p, String.class, key + " must be a single value, not a "
                    + (t == JsonToken.START_ARRAY ? "list" : "mapping"));
        }

        private static String firstField(JsonParser p, Class<?> type, String what) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT) {
                return p.nextFieldName();
            }
            if (t == JsonToken.FIELD_NAME) {
                return p.currentName();
            }
            throw MismatchedInputException.from(p, type, what + " is a mapping of keys (" + String.join(", ",
                    type == Device.class ? KEYS : MANAGEMENT_KEYS) + ")");
        }

        private static JsonMappingException unknown(JsonParser p, Class<?> type, String key, List<String> keys) {
            return UnrecognizedPropertyException.from(p, type, key, new ArrayList<>(keys)); // path: type.key
        }
    }

    /**
     * A device as the file shows it: absent values left out, the management secret only in the
     * sealed form the caller prepared; a secret that was not sealed stops the export.
     */
    private static final class DeviceWriter extends StdSerializer<Device> {
        private static final long serialVersionUID = 1L;

        DeviceWriter() {
            super(Device.class);
        }

        @Override
        public void serialize(Device d, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject();
            g.writeStringField("id", d.id());
            g.writeStringField("customer", d.customer());
            g.writeStringField("vendor", d.vendor());
            optional(g, "product", d.product());
            optional(g, "productVersion", d.productVersion());
            optional(g, "timeZone", d.timeZone() == null ? null : d.timeZone().getId());
            g.writeArrayFieldStart("addresses");
            for (String a : d.addresses()) {
                g.writeString(a);
            }
            g.writeEndArray();
            ManagementEndpoint m = d.management();
            if (m != null) {
                g.writeObjectFieldStart("management");
                optional(g, "url", m.url());
                optional(g, "username", m.username());
                if (!m.secret().isEmpty()) {
                    @SuppressWarnings("unchecked")
                    Map<String, String> sealed = (Map<String, String>) provider.getAttribute(SEALED);
                    String text = sealed == null ? null : sealed.get(d.id());
                    if (text == null) {
                        throw JsonMappingException.from(g, "device '" + d.id()
                                + "': its secret was not sealed, and a secret is never written in clear");
                    }
                    g.writeObjectFieldStart("secret");
                    g.writeStringField("sealed", text);
                    g.writeEndObject();
                }
                if (m.pollInterval() != null) {
                    g.writeNumberField("pollSeconds", m.pollInterval().toSeconds());
                }
                optional(g, "trustStore", m.trustStore());
                g.writeEndObject();
            }
            g.writeEndObject();
        }

        private static void optional(JsonGenerator g, String key, String value) throws IOException {
            if (value != null) {
                g.writeStringField(key, value);
            }
        }
    }

    private RegistryYaml() {
    }

    /** Reads a file; sealed secrets are opened with {@code unsealer} (null: refused). */
    static Content read(Path file, Unsealer unsealer) throws RegistryException {
        if (!Files.exists(file)) {
            return new Content();
        }
        try {
            Content c = YAML.readerFor(Content.class).withAttribute(UNSEALER, unsealer).readValue(file.toFile());
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

    /**
     * Writes atomically, so a crash never leaves a half-written registry.
     *
     * @param sealed the sealed secret of every device that has one, by device id
     */
    static void write(Path file, Content content, Map<String, String> sealed) throws RegistryException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            String header = "# Yagura registry export: customers (networks, contacts, notification policy) and\n"
                    + "# their devices. Load it back, after editing or on another installation, with\n"
                    + "#   yagura:registry-import <this file>\n"
                    + "# Device secrets are sealed with this installation's key (etc/yagura-secret.key or\n"
                    + "# YAGURA_SECRET_KEY); an installation without that key cannot open them: leave the\n"
                    + "# secret: entries out there and set each secret with yagura:device-secret.\n";
            Files.writeString(tmp, header + YAML.writer().withAttribute(SEALED, sealed).writeValueAsString(content));
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
