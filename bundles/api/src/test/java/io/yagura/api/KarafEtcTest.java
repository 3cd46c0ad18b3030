package io.yagura.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ${karaf.etc} in the paths a typed configuration's defaults name. */
class KarafEtcTest {

    private final String before = System.getProperty("karaf.etc");

    @AfterEach
    void restoreTheProperty() {
        if (before == null) {
            System.clearProperty("karaf.etc");
        } else {
            System.setProperty("karaf.etc", before);
        }
    }

    @Test
    void thePlaceholderBecomesKarafsEtcDirectory() {
        System.setProperty("karaf.etc", "/opt/yagura/etc");
        assertEquals(Path.of("/opt/yagura/etc/yagura/templates"), KarafEtc.resolve(" ${karaf.etc}/yagura/templates "));
        assertEquals(Path.of("/srv/templates"), KarafEtc.resolve("/srv/templates"), "a path without it is kept");
    }

    @Test
    void outsideKarafTheDirectoryIsEtcUnderTheWorkingDirectory() {
        System.clearProperty("karaf.etc");
        assertEquals(Path.of("etc/yagura/phone-readings.properties"),
                KarafEtc.resolve("${karaf.etc}/yagura/phone-readings.properties"));
    }
}
