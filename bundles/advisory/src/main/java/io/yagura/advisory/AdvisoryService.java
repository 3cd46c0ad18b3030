package io.yagura.advisory;

import io.yagura.api.advisory.Advisory;
import io.yagura.api.notify.Mailer;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.templates.MailText;
import io.yagura.templates.TemplateService;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and sends advisories. An advisory with vendors or products goes to the customers that
 * have a matching device (vendor among the vendors, and product among the products when products
 * are named; case ignored); without either it goes to every customer. Each such customer's
 * contacts reached by mail get it in their language, and it is published on the customer's portal.
 */
@Component(service = AdvisoryService.class, configurationPid = "io.yagura.advisory")
@Designate(ocd = AdvisoryConfig.class)
public class AdvisoryService {

    public static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");
    static final List<String> LANGUAGES = List.of("ja", "en");
    private static final Pattern PERMANENT = Pattern.compile("^\\s*5\\d\\d\\b.*", Pattern.DOTALL);
    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryService.class);

    private final JdbcAdvisoryStore store;
    private final DeviceRegistry registry;
    private final AdvisoryTexts texts;
    private final Mailer mailer;
    private final int attempts;
    private final List<Duration> delays;
    private final Clock clock;
    private final TemplateService templates;

    @Activate
    public AdvisoryService(@Reference JdbcAdvisoryStore store, @Reference DeviceRegistry registry,
                           @Reference TemplateService templates, @Reference Mailer mailer, AdvisoryConfig config) {
        this(store, registry, new AdvisoryTexts(templates.open(AdvisoryTexts.SET)), mailer, config.mail_attempts(),
                delays(config.mail_retryDelaySeconds()), Clock.systemUTC(), templates);
    }

    AdvisoryService(JdbcAdvisoryStore store, DeviceRegistry registry, AdvisoryTexts texts, Mailer mailer, int attempts,
                    List<Duration> delays, Clock clock, TemplateService templates) {
        this.store = store;
        this.registry = registry;
        this.texts = texts;
        this.mailer = mailer;
        this.attempts = Math.max(1, attempts);
        this.delays = delays.isEmpty() ? List.of(Duration.ZERO) : List.copyOf(delays);
        this.clock = clock;
        this.templates = templates;
    }

    @Deactivate
    void deactivate() {
        templates.close(AdvisoryTexts.AREA);
    }

    /** "5, 30" → 5 s, 30 s; a clear error naming the setting otherwise. */
    static List<Duration> delays(String text) {
        try {
            return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> Duration.ofSeconds(Long.parseLong(s))).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mail.retryDelaySeconds '" + text + "' in etc/io.yagura.advisory.cfg: "
                    + "seconds separated by commas, e.g. 5, 30");
        }
    }

    /**
     * Validates and stores a new advisory as a draft.
     *
     * @throws IllegalArgumentException naming what is wrong (unknown severity, a missing language,
     *                                  a vendor or product no registered device has)
     */
    public Advisory create(String severity, List<String> vendors, List<String> products, Map<String, String> title,
                           Map<String, String> body, String by) {
        String sev = severity == null ? "" : severity.strip().toLowerCase(Locale.ROOT);
        if (!SEVERITIES.contains(sev)) {
            throw new IllegalArgumentException("severity '" + severity + "': one of " + String.join(", ", SEVERITIES));
        }
        for (String lang : LANGUAGES) {
            String t = title.get(lang);
            if (t == null || t.isBlank()) {
                throw new IllegalArgumentException("no title in " + lang + ": every contact reads it in ja or en");
            }
            if (t.contains("\n") || t.length() > 200) {
                throw new IllegalArgumentException("title in " + lang + ": one line of at most 200 characters");
            }
            if (body.get(lang) == null || body.get(lang).isBlank()) {
                throw new IllegalArgumentException("no body in " + lang + ": every contact reads it in ja or en");
            }
        }
        List<String> v = clean(vendors);
        List<String> p = clean(products);
        check("vendor", v, registry.devices().stream().map(Device::vendor).toList());
        check("product", p, registry.devices().stream().map(Device::product).toList());
        Advisory a = new Advisory("ADV-" + UUID.randomUUID().toString().substring(0, 8), sev, v, p,
                Map.of("en", title.get("en").strip(), "ja", title.get("ja").strip()),
                Map.of("en", body.get("en").strip(), "ja", body.get("ja").strip()), clock.instant(), by, null);
        store.create(a);
        LOG.info("Advisory {} ({}) written by {} for {}", a.id(), sev, by,
                v.isEmpty() && p.isEmpty() ? "all customers" : String.join(", ", v) + " " + String.join(", ", p));
        return a;
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of()
                : values.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** A vendor or product no device has would silently reach nobody: refused, with what exists. */
    private static void check(String what, List<String> wanted, List<String> known) {
        Set<String> have = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        known.stream().filter(k -> k != null && !k.isBlank()).forEach(have::add);
        for (String w : wanted) {
            if (!have.contains(w)) {
                throw new IllegalArgumentException(what + " '" + w + "' is on no registered device (known: "
                        + (have.isEmpty() ? "none" : String.join(", ", have)) + ")");
            }
        }
    }

    /** Who an advisory goes to, customer by customer: its mail contacts, then its portal. */
    public List<Recipient> recipients(Advisory a) {
        List<Recipient> out = new ArrayList<>();
        registry.customers().stream().sorted(Comparator.comparing(Customer::id)).filter(c -> affected(a, c))
                .forEach(c -> {
                    Set<String> seen = new HashSet<>();
                    c.contacts().stream().sorted(Comparator.comparingInt(Contact::order))
                            .filter(k -> k.channels().contains(Delivery.MAIL) && k.email() != null && !k.email().isBlank())
                            .filter(k -> seen.add(k.email().toLowerCase(Locale.ROOT)))
                            .forEach(k -> out.add(new Recipient(c.id(), k.name(), k.email(), Delivery.MAIL,
                                    texts.language(k.language()))));
                    out.add(new Recipient(c.id(), c.name(), c.id(), Delivery.PORTAL, String.join(",", LANGUAGES)));
                });
        return out;
    }

    private boolean affected(Advisory a, Customer c) {
        if (a.vendors().isEmpty() && a.products().isEmpty()) {
            return true;
        }
        return registry.devices().stream().filter(d -> c.id().equals(d.customer()))
                .anyMatch(d -> (a.vendors().isEmpty() || containsIgnoreCase(a.vendors(), d.vendor()))
                        && (a.products().isEmpty() || containsIgnoreCase(a.products(), d.product())));
    }

    private static boolean containsIgnoreCase(List<String> list, String value) {
        return value != null && list.stream().anyMatch(value::equalsIgnoreCase);
    }

    /**
     * Sends a draft advisory to its recipients, once: each mail is tried until the server takes it,
     * refuses it (5xx), or the tries are used up; every outcome is recorded.
     *
     * @throws IllegalArgumentException for an unknown advisory
     * @throws IllegalStateException    when it was sent already or would reach nobody
     */
    public List<Delivery> send(String advisoryId, String by) {
        Advisory a = store.find(advisoryId)
                .orElseThrow(() -> new IllegalArgumentException("no advisory '" + advisoryId + "' (yagura:advisories)"));
        if (a.sentAt() != null) {
            throw new IllegalStateException("advisory " + advisoryId + " was sent at " + a.sentAt()
                    + " (yagura:advisories " + advisoryId + " shows to whom)");
        }
        List<Recipient> recipients = recipients(a);
        if (recipients.isEmpty()) {
            throw new IllegalStateException("advisory " + advisoryId + " would reach no customer: no device matches "
                    + "its vendors and products now");
        }
        if (!store.markSent(advisoryId, clock.instant())) {
            throw new IllegalStateException("advisory " + advisoryId + " is being sent by someone else");
        }
        LOG.info("Advisory {} sent by {} to {} recipients", advisoryId, by, recipients.size());
        List<Delivery> out = new ArrayList<>();
        for (Recipient r : recipients) {
            Delivery d = r.channel().equals(Delivery.PORTAL)
                    ? new Delivery(a.id(), r.customerId(), r.address(), r.channel(), r.language(), Delivery.DELIVERED,
                            null, 1, clock.instant())
                    : mail(a, r);
            store.addDelivery(d);
            out.add(d);
        }
        return out;
    }

    private Delivery mail(Advisory a, Recipient r) {
        String customerName = registry.customer(r.customerId()).map(Customer::name).orElse(r.customerId());
        MailText m = texts.mail(r.language(), a, customerName, r.name());
        Mailer.OutgoingMail mail = new Mailer.OutgoingMail(List.of(r.address()), m.subject(), m.body(), List.of());
        String answer = null;
        for (int n = 1; n <= attempts; n++) {
            try {
                answer = mailer.send(mail);
                return new Delivery(a.id(), r.customerId(), r.address(), r.channel(), r.language(), Delivery.DELIVERED,
                        answer, n, clock.instant());
            } catch (Mailer.MailException e) {
                answer = e.getMessage();
                boolean permanent = answer != null && PERMANENT.matcher(answer).matches();
                LOG.warn("Advisory {} to {} (try {} of {}) {}: {}", a.id(), r.address(), n, attempts,
                        permanent ? "refused" : "failed", answer);
                if (permanent || n == attempts) {
                    return new Delivery(a.id(), r.customerId(), r.address(), r.channel(), r.language(),
                            Delivery.FAILED, answer, n, clock.instant());
                }
                pause(delays.get(Math.min(n - 1, delays.size() - 1)));
            }
        }
        throw new IllegalStateException("unreachable: " + answer);
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis()); // the backoff between tries of a temporarily failing server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to try a mail again", e);
        }
    }

    public JdbcAdvisoryStore store() {
        return store;
    }
}
