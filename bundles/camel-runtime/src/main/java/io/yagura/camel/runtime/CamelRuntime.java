package io.yagura.camel.runtime;

import jakarta.jms.ConnectionFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.amqp.AMQPComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Owns Yagura's CamelContext. Route bundles register {@link RoutesBuilder} services; their
 * routes are added when the service appears and exactly those routes are stopped (letting
 * in-flight messages finish) and removed when it goes, so a vendor plugin can be
 * installed, updated or removed while everything else keeps running.
 *
 * <p>The "amqp" component talks to Artemis through one cached connection, so the embedded
 * broker and an external one differ only in {@link BrokerConfig#broker_url()}.
 */
@Component(service = {}, immediate = true, configurationPid = "io.yagura.camel",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = BrokerConfig.class)
public class CamelRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(CamelRuntime.class);

    private final Map<RoutesBuilder, List<String>> routesByBuilder = new IdentityHashMap<>();
    private final List<RoutesBuilder> pending = new ArrayList<>();
    private DefaultCamelContext camel;
    private CachingConnectionFactory connectionFactory;
    private ServiceRegistration<CamelContext> registration;
    private ServiceRegistration<ConnectionFactory> brokerRegistration;
    private int shutdownTimeout;
    /** The context from activation on; {@link #camel} only once routes may start. */
    private DefaultCamelContext context;
    private Thread starter;
    private volatile boolean stopping;

    @Activate
    void activate(BrokerConfig config, BundleContext bundleContext) throws Exception {
        shutdownTimeout = config.shutdown_timeoutSeconds();
        DefaultCamelContext ctx = new DefaultCamelContext();
        ctx.getCamelContextExtension().setName("yagura");
        // Resolve components, languages and converters from the embedded jars.
        ctx.setApplicationContextClassLoader(CamelRuntime.class.getClassLoader());
        ctx.getShutdownStrategy().setTimeout(shutdownTimeout);
        ctx.getShutdownStrategy().setTimeUnit(TimeUnit.SECONDS);
        // MDC logging costs ~15% of ingest CPU under load (measured with JFR); the route
        // id is in every Yagura log line already.
        ctx.setUseMDCLogging(false);

        // Qpid's own connection factory, without global thread pools, behind Spring's
        // session cache so that each send does not open a connection.
        JmsConnectionFactory amqp = new JmsConnectionFactory(config.broker_username(),
                config.broker_password(), config.broker_url());
        connectionFactory = new CachingConnectionFactory(amqp);
        connectionFactory.setSessionCacheSize(config.broker_sessionCacheSize());
        connectionFactory.setReconnectOnException(true);
        // Consumers are cached by the listener containers themselves (CACHE_CONSUMER);
        // a consumer cached here would outlive its route and keep prefetched messages
        // away from the route that replaces it after a plugin update.
        connectionFactory.setCacheConsumers(false);
        ctx.addComponent("amqp", brokerComponent(connectionFactory));

        ctx.start();
        context = ctx;
        // Routes start once the broker listens: the embedded broker starts a moment after this
        // bundle, and a route started before it only logs connection errors and retries.
        starter = new Thread(() -> startWhenBrokerListens(ctx, config, bundleContext), "yagura-camel-start");
        starter.setDaemon(true);
        starter.start();
    }

    /**
     * The "amqp" component over the platform's cached broker connection. A transacted route
     * receives and sends in ONE local transaction, the listener's own session (exposed to the
     * route's producers), committed once at the end. Not with a Spring JmsTransactionManager,
     * Camel's default for transacted=true: with a cached consumer (CACHE_CONSUMER) the listener
     * receives on its own session while the sends go through the manager's, and the listener
     * commits the receive before the manager commits the sends. A broker lost between the two
     * commits lost the message and what the route made of it (20 and 896 lines on broker kills,
     * docs/performance.md); TransactedRelayTest shows it.
     */
    static AMQPComponent brokerComponent(ConnectionFactory connections) {
        AMQPComponent component = new AMQPComponent(connections);
        component.getConfiguration().setLazyCreateTransactionManager(false);
        return component;
    }

    private void startWhenBrokerListens(DefaultCamelContext ctx, BrokerConfig config, BundleContext bundleContext) {
        String url = redact(config.broker_url());
        BrokerAddress.of(config.broker_url()).ifPresent(address -> {
            long deadline = System.currentTimeMillis() + config.broker_waitSeconds() * 1000L;
            boolean told = false;
            while (!BrokerAddress.accepts(address, 500)) {
                if (stopping || System.currentTimeMillis() > deadline) {
                    if (!stopping) {
                        LOG.warn("Broker {} does not answer after {} s; starting the routes anyway, they retry until "
                                + "it does", url, config.broker_waitSeconds());
                    }
                    return;
                }
                if (!told) {
                    LOG.info("Waiting for the broker at {} before starting the routes", url);
                    told = true;
                }
                sleep(250);
            }
        });
        synchronized (this) {
            if (stopping) {
                return;
            }
            camel = ctx;
            for (RoutesBuilder b : pending) {
                addRoutes(b);
            }
            pending.clear();
            registration = bundleContext.registerService(CamelContext.class, ctx, null);
            // The same broker connection for code that talks JMS directly (browsing, replays).
            brokerRegistration = bundleContext.registerService(ConnectionFactory.class, connectionFactory, null);
        }
        LOG.info("Yagura Camel runtime started (Camel {}, broker {})", ctx.getVersion(), url);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        if (starter != null) {
            starter.interrupt();
        }
        synchronized (this) {
            if (brokerRegistration != null) {
                brokerRegistration.unregister();
            }
            if (registration != null) {
                registration.unregister();
            }
            if (camel != null) {
                camel.stop();
                camel = null;
            } else if (context != null) {
                context.stop(); // deactivated while waiting for the broker
            }
            routesByBuilder.clear();
        }
        if (connectionFactory != null) {
            connectionFactory.destroy();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindRoutes(RoutesBuilder builder) {
        if (camel == null) {
            pending.add(builder);
        } else {
            addRoutes(builder);
        }
    }

    synchronized void unbindRoutes(RoutesBuilder builder) {
        pending.remove(builder);
        List<String> ids = routesByBuilder.remove(builder);
        if (ids == null || camel == null) {
            return;
        }
        for (String id : ids) {
            try {
                // Stops the consumer first, then waits for in-flight exchanges (bounded).
                camel.getRouteController().stopRoute(id, shutdownTimeout, TimeUnit.SECONDS);
                camel.removeRoute(id);
            } catch (Exception e) {
                LOG.error("Could not remove route {} cleanly", id, e);
            }
        }
        LOG.info("Removed routes {}", ids);
    }

    private void addRoutes(RoutesBuilder builder) {
        Set<String> before = routeIds();
        try {
            camel.addRoutes(builder);
        } catch (Exception e) {
            LOG.error("Routes of {} could not be added: {}", builder, e.getMessage(), e);
        }
        Set<String> added = routeIds();
        added.removeAll(before);
        routesByBuilder.put(builder, new ArrayList<>(added));
        LOG.info("Added routes {}", added);
    }

    private Set<String> routeIds() {
        Set<String> ids = new HashSet<>();
        for (Route r : camel.getRoutes()) {
            ids.add(r.getRouteId());
        }
        return ids;
    }

    /** Never log credentials embedded in a URL. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password|pass|pwd)=[^&)]*", "$1=***");
    }
}
