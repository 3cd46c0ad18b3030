package io.yagura.response;

import io.yagura.api.Queues;
import io.yagura.api.incident.IncidentChanges;
import io.yagura.api.incident.IncidentStore;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The response bundle on the broker, through the platform's Camel runtime: the route
 * "response-incidents" reads the announcements of yagura.incidents.response (transacted: an
 * announcement is taken off the queue once handled) and hands them to {@link IncidentReaction}.
 * Block notices leave through {@link ChannelQueueOutbox}, a component of its own: this one needs
 * the {@link BlockService}, which needs the outbox, and one component for both made a cycle that
 * left the service without its outbox.
 */
@Component(service = RoutesBuilder.class)
public class ResponseRoutes extends RouteBuilder {

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
}
