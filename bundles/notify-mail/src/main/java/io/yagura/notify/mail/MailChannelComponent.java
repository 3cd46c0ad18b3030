package io.yagura.notify.mail;

import io.yagura.api.KarafEtc;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Notification;
import io.yagura.api.registry.Customer;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockState;
import io.yagura.api.response.BlockStore;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.templates.TemplateService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail channel in OSGi: configured by {@code etc/io.yagura.notify.mail.cfg}, keeps its
 * proof of delivery in the {@link IncidentStore}, names customers from the
 * {@link DeviceRegistry} when it is there.
 *
 * <p>Entry points: {@link #deliver(Notification, Incident)} and {@link #deliverDigest}. The
 * consumer of the queue {@code yagura.notify.mail} ({@link MailQueueRoute}) calls them for
 * each message; they return at once and the delivery (with its retries) goes on on the
 * channel's own threads.
 *
 * <p>A configuration change is applied in place ({@link Modified}): notices waiting for a
 * retry are kept and use the new settings on their next attempt.
 */
@Component(service = MailChannelComponent.class, immediate = true, configurationPid = "io.yagura.notify.mail",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MailConfig.class)
public class MailChannelComponent {

    private static final Logger LOG = LoggerFactory.getLogger(MailChannelComponent.class);

    @Reference
    private IncidentStore store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DeviceRegistry registry;

    @Reference
    private TemplateService templateService;

    /** Emergency response, when installed: the blocks a block-placed notice lists. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile BlockStore blocks;

    private volatile MailChannel channel;
    private volatile MailTemplates templates;

    @Activate
    void activate(MailConfig config) {
        MailSettings settings = settings(config);
        warnIfOldTemplatesDir(config);
        Path dir = templateService.directory();
        OldTemplateConversion.convertAll(dir);
        MailTemplates templates = new MailTemplates(templateService.open(MailTemplates.SET));
        MailChannel c = new MailChannel(settings, templates, new StoreDeliveryLog(store), Clock.systemUTC(),
                config.threads());
        c.customerNames(this::customerName);
        c.activeBlocks(this::activeBlocks);
        this.templates = templates;
        channel = c;
        LOG.info("Mail channel ready: {}:{} {}, from {}, {} attempts, templates {} (languages {})",
                settings.host(), settings.port(), settings.security(), settings.from(), settings.maxAttempts(),
                dir, templates.languages());
    }

    /** New settings; the templates reload themselves when their files change (see yagura:templates). */
    @Modified
    void modified(MailConfig config) {
        MailSettings settings = settings(config);
        warnIfOldTemplatesDir(config);
        channel.update(settings, templates);
        LOG.info("Mail channel reconfigured: {}:{} {}, from {}, {} attempts", settings.host(),
                settings.port(), settings.security(), settings.from(), settings.maxAttempts());
    }

    @Deactivate
    void deactivate() {
        templateService.close(MailTemplates.AREA);
        MailChannel c = channel;
        channel = null;
        if (c != null) {
            List<Notification> pending = c.shutdown();
            if (!pending.isEmpty()) {
                LOG.warn("Mail channel stopped with {} notice(s) still pending", pending.size());
            }
        }
    }

    /**
     * Delivers one notice of kind "incident" or "all-clear" to its address; returns at once.
     * Every attempt and the outcome are recorded in the incident store.
     *
     * @return completes with the notification as finally recorded
     * @throws IllegalStateException when the channel is not active
     */
    public CompletableFuture<Notification> deliver(Notification notification, Incident incident) {
        return active().deliver(notification, incident);
    }

    /**
     * Delivers a digest notice (kind "digest") of a customer's incidents of one day; returns at
     * once. The incidents are read on the channel's digest thread.
     */
    public CompletableFuture<Notification> deliverDigest(Notification notification, LocalDate date,
                                                         Supplier<List<Incident>> incidents) {
        return active().deliverDigest(notification, date, incidents);
    }

    /** The SMTP sender with the current settings (for mails that are not notices: {@link ChannelMailer}). */
    MailSender sender() {
        return active().sender();
    }

    private MailChannel active() {
        MailChannel c = channel;
        if (c == null) {
            throw new IllegalStateException("mail channel is not active");
        }
        return c;
    }

    private List<Block> activeBlocks(String incidentId) {
        BlockStore b = blocks;
        return b == null ? List.of() : b.list(new BlockStore.Filter(null, null, incidentId,
                List.of(BlockState.ACTIVE), 100));
    }

    private String customerName(String customerId) {
        DeviceRegistry r = registry;
        return r == null ? null : r.customer(customerId).map(Customer::name).orElse(null);
    }

    /** templates.dir of this PID was replaced by dir of io.yagura.templates: say so rather than ignore it. */
    private void warnIfOldTemplatesDir(MailConfig config) {
        Path old = templatesDir(config.templates_dir());
        if (old != null && !old.equals(templateService.directory())) {
            LOG.warn("templates.dir = {} in io.yagura.notify.mail.cfg is no longer read: mail templates are read from "
                    + "{} (set dir in etc/io.yagura.templates.cfg)", old, templateService.directory());
        }
    }

    /** The settings a configuration describes. */
    static MailSettings settings(MailConfig c) {
        return new MailSettings(c.host(), c.port(), c.security(), c.username(), c.password(), c.from(),
                c.replyTo(), Duration.ofSeconds(c.connectTimeoutSeconds()), Duration.ofSeconds(c.readTimeoutSeconds()),
                c.retry_maxAttempts(), MailSettings.parseDurations(c.retry_backoff()), c.tls_trust(),
                c.tls_checkServerIdentity(), c.tls_protocols());
    }

    /** The template directory, with {@code ${karaf.etc}} replaced when Config Admin left it; null for none. */
    static Path templatesDir(String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        return KarafEtc.resolve(configured);
    }
}
