package io.yagura.ingest.relp;

import io.yagura.api.metrics.Counters;
import io.yagura.ingest.SyslogIngest;
import jakarta.jms.ConnectionFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RELP listener (etc/io.yagura.ingest.relp.cfg): lines are routed like those of the
 * syslog listeners, but stored on the broker in a transaction before they are acknowledged.
 * It starts once the broker connection is there (the Camel runtime registers it when the
 * broker listens).
 */
@Component(service = {}, immediate = true, configurationPid = "io.yagura.ingest.relp")
@Designate(ocd = RelpConfig.class)
public class RelpListener {

    private static final Logger LOG = LoggerFactory.getLogger(RelpListener.class);

    @Reference
    private SyslogIngest ingest;

    @Reference
    private Counters counters;

    @Reference
    private ConnectionFactory broker;

    private RelpServer server;

    @Activate
    void activate(RelpConfig config) throws InterruptedException {
        RelpSettings settings = RelpSettings.of(config);
        if (settings.port() == 0) {
            LOG.info("RELP listener off (port = 0)");
            return;
        }
        server = RelpServer.start(settings, "relp:" + settings.port(), ingest.dispatcher(), counters,
                () -> new BrokerLines(broker));
        LOG.info("RELP listener on {}:{} (commit.lines={}, commit.delay.ms={}, max.frame.bytes={})",
                settings.bindAddress(), settings.port(), settings.commitLines(), settings.commitDelayMs(),
                settings.maxFrameBytes());
    }

    @Deactivate
    void deactivate() {
        if (server != null) {
            server.close();
        }
    }
}
