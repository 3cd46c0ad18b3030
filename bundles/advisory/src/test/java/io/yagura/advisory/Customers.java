package io.yagura.advisory;

import io.yagura.api.notify.Mailer;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.registry.DeviceRegistryService;
import io.yagura.registry.MemoryRegistryRepository;
import io.yagura.templates.freemarker.FreemarkerTemplates;
import io.yagura.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * Three customers in the real registry service: acme (an ASA 5525-X; a Japanese and an English
 * mail contact, a phone-only one), globex (a FortiGate), initech (an ASA 5506-X); the advisory
 * store on H2 and the template service.
 */
public final class Customers {

    public final JdbcAdvisoryStore store;
    final DeviceRegistryService registry;
    final AdvisoryTexts texts;

    public Customers(Path templateDir) throws Exception {
        DataSource h2 = TestDatabases.freshH2();
        store = new JdbcAdvisoryStore(h2);
        registry = new DeviceRegistryService(new MemoryRegistryRepository());
        registry.putCustomer(new Customer("acme", "ACME 株式会社", List.of("10.0.0.0/8"), List.of(
                new Contact("運用 花子", "hanako@acme.example", null, 1, List.of("mail"), List.of(), "ja", ""),
                new Contact("John Smith", "john@acme.example", "+81 3 1234 5678", 2, List.of("mail", "phone"),
                        List.of(), "en", ""),
                new Contact("Night phone", null, "+81 3 9999 0000", 3, List.of("phone"), List.of(), "ja", "")), null));
        registry.putCustomer(new Customer("globex", "Globex Inc.", List.of(), List.of(
                new Contact("Mary Major", "mary@globex.example", null, 1, List.of("mail"), List.of(), "en", "")), null));
        registry.putCustomer(new Customer("initech", "Initech", List.of(), List.of(
                new Contact("Peter Gibbons", "peter@initech.example", null, 1, List.of("mail"), List.of(), "en", "")),
                null));
        registry.putDevice(new Device("acme-fw1", "acme", "cisco-asa", "ASA 5525-X", List.of("192.0.2.1")));
        registry.putDevice(new Device("globex-fw", "globex", "fortigate", "FG-100F", List.of("192.0.2.3")));
        registry.putDevice(new Device("initech-fw", "initech", "cisco-asa", "ASA 5506-X", List.of("192.0.2.4")));
        texts = new AdvisoryTexts(new FreemarkerTemplates(templateDir).open(AdvisoryTexts.SET));
    }

    /** The service with 3 tries, 20 ms apart. */
    public AdvisoryService service(Mailer mailer) {
        return new AdvisoryService(store, registry, texts, mailer, 3, List.of(Duration.ofMillis(20)), Clock.systemUTC(),
                null);
    }
}
