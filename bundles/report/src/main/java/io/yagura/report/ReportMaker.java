package io.yagura.report;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.health.HealthStore;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.notify.Mailer;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.report.MonthlyReport;
import io.yagura.api.report.ReportService;
import io.yagura.api.response.BlockStore;
import io.yagura.templates.MailText;
import io.yagura.templates.TemplateService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.karaf.scheduler.Scheduler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes monthly reports: on demand ({@link #make}, the console and the portal) and on the Karaf
 * Scheduler (job "yagura-monthly-reports"), which makes every missing report of the last
 * finished months (so never twice, and a downtime is caught up) and mails it to the customer's
 * report contacts: the contacts whose channels include {@value #CHANNEL}. The scheduled run is a
 * cluster duty ({@link ClusterDuties#MONTHLY_REPORTS}): with several nodes only its holder makes
 * and mails reports; a run missed while the duty changed hands is caught up by the next one.
 *
 * <p>A report is in the customer's language: the language of its first report contact (lowest
 * escalation order), or {@code defaultLanguage} when it has none. Each contact's mail text is in
 * the contact's own language.
 */
@Component(service = {ReportService.class, ReportMaker.class}, immediate = true, configurationPid = "io.yagura.report")
@Designate(ocd = ReportConfig.class)
public class ReportMaker implements ReportService {

    /** The contact channel that asks for monthly reports by mail. */
    public static final String CHANNEL = "report";
    public static final String SCHEDULER = "scheduler";
    static final String JOB = "yagura-monthly-reports";
    private static final Logger LOG = LoggerFactory.getLogger(ReportMaker.class);

    /** What the maker needs of the configuration. */
    record Settings(ZoneId zone, int top, boolean mail, int mailAttempts, int catchUpMonths, String defaultLanguage) {
        static Settings of(ReportConfig c) {
            ZoneId zone;
            try {
                zone = ZoneId.of(c.zone());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("zone '" + c.zone() + "' in etc/io.yagura.report.cfg: " + e.getMessage());
            }
            return new Settings(zone, Math.max(1, c.top()), c.mail(), Math.max(1, c.mail_attempts()),
                    Math.max(1, c.catchUp_months()), c.defaultLanguage());
        }
    }

    private final FactsCollector facts;
    private final ReportTexts texts;
    private final ReportPdf pdf;
    private final JdbcReportStore store;
    private final Mailer mailer;
    private final DeviceRegistry registry;
    private final TemplateService templates;
    private final Scheduler scheduler;
    private final Settings settings;
    private final Clock clock;
    private ClusterDuties duties;

    @Activate
    public ReportMaker(@Reference Scheduler scheduler, @Reference IncidentStore incidents,
                       // optional (features yagura-response, yagura-health); greedy: rebound when one comes later
                       @Reference(cardinality = ReferenceCardinality.OPTIONAL,
                               policyOption = ReferencePolicyOption.GREEDY) BlockStore blocks,
                       @Reference(cardinality = ReferenceCardinality.OPTIONAL,
                               policyOption = ReferencePolicyOption.GREEDY) HealthStore health,
                       @Reference DeviceRegistry registry, @Reference TemplateService templates,
                       @Reference Mailer mailer, @Reference JdbcReportStore store, @Reference ClusterDuties duties,
                       ReportConfig config) {
        this(new FactsCollector(incidents, blocks, health, registry, Clock.systemUTC()),
                new ReportTexts(templates.open(ReportTexts.SET)), new ReportPdf(Path.of(config.font_path())), store,
                mailer, registry, Settings.of(config), Clock.systemUTC(), templates, scheduler);
        this.duties = duties;
        try {
            scheduler.schedule((Runnable) this::scheduledRun,
                    scheduler.EXPR(config.schedule()).name(JOB).canRunConcurrently(false));
            LOG.info("Monthly reports: made at '{}' for the last {} finished months ({}), mailed: {}",
                    config.schedule(), settings.catchUpMonths(), settings.zone(), settings.mail());
        } catch (Exception e) {
            LOG.error("Cannot schedule {} with schedule '{}' (etc/io.yagura.report.cfg): reports are made on demand "
                    + "only", JOB, config.schedule(), e);
        }
    }

    ReportMaker(FactsCollector facts, ReportTexts texts, ReportPdf pdf, JdbcReportStore store, Mailer mailer,
                DeviceRegistry registry, Settings settings, Clock clock, TemplateService templates, Scheduler scheduler) {
        this.facts = facts;
        this.texts = texts;
        this.pdf = pdf;
        this.store = store;
        this.mailer = mailer;
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
        this.templates = templates;
        this.scheduler = scheduler;
    }

    @Deactivate
    void deactivate() {
        if (scheduler != null) {
            scheduler.unschedule(JOB);
        }
        if (templates != null) {
            templates.close(ReportTexts.AREA);
        }
    }

    @Override
    public MonthlyReport make(String customerId, YearMonth month, String by) {
        return make(customerId, month, by, false);
    }

    /** Makes (or makes again) and stores a report; mails it to the report contacts when {@code mail}. */
    public MonthlyReport make(String customerId, YearMonth month, String by, boolean mail) {
        Customer customer = registry.customer(customerId)
                .orElseThrow(() -> new IllegalArgumentException("no customer '" + customerId + "'"));
        String language = texts.language(language(customer));
        MonthFacts f = facts.collect(customer, month, settings.zone(), settings.top());
        byte[] bytes = pdf.render(f, language, texts.labels(language), texts.summary(language, f), clock.instant());
        MonthlyReport report = new MonthlyReport("RPT-" + UUID.randomUUID().toString().substring(0, 13), customerId,
                month, language, clock.instant(), by, bytes.length);
        store.save(report, bytes);
        LOG.info("Monthly report {} of {} for {} made by {} ({} bytes, {})", report.id(), customerId, month, by,
                bytes.length, language);
        if (mail) {
            mailTo(reportContacts(customer), report, f, bytes);
        }
        return report;
    }

    /** The PDF of a stored report. */
    public byte[] content(String reportId) {
        return store.content(reportId).orElseThrow(() -> new IllegalArgumentException("no report " + reportId));
    }

    /**
     * The scheduler's run: for every customer, the reports of the last finished months that are
     * not stored yet, or were made before their month ended (on demand), are made and mailed;
     * failed mails of stored ones are tried again. It goes back {@code catchUp.months}, but never
     * before the customer's oldest report: a customer with none (new, or the platform's first run)
     * starts with last month, not with months before it was a customer.
     */
    /** The scheduler's run: {@link #runScheduled} on the node holding the duty, nothing elsewhere. */
    void scheduledRun() {
        if (!duties.holds(ClusterDuties.MONTHLY_REPORTS)) {
            LOG.debug("{} skipped: another node holds the duty {}", JOB, ClusterDuties.MONTHLY_REPORTS);
            return;
        }
        runScheduled();
    }

    public void runScheduled() {
        YearMonth last = lastFinishedMonth();
        for (Customer c : registry.customers().stream().sorted(Comparator.comparing(Customer::id)).toList()) {
            YearMonth floor = store.list(c.id()).stream().map(MonthlyReport::month).min(Comparator.naturalOrder())
                    .orElse(last);
            for (int back = settings.catchUpMonths() - 1; back >= 0; back--) {
                YearMonth month = last.minusMonths(back);
                if (month.isBefore(floor)) {
                    continue;
                }
                try {
                    Instant end = month.plusMonths(1).atDay(1).atStartOfDay(settings.zone()).toInstant();
                    var stored = store.find(c.id(), month).filter(r -> !r.createdAt().isBefore(end));
                    if (stored.isEmpty()) {
                        make(c.id(), month, SCHEDULER, settings.mail());
                    } else if (settings.mail()) {
                        retryMails(c, stored.get());
                    }
                } catch (RuntimeException e) {
                    // one customer's failure (e.g. a broken template) does not stop the others; the next run tries again
                    LOG.error("Monthly report of {} for {} not made: {}", c.id(), month, e.getMessage(), e);
                }
            }
        }
    }

    /** The month before the current one in the configured zone. */
    public YearMonth lastFinishedMonth() {
        return YearMonth.now(clock.withZone(settings.zone())).minusMonths(1);
    }

    /** The contacts that receive the report by mail, in escalation order. */
    public static List<Contact> reportContacts(Customer customer) {
        return customer.contacts().stream()
                .filter(c -> c.channels().contains(CHANNEL) && c.email() != null && !c.email().isBlank())
                .sorted(Comparator.comparingInt(Contact::order)).toList();
    }

    private String language(Customer customer) {
        return reportContacts(customer).stream().map(Contact::language).findFirst().orElse(settings.defaultLanguage());
    }

    private void retryMails(Customer customer, MonthlyReport report) {
        Map<String, List<ReportDelivery>> tries = store.deliveries(report.id()).stream()
                .collect(Collectors.groupingBy(ReportDelivery::address));
        List<Contact> again = reportContacts(customer).stream().filter(c -> {
            List<ReportDelivery> t = tries.get(c.email());
            return t != null && t.stream().noneMatch(d -> ReportDelivery.DELIVERED.equals(d.outcome()))
                    && t.size() < settings.mailAttempts();
        }).toList();
        if (!again.isEmpty()) {
            byte[] bytes = store.content(report.id()).orElseThrow();
            mailTo(again, report, facts.collect(customer, report.month(), settings.zone(), settings.top()), bytes);
        }
    }

    private void mailTo(List<Contact> contacts, MonthlyReport report, MonthFacts f, byte[] bytes) {
        if (contacts.isEmpty()) {
            LOG.warn("Monthly report {} of {}: no contact has the channel '{}', not mailed", report.id(),
                    report.customerId(), CHANNEL);
            return;
        }
        String file = "yagura-report-" + report.customerId() + "-" + report.month() + ".pdf";
        Map<String, Long> tried = store.deliveries(report.id()).stream()
                .collect(Collectors.groupingBy(ReportDelivery::address, Collectors.counting()));
        for (Contact c : contacts) {
            MailText mail = texts.mail(texts.language(c.language()), f, file, report.language());
            int attempt = tried.getOrDefault(c.email(), 0L).intValue() + 1;
            String outcome;
            String answer;
            try {
                answer = mailer.send(new Mailer.OutgoingMail(List.of(c.email()), mail.subject(), mail.body(),
                        List.of(new Mailer.Attachment(file, "application/pdf", bytes))));
                outcome = ReportDelivery.DELIVERED;
            } catch (Mailer.MailException e) {
                answer = e.getMessage();
                outcome = ReportDelivery.FAILED;
                LOG.warn("Monthly report {} to {} (try {} of {}) failed: {}", report.id(), c.email(), attempt,
                        settings.mailAttempts(), answer);
            }
            store.addDelivery(new ReportDelivery(report.id(), report.customerId(), c.email(), attempt, clock.instant(),
                    outcome, answer));
        }
    }
}
