package io.yagura.response;

import io.yagura.api.Queues;
import io.yagura.api.incident.IncidentChanges;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Notification;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The response bundle on the broker, through the platform's Camel runtime: the route
 * "response-incidents" reads the announcements of yagura.incidents.response (transacted: an
 * announcement is taken off the queue once handled) and hands them to {@link IncidentReaction};
 * block notices go to the mail channel's queue as the dispatcher's do (body: notice id).
 */
@Component(service = {RoutesBuilder.class, NoticeOutbox.class})
public class ResponseRoutes extends RouteBuilder implements NoticeOutbox {

    private final IncidentReaction reaction;

    @Activate
    public ResponseRoutes(@Reference BlockService blocks, @Reference IncidentStore incidents) {
        this.reaction = new IncidentReaction(blocks, incidents);
    }

    @Override
    public void configure() {
        from("amqp:queue:" + Queues.INCIDENTS + "::" + Queues.INCIDENTS_FOR_RESPONSE + "?transacted=true"
                + "&cacheLevelName=CACHE_CONSUMER&receiveTimeout=1000")
            .routeId("response-incidents")
            .process(e -> reaction.react(e.getMessage().getBody(String.class),
                    e.getMessage().getHeader(IncidentChanges.CHANGE_PROPERTY, String.class)));
    }

    /** Notices are rare (one per placed address and contact): a producer each, closed at once. */
    @Override
    public void send(Notification n) {
        CamelContext c = getCamelContext();
        if (c == null) {
            throw new IllegalStateException("the platform's Camel runtime has not started the response routes yet");
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
