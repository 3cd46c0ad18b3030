package io.yagura.report;

import io.yagura.api.health.HealthState;
import io.yagura.api.health.HealthTransition;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockState;
import io.yagura.store.JdbcBlockStore;
import io.yagura.store.JdbcHealthStore;
import io.yagura.store.JdbcIncidentStore;
import io.yagura.templates.freemarker.FreemarkerTemplates;
import io.yagura.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

/**
 * A month of a SOC's work in the real stores on H2: November 2026 (Asia/Tokyo) for two customers,
 * acme (report contacts in Japanese first) and globex (English), with incidents of every level,
 * notices on time and late, blocks and a device outage, plus a few just outside the month.
 */
public final class MonthOfIncidents {

    public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    public static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    static final Instant FROM = NOVEMBER.atDay(1).atStartOfDay(TOKYO).toInstant();
    static final Instant TO = NOVEMBER.plusMonths(1).atDay(1).atStartOfDay(TOKYO).toInstant();
    static final String GLOBEX_ONLY_ATTACKER = "233.252.0.99";
    private static final List<String> ATTACKERS = List.of("203.0.113.7", "203.0.113.7", "203.0.113.7",
            "198.51.100.23", "198.51.100.23", "192.0.2.200", "10.1.2.3");
    private static final List<String> CATEGORIES = List.of("intrusion", "intrusion", "malware", "reconnaissance",
            "policy-violation");
    private static final List<String> RULES = List.of("ET SCAN Nmap", "sig-2003", "sig-2003", "sig-4410");

    final DataSource dataSource = TestDatabases.freshH2();
    final JdbcIncidentStore incidents;
    final JdbcBlockStore blocks;
    final JdbcHealthStore health;
    public final JdbcReportStore reports;
    public final RegistryFake registry = new RegistryFake();
    public final FreemarkerTemplates templates;

    public MonthOfIncidents(Path templateDir) throws Exception {
        incidents = new JdbcIncidentStore(dataSource);
        blocks = new JdbcBlockStore(dataSource);
        health = new JdbcHealthStore(dataSource);
        reports = new JdbcReportStore(dataSource);
        templates = new FreemarkerTemplates(templateDir);
        registry.putCustomer(new Customer("acme", "ACME 株式会社", List.of("10.0.0.0/8"), List.of(
                new Contact("運用 花子", "hanako@acme.example", null, 1, List.of("mail", "report"), List.of(), "ja", ""),
                new Contact("John Smith", "john@acme.example", null, 2, List.of("mail", "report"), List.of(), "en", ""),
                new Contact("Night desk", "ops@acme.example", null, 3, List.of("mail"), List.of(), "en", "")), null));
        registry.putCustomer(new Customer("globex", "Globex Inc.", List.of("172.16.0.0/12"), List.of(
                new Contact("Mary Major", "mary@globex.example", null, 1, List.of("mail", "report"), List.of(), "en",
                        "")), null));
        registry.putDevice(new Device("acme-fw1", "acme", "cisco-asa", "ASA 5525-X", List.of("192.0.2.1")));
        registry.putDevice(new Device("acme-ips", "acme", "paloalto", "PA-3220", List.of("192.0.2.2")));
        registry.putDevice(new Device("globex-fw", "globex", "fortigate", "FG-100F", List.of("192.0.2.3")));
        fill();
    }

