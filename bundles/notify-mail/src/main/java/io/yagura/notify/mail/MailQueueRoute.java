package io.yagura.notify.mail;

import io.yagura.api.Queues;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentChanges;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Notification;
import java.util.Optional;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the mail channel from its queue, yagura.notify.mail (body: the notice id). The
 * channel retries on its own schedule and records every attempt in the store.
 */
@Component(service = RoutesBuilder.class)
public class MailQueueRoute extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(MailQueueRoute.class);

    private final MailChannelComponent channel;
    private final IncidentStore store;

    @Activate
    public MailQueueRoute(@Reference MailChannelComponent channel, @Reference IncidentStore store) {
        this.channel = channel;
        this.store = store;
    }

    @Override
    public void configure() {
        from("amqp:queue:" + Queues.NOTIFY_PREFIX + "mail?cacheLevelName=CACHE_CONSUMER&receiveTimeout=1000")
            .routeId("notify-mail")
            .process(e -> {
                String id = e.getMessage().getBody(String.class);
                String incidentId = e.getMessage().getHeader(IncidentChanges.INCIDENT_PROPERTY, String.class);
                Optional<Incident> incident = incidentId == null ? Optional.empty() : store.find(incidentId);
                Optional<Notification> notice = incident.flatMap(i -> store.notifications(i.id()).stream()
                        .filter(n -> n.id().equals(id)).findFirst());
                if (notice.isEmpty()) {
                    LOG.error("Notice {} not found in the store; nothing sent", id);
                    return;
                }
                channel.deliver(notice.get(), incident.get());
            });
    }
}
