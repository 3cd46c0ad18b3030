package io.yagura.notify.phone;

import io.yagura.api.KarafEtc;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.notify.Mailer;
import io.yagura.api.notify.Acknowledgements;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.notify.phone.media.Speech;
import io.yagura.notify.phone.sip.CallResult;
import io.yagura.notify.phone.sip.SipPhone;
import io.yagura.notify.phone.sip.SipSettings;
import io.yagura.templates.TemplateService;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sip.SipException;
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

/**
 * The phone channel in OSGi: configured by {@code etc/io.yagura.notify.phone.cfg}, calls
 * through the SIP trunk configured there, keeps its proof of delivery in the
 * {@link IncidentStore}, records acknowledgements through {@link Acknowledgements}. A
 * configuration change restarts it (DS): a call in progress is cut, and the escalations under
 * way are picked up again by {@link PhoneQueueRoute}'s sweep.
 */
@Component(service = PhoneChannelComponent.class, immediate = true, configurationPid = "io.yagura.notify.phone",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PhoneConfig.class)
public class PhoneChannelComponent {

    private static final Logger LOG = LoggerFactory.getLogger(PhoneChannelComponent.class);

    private final TemplateService templateService;
    private final PhoneChannel channel;
    private final PhoneTemplates templates;
    private final SipPhone phone;
    private final Speech speech;
    private final PhoneChannel.Policy policy;
    private final String notConfigured;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DeviceRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Mailer mailer;

    @Activate
    public PhoneChannelComponent(@Reference IncidentStore store, @Reference Acknowledgements acks,
                                 @Reference TemplateService templateService, PhoneConfig config) {
        this.templateService = templateService;
        this.policy = policy(config);
        Readings readings = Readings.load(path(config.readings()));
        this.templates = new PhoneTemplates(templateService.open(PhoneTemplates.SET), readings);
        this.speech = new Speech(config.espeak());
        try {
            speech.speak("en", "Yagura"); // found now rather than by a callee who hears nothing
        } catch (Speech.SpeechException e) {
            LOG.error("Phone channel: the notices cannot be spoken: {}; calls are placed but say nothing",
                    e.getMessage());
        }
        SipPhone started = null;
        String problem = null;
        try {
            started = SipPhone.start(settings(config), tlsTrust(config));
        } catch (IllegalArgumentException | SipException e) {
            problem = e.getMessage();
            // Not configured is a choice (WARN); configured but unusable is a fault (ERROR). Either way the
            // phone notices are recorded as not called and end in the SOC alarm: never silently pending.
            if (config.trunk().isBlank()) {
                LOG.warn("Phone channel: no trunk in etc/io.yagura.notify.phone.cfg; phone notices are recorded as "
                        + "not called, then alarmed to the SOC");
            } else {
                LOG.error("Phone channel: no calls can be placed: {} (etc/io.yagura.notify.phone.cfg); every phone "
                        + "notice is recorded as not called, then alarmed", problem);
            }
        }
        this.phone = started;
        this.notConfigured = problem;
        PhoneChannel.Caller caller = started != null ? started::call
                : (number, script) -> new CallResult(number, Instant.now(), 0, "not called: " + notConfigured, 0, "",
                        false);
        this.channel = new PhoneChannel(store, acks, this::customer, templates, speech::speak, caller, policy,
                Clock.systemUTC(), Math.max(1, config.threads()));
        List<String> socAddresses = Arrays.stream(config.alarmMailTo().split(",")).map(String::trim)
                .filter(a -> !a.isEmpty()).toList();
        channel.socAlarm((incident, detail) -> mailSoc(mailer, socAddresses, incident, detail));
        LOG.info("Phone channel ready: {}; {} round(s), {} s apart, digit {}; {} reading(s) from {}",
                started != null ? started.settings() : "no trunk", policy.rounds(), policy.roundPause().toSeconds(),
                policy.ackDigit(), readings.size(), readings.file());
    }

    @Deactivate
    void deactivate() {
        channel.close();
        if (phone != null) {
            phone.close();
        }
        templateService.close(PhoneTemplates.AREA);
    }

    /** Starts the escalation of an incident's pending phone notices (no-op when under way). */
    public boolean escalate(String incidentId) {
        return channel.escalate(incidentId);
    }

    /** Incidents being escalated now. */
    public Set<String> escalating() {
        return channel.escalating();
    }

    /** The registration's state, for yagura:calls. */
    public String registration() {
        return phone == null ? "not started: " + notConfigured : phone.registration();
    }

