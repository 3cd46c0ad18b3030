package io.yagura.itests;

import io.yagura.api.event.DeadLetter;
import io.yagura.api.event.SecurityEvent;
import io.yagura.wire.Wire;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Consumes yagura.events and yagura.deadletter inside Karaf so a test can read them. The
 * correlation route, which also consumes yagura.events, is paused meanwhile so that the
 * test sees every event (and restarted on close).
 */
final class QueueCapture implements AutoCloseable {

    final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
    final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final ServiceRegistration<RoutesBuilder> registration;

    private final org.apache.camel.CamelContext camel;
    private final boolean pausedCorrelation;

    QueueCapture(BundleContext context, org.apache.camel.CamelContext camel) throws Exception {
        this(context, camel, true);
    }

    /**
     * Dead letters only: correlation keeps consuming yagura.events (a test reads the events from
     * the event archive, whose divert copy does not compete with correlation).
     */
    static QueueCapture deadLettersOnly(BundleContext context, org.apache.camel.CamelContext camel) throws Exception {
        return new QueueCapture(context, camel, false);
    }

    private QueueCapture(BundleContext context, org.apache.camel.CamelContext camel, boolean events) throws Exception {
        this.camel = camel;
        this.pausedCorrelation = events;
        if (events) {
            Events.pauseCorrelation(camel);
        }
        registration = context.registerService(RoutesBuilder.class, new RouteBuilder() {
            @Override
            public void configure() {
                if (events) {
                    from("amqp:queue:yagura.events").routeId("itest-capture-events")
                            .process(e -> QueueCapture.this.events.addAll(Wire.readEvents(e.getMessage().getBody(byte[].class))));
                }
                from("amqp:queue:yagura.deadletter").routeId("itest-capture-deadletters")
                        .process(e -> deadLetters.addAll(Wire.readDeadLetters(e.getMessage().getBody(byte[].class))));
            }
        }, null);
    }

    SecurityEvent eventWithSourcePort(long port) {
        for (SecurityEvent e : events) {
            Long p = e.getLong(io.yagura.api.event.Ecs.SOURCE_PORT);
            if (p != null && p == port) {
                return e;
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        registration.unregister();
        if (pausedCorrelation) {
            Events.resumeCorrelation(camel);
        }
    }
}
