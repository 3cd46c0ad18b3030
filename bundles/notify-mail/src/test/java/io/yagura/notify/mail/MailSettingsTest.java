package io.yagura.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings, their defaults from the OSGi configuration, and secrets kept out of text. */
class MailSettingsTest {

    /** A MailConfig with the annotation's defaults, as Config Admin gives without a cfg file. */
    static MailConfig defaults() {
        return (MailConfig) Proxy.newProxyInstance(MailConfig.class.getClassLoader(), new Class<?>[] {MailConfig.class},
                (proxy, method, args) -> method.getDefaultValue());
    }

    @Test
    void configurationDefaultsGiveTheDocumentedRetrySchedule() {
        MailSettings s = MailChannelComponent.settings(defaults());
        assertEquals(MailSettings.Security.STARTTLS, s.security(), "STARTTLS by default");
        assertEquals(587, s.port(), "submission port");
        assertEquals(6, s.maxAttempts(), "first attempt and five retries");
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofMinutes(2), Duration.ofMinutes(5)),
                List.of(s.delayBefore(1), s.delayBefore(2), s.delayBefore(3), s.delayBefore(4), s.delayBefore(5),
                        s.delayBefore(6)), "delay before each attempt");
        assertEquals(Duration.ofMinutes(5), s.delayBefore(9), "the last delay repeats");
        assertFalse(s.authenticate(), "no login without a user name");
        assertTrue(s.checkServerIdentity(), "server identity checked");
    }

    @Test
    void durationsParseInShortAndIsoForm() {
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofHours(1),
                Duration.ofSeconds(90)), MailSettings.parseDurations("500ms, 2s 5m,1h, PT1M30S"), "parsed");
        assertThrows(IllegalArgumentException.class, () -> MailSettings.parseDurations("2 minutes"), "refused");
    }

    @Test
    void passwordNeverShowsInText() {
        MailSettings s = Fixtures.settings("smtp.example", 587).username("soc").password("hunter2-Secret").build();
        assertFalse(s.toString().contains("hunter2-Secret"), "toString masks the password: " + s);
        assertTrue(s.toString().contains("password=********"), "masked");
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Fixtures.settings("", 25).build(), "empty host");
        assertThrows(IllegalArgumentException.class, () -> Fixtures.settings("h", 0).build(), "port 0");
        assertThrows(IllegalArgumentException.class, () -> Fixtures.settings("h", 25).maxAttempts(0).build(), "0 attempts");
        assertThrows(IllegalArgumentException.class, () -> Fixtures.settings("h", 25).maxAttempts(3)
                .backoff(List.of()).build(), "retries without delays");
        assertThrows(IllegalArgumentException.class, () -> new MailSender(Fixtures.settings("h", 25)
                .from("not an address <").build()), "bad From");
    }

    @Test
    void templateDirectoryResolvesKarafEtc() {
        String old = System.getProperty("karaf.etc");
        System.setProperty("karaf.etc", "/opt/yagura/etc");
        try {
            assertEquals(Path.of("/opt/yagura/etc/yagura/templates"),
                    MailChannelComponent.templatesDir("${karaf.etc}/yagura/templates"), "substituted");
            assertEquals(null, MailChannelComponent.templatesDir(" "), "blank: none");
        } finally {
            if (old == null) {
                System.clearProperty("karaf.etc");
            } else {
                System.setProperty("karaf.etc", old);
            }
        }
    }
}
