package io.yagura.notify.channel;

import io.yagura.api.Queues;
import io.yagura.api.incident.IncidentChanges;
import org.apache.camel.builder.RouteBuilder;

/**
 * The queue of each notification channel, {@code yagura.notify.<channel>}: the dispatcher puts on
 * it the id of each notice for that channel, with the property {@value IncidentChanges#INCIDENT_PROPERTY}.
 */
public final class ChannelQueues {

    /** What a channel does with one notice taken from its queue. */
    @FunctionalInterface
    public interface NoticeHandler {
        /** @param incidentId the notice's incident, null when the message did not say */
        void handle(String noticeId, String incidentId);
    }

    private ChannelQueues() {
    }

    /**
     * Adds the route "notify-{@code channel}" to {@code routes}: it consumes the channel's queue
     * and hands each notice to {@code handler}.
     */
    public static void consume(RouteBuilder routes, String channel, NoticeHandler handler) {
        routes.from("amqp:queue:" + Queues.NOTIFY_PREFIX + channel
                + "?cacheLevelName=CACHE_CONSUMER&receiveTimeout=1000")
            .routeId("notify-" + channel)
            .process(e -> handler.handle(e.getMessage().getBody(String.class),
                    e.getMessage().getHeader(IncidentChanges.INCIDENT_PROPERTY, String.class)));
    }
}
