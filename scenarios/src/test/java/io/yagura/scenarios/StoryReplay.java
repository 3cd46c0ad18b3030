package io.yagura.scenarios;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.RawEnvelope;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.Incident;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.api.registry.Customer;
import io.yagura.correlation.engine.CorrelationEngine;
import io.yagura.correlation.house.ReplayClock;
import io.yagura.correlation.house.ReplayContext;
import io.yagura.correlation.engine.EngineSettings;
import io.yagura.correlation.engine.IncidentChange;
import io.yagura.correlation.rules.RuleSet;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a story in process: each line through its device's vendor plugin (as the platform's
 * plugin route does, stamping customer, device and plugin), each event through a correlation
 * engine with the shipped rules, on the story's own (device) time.
 */
final class StoryReplay {

    static final String CUSTOMER = "story";

    /** What a replay gave: the incidents as last updated, and the lines no plugin could read. */
    record Outcome(List<Incident> incidents, List<String> unreadLines) {
    }

    private final Map<String, VendorPlugin> plugins;
    private final RuleSet rules;

    StoryReplay(List<VendorPlugin> plugins, RuleSet rules) {
        this.plugins = new LinkedHashMap<>();
        plugins.forEach(p -> this.plugins.put(p.vendorId(), p));
        this.rules = rules;
    }

    Outcome replay(Story story) {
        return replay(story, story.lines());
    }

    /**
     * The story as a platform may correlate it when its devices' lines reach correlation in
     * blocks (each device has its own plugin queue): all the lines of the device that spoke last,
     * then those of the one before, and so on; each device's own lines keep their order.
     */
    Outcome replayDevicesReversed(Story story) {
        List<String> devices = new ArrayList<>();
        for (Story.Line line : story.lines()) {
            if (!devices.contains(line.device())) {
                devices.add(0, line.device());
            }
        }
        List<Story.Line> reordered = new ArrayList<>();
        for (String device : devices) {
            story.lines().stream().filter(l -> l.device().equals(device)).forEach(reordered::add);
        }
        return replay(story, reordered);
    }

    private Outcome replay(Story story, List<Story.Line> lines) {
        ReplayContext context = new ReplayContext(List.of(new Customer(CUSTOMER, story.title(), story.networks())),
                "INC-STORY-");
        ReplayClock clock = new ReplayClock();
        CorrelationEngine engine = new CorrelationEngine(rules, context, clock, EngineSettings.defaults());
        List<String> unread = new ArrayList<>();
        for (Story.Line line : lines) {
            String vendor = story.devices().get(line.device());
            VendorPlugin plugin = plugins.get(vendor);
            if (plugin == null) {
                throw new IllegalArgumentException(story.file() + ": no plugin " + vendor);
            }
            RawEnvelope envelope = new RawEnvelope(story.received().toEpochMilli(), "192.0.2.250", "tcp:5514",
                    line.device(), CUSTOMER, vendor, false, line.text());
            ParseResult result = plugin.parser().parse(envelope, new ParseContext(ZoneOffset.UTC, null));
            if (!(result instanceof ParseResult.Parsed parsed)) {
                unread.add(line.device() + ": " + result + " <- " + line.text());
                continue;
            }
            for (SecurityEvent e : parsed.events()) {
                e.set(Ecs.CUSTOMER_ID, CUSTOMER).set(Ecs.DEVICE_ID, line.device()).set(Ecs.YAGURA_PLUGIN, vendor)
                        .set(Ecs.EVENT_ORIGINAL, line.text());
                clock.advanceTo(e.getString(Ecs.TIMESTAMP));
                for (IncidentChange change : engine.process(e)) {
                    context.put(change.incident());
                }
            }
        }
        return new Outcome(context.incidents(), unread);
    }
}
