package io.yagura.agent.node;

import io.yagura.api.metrics.Counters;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.karaf.scheduler.Job;
import org.apache.karaf.scheduler.Scheduler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent in Karaf: enrols (retried until the centre answers), forwards through
 * {@link AgentLink}, and watches the disk buffer on the Karaf Scheduler. Present only where
 * etc/io.yagura.agent.cfg exists (the agent distribution). Counters: scope "agent", subject
 * "buffer": percent, bytes, alarms; subject "link": connected (1 or 0).
 */
@Component(service = AgentNode.class, immediate = true, configurationPid = "io.yagura.agent",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AgentNodeConfig.class)
public class AgentNode {

    private static final Logger LOG = LoggerFactory.getLogger(AgentNode.class);
    private static final String JOB = "yagura-agent-check";

    private final AgentLink link;
    private final BufferWatch buffer;
    private final Scheduler scheduler;
    private final java.util.concurrent.atomic.LongAdder connected;
    private final java.time.Duration renewBefore;
    private volatile boolean started;
    private volatile String lastFailure;
    private volatile String lastRenewalFailure;

    @Activate
    public AgentNode(@Reference ActiveMQServer broker, @Reference Counters counters, @Reference Scheduler scheduler,
                     AgentNodeConfig config) throws Exception {
        this.scheduler = scheduler;
        this.renewBefore = java.time.Duration.ofDays(Math.max(1, config.renew_days_before()));
        Path dir = Path.of(System.getProperty("karaf.etc", "etc"), "yagura", "agent");
        AgentLink configured = null;
        try {
            if (config.centre_host() == null || config.centre_host().isBlank()) {
                throw new IllegalArgumentException("centre.host is not set");
            }
            configured = new AgentLink(broker, dir, new AgentLink.Settings(config.name(), config.centre_host(),
                    config.centre_port(), config.enrol_port(), config.centre_ca_fingerprint(), config.enrol_token(),
                    config.queue(), config.verify_host()));
        } catch (IllegalArgumentException incomplete) {
            // Listeners and buffer run anyway: lines are kept until the agent is configured and enrolled.
            lastFailure = "etc/io.yagura.agent.cfg is incomplete: " + incomplete.getMessage();
            LOG.error("Agent not linked to a centre: {} (docs/agent.md); lines are kept in the buffer", lastFailure);
        }
        this.link = configured;
        this.buffer = new BufferWatch(broker, config.queue(), config.buffer_alarm_percent(), new BufferWatch.Gauges(
                counters.counter("agent", "buffer", "percent"), counters.counter("agent", "buffer", "alarms"),
                counters.counter("agent", "buffer", "bytes")));
        this.connected = counters.counter("agent", "link", "connected");
        Job check = ctx -> check();
        scheduler.schedule(check, scheduler.NOW(-1, Math.max(5, config.check_period_seconds())).name(JOB)
                .canRunConcurrently(false));
    }

    void check() {
        if (!started && link != null) {
            try {
                link.start();
                started = true;
            } catch (Exception e) {
                String why = e.getMessage();
                if (!String.valueOf(why).equals(lastFailure)) {
                    LOG.error("Agent link not started (retried every check): {}", why, e);
                    lastFailure = why;
                }
            }
        }
        if (started) {
            renewIfDue();
        }
        buffer.check();
        connected.add((connected() ? 1 : 0) - connected.sum());
    }

    /** A failed renewal is tried again at every check; logged once per distinct reason, at ERROR. */
    private void renewIfDue() {
        try {
            link.renewIfDue(java.time.Instant.now(), renewBefore);
            lastRenewalFailure = null;
        } catch (Exception e) {
            String why = String.valueOf(e.getMessage());
            if (!why.equals(lastRenewalFailure)) {
                LOG.error("Agent certificate renewal failed (tried again every check; when the certificate ends the "
                        + "centre refuses the agent and lines wait in the buffer): {}", why, e);
                lastRenewalFailure = why;
            }
        }
    }

    public boolean connected() {
        return link != null && link.connected();
    }

    public boolean enrolled() {
        return link != null && link.enrolled();
    }

    public BufferWatch buffer() {
        return buffer;
    }

    /** Why the link has not started, if it has not. */
    public String lastFailure() {
        return started ? null : lastFailure;
    }

    @Deactivate
    void deactivate() throws Exception {
        scheduler.unschedule(JOB);
        if (link != null) {
            link.close();
        }
    }
}
