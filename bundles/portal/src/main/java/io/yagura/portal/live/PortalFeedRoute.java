package io.yagura.portal.live;

import io.yagura.api.Queues;
import io.yagura.api.incident.IncidentChanges;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the live streams from the broker: every incident change announced on the multicast
 * address yagura.incidents (a non-durable subscription of this node: streams are per node, and
 * what was missed while down is read from the store at the next page load), and every portal
 * notice of the dispatcher on yagura.notify.portal, whose incident is pushed (and the notice
 * marked delivered) when a session of the customer is watching; otherwise it stays pending until
 * a page shows it.
 */
@Component(service = RoutesBuilder.class)
public class PortalFeedRoute extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(PortalFeedRoute.class);
    private final LiveHub hub;

    @Activate
    public PortalFeedRoute(@Reference LiveFeed feed) {
        this(feed.hub());
    }

    public PortalFeedRoute(LiveHub hub) {
        this.hub = hub;
    }

    @Override
    public void configure() {
        from("amqp:topic:" + Queues.INCIDENTS)
            .routeId("portal-live")
            .process(e -> push(e.getMessage().getHeader(IncidentChanges.INCIDENT_PROPERTY, String.class), "change"));
        from("amqp:queue:" + Queues.NOTIFY_PREFIX + PortalNotices.CHANNEL + "?cacheLevelName=CACHE_CONSUMER")
            .routeId("notify-portal")
            .process(e -> push(e.getMessage().getHeader(IncidentChanges.INCIDENT_PROPERTY, String.class),
                    "notice " + e.getMessage().getBody(String.class)));
    }

    private void push(String incidentId, String what) {
        if (incidentId == null) {
            LOG.error("Portal: {} without the {} property; nothing pushed", what, IncidentChanges.INCIDENT_PROPERTY);
            return;
        }
        hub.changed(incidentId);
    }
}
