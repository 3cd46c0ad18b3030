package io.yagura.emulator.panos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The emulated PAN-OS configuration tree: set merges as PAN-OS does, xpath steps are strict. */
class PanOsConfigTest {

    private static final String ADDRESS = "/config/devices/entry[@name='d']/vsys/entry[@name='vsys1']/address";

    @Test
    void setCreatesTheMissingPathAndMergesEntriesByNameAndMembersOnce() {
        PanOsConfig config = PanOsConfig.parse("<config/>");

        config.set(ADDRESS, "<entry name='a'><ip-netmask>192.0.2.1/32</ip-netmask><tag><member>t</member></tag></entry>");
        config.set(ADDRESS, "<entry name='a'><ip-netmask>192.0.2.2/32</ip-netmask><tag><member>t</member>"
                + "<member>u</member></tag></entry>");

        assertEquals("<entry name=\"a\"><ip-netmask>192.0.2.2/32</ip-netmask><tag><member>t</member>"
                + "<member>u</member></tag></entry>", PanOsConfig.write(config.find(ADDRESS + "/entry[@name='a']")));
    }

    @Test
    void deleteRemovesOnlyTheNamedEntry() {
        PanOsConfig config = PanOsConfig.parse("<config/>");
        config.set(ADDRESS, "<entry name='a'/><entry name='b'/>");

        config.delete(ADDRESS + "/entry[@name='a']");

        assertNull(config.find(ADDRESS + "/entry[@name='a']"));
        assertEquals("b", config.find(ADDRESS + "/entry[@name='b']").getAttribute("name"));
        assertFalse(config.delete(ADDRESS + "/entry[@name='a']"));
    }

    @Test
    void xpathOutsideTheSupportedFormIsRefused() {
        PanOsConfig config = PanOsConfig.parse("<config/>");

        assertThrows(IllegalArgumentException.class, () -> config.find("//entry"));
        assertThrows(IllegalArgumentException.class, () -> config.find("/config/devices/entry[@name='x' or 1=1]"));
    }
}
