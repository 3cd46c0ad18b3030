package io.yagura.correlation.house;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.RawEnvelope;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.api.plugin.VendorPlugin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.Yaml;

/**
 * A labelled story of the scenario corpus (scenarios/stories, format in its README) read through the
 * vendor plugins into events, as the platform's plugin routes would: what a house rule is replayed on.
 *
 * @param name     the story file name
 * @param attack   true when the story expects an incident (an attack sample), false for a benign story
 * @param networks the customer's networks
 * @param events   its events, in order
 */
public record StoryEvents(String name, boolean attack, List<String> networks, List<SecurityEvent> events) {

    /** The customer id the story's events carry. */
    public static final String CUSTOMER = "story";

    /**
     * @param plugins vendor plugin by id (null when it is not installed)
     * @throws HouseRuleException when the file cannot be read, names no installed plugin, or a line is unreadable
     */
    @SuppressWarnings("unchecked")
    public static StoryEvents read(Path file, Function<String, VendorPlugin> plugins) {
        String name = file.getFileName().toString();
        Map<String, Object> story;
        try {
            story = new Yaml().load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new HouseRuleException("story " + file + " cannot be read: " + e.getMessage());
        }
        Map<String, String> devices = (Map<String, String>) story.getOrDefault("devices", Map.of());
        Map<String, Object> customer = (Map<String, Object>) story.getOrDefault("customer", Map.of());
        List<String> networks = (List<String>) customer.getOrDefault("networks", List.of());
        List<?> expected = (List<?>) story.get("expected");
        List<SecurityEvent> events = new ArrayList<>();
        for (Map<String, String> line : (List<Map<String, String>>) story.getOrDefault("lines", List.of())) {
            Map.Entry<String, String> l = line.entrySet().iterator().next();
            String vendor = devices.get(l.getKey());
            VendorPlugin plugin = vendor == null ? null : plugins.apply(vendor);
            if (plugin == null) {
                throw new HouseRuleException("story " + name + ": no vendor plugin '" + vendor + "' for device "
                        + l.getKey() + " is installed");
            }
            RawEnvelope envelope = new RawEnvelope(0, "192.0.2.250", "replay", l.getKey(), CUSTOMER, vendor, false,
                    l.getValue());
            if (plugin.parser().parse(envelope, new ParseContext(ZoneOffset.UTC, null)) instanceof ParseResult.Parsed p) {
                for (SecurityEvent e : p.events()) {
                    events.add(e.set(Ecs.CUSTOMER_ID, CUSTOMER).set(Ecs.DEVICE_ID, l.getKey())
                            .set(Ecs.YAGURA_PLUGIN, vendor).set(Ecs.EVENT_ORIGINAL, l.getValue()));
                }
            }
        }
        return new StoryEvents(name, expected != null && !expected.isEmpty(), networks, events);
    }
}