    /** Calls {@code number} and plays the test message; blocks until the call is over. */
    public CallResult testCall(String number, String language) throws Exception {
        if (phone == null) {
            throw new IllegalStateException("no calls can be placed: " + notConfigured);
        }
        PhoneTemplates.Spoken s = templates.test(language, policy.ackDigit());
        byte[] audio = speech.speak(s.language(), s.notice() + "\n" + s.prompt());
        return phone.call(number, new SipPhone.Script(audio, speech.speak(s.language(), s.thanks()),
                policy.ackDigit(), policy.digitWait()));
    }

    /** The exhausted escalation mailed to the SOC; returns what was done, for the audit entry. */
    static String mailSoc(Mailer m, List<String> to, Incident incident, String detail) {
        if (to.isEmpty()) {
            return "no SOC alarm address configured (alarmMailTo)";
        }
        if (m == null) {
            LOG.error("Incident {}: the SOC alarm mail to {} cannot be sent: no mail channel on this node",
                    incident.id(), to);
            return "SOC alarm mail not sent: no mail channel";
        }
        String subject = "[Yagura] ALARM " + incident.id() + ": " + incident.level().label() + " of "
                + incident.customerId() + " not acknowledged by phone";
        String text = "Incident " + incident.id() + " (" + incident.level().label() + ", customer "
                + incident.customerId() + ", " + incident.title() + ")\n\nPhone escalation exhausted: " + detail
                + "\n\nThe calls: yagura:calls " + incident.id() + "\n";
        try {
            String answer = m.send(new Mailer.OutgoingMail(to, subject, text, List.of()));
            return "SOC alarm mailed to " + to + ": " + answer;
        } catch (Mailer.MailException e) {
            LOG.error("Incident {}: the SOC alarm mail to {} failed: {}", incident.id(), to, e.getMessage());
            return "SOC alarm mail to " + to + " failed: " + e.getMessage();
        }
    }

    private Optional<Customer> customer(String customerId) {
        DeviceRegistry r = registry;
        return r == null ? Optional.empty() : r.customer(customerId);
    }

    static PhoneChannel.Policy policy(PhoneConfig c) {
        String digit = c.ackDigit().trim();
        if (digit.length() != 1) {
            throw new IllegalArgumentException("ackDigit '" + c.ackDigit() + "': one digit, 0-9, * or #");
        }
        return new PhoneChannel.Policy(c.rounds(), Duration.ofSeconds(c.roundPauseSeconds()), digit.charAt(0),
                Duration.ofSeconds(c.digitWaitSeconds()));
    }

    /** The SIP settings of a configuration; IllegalArgumentException naming what is wrong. */
    static SipSettings settings(PhoneConfig c) {
        boolean tls = "tls".equalsIgnoreCase(c.transport().trim());
        SipSettings.HostPort trunk = SipSettings.hostPort(c.trunk(), tls ? 5061 : 5060);
        if (trunk == null) {
            throw new IllegalArgumentException("no trunk configured");
        }
        SipSettings.HostPort registrar = SipSettings.hostPort(c.registrar(), tls ? 5061 : 5060);
        int[] rtp = SipSettings.portRange(c.rtpPorts());
        String local = c.localAddress().isBlank() ? routeTo(trunk) : c.localAddress().trim();
        return new SipSettings(trunk.host(), trunk.port(), registrar == null ? null : registrar.host(),
                registrar == null ? 0 : registrar.port(), c.transport(), c.user(), c.password(), c.domain(), local,
                c.localPort(), rtp[0], rtp[1], Duration.ofSeconds(c.ringTimeoutSeconds()),
                Duration.ofSeconds(c.registerExpirySeconds()));
    }

    /**
     * The trust store of tls.trustStore as JAIN SIP stack properties. JAIN SIP reads a trust store only
     * when a key store is set too: the same file (no client certificate is asked for, none is sent).
     */
    static java.util.Properties tlsTrust(PhoneConfig c) {
        java.util.Properties p = new java.util.Properties();
        String file = c.tls_trustStore().trim();
        if (!file.isEmpty()) {
            String path = path(file).toString();
            for (String kind : new String[] {"keyStore", "trustStore"}) {
                p.setProperty("javax.net.ssl." + kind, path);
                p.setProperty("javax.net.ssl." + kind + "Password", c.tls_trustStorePassword());
                p.setProperty("javax.net.ssl." + kind + "Type", "PKCS12");
            }
        }
        return p;
    }

    /** The local address the system routes to the trunk from (no packet is sent). */
    private static String routeTo(SipSettings.HostPort trunk) {
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(new InetSocketAddress(trunk.host(), trunk.port()));
            return s.getLocalAddress().getHostAddress();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot find this node's address towards " + trunk.host()
                    + " (set localAddress): " + e.getMessage());
        }
    }

    static Path path(String configured) {
        return KarafEtc.resolve(configured);
    }
}
