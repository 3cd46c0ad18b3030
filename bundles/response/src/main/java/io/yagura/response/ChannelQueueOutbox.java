package io.yagura.response;

import io.yagura.api.Queues;
import io.yagura.api.incident.IncidentChanges;
import io.yagura.api.incident.Notification;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Component;

/**
 * Sends block notices to their channel's queue (yagura.notify.mail …, body: the notice id), as
 * the dispatcher sends incident notices. A route builder without routes: the platform's Camel
 * runtime gives it its CamelContext when it adds it, and it needs nothing else, so that the
 * {@link BlockService} can depend on it without a cycle.
 */
@Component(service = {RoutesBuilder.class, NoticeOutbox.class})
public class ChannelQueueOutbox extends RouteBuilder implements NoticeOutbox {

    @Override
    public void configure() {
        // no routes: only a producer, made per notice
    }

    /** Notices are rare (one per placed address and contact): a producer each, closed at once. */
    @Override
    public void send(Notification n) {
        CamelContext c = getCamelContext();
        if (c == null) {
            throw new IllegalStateException("the platform's Camel runtime has not taken the response outbox yet");
        }
        try (ProducerTemplate producer = c.createProducerTemplate()) {
            producer.sendBodyAndHeaders("amqp:queue:" + Queues.NOTIFY_PREFIX + n.channel(), n.id(),
                    Map.of("yaguraChannel", n.channel(), "yaguraNotification", n.id(),
                            IncidentChanges.INCIDENT_PROPERTY, n.incidentId()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("closing the notice producer: " + e.getMessage(), e);
        }
    }
}
