package io.yagura.notify.phone;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.store.JdbcAcknowledgements;
import io.yagura.store.JdbcIncidentStore;
import io.yagura.templates.freemarker.FreemarkerTemplates;
import io.yagura.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The real incident store and acknowledgements on an embedded H2, a customer with phone contacts, the templates. */
final class Platform {

    final JdbcIncidentStore store;
    final JdbcAcknowledgements acks;
    final List<Contact> contacts = new ArrayList<>();

    Platform() throws Exception {
        DataSource h2 = TestDatabases.freshH2();
        store = new JdbcIncidentStore(h2);
        acks = new JdbcAcknowledgements(h2, store);
    }

    Contact contact(String name, String phone, String language, String hours) {
        Contact c = new Contact(name, name.toLowerCase().replace(' ', '.') + "@acme.example", phone,
                contacts.size() + 1, List.of("phone"), List.of(), language, hours);
        contacts.add(c);
        return c;
    }

    Optional<Customer> customer(String id) {
        return "acme".equals(id) ? Optional.of(new Customer("acme", "ACME Trading", List.of(), contacts, null))
                : Optional.empty();
    }

    /** An incident of acme at {@code level}, with one pending phone notice per contact, as the dispatcher makes them. */
    Incident incident(Level level) {
        Instant now = Instant.now();
        Incident i = store.create(Incident.builder().id("INC-" + UUID.randomUUID().toString().substring(0, 8))
                .customerId("acme").key("k" + UUID.randomUUID()).proposedLevel(level).status(IncidentStatus.NEW)
                .category("intrusion").title("Web shell on the web server").attackers(List.of("203.0.113.7"))
                .targets(List.of("192.0.2.10")).rules(List.of("r")).rationale(List.of("why")).eventCount(3)
                .firstSeen(now).lastSeen(now).detectedAt(now).deadline(now.plusSeconds(60)).references(List.of())
                .version(0).build());
        int k = 0;
        for (Contact c : contacts) {
            k++;
            store.createNotification(new Notification(i.id() + "-N" + k, i.id(), "acme", "incident", "phone", c.phone(),
                    c.language(), level, now, "pending", i.deadline(), null, null));
        }
        return i;
    }

    Notification notice(Incident i, int k) {
        return store.notifications(i.id()).stream().filter(n -> n.id().equals(i.id() + "-N" + k)).findFirst()
                .orElseThrow();
    }

    static PhoneTemplates templates(Readings readings) {
        return templates(Path.of("target", "no-operator-templates"), readings);
    }

    static PhoneTemplates templates(Path operatorDir, Readings readings) {
        return new PhoneTemplates(new FreemarkerTemplates(operatorDir).open(PhoneTemplates.SET), readings);
    }
}