    private void fill() {
        Random rnd = new Random(42);
        for (int n = 0; n < 60; n++) {
            Instant at = n == 0 ? FROM : FROM.plus(Duration.ofMinutes(691L * n + 7)); // 60 × 11.5 h < 30 days
            Level level = n % 7 == 0 ? Level.EMERGENCY : n % 4 == 0 ? Level.CRITICAL
                    : Level.values()[2 + rnd.nextInt(3)];
            boolean fault = n % 13 == 5;
            incident("acme", "INC-A" + n, level, at, fault ? "device-health" : CATEGORIES.get(rnd.nextInt(CATEGORIES.size())),
                    fault ? List.of() : List.of(ATTACKERS.get(rnd.nextInt(ATTACKERS.size()))),
                    List.of("10.0.0." + (1 + rnd.nextInt(4))), fault ? List.of() : List.of(RULES.get(rnd.nextInt(RULES.size()))),
                    n);
        }
        // just outside November in Tokyo (still November in UTC at the end: the zone matters)
        incident("acme", "INC-A-OCT", Level.EMERGENCY, FROM.minusSeconds(1), "intrusion", List.of("203.0.113.7"),
                List.of("10.0.0.1"), List.of("sig-2003"), 1);
        incident("acme", "INC-A-DEC", Level.EMERGENCY, TO, "intrusion", List.of("203.0.113.7"), List.of("10.0.0.1"),
                List.of("sig-2003"), 1);
        for (int n = 0; n < 6; n++) {
            incident("globex", "INC-G" + n, n == 0 ? Level.CRITICAL : Level.WARNING, FROM.plus(Duration.ofDays(2L + n)),
                    "intrusion", List.of(GLOBEX_ONLY_ATTACKER), List.of("172.16.0.9"), List.of("sig-9999"), n);
        }
        block("BLK-1", "203.0.113.7", false, FROM.plus(Duration.ofDays(3)), BlockState.EXPIRED);
        block("BLK-2", "203.0.113.7", false, FROM.plus(Duration.ofDays(9)), BlockState.ACTIVE);
        block("BLK-3", "198.51.100.23", false, FROM.plus(Duration.ofDays(12)), BlockState.REMOVED);
        block("BLK-4", "10.1.2.3", true, FROM.plus(Duration.ofDays(20)), BlockState.ACTIVE);
        block("BLK-5", "192.0.2.200", false, FROM.plus(Duration.ofDays(25)), BlockState.EXPIRED);
        block("BLK-OCT", "203.0.113.7", false, FROM.minus(Duration.ofDays(2)), BlockState.EXPIRED);
        Block refused = new Block("BLK-R", "acme", "acme-fw1", "8.8.8.8", false, null, BlockState.REFUSED, "auto",
                "safelisted", FROM.plus(Duration.ofDays(4)), null, null, FROM.plus(Duration.ofDays(4)), "safelist", 0);
        blocks.create(refused);
        // acme-fw1 down for 3 hours on 10 November; acme-ips never
        Instant down = NOVEMBER.atDay(10).atStartOfDay(TOKYO).toInstant();
        health.addTransition(new HealthTransition("acme-fw1", FROM.minus(Duration.ofDays(40)), HealthState.UNKNOWN,
                HealthState.UP, "answered"));
        health.addTransition(new HealthTransition("acme-fw1", down, HealthState.UP, HealthState.FAULT, "no answer"));
        health.addTransition(new HealthTransition("acme-fw1", down.plus(Duration.ofHours(3)), HealthState.FAULT,
                HealthState.UP, "answered"));
    }

    private void incident(String customer, String id, Level level, Instant at, String category, List<String> attackers,
                          List<String> targets, List<String> rules, int n) {
        Instant deadline = level.defaultDeadline() == null ? null : at.plus(level.defaultDeadline());
        incidents.create(Incident.builder().id(id).customerId(customer).key(customer + "|" + id).proposedLevel(level)
                .status(n % 5 == 0 ? IncidentStatus.CLOSED : IncidentStatus.NOTIFIED).category(category)
                .title("test incident " + id).attackers(attackers).targets(targets).rules(rules)
                .rationale(List.of("test")).eventCount(3).firstSeen(at).lastSeen(at).detectedAt(at).deadline(deadline)
                .build());
        if (deadline != null) {
            // every third notice with a deadline is late: delivered 5 minutes after it
            boolean late = n % 3 == 0;
            Instant delivered = late ? deadline.plus(Duration.ofMinutes(5)) : at.plusSeconds(20 + n);
            incidents.createNotification(new Notification("N-" + id, id, customer, "incident", "mail",
                    "soc@" + customer + ".example", "en", level, at, "delivered", deadline, delivered, !late));
        }
    }

    private void block(String id, String address, boolean quarantine, Instant placed, BlockState state) {
        blocks.create(new Block(id, "acme", "acme-fw1", address, quarantine, null, state, "auto", "test",
                placed.minusSeconds(30), placed, placed.plus(Duration.ofDays(1)),
                state.terminal() ? placed.plus(Duration.ofDays(1)) : null, "ok", 0));
    }

    public FactsCollector collector(Clock clock) {
        return new FactsCollector(incidents, blocks, health, registry, clock);
    }

    /** The maker on these stores on 2 December 2026, Tokyo months, 3 mail tries, 3 months of catch-up. */
    public ReportMaker maker(io.yagura.api.notify.Mailer mailer) {
        return new ReportMaker(collector(decemberSecond()), new ReportTexts(templates.open(ReportTexts.SET)),
                new ReportPdf(ReportContentTest.FONT), reports, mailer, registry,
                new ReportMaker.Settings(TOKYO, 10, true, 3, 3, "en"), decemberSecond(), templates, null);
    }

    /** 2 December 2026, 09:00 in Tokyo: November is finished. */
    public static Clock decemberSecond() {
        return Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC);
    }
}
