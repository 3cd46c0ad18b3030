package io.yagura.camel.runtime;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Yagura Camel runtime",
        description = "The shared CamelContext and its connection to the Artemis broker (AMQP).")
public @interface BrokerConfig {

    @AttributeDefinition(description = "AMQP URL of the broker; the embedded one by default. "
            + "Use amqps:// for an external broker reached over the network. Failover: "
            + "failover:(amqp://a:5672,amqp://b:5672)")
    String broker_url() default "amqp://127.0.0.1:5672";

    @AttributeDefinition(description = "Broker user")
    String broker_username() default "yagura";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Broker password")
    String broker_password() default "yagura";

    @AttributeDefinition(description = "Sessions cached on the shared broker connection")
    int broker_sessionCacheSize() default 16;

    @AttributeDefinition(description = "Seconds a stopping route may take to finish in-flight messages")
    int shutdown_timeoutSeconds() default 15;

    @AttributeDefinition(description = "Seconds to wait at start for the broker's port to accept connections "
            + "before the routes start (the embedded broker starts a moment after this bundle); after that "
            + "the routes start anyway and keep retrying")
    int broker_waitSeconds() default 60;

    @AttributeDefinition(description = "Concurrent consumers of each vendor plugin's raw queue (parsing threads per plugin)")
    int plugin_consumers() default 1;
}
