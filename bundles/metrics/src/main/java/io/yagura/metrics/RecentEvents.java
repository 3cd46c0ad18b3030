package io.yagura.metrics;

import io.yagura.api.event.EventTail;
import io.yagura.api.event.SecurityEvent;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A ring buffer of the last normalized events produced on this node, for yagura:tail. */
@Component(service = EventTail.class, configurationPid = "io.yagura.tail")
@Designate(ocd = RecentEvents.Config.class)
public class RecentEvents implements EventTail {

    @ObjectClassDefinition(name = "Yagura event tail")
    public @interface Config {
        @AttributeDefinition(description = "How many recent events to keep for yagura:tail")
        int capacity() default 1000;
    }

    private SecurityEvent[] ring = new SecurityEvent[1000];
    private long written;

    @Activate
    void activate(Config config) {
        ring = new SecurityEvent[Math.max(1, config.capacity())];
    }

    @Override
    public synchronized void record(SecurityEvent event) {
        ring[(int) (written % ring.length)] = event;
        written++;
    }

    @Override
    public synchronized List<SecurityEvent> last(int n) {
        int count = (int) Math.min(Math.min(n, ring.length), written);
        List<SecurityEvent> out = new ArrayList<>(count);
        for (long i = written - count; i < written; i++) {
            out.add(ring[(int) (i % ring.length)]);
        }
        return out;
    }
}
