package io.yagura.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.templates.freemarker.FreemarkerTemplates;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The DS component as SCR drives it: configuration in, proof of delivery into the incident store. */
class MailChannelComponentTest {

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(true);

    private final List<Object> stored = new CopyOnWriteArrayList<>();

    private IncidentStore store() {
        return (IncidentStore) Proxy.newProxyInstance(IncidentStore.class.getClassLoader(),
                new Class<?>[] {IncidentStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "addAttempt", "updateNotification" -> {
                        stored.add(args[0]);
                        yield method.getName().equals("updateNotification") ? args[0] : null;
                    }
                    case "toString" -> "store";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private MailConfig config(Map<String, Object> values) {
        return (MailConfig) Proxy.newProxyInstance(MailConfig.class.getClassLoader(), new Class<?>[] {MailConfig.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    @TempDir
    Path templates;

    private FreemarkerTemplates templateService;

    private MailChannelComponent component() throws Exception {
        templateService = new FreemarkerTemplates(templates);
        MailChannelComponent c = new MailChannelComponent();
        set(c, "store", store());
        set(c, "templateService", templateService);
        return c;
    }

    private static void set(MailChannelComponent c, String field, Object value) throws Exception {
        Field f = MailChannelComponent.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(c, value);
    }

    @Test
    void deliverRecordsAttemptsAndTheNotificationInTheStore() throws Exception {
        MailChannelComponent c = component();
        c.activate(config(Map.of("host", GREENMAIL.getSmtp().getBindTo(), "port", GREENMAIL.getSmtp().getPort(),
                "security", MailSettings.Security.NONE, "from", Fixtures.SOC_FROM)));
        try {
            Notification n = Fixtures.notice("N-COMP", "incident", "en", Level.EMERGENCY, Duration.ofMinutes(1));
            Notification done = c.deliver(n, Fixtures.incident(Level.EMERGENCY, false)).get(20, TimeUnit.SECONDS);

            assertEquals("delivered", done.status(), "delivered");
            assertEquals(2, stored.size(), "one attempt and one notification update stored: " + stored);
            assertTrue(stored.get(0) instanceof DeliveryAttempt a && a.outcome().equals("delivered")
                    && a.answer().startsWith("250"), "attempt stored: " + stored.get(0));
            assertEquals(done, stored.get(1), "notification updated in the store");
        } finally {
            c.deactivate();
        }
        assertThrows(IllegalStateException.class, () -> c.deliver(Fixtures.notice("N-X", "incident", "en",
                Level.EMERGENCY, null), Fixtures.incident(Level.EMERGENCY, false)), "not active after deactivate");
    }

    @Test
    void changedTemplatesAreUsedAndABadOneIsReportedWhileTheBundledOneIsUsed() throws Exception {
        MailChannelComponent c = component();
        Path dir = templates;
        Files.createDirectories(dir.resolve("en"));
        Files.writeString(dir.resolve("en/incident.txt"), "Subject: v1 {{incident.id}}\n\nbody\n");
        c.activate(config(Map.of("host", GREENMAIL.getSmtp().getBindTo(), "port", GREENMAIL.getSmtp().getPort(),
                "security", MailSettings.Security.NONE)));
        try {
            assertTrue(Files.isRegularFile(dir.resolve("en/mail/incident.ftl")), "old-syntax file converted at start");
            c.deliver(Fixtures.notice("N-V1", "incident", "en", Level.EMERGENCY, null),
                    Fixtures.incident(Level.EMERGENCY, false)).get(20, TimeUnit.SECONDS);
            assertEquals("v1 " + Fixtures.INCIDENT_ID, GREENMAIL.getReceivedMessages()[0].getSubject(), "converted");

            Files.writeString(dir.resolve("en/mail/incident.ftl"), "Subject: v2 ${incident.id}\n\nbody\n");
            assertEquals(1, templateService.reloadChanged().size(), "the change is seen");
            c.deliver(Fixtures.notice("N-V2", "incident", "en", Level.EMERGENCY, null),
                    Fixtures.incident(Level.EMERGENCY, false)).get(20, TimeUnit.SECONDS);
            assertEquals("v2 " + Fixtures.INCIDENT_ID, GREENMAIL.getReceivedMessages()[1].getSubject(), "new template");

            Files.writeString(dir.resolve("en/mail/incident.ftl"), "Subject: ${nope}\n\nbody\n");
            templateService.reloadChanged();
            assertEquals(List.of(dir.resolve("en/mail/incident.ftl") + ":1:12: unknown name or no value: ${nope}"),
                    templateService.catalogues().get(0).problems().stream().map(Object::toString).toList(), "problem");
            c.deliver(Fixtures.notice("N-V3", "incident", "en", Level.EMERGENCY, null),
                    Fixtures.incident(Level.EMERGENCY, false)).get(20, TimeUnit.SECONDS);
            assertTrue(GREENMAIL.getReceivedMessages()[2].getSubject().startsWith("[Yagura][EMERGENCY] "),
                    "the bundled template is used instead of the bad one");
        } finally {
            c.deactivate();
        }
        assertEquals(List.of(), templateService.catalogues(), "catalogue closed with the channel");
    }
}
